/// The concept graph in compact flat arrays: what samplers and queries run on.
///
/// Nodes are numbered `0..<nodeCount` in concept-id order. Adjacency is CSR split by the
/// neighbour's kind, so "the KPs next to this topic" is one contiguous slice. Problems are
/// kept as lists of node numbers, for level masks, novelty and few-shot examples.
///
/// Every array is a `FlatArray`: built in memory from the store, or used in place in a
/// memory-mapped snapshot file (`SnapshotFile`); the rest of kg cannot tell the two apart.
public struct GraphSnapshot: Sendable {
    /// One neighbour list kind: edges to topics, or edges to knowledge points.
    public struct Adjacency: Sendable, Equatable {
        /// `offsets[node]..<offsets[node + 1]` indexes `targets` and `counts`.
        public internal(set) var offsets: FlatArray<Int32>
        /// Neighbour node numbers, ascending within each node's slice.
        public internal(set) var targets: FlatArray<Int32>
        /// Co-occurrence counts, parallel to `targets`.
        public internal(set) var counts: FlatArray<Int32>

        @inlinable
        public func range(of node: Int) -> Range<Int> {
            Int(offsets[node])..<Int(offsets[node + 1])
        }
    }

    /// A seed problem as node numbers (a view of one `ProblemTable` row).
    public typealias Problem = ProblemTable.Problem

    /// The store's concept ids, by node.
    public internal(set) var conceptIDs: FlatArray<Int64>
    public internal(set) var kinds: FlatArray<ConceptKind>
    public internal(set) var names: StringTable
    public internal(set) var problemCounts: FlatArray<Int32>
    /// Bit `level.rank` is set when some problem of that level mentions the node.
    public internal(set) var levelMasks: FlatArray<LevelSet>
    /// The problems' sources, sorted by name.
    public internal(set) var sourceNames = StringTable([])
    /// Bit i is set when some problem from `sourceNames[i]` mentions the node (the first
    /// 64 sources; a knowledge base with more keeps the rest in `extraSources`).
    public internal(set) var sourceMasks = FlatArray<UInt64>()
    /// Sources beyond the 64th that mention a node, by node (rare).
    public internal(set) var extraSources: [Int32: Set<Int32>] = [:]
    /// Neighbours that are topics, and neighbours that are KPs.
    public internal(set) var adjacency: PerKind<Adjacency>
    public internal(set) var problems = ProblemTable()
    /// Per-sample lookups over the problems (empty when the problems were not read).
    public internal(set) var problemIndex = ProblemIndex()
    /// Stored keys, aliases and name order (empty for a snapshot no store built).
    public internal(set) var nameIndex = NameIndex()

    public var nodeCount: Int { conceptIDs.count }

    /// The adjacency to neighbours of `kind`.
    @inlinable
    public func neighbours(ofKind kind: ConceptKind) -> Adjacency {
        adjacency[kind]
    }

    /// Node numbers of every concept of `kind`, ascending.
    public func nodes(ofKind kind: ConceptKind) -> [Int32] {
        (0..<nodeCount).filter { kinds[$0] == kind }.map { Int32($0) }
    }

    /// The node of a store concept id.
    public func node(forConceptID id: Int64) -> Int? {
        var low = 0, high = conceptIDs.count
        while low < high {
            let mid = (low + high) / 2
            if conceptIDs[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low < conceptIDs.count && conceptIDs[low] == id ? low : nil
    }

    /// Whether some problem from source number `source` mentions `node`.
    public func mentions(node: Int, source: Int) -> Bool {
        source < 64 ? sourceMasks[node] & (1 << UInt64(source)) != 0 : extraSources[Int32(node)]?.contains(Int32(source)) ?? false
    }

    /// Total edges of `node` (to topics and to KPs).
    @inlinable
    public func degree(of node: Int) -> Int {
        adjacency.topic.range(of: node).count + adjacency.kp.range(of: node).count
    }

}

extension GraphSnapshot {
    static func buildAdjacency(
        nodeCount n: Int, kinds: [ConceptKind], neighbourKind: ConceptKind,
        a: [Int32], b: [Int32], counts: [Int32]
    ) -> Adjacency {
        var degree = [Int32](repeating: 0, count: n + 1)
        for i in 0..<a.count {
            if kinds[Int(b[i])] == neighbourKind { degree[Int(a[i]) + 1] += 1 }
            if kinds[Int(a[i])] == neighbourKind { degree[Int(b[i]) + 1] += 1 }
        }
        for i in 0..<n { degree[i + 1] += degree[i] }
        var targets = [Int32](repeating: 0, count: Int(degree[n]))
        var weights = [Int32](repeating: 0, count: Int(degree[n]))
        var fill = degree
        for i in 0..<a.count {
            let x = Int(a[i]), y = Int(b[i])
            if kinds[y] == neighbourKind {
                targets[Int(fill[x])] = Int32(y); weights[Int(fill[x])] = counts[i]; fill[x] += 1
            }
            if kinds[x] == neighbourKind {
                targets[Int(fill[y])] = Int32(x); weights[Int(fill[y])] = counts[i]; fill[y] += 1
            }
        }
        // Sort each slice by neighbour so the order never depends on edge order.
        for node in 0..<n {
            let range = Int(degree[node])..<Int(degree[node + 1])
            if range.count < 2 { continue }
            if zip(range.dropLast(), range.dropFirst()).allSatisfy({ targets[$0] < targets[$1] }) { continue }
            let sorted = range.map { (targets[$0], weights[$0]) }.sorted { $0.0 < $1.0 }
            for (offset, pair) in sorted.enumerated() {
                targets[range.lowerBound + offset] = pair.0
                weights[range.lowerBound + offset] = pair.1
            }
        }
        return Adjacency(offsets: FlatArray(degree), targets: FlatArray(targets), counts: FlatArray(weights))
    }
}
