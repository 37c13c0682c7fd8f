import KnowledgeBase
import TextAnalysis
import XCTest

final class MinHashTests: XCTestCase {
    /// A word of letters only (no number word), distinct for every `i`.
    static func word(_ prefix: String, _ i: Int) -> String {
        var letters = "", n = i
        repeat {
            letters.append(Character(UnicodeScalar(UInt8(0x61 + n % 26))))
            n /= 26
        } while n > 0
        return prefix + "q" + letters
    }

    /// Two texts whose word sets (1-word shingles) have `shared` words in common and `only`
    /// words each of their own: Jaccard = shared / (shared + 2 · only).
    static func pair(shared: Int, only: Int) -> (String, String, Double) {
        let common = (0..<shared).map { word("c", $0) }
        let a = common + (0..<only).map { word("a", $0) }
        let b = common + (0..<only).map { word("b", $0) }
        return (a.joined(separator: " "), b.joined(separator: " "), Double(shared) / Double(shared + 2 * only))
    }

    var unigrams: MinHasher {
        var settings = MinHashSettings()
        settings.ngram = 1
        return MinHasher(settings: settings)
    }

    func testEstimatesTheJaccardSimilarityOfHandMadePairs() {
        // 256 permutations: the estimate's standard deviation is at most 0.031; allow 3.5 of them.
        for (shared, only) in [(120, 0), (90, 10), (100, 25), (60, 40), (30, 60), (10, 95), (0, 100)] {
            let (a, b, jaccard) = Self.pair(shared: shared, only: only)
            let estimate = MinHasher.similarity(unigrams.signature(of: a), unigrams.signature(of: b))
            XCTAssertEqual(estimate, jaccard, accuracy: 0.11, "shared \(shared), only \(only)")
            if shared == 0 { XCTAssertLessThan(estimate, 0.05) }
            if only == 0 { XCTAssertEqual(estimate, 1) }
        }
    }

    func testWordFiveGramShinglesOfAKnownOverlap() {
        // 40 words; the second text changes word 20: the 5 shingles that contain it differ, so
        // 31 of 36 shingles are shared by both: Jaccard 31 / 41.
        let words = (0..<40).map { Self.word("w", $0) }
        var changed = words
        changed[20] = "different"
        let hasher = MinHasher(settings: MinHashSettings())
        let estimate = MinHasher.similarity(hasher.signature(of: words.joined(separator: " ")), hasher.signature(of: changed.joined(separator: " ")))
        XCTAssertEqual(estimate, 31.0 / 41.0, accuracy: 0.11)
    }

    func testSignaturesDependOnTheSeedOnly() {
        let text = "Tom has 3 apples and buys twice as many pears at the market."
        var other = MinHashSettings()
        other.seed = 7
        XCTAssertEqual(MinHasher(settings: MinHashSettings()).signature(of: text), MinHasher(settings: MinHashSettings()).signature(of: text))
        XCTAssertNotEqual(MinHasher(settings: MinHashSettings()).signature(of: text), MinHasher(settings: other).signature(of: text))
    }

    func testNumbersAreMaskedBeforeShingling() {
        XCTAssertEqual(MaskedWords.words("Tom has $3.50, twice 4/5 of Ann's."), ["tom", "has", "#", "#", "#", "of", "ann", "s"])
        let hasher = MinHasher(settings: MinHashSettings())
        XCTAssertEqual(
            hasher.signature(of: "A train travels 270 miles in 3 hours at the same rate"),
            hasher.signature(of: "A train travels 360 miles in 5 hours at the same rate"))
    }

    func testTheBandingCurveMatchesItsFormula() {
        let settings = MinHashSettings()
        XCTAssertEqual(settings.candidateProbability(0.7), 1 - pow(1 - pow(0.7, 10), 25), accuracy: 1e-12)
        XCTAssertGreaterThan(settings.candidateProbability(0.9), 0.99)
        XCTAssertLessThan(settings.candidateProbability(0.3), 0.001)
        var bad = MinHashSettings()
        bad.bands = 30
        XCTAssertNotNil(bad.problem)
    }
}
