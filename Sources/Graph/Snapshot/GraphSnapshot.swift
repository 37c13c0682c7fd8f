/// The concept graph read once from the store into compact arrays: what samplers and
/// queries run on.
///
/// Nodes are numbered `0..<nodeCount` in concept-id order. Adjacency is CSR split by the
/// neighbour's kind, so "the KPs next to this topic" is one contiguous slice. Problems are
/// kept as lists of node numbers, for level masks, novelty and few-shot examples.
public struct GraphSnapshot: Sendable {
    /// One neighbour list kind: edges to topics, or edges to knowledge points.
    public struct Adjacency: Sendable {
        /// `offsets[node]..<offsets[node + 1]` indexes `targets` and `counts`.
        public var offsets: [Int32]
        /// Neighbour node numbers, ascending within each node's slice.
        public var targets: [Int32]
        /// Co-occurrence counts, parallel to `targets`.
        public var counts: [Int32]

        @inlinable
        public func range(of node: Int) -> Range<Int> {
            Int(offsets[node])..<Int(offsets[node + 1])
        }
    }

    /// A seed problem as node numbers.
    public struct Problem: Sendable {
        public var externalID: String
        public var level: Level?
        /// Index into `sourceNames`, or -1 when the problem has no source.
        public var source: Int32
        /// Topic nodes, ascending.
        public var topics: [Int32]
        /// Knowledge point nodes, ascending.
        public var knowledgePoints: [Int32]
    }

    /// The store's concept ids, by node.
    public var conceptIDs: [Int64]
    public var kinds: [ConceptKind]
    public var names: [String]
    public var problemCounts: [Int32]
    /// Bit `level.rank` is set when some problem of that level mentions the node.
    public var levelMasks: [UInt16]
    /// The problems' sources, sorted by name.
    public var sourceNames: [String] = []
    /// Bit i is set when some problem from `sourceNames[i]` mentions the node (the first
    /// 64 sources; a knowledge base with more keeps the rest in `extraSources`).
    public var sourceMasks: [UInt64] = []
    /// Sources beyond the 64th that mention a node, by node (rare).
    public var extraSources: [Int32: Set<Int32>] = [:]
    /// `adjacency[0]`: neighbours that are topics; `adjacency[1]`: neighbours that are KPs.
    public var adjacency: [Adjacency]
    public var problems: [Problem]

    public var nodeCount: Int { conceptIDs.count }

    /// The adjacency to neighbours of `kind`.
    @inlinable
    public func neighbours(ofKind kind: ConceptKind) -> Adjacency {
        adjacency[kind == .topic ? 0 : 1]
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
    public func degree(of node: Int) -> Int {
        adjacency.reduce(0) { $0 + $1.range(of: node).count }
    }

    /// The levels set in a mask, from K to competition.
    public static func levels(in mask: UInt16) -> [Level] {
        Level.allCases.filter { mask & (1 << UInt16($0.rank)) != 0 }
    }
}

extension KnowledgeBase {
    /// Reads the whole graph into memory. Concepts no problem mentions are left out.
    ///
    /// - Parameter includeProblems: also load every problem's concept lists and level
    ///   (needed for level filters, novelty and few-shot examples).
    public func snapshot(includeProblems: Bool = true) throws -> GraphSnapshot {
        var conceptIDs: [Int64] = [], kinds: [ConceptKind] = [], names: [String] = [], counts: [Int32] = []
        let concepts = try database.prepare("SELECT id, kind, name, problem_count FROM concept WHERE problem_count > 0 ORDER BY id")
        while try concepts.step() {
            conceptIDs.append(concepts.int64(0))
            kinds.append(concepts.text(1) == ConceptKind.topic.rawValue ? .topic : .kp)
            names.append(concepts.text(2))
            counts.append(Int32(clamping: concepts.int64(3)))
        }
        let n = conceptIDs.count
        var snapshot = GraphSnapshot(conceptIDs: conceptIDs, kinds: kinds, names: names, problemCounts: counts,
                                     levelMasks: [UInt16](repeating: 0, count: n), adjacency: [], problems: [])

        // Edges, read in pair order; every edge goes into both endpoints' lists.
        var edgeA: [Int32] = [], edgeB: [Int32] = [], edgeCount: [Int32] = []
        let edges = try database.prepare("SELECT a, b, count FROM edge ORDER BY pair")
        while try edges.step() {
            guard let a = snapshot.node(forConceptID: edges.int64(0)), let b = snapshot.node(forConceptID: edges.int64(1)) else { continue }
            edgeA.append(Int32(a))
            edgeB.append(Int32(b))
            edgeCount.append(Int32(clamping: edges.int64(2)))
        }
        snapshot.adjacency = ConceptKind.allCases.map { neighbourKind in
            GraphSnapshot.buildAdjacency(nodeCount: n, kinds: kinds, neighbourKind: neighbourKind, a: edgeA, b: edgeB, counts: edgeCount)
        }

        snapshot.sourceMasks = [UInt64](repeating: 0, count: n)
        if includeProblems {
            let sources = try database.prepare("SELECT DISTINCT source FROM problem WHERE source IS NOT NULL ORDER BY source")
            while try sources.step() { snapshot.sourceNames.append(sources.text(0)) }
            var sourceIndex: [String: Int32] = [:]
            for (i, name) in snapshot.sourceNames.enumerated() { sourceIndex[name] = Int32(i) }
            let problems = try database.prepare("SELECT external_id, level, mentions, source FROM problem ORDER BY id")
            while try problems.step() {
                let level = problems.optionalText(1).flatMap(Level.init(rawValue:))
                let source = problems.optionalText(3).flatMap { sourceIndex[$0] } ?? -1
                guard let list = MentionList(jsonText: problems.text(2)) else { continue }
                var topics: [Int32] = [], kps: [Int32] = []
                for mention in list.mentions {
                    guard let node = snapshot.node(forConceptID: mention.concept) else { continue }
                    if kinds[node] == .topic { topics.append(Int32(node)) } else { kps.append(Int32(node)) }
                    if let level { snapshot.levelMasks[node] |= 1 << UInt16(level.rank) }
                    if source >= 64 {
                        snapshot.extraSources[Int32(node), default: []].insert(source)
                    } else if source >= 0 {
                        snapshot.sourceMasks[node] |= 1 << UInt64(source)
                    }
                }
                snapshot.problems.append(.init(externalID: problems.text(0), level: level, source: source,
                                               topics: topics.sorted(), knowledgePoints: kps.sorted()))
            }
        }
        return snapshot
    }
}

extension GraphSnapshot {
    static func buildAdjacency(nodeCount n: Int, kinds: [ConceptKind], neighbourKind: ConceptKind,
                               a: [Int32], b: [Int32], counts: [Int32]) -> Adjacency {
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
        return Adjacency(offsets: degree, targets: targets, counts: weights)
    }
}
