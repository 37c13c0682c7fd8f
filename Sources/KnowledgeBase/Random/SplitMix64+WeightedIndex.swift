import Foundation

extension SplitMix64 {
    /// An index in `0..<count` drawn with probability `weight(i) / total`: the one linear
    /// weighted draw every sampler shares (alias tables serve the repeated draws).
    ///
    /// `total` must be the sum of `weight(i)` over the indices. Indices of weight 0 are never
    /// drawn; when rounding leaves the draw past the end, the last index of positive weight
    /// is taken. Nil when no weight is positive.
    @inlinable
    public mutating func nextIndex(count: Int, total: Double, weight: (Int) -> Double) -> Int? {
        guard total > 0, total.isFinite else { return nil }
        var u = nextUnit() * total
        var last: Int?
        for i in 0..<count {
            let w = weight(i)
            guard w > 0 else { continue }
            last = i
            u -= w
            if u < 0 { return i }
        }
        return last
    }

    /// An index drawn with probability proportional to `weights[i]`.
    @inlinable
    public mutating func nextIndex(weights: [Double]) -> Int? {
        var total = 0.0
        for w in weights { total += w }
        return nextIndex(count: weights.count, total: total) { weights[$0] }
    }

    /// An index drawn with probability proportional to `exp(logWeights[i])`, computed
    /// relative to the largest so that no weight overflows or underflows to nothing.
    @inlinable
    public mutating func nextIndex(logWeights: [Double]) -> Int? {
        guard let largest = logWeights.max(), largest > -.infinity else { return nil }
        return nextIndex(weights: logWeights.map { Foundation.exp($0 - largest) })
    }
}
