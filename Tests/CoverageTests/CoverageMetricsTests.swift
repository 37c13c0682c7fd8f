import Sampling
import TextAnalysis
import XCTest

@testable import Coverage
@testable import KnowledgeBase

/// The coverage measures on distributions worked out by hand (docs/coverage.md shows the same
/// examples).
final class CoverageMetricsTests: XCTestCase {
    func testEntropyIsInBitsAndIgnoresEmptyAreas() {
        XCTAssertEqual(CoverageMetrics.entropyBits([1, 1, 0, 0]), 1, accuracy: 1e-12)
        // p = (1/2, 1/4, 1/4): 1/2·1 + 2·1/4·2 = 1.5 bits.
        XCTAssertEqual(CoverageMetrics.entropyBits([2, 1, 1]), 1.5, accuracy: 1e-12)
        XCTAssertEqual(CoverageMetrics.entropyBits([5]), 0, accuracy: 1e-12)
        XCTAssertEqual(CoverageMetrics.entropyBits([0, 0]), 0)
    }

    func testNormalisedEntropyDividesByLog2OfEveryArea() {
        // Two of four areas used evenly: 1 bit of log2(4) = 2.
        XCTAssertEqual(CoverageMetrics.normalisedEntropy([1, 1, 0, 0]), 0.5, accuracy: 1e-12)
        XCTAssertEqual(CoverageMetrics.normalisedEntropy([2, 1, 1]), 1.5 / log2(3.0), accuracy: 1e-12)
        XCTAssertEqual(CoverageMetrics.normalisedEntropy([3, 3, 3]), 1, accuracy: 1e-12)
        XCTAssertEqual(CoverageMetrics.normalisedEntropy([7]), 0)
    }

    func testGiniCountsEmptyAreas() {
        XCTAssertEqual(CoverageMetrics.gini([1, 1, 1, 1]), 0, accuracy: 1e-12)
        // Everything in one of four areas: (N − 1)/N.
        XCTAssertEqual(CoverageMetrics.gini([0, 0, 0, 4]), 0.75, accuracy: 1e-12)
        // Σ_i Σ_j |x_i − x_j| = 20 for (0, 1, 2, 3); 20 / (2 · 16 · 1.5) = 5/12.
        XCTAssertEqual(CoverageMetrics.gini([3, 0, 2, 1]), 5.0 / 12.0, accuracy: 1e-12)
        // The same used areas with more empty ones are less equal.
        XCTAssertGreaterThan(CoverageMetrics.gini([1, 1, 0, 0, 0, 0]), CoverageMetrics.gini([1, 1]))
        XCTAssertEqual(CoverageMetrics.gini([]), 0)
    }

    func testKLSmoothsTheObservedDistributionWithAPseudoCountPerArea() {
        // q = ((3 + ½)/5, (1 + ½)/5) = (0.7, 0.3).
        XCTAssertEqual(CoverageMetrics.smoothed([3, 1]), [0.7, 0.3])
        XCTAssertEqual(CoverageMetrics.klBits(target: [0.5, 0.5], observed: [3, 1]), 0.125_769_383_497_982_25, accuracy: 1e-12)
        // An empty area costs a finite amount: q = (0.9, 0.1).
        XCTAssertEqual(CoverageMetrics.klBits(target: [0.5, 0.5], observed: [4, 0]), 0.736_965_594_166_206_1, accuracy: 1e-12)
        // Areas with no target add nothing, and observed = target gives 0 (up to the smoothing).
        XCTAssertEqual(CoverageMetrics.klBits(target: [1, 0], observed: [10, 0], alpha: 1e-12), 0, accuracy: 1e-9)
        XCTAssertEqual(CoverageMetrics.klBits(target: [0.25, 0.25, 0.25, 0.25], observed: [5, 5, 5, 5]), 0, accuracy: 1e-12)
    }

    func testLongTailShareIsTheWeightOutsideTheHeaviestFifth() {
        // N = 10: the head is the 2 heaviest areas (10 + 5); the tail holds 5 of 20.
        XCTAssertEqual(CoverageMetrics.longTailShare([10, 5, 3, 1, 1, 0, 0, 0, 0, 0]), 0.25, accuracy: 1e-12)
        // N = 4: the head is ⌈0.8⌉ = 1 area.
        XCTAssertEqual(CoverageMetrics.longTailShare([1, 1, 1, 1]), 0.75, accuracy: 1e-12)
        XCTAssertEqual(CoverageMetrics.longTailShare([0, 0, 9, 0]), 0, accuracy: 1e-12)
        XCTAssertEqual(CoverageMetrics.longTailShare([1, 1, 1, 1], headFraction: 0.5), 0.5, accuracy: 1e-12)
    }

    func testProblemsNeededBringTheShareToTheTarget() {
        // (0.1 · 100 − 0) / 0.9 = 11.1 → 12; then 12 / 112 ≥ 0.1.
        XCTAssertEqual(CoverageMetrics.problemsNeeded(weight: 0, total: 100, target: 0.1), 12)
        XCTAssertEqual(CoverageMetrics.problemsNeeded(weight: 10, total: 100, target: 0.1), 0)
        XCTAssertEqual(CoverageMetrics.problemsNeeded(weight: 20, total: 100, target: 0.1), 0)
        XCTAssertEqual(CoverageMetrics.problemsNeeded(weight: 0, total: 0, target: 1), 0)
    }
}
