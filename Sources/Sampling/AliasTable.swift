import KnowledgeBase

/// Draws an index with probability proportional to its weight in O(1) (Walker's alias
/// method, built with Vose's algorithm).
///
/// Construction is deterministic: the same weights give the same table on every machine, so
/// seeded draws are reproducible.
public struct AliasTable: Sendable {
    /// Probability of keeping column `i` rather than taking its alias, scaled to 2^53.
    @usableFromInline var threshold: [UInt64]
    @usableFromInline var alias: [Int32]
    /// The total weight the table was built from.
    public let totalWeight: Double

    /// Builds a table; nil when no weight is positive.
    public init?(weights: [Double]) {
        guard weights.contains(where: { $0 > 0 && $0.isFinite }) else { return nil }
        var threshold = [UInt64](repeating: 0, count: weights.count)
        var alias = [Int32](repeating: 0, count: weights.count)
        totalWeight = threshold.withUnsafeMutableBufferPointer { t in
            alias.withUnsafeMutableBufferPointer { a in
                AliasTable.fill(weights: weights, threshold: t.baseAddress!, alias: a.baseAddress!)
            }
        }
        self.threshold = threshold
        self.alias = alias
    }

    /// Vose's algorithm into caller-owned storage (`weights.count` slots each); returns the
    /// total weight. Non-positive or non-finite weights count as 0. `alias` holds indices
    /// relative to the first slot.
    @discardableResult
    package static func fill(weights: [Double], threshold: UnsafeMutablePointer<UInt64>, alias: UnsafeMutablePointer<Int32>) -> Double {
        let n = weights.count
        var total = 0.0
        for w in weights where w > 0 && w.isFinite { total += w }
        guard n > 0, total > 0 else { return 0 }
        var scaled = weights.map { $0 > 0 && $0.isFinite ? $0 * Double(n) / total : 0 }
        var small: [Int] = [], large: [Int] = []
        for i in 0..<n { if scaled[i] < 1 { small.append(i) } else { large.append(i) } }
        var probability = [Double](repeating: 1, count: n)
        for i in 0..<n { alias[i] = Int32(i) }
        while let s = small.popLast() {
            guard let l = large.last else { probability[s] = 1; continue }
            probability[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] = (scaled[l] + scaled[s]) - 1
            if scaled[l] < 1 {
                large.removeLast()
                small.append(l)
            }
        }
        // Whatever is left (rounding) keeps itself.
        for l in large { probability[l] = 1 }
        for i in 0..<n {
            let p = probability[i]
            threshold[i] = p >= 1 ? UInt64(1) << 53 : UInt64((p * 0x1.0p53).rounded(.down))
        }
        return total
    }

    public var count: Int { alias.count }

    /// Draws one index with two random values from `random`.
    @inlinable
    public func draw(_ random: inout SplitMix64) -> Int {
        let column = random.nextInt(below: alias.count)
        let coin = random.next() >> 11
        return coin < threshold[column] ? column : Int(alias[column])
    }

    /// The probability of each index, as the table realises it (for tests).
    public func probabilities() -> [Double] {
        var result = [Double](repeating: 0, count: alias.count)
        let share = 1 / Double(alias.count)
        for i in 0..<alias.count {
            let keep = Double(threshold[i]) / 0x1.0p53
            result[i] += share * keep
            result[Int(alias[i])] += share * (1 - keep)
        }
        return result
    }
}
