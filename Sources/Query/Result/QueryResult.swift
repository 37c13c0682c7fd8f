import KnowledgeBase

/// What a query evaluates to: a set of concepts, a set of edges, a subgraph, a path, or a
/// set of problems, each in a deterministic order.
///
/// Whatever the kind, `conceptNodes` lists the concepts involved (what `kg sample --where`
/// samples from) and `subgraph` gives them with their edges (what `kg render` draws).
public struct QueryResult {
    /// The five shapes a result takes.
    public enum Kind: String, Sendable {
        /// Concepts (`topics`, `neighbors`, …); rows may carry a weight.
        case concepts
        /// Co-occurrence edges (`edges`).
        case edges
        /// Concepts with the edges among them (`ego`).
        case subgraph
        /// A chain of concepts from a start to a target (`path to`).
        case path
        /// Seed problems (`problems`).
        case problems
    }

    /// The snapshot the node and problem numbers refer to.
    public let snapshot: GraphSnapshot
    /// Which of the five shapes the result has.
    public internal(set) var kind: Kind
    /// Concept rows in order: the set (concepts), the nodes (subgraph), the steps (path).
    public internal(set) var nodes: [Int32]
    /// Per row of `nodes`, for concepts that came from `neighbors` (the summed edge count to
    /// the set they neighbour) or a set operation on such rows; nil otherwise.
    public internal(set) var weights: [Int]?
    /// The edges in order: the set (edges), the subgraph's edges by count, or the path's
    /// edges (edge i joins steps i and i + 1).
    public internal(set) var edges: [Subgraph.Edge]
    /// Indices into `snapshot.problems`, ascending unless sorted otherwise.
    public internal(set) var problems: [Int32]
    /// For a path, the cost from the start to each step (0 for the first).
    public internal(set) var pathCosts: [Double]

    /// Rows not yet in their natural order (sources and set operations defer the sort;
    /// `evaluate` finishes it).
    var pendingOrder: Bool

    init(
        snapshot: GraphSnapshot, kind: Kind, nodes: [Int32] = [], weights: [Int]? = nil, edges: [Subgraph.Edge] = [],
        problems: [Int32] = [], pathCosts: [Double] = [], pendingOrder: Bool = false
    ) {
        self.snapshot = snapshot
        self.kind = kind
        self.nodes = nodes
        self.weights = weights
        self.edges = edges
        self.problems = problems
        self.pathCosts = pathCosts
        self.pendingOrder = pendingOrder
    }

    /// The path's total cost (sum of 1/count over its edges); nil unless a path was found.
    public var pathCost: Double? { kind == .path ? pathCosts.last : nil }

    /// Whether concept rows carry weights.
    public var isWeighted: Bool { weights != nil }

    /// How many rows the result has (concepts, edges or problems; nodes for a subgraph or path).
    public var count: Int {
        switch kind {
        case .concepts, .subgraph, .path: return nodes.count
        case .edges: return edges.count
        case .problems: return problems.count
        }
    }

    /// Every concept node in the result, ascending: the concepts of a set, subgraph or path,
    /// the ends of edges, the concepts a problem mentions.
    public var conceptNodes: [Int32] {
        var member = [Bool](repeating: false, count: snapshot.nodeCount)
        switch kind {
        case .concepts, .subgraph, .path:
            for n in nodes { member[Int(n)] = true }
        case .edges:
            for e in edges { member[Int(e.a)] = true; member[Int(e.b)] = true }
        case .problems:
            for p in problems {
                let problem = snapshot.problems[Int(p)]
                for n in problem.topics { member[Int(n)] = true }
                for n in problem.knowledgePoints { member[Int(n)] = true }
            }
        }
        return (0..<snapshot.nodeCount).filter { member[$0] }.map { Int32($0) }
    }

    /// The result as a subgraph: a subgraph's or path's own nodes and edges; the ends of an
    /// edge set with those edges; for concepts (or problems' concepts), the induced subgraph.
    public var subgraph: Subgraph {
        switch kind {
        case .subgraph, .path, .edges:
            let ends = kind == .edges ? edges.flatMap { [$0.a, $0.b] } : nodes
            return Subgraph(snapshot: snapshot, nodes: ends, edges: edges)
        case .concepts, .problems:
            return Subgraph(snapshot: snapshot, inducedBy: conceptNodes)
        }
    }
}
