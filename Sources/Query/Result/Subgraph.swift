import KnowledgeBase

/// A piece of the concept graph: concepts and the co-occurrence edges among them, with
/// their counts — what `kg render` draws and what the DOT, GraphML and JSON exports write.
///
/// Nodes are in ascending node order and edges in ascending `(a, b)` order with `a < b`,
/// so two equal subgraphs are equal values and export to identical bytes.
public struct Subgraph: Equatable, Sendable {
    /// One concept.
    public struct Node: Equatable, Sendable {
        /// The node number in the snapshot the subgraph came from.
        public var node: Int32
        /// The store's concept id (stable across snapshots of the same file).
        public var conceptID: Int64
        /// Topic or knowledge point.
        public var kind: ConceptKind
        /// The display name.
        public var name: String
        /// Problems that mention the concept.
        public var problems: Int
        /// Edges of the concept in the whole graph (not only in the subgraph).
        public var degree: Int
        /// The levels at which the concept occurs, K first (empty when the snapshot has no masks).
        public var levels: [Level]
        /// The sources of the problems that mention it, by name (empty without masks).
        public var sources: [String]

        public init(
            node: Int32, conceptID: Int64, kind: ConceptKind, name: String, problems: Int,
            degree: Int = 0, levels: [Level] = [], sources: [String] = []
        ) {
            self.node = node
            self.conceptID = conceptID
            self.kind = kind
            self.name = name
            self.problems = problems
            self.degree = degree
            self.levels = levels
            self.sources = sources
        }
    }

    /// One undirected co-occurrence edge between node numbers `a < b`.
    public struct Edge: Hashable, Sendable {
        /// The lower node number.
        public var a: Int32
        /// The higher node number.
        public var b: Int32
        /// Problems that mention both ends.
        public var count: Int

        /// An edge between `x` and `y` in either order.
        public init(_ x: Int32, _ y: Int32, count: Int) {
            a = min(x, y)
            b = max(x, y)
            self.count = count
        }

        /// The pair as one sortable key.
        var pair: Int64 { Int64(a) << 32 | Int64(b) }
    }

    /// Nodes, ascending by node number.
    public var nodes: [Node]
    /// Edges, ascending by `(a, b)`; both ends are in `nodes`.
    public var edges: [Edge]

    public init(nodes: [Node], edges: [Edge]) {
        self.nodes = nodes
        self.edges = edges
    }

    /// The subgraph of `snapshot` with exactly these nodes (any order, duplicates ignored)
    /// and these edges (dropped when an end is not among the nodes).
    public init(snapshot: GraphSnapshot, nodes: [Int32], edges: [Edge]) {
        var member = [Bool](repeating: false, count: snapshot.nodeCount)
        for n in nodes { member[Int(n)] = true }
        let sorted = (0..<snapshot.nodeCount).filter { member[$0] }.map { Int32($0) }
        var kept = edges.filter { member[Int($0.a)] && member[Int($0.b)] }
        kept.sort { $0.pair < $1.pair }
        var unique: [Edge] = []
        unique.reserveCapacity(kept.count)
        for e in kept where unique.last?.pair != e.pair { unique.append(e) }
        self.init(snapshot: snapshot, sortedNodes: sorted, sortedEdges: unique)
    }

    /// The subgraph of `snapshot` induced by `nodes`: the nodes and every edge between two of them.
    public init(snapshot: GraphSnapshot, inducedBy nodes: [Int32]) {
        var member = [Bool](repeating: false, count: snapshot.nodeCount)
        for n in nodes { member[Int(n)] = true }
        let sorted = (0..<snapshot.nodeCount).filter { member[$0] }.map { Int32($0) }
        self.init(snapshot: snapshot, sortedNodes: sorted, sortedEdges: snapshot.edges(among: sorted))
    }

    private init(snapshot: GraphSnapshot, sortedNodes: [Int32], sortedEdges: [Edge]) {
        nodes = sortedNodes.map { n in
            let i = Int(n)
            let sources = snapshot.sourceNames.indices.filter { snapshot.mentions(node: i, source: $0) }.map { snapshot.sourceNames[$0] }
            return Node(
                node: n, conceptID: snapshot.conceptIDs[i], kind: snapshot.kinds[i],
                name: snapshot.names[i], problems: Int(snapshot.problemCounts[i]),
                degree: snapshot.degree(of: i), levels: snapshot.levelMasks[i].levels, sources: sources)
        }
        edges = sortedEdges
    }

    /// The position of node number `node` in `nodes`, if present.
    public func index(of node: Int32) -> Int? {
        var low = 0, high = nodes.count
        while low < high {
            let mid = (low + high) / 2
            if nodes[mid].node < node { low = mid + 1 } else { high = mid }
        }
        return low < nodes.count && nodes[low].node == node ? low : nil
    }
}

extension GraphSnapshot {
    /// Every edge with both ends in `nodes` (ascending, no duplicates), ascending by `(a, b)`.
    func edges(among nodes: [Int32]) -> [Subgraph.Edge] {
        var member = [Bool](repeating: false, count: nodeCount)
        for n in nodes { member[Int(n)] = true }
        var result: [Subgraph.Edge] = []
        for a in nodes {
            var found: [Subgraph.Edge] = []
            for adjacency in self.adjacency {
                for i in adjacency.range(of: Int(a)) {
                    let b = adjacency.targets[i]
                    if b > a, member[Int(b)] { found.append(Subgraph.Edge(a, b, count: Int(adjacency.counts[i]))) }
                }
            }
            // The two kinds' slices are each sorted; merge them by the far end.
            if found.count > 1 { found.sort { $0.b < $1.b } }
            result.append(contentsOf: found)
        }
        return result
    }

    /// The co-occurrence count of `a` and `b`, or nil when they are not adjacent.
    func edgeCount(_ a: Int32, _ b: Int32) -> Int? {
        let adjacency = neighbours(ofKind: kinds[Int(b)])
        var low = Int(adjacency.offsets[Int(a)]), high = Int(adjacency.offsets[Int(a) + 1])
        while low < high {
            let mid = (low + high) / 2
            if adjacency.targets[mid] < b { low = mid + 1 } else { high = mid }
        }
        return low < Int(adjacency.offsets[Int(a) + 1]) && adjacency.targets[low] == b ? Int(adjacency.counts[low]) : nil
    }
}
