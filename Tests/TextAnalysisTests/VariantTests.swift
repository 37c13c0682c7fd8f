import KnowledgeBase
import TextAnalysis
import XCTest

final class VariantTests: XCTestCase {
    func r(_ n: Int, _ d: Int = 1) -> Rational { Rational(n, d)! }

    func testRationalArithmeticIsExactAndChecksOverflow() {
        XCTAssertEqual(Rational(text: "0.75"), r(3, 4))
        XCTAssertEqual(Rational(text: "1,200"), r(1200))
        XCTAssertEqual(Rational(text: ".5"), r(1, 2))
        XCTAssertEqual(Rational(text: "3/4"), r(3, 4))
        XCTAssertEqual(r(1, 3) + r(1, 6), r(1, 2))
        XCTAssertEqual((r(1, 10) + r(2, 10))! * r(10), r(3))
        XCTAssertNil(r(1) / r(0))
        XCTAssertNil(r(Int.max) * r(2))
        XCTAssertEqual(r(5, 2).decimalText(), "2.5")
        XCTAssertNil(r(1, 3).decimalText())
    }

    /// GSM8K train, line 1 (Natalia) and test, line 1 (Janet), as they are.
    let natalia = (
        "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?",
        "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72"
    )
    let janet = (
        "Janet’s ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes muffins for her friends every day with four. She sells the remainder at the farmers' market daily for $2 per fresh duck egg. How much in dollars does she make every day at the farmers' market?",
        "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\nShe makes 9 * 2 = $<<9*2=18>>18 every day at the farmer’s market.\n#### 18"
    )

    func decouple(_ pair: (String, String)) throws -> DecoupledProblem {
        try DecoupledProblem.decouple(problem: pair.0, solution: pair.1).get()
    }

    func testTheOriginalValuesGiveTheOriginalAnswer() throws {
        for pair in [natalia, janet] {
            let decoupled = try decouple(pair)
            XCTAssertEqual(decoupled.answer(for: decoupled.values), decoupled.answer)
        }
    }

    func testVariantAnswersAreRecomputedExactly() throws {
        var random = SplitMix64(seed: 3)
        let natalia = try decouple(self.natalia)
        XCTAssertEqual(natalia.varied, [0], "48 varies; 'half' keeps its value")
        for variant in natalia.variants(count: 5, random: &random) {
            let clips = variant.values[0]
            XCTAssertEqual(variant.answer, (clips + (clips / r(2))!)!)
            XCTAssertTrue(variant.problem.contains("sold clips to \(variant.texts[0]) of her friends"))
            XCTAssertTrue(clips.numerator % 2 == 0, "an odd number of clips would give half a clip")
        }
        let janet = try decouple(self.janet)
        let variants = janet.variants(count: 5, random: &random)
        XCTAssertEqual(variants.count, 5)
        XCTAssertEqual(Set(variants.map(\.values)).count, 5)
        for variant in variants {
            let eggs = variant.values[0], price = variant.values[3]
            XCTAssertEqual(variant.answer, ((eggs - r(7))! * price)!)
            XCTAssertTrue(variant.problem.contains("for \(variant.texts[3]) per fresh duck egg"))
            XCTAssertTrue(variant.texts[3].hasPrefix("$"))
        }
    }

    func testProblemsThatCannotBeDecoupledSayWhy() {
        // GSM8K train: "25/5=5" and then "5*3" — the 5 could be the problem's or the result.
        let penelope = DecoupledProblem.decouple(
            problem: "Penelope has 5 M&M candies for every 3 Starbursts candies. If she has 25 M&M candies, how many Starbursts candies does she have?",
            solution: "25 makes 25/5 = <<25/5=5>>5 units, so 5*3 = <<5*3=15>>15 Starbursts candies.\n#### 15")
        XCTAssertEqual(penelope.failureReason, .ambiguousNumber)
        let unbound = DecoupledProblem.decouple(problem: "Tom has 4 apples.", solution: "4*17=<<4*17=68>>68\n#### 68")
        XCTAssertEqual(unbound.failureReason, .unboundOperand)
        let inexact = DecoupledProblem.decouple(problem: "Tom has 10 apples for 3 friends.", solution: "10/3=<<10/3=3.33>>3.33\n#### 3.33")
        XCTAssertEqual(inexact.failureReason, .inexactCalculation)
        XCTAssertEqual(DecoupledProblem.decouple(problem: "Tom has 4 apples.", solution: "He has 4.\n#### 4").failureReason, .noCalculations)
    }
}

extension Result where Failure == VariantFailure {
    var failureReason: VariantFailure? {
        if case .failure(let reason) = self { return reason }
        return nil
    }
}
