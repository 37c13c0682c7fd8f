import Query

extension RenderGraph {
    /// The subgraph of a query's result (for a concept set, the edges among its concepts),
    /// titled with the query: what `kg render QUERY` draws.
    public init(query: Query, evaluator: QueryEvaluator) throws {
        let snapshot = evaluator.snapshot
        let subgraph = try evaluator.evaluate(query).subgraph
        self.init(
            nodes: subgraph.nodes.map { RenderGraph.node(snapshot, $0.node) },
            edges: subgraph.edges.map { RenderGraph.Edge(a: $0.a, b: $0.b, count: $0.count) },
            title: query.text)
    }
}
