import KnowledgeBase
import LLMFormats
import TextAnalysis
import XCTest

final class NumberMaskerTests: XCTestCase {
    let masker = NumberMasker()

    func kinds(_ text: String) -> [String] { masker.mask(text).values.map { "\($0.kind.rawValue):\($0.value)" } }

    func testIntegersWithAndWithoutThousandsSeparators() {
        let t = masker.mask("She has 16 eggs and 1,200 coins, not 1,20 or 12,3456.")
        XCTAssertEqual(t.text, "She has {int1} eggs and {int2} coins, not {int3},{int4} or {int5},{int6}.")
        XCTAssertEqual(t.values.map(\.value), ["16", "1200", "1", "20", "12", "3456"])
        XCTAssertEqual(t.values[1].text, "1,200")
    }

    func testDecimalsAndFractions() {
        XCTAssertEqual(kinds("It weighs 2.5 kg, 0.75 of it is water and 3/4 is left."), ["decimal:2.5", "decimal:0.75", "fraction:3/4"])
        XCTAssertEqual(masker.mask("A ratio of 3/4.").text, "A ratio of {fraction1}.")
    }

    func testPercentsInEveryWriting() {
        XCTAssertEqual(kinds("20% off, 12.5 percent tax, 5 per cent tip, and $40\\%$ of it"), ["percent:20", "percent:12.5", "percent:5", "percent:40"])
        XCTAssertEqual(masker.mask("Save 20%.").text, "Save {percent1}.")
    }

    func testMoneyWithDollarSignsButNotLaTeXDelimiters() {
        XCTAssertEqual(kinds("He sells eggs for $2 each and pays $1,250.50."), ["money:2", "money:1250.50"])
        XCTAssertEqual(masker.mask("He earns $\\$$60 a day.").text, "He earns {money1} a day.")
        XCTAssertEqual(kinds("It costs \\$12."), ["money:12"])
        // `$` that opens LaTeX is not a currency sign.
        XCTAssertEqual(kinds("Solve $2x+3=7$ and $5$."), ["int:2", "int:3", "int:7", "int:5"])
        XCTAssertEqual(kinds("What is $3 + 4$?"), ["int:3", "int:4"])
    }

    func testOrdinalsInDigitsAndWords() {
        XCTAssertEqual(kinds("On the 3rd day, the 21st and the twentieth; the first row."), ["ordinal:3", "ordinal:21", "ordinal:20", "ordinal:1"])
        // "second" is a unit of time far more often than an ordinal.
        XCTAssertEqual(kinds("It takes a second."), [])
    }

    func testNumberWords() {
        XCTAssertEqual(
            kinds("She eats three for breakfast, twice a day, half a dozen, twenty-five more, Ninety."),
            ["word:3", "word:2", "word:1/2", "word:12", "word:25", "word:90"])
        XCTAssertEqual(masker.mask("Twenty-five cats").text, "{word1} cats")
        // Words that only contain a number word are left alone.
        XCTAssertEqual(kinds("Someone has a tone and a phone; none of them is often gone."), [])
    }

    func testNumbersInsideLaTeX() {
        let t = masker.mask("Find $\\frac{2}{x^2+x-6}$ at $x = 1.5$ and $\\dfrac{3}{4}$.")
        XCTAssertEqual(t.text, "Find $\\frac{{int1}}{x^{int2}+x-{int3}}$ at $x = {decimal4}$ and ${fraction5}$.")
        XCTAssertEqual(t.values.map(\.value), ["2", "2", "6", "1.5", "3/4"])
        XCTAssertEqual(t.values[4].text, "\\dfrac{3}{4}")
        // A LaTeX command is not a number word.
        XCTAssertEqual(kinds("$\\one$"), [])
    }

    func testProblemsThatDifferOnlyInNumbersShareAKey() {
        let pairs = [
            ("Janet's ducks lay 16 eggs per day. She eats three.", "Janet's ducks lay 22 eggs per day. She eats five."),
            ("A shirt costs $20 and is 25% off.", "A shirt costs $35.50 and is 10 percent off."),
            ("What is $\\frac{1}{2} + 3$?", "What is $\\frac{7}{9} + 11$?"),
            ("Tom has 3 apples.", "Tom has 2.5 apples."),
            ("On the 3rd day  he ran\n4 miles.", "on the 5th day he ran 10 miles."),
        ]
        for (a, b) in pairs {
            XCTAssertEqual(masker.key(of: a), masker.key(of: b), "\(a) | \(b)")
            XCTAssertEqual(masker.mask(a).key, masker.key(of: a))
        }
    }

    func testProblemsThatDifferInWordsHaveDifferentKeys() {
        let pairs = [
            ("Tom has 3 apples.", "Tom has 3 pears."),
            ("Tom has 3 apples.", "Tom has 3 apples each."),
            ("A shirt costs $20.", "A shirt costs 20 dollars."),
            ("What is $3+4$?", "What is $3-4$?"),
        ]
        for (a, b) in pairs {
            XCTAssertNotEqual(masker.key(of: a), masker.key(of: b), "\(a) | \(b)")
        }
    }

    func testTheKeyIsTheStableHashOfTheNormalisedTemplate() {
        let text = "  Tom HAS 3 apples\tand twice as many pears.  "
        XCTAssertEqual(masker.normalisedTemplate(text), "tom has {#} apples and {#} as many pears.")
        XCTAssertEqual(masker.key(of: text), StableID.fnv1a(masker.normalisedTemplate(text)))
        XCTAssertEqual(masker.mask(text).keyHex.count, 16)
    }

    func testTextWithoutNumbersIsItsOwnTemplate() {
        let t = masker.mask("Prove that the square root of a prime is irrational.")
        XCTAssertEqual(t.text, "Prove that the square root of a prime is irrational.")
        XCTAssertTrue(t.values.isEmpty)
    }
}
