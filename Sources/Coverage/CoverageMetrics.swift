import Foundation

/// The diversity and gap measures `kg coverage` reports, as pure functions of per-area
/// weights (`w_i ≥ 0`, one per area of the curriculum, zeros included).
///
/// With `W = Σ w_i`, `p_i = w_i / W` and `N` areas (docs/coverage.md gives worked examples):
/// - `entropyBits`: H = −Σ p_i log2 p_i (0 log 0 = 0);
/// - `normalisedEntropy`: H / log2 N, 1 when every area has the same weight;
/// - `gini`: Σ_i Σ_j |w_i − w_j| / (2 N² mean), over all N areas, so empty areas count:
///   0 when all are equal, (N − 1)/N when one area holds everything;
/// - `klBits`: KL(target ‖ observed) = Σ t_i log2(t_i / q_i) with the observed distribution
///   smoothed by a pseudo-count α per area, q_i = (w_i + α)/(W + αN), so an empty area with a
///   target costs a finite amount; terms with t_i = 0 are 0;
/// - `longTailShare`: the share of the weight outside the head, the ⌈f·N⌉ heaviest areas
///   (f = 0.2 by default): how much of the data lives in the other 80% of the curriculum.
public enum CoverageMetrics {
    /// The pseudo-count added to every area's weight before KL (Jeffreys' ½).
    public static let defaultSmoothing = 0.5
    /// The head's share of the areas for `longTailShare`.
    public static let defaultHeadFraction = 0.2

    public static func entropyBits(_ weights: [Double]) -> Double {
        let total = weights.reduce(0, +)
        guard total > 0 else { return 0 }
        var h = 0.0
        for w in weights where w > 0 {
            let p = w / total
            h -= p * log2(p)
        }
        return max(0, h)
    }

    /// H / log2 N; 0 when N < 2.
    public static func normalisedEntropy(_ weights: [Double]) -> Double {
        weights.count > 1 ? entropyBits(weights) / log2(Double(weights.count)) : 0
    }

    public static func gini(_ weights: [Double]) -> Double {
        let n = weights.count
        let total = weights.reduce(0, +)
        guard n > 0, total > 0 else { return 0 }
        // With weights sorted ascending, Σ_i Σ_j |w_i − w_j| = 2 Σ_i (2i − n − 1) w_(i), i from 1.
        let sorted = weights.sorted()
        var sum = 0.0
        for (offset, w) in sorted.enumerated() { sum += Double(2 * (offset + 1) - n - 1) * w }
        return sum / (Double(n) * total)
    }

    /// The smoothed observed distribution q_i = (w_i + α)/(W + αN).
    public static func smoothed(_ weights: [Double], alpha: Double = defaultSmoothing) -> [Double] {
        let total = weights.reduce(0, +) + alpha * Double(weights.count)
        guard total > 0 else { return weights.map { _ in 0 } }
        return weights.map { ($0 + alpha) / total }
    }

    /// KL(target ‖ smoothed observed) in bits; `target` must sum to 1 and match `weights` in length.
    public static func klBits(target: [Double], observed weights: [Double], alpha: Double = defaultSmoothing) -> Double {
        precondition(target.count == weights.count)
        let q = smoothed(weights, alpha: alpha)
        var kl = 0.0
        for (t, qi) in zip(target, q) where t > 0 {
            guard qi > 0 else { return .infinity }
            kl += t * log2(t / qi)
        }
        return max(0, kl)
    }

    public static func longTailShare(_ weights: [Double], headFraction: Double = defaultHeadFraction) -> Double {
        let total = weights.reduce(0, +)
        guard total > 0, !weights.isEmpty else { return 0 }
        let headCount = min(weights.count, Int((headFraction * Double(weights.count)).rounded(.up)))
        let head = weights.sorted(by: >).prefix(headCount).reduce(0, +)
        return max(0, (total - head) / total)
    }

    /// Problems to add to an area so that its share reaches its target, if the rest stays:
    /// (t·W − w)/(1 − t), rounded up; 0 when it is already there.
    public static func problemsNeeded(weight: Double, total: Double, target: Double) -> Int {
        guard target > 0, target < 1 else { return 0 }
        let needed = (target * total - weight) / (1 - target)
        return needed > 1e-9 ? Int(needed.rounded(.up)) : 0
    }
}
