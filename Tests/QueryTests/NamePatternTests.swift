import KnowledgeBase
import XCTest

@testable import Query

final class NamePatternTests: XCTestCase {
    private func matches(_ pattern: String, _ name: String) -> Bool {
        NamePattern(pattern).matches(ConceptKey(name).rawValue.unicodeScalars.map(\.value)[...])
    }

    func testASubstringOfTheNormalisedNameMatches() {
        XCTAssertTrue(matches("pythag", "Pythagorean theorem"))
        XCTAssertTrue(matches("PROBLEM-SOLVING", "Problem solving strategies"))
        XCTAssertTrue(matches("fractions", "Adding fractions"), "plurals are normalised on both sides")
        XCTAssertTrue(matches("", "anything"))
    }

    func testEveryWordMustBeFoundInAnyOrder() {
        XCTAssertTrue(matches("theorem pyth", "Pythagorean theorem"))
        XCTAssertFalse(matches("theorem fermat", "Pythagorean theorem"))
    }

    func testLongWordsToleratesSmallMisspellings() {
        XCTAssertTrue(matches("pythagorian", "Pythagorean theorem"))
        XCTAssertTrue(matches("probabilty", "Counting & Probability"))
        XCTAssertTrue(matches("theorm", "Pythagorean theorem"))
        XCTAssertTrue(matches("pythagoraen", "Pythagorean theorem"), "two edits for words of nine letters or more")
        XCTAssertFalse(matches("theoerm", "Pythagorean theorem"), "one edit for shorter words")
    }

    func testShortWordsAndFirstLettersMustBeExact() {
        XCTAssertFalse(matches("area", "Greatest common factor"), "a four-letter word is never fuzzy")
        XCTAssertFalse(matches("area", "squares are nonnegative"))
        XCTAssertFalse(matches("cquation", "Linear equations"), "the first letter must agree")
        XCTAssertTrue(matches("area", "Converting between units of area"))
    }

    func testTheEditDistanceIsBoundedAndExact() {
        func d(_ a: String, _ b: String, _ limit: Int = 10) -> Int {
            NamePattern.distance(a.unicodeScalars.map(\.value)[...], b.unicodeScalars.map(\.value)[...], limit: limit)
        }
        XCTAssertEqual(d("kitten", "sitting"), 3)
        XCTAssertEqual(d("", "abc"), 3)
        XCTAssertEqual(d("θé", "θe"), 1)
        XCTAssertEqual(d("abcdef", "uvwxyz", 2), 3, "stops at limit + 1")
        XCTAssertEqual(d("ab", "abcdef", 1), 2)
    }
}
