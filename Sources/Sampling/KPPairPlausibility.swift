import KnowledgeBase

/// Whether two knowledge points make a plausible pair in one problem, by the seed problems: they
/// co-occur in some seed problem (a KP–KP edge), or some topic co-occurs with both (each is
/// mentioned with that topic in some seed problem). The figure behind the report's
/// `kp_pair_plausibility`.
///
/// Reads the whole snapshot, not a sampler's pool, so that the answer does not depend on
/// `--min-count` or `--level`. Answers are cached per pair.
public struct KPPairPlausibility {
    public let snapshot: GraphSnapshot
    private var cache: [UInt64: Bool] = [:]

    public init(snapshot: GraphSnapshot) {
        self.snapshot = snapshot
    }

    /// Whether `a` and `b` co-occur in a seed problem or share a topic that co-occurs with each.
    public mutating func isPlausible(_ a: Int32, _ b: Int32) -> Bool {
        let (low, high) = a < b ? (a, b) : (b, a)
        let key = UInt64(UInt32(bitPattern: low)) << 32 | UInt64(UInt32(bitPattern: high))
        if let known = cache[key] { return known }
        let answer = cooccur(low, high) || shareATopic(low, high)
        cache[key] = answer
        return answer
    }

    /// Whether `a` and `b` are adjacent in the KP–KP graph (rows are sorted: a binary search).
    func cooccur(_ a: Int32, _ b: Int32) -> Bool {
        let adjacency = snapshot.adjacency.kp
        var low = Int(adjacency.offsets[Int(a)]), high = Int(adjacency.offsets[Int(a) + 1])
        while low < high {
            let mid = (low + high) / 2
            if adjacency.targets[mid] < b { low = mid + 1 } else { high = mid }
        }
        return low < Int(adjacency.offsets[Int(a) + 1]) && adjacency.targets[low] == b
    }

    /// Whether `a` and `b` have a topic neighbour in common.
    func shareATopic(_ a: Int32, _ b: Int32) -> Bool {
        let adjacency = snapshot.adjacency.topic
        var i = adjacency.range(of: Int(a)).lowerBound, j = adjacency.range(of: Int(b)).lowerBound
        let endA = adjacency.range(of: Int(a)).upperBound, endB = adjacency.range(of: Int(b)).upperBound
        while i < endA && j < endB {
            let x = adjacency.targets[i], y = adjacency.targets[j]
            if x == y { return true }
            if x < y { i += 1 } else { j += 1 }
        }
        return false
    }
}
