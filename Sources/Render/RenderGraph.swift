import KnowledgeBase

/// What `kg render` draws: concepts and the co-occurrence edges between them.
public struct RenderGraph: Equatable, Sendable {
    public struct Node: Equatable, Sendable {
        /// The concept's node number in the snapshot (a stable id for DOT).
        public var id: Int32
        public var name: String
        public var kind: ConceptKind
        /// Problems that mention the concept (node area is proportional to it).
        public var problems: Int
        /// Bit `level.rank` set for each level the concept occurs at.
        public var levels: LevelSet

        public init(id: Int32, name: String, kind: ConceptKind, problems: Int, levels: LevelSet = []) {
            self.id = id
            self.name = name
            self.kind = kind
            self.problems = problems
            self.levels = levels
        }
    }

    public struct Edge: Equatable, Sendable {
        public var a: Int32
        public var b: Int32
        /// Problems that mention both (pen width grows with its logarithm).
        public var count: Int

        public init(a: Int32, b: Int32, count: Int) {
            self.a = min(a, b)
            self.b = max(a, b)
            self.count = count
        }
    }

    public var nodes: [Node]
    public var edges: [Edge]
    /// A caption drawn under the graph.
    public var title: String?

    public init(nodes: [Node], edges: [Edge], title: String? = nil) {
        self.nodes = nodes
        self.edges = edges
        self.title = title
    }

    /// The subgraph of `snapshot` induced by `nodes`: those concepts and every edge between them.
    public init(snapshot: GraphSnapshot, nodes: [Int32], title: String? = nil) {
        let members = Set(nodes)
        var edges: [Edge] = []
        for node in members.sorted() {
            for adjacency in snapshot.adjacency {
                for i in adjacency.range(of: Int(node)) {
                    let other = adjacency.targets[i]
                    if other > node && members.contains(other) {
                        edges.append(Edge(a: node, b: other, count: Int(adjacency.counts[i])))
                    }
                }
            }
        }
        self.init(nodes: members.sorted().map { RenderGraph.node(snapshot, $0) }, edges: edges, title: title)
    }

    /// A node of the snapshot, ready to draw.
    public static func node(_ snapshot: GraphSnapshot, _ n: Int32) -> Node {
        Node(
            id: n, name: snapshot.names[Int(n)], kind: snapshot.kinds[Int(n)],
            problems: Int(snapshot.problemCounts[Int(n)]), levels: snapshot.levelMasks[Int(n)])
    }

    /// Keeps the `limit` strongest nodes — most problems, then most co-occurrence within the
    /// graph, then name — and the edges among them. Returns how many nodes were dropped.
    public mutating func keepStrongest(_ limit: Int) -> Int {
        guard nodes.count > limit else { return 0 }
        var strength: [Int32: Int] = [:]
        for edge in edges {
            strength[edge.a, default: 0] += edge.count
            strength[edge.b, default: 0] += edge.count
        }
        let ranked = nodes.sorted {
            ($0.problems, strength[$0.id] ?? 0) != ($1.problems, strength[$1.id] ?? 0)
                ? ($0.problems, strength[$0.id] ?? 0) > ($1.problems, strength[$1.id] ?? 0)
                : ($0.name, $0.id) < ($1.name, $1.id)
        }
        let kept = Set(ranked.prefix(limit).map(\.id))
        let dropped = nodes.count - kept.count
        nodes = nodes.filter { kept.contains($0.id) }
        edges = edges.filter { kept.contains($0.a) && kept.contains($0.b) }
        return dropped
    }

    /// Keeps at most `limit` edges: first each concept's strongest edge (so no drawn concept
    /// loses all its lines when it had some), then the strongest of the rest; ties by the
    /// concepts' node numbers. Returns how many edges were dropped.
    ///
    /// A dense neighbourhood — the 100 strongest neighbours of a topic in a million-problem
    /// knowledge base share 4,500 edges — is unreadable drawn whole, and dot takes minutes on it.
    public mutating func keepStrongestEdges(_ limit: Int) -> Int {
        guard edges.count > limit else { return 0 }
        let ranked = edges.indices.sorted {
            (edges[$0].count, edges[$1].a, edges[$1].b) > (edges[$1].count, edges[$0].a, edges[$0].b)
        }
        var kept = Set<Int>()
        var covered = Set<Int32>()
        for index in ranked where kept.count < limit {
            let edge = edges[index]
            if !covered.contains(edge.a) || !covered.contains(edge.b) {
                kept.insert(index)
                covered.insert(edge.a)
                covered.insert(edge.b)
            }
        }
        for index in ranked where kept.count < limit { kept.insert(index) }
        let dropped = edges.count - kept.count
        edges = edges.indices.filter { kept.contains($0) }.map { edges[$0] }
        return dropped
    }
}
