import KnowledgeBase

extension QueryResult {
    /// The result as one JSON document, keys in a fixed order (docs/query.md lists them).
    ///
    /// Concepts, edges and problems: `{"result": KIND, "count": N, KIND: [rows]}`. A subgraph
    /// or a path is written in NetworkX's node-link form (`directed`, `multigraph`, `graph`,
    /// `nodes`, `edges`), so `networkx.node_link_graph(json.load(f))` reads it; a path's
    /// nodes are in path order and carry their step and cost.
    public func jsonText(query: String? = nil) -> String {
        var w = JSONWriter()
        switch kind {
        case .subgraph:
            let graph = subgraph
            writeNodeLinkHeader(&w, result: "subgraph", query: query)
            w.endObject()
            w.key("nodes"); w.beginArray()
            for node in graph.nodes { writeNode(&w, node.node, extra: nil) }
            w.endArray()
            writeNodeLinkEdges(&w, graph.edges.map { ($0.a, $0.b, $0.count) })
            w.endObject()
        case .path:
            writeNodeLinkHeader(&w, result: "path", query: query)
            w.key("hops"); w.int(max(0, nodes.count - 1))
            w.key("cost"); if let pathCost { w.double(pathCost) } else { w.null() }
            w.endObject()
            w.key("nodes"); w.beginArray()
            for (step, n) in nodes.enumerated() { writeNode(&w, n, extra: (step, pathCosts[step])) }
            w.endArray()
            // Path edges run from each step to the next.
            writeNodeLinkEdges(&w, edges.indices.map { (nodes[$0], nodes[$0 + 1], edges[$0].count) })
            w.endObject()
        case .concepts:
            w.beginObject()
            w.key("result"); w.string("concepts")
            if let query { w.key("query"); w.string(query) }
            w.key("count"); w.int(nodes.count)
            w.key("concepts"); w.beginArray()
            for (row, n) in nodes.enumerated() {
                w.beginObject()
                writeConceptFields(&w, n)
                if let weights { w.key("weight"); w.int(weights[row]) }
                w.endObject()
            }
            w.endArray()
            w.endObject()
        case .edges:
            w.beginObject()
            w.key("result"); w.string("edges")
            if let query { w.key("query"); w.string(query) }
            w.key("count"); w.int(edges.count)
            w.key("edges"); w.beginArray()
            for e in edges {
                let (x, y) = displayEnds(e)
                w.beginObject()
                w.key("kind"); w.string(edgeKind(e))
                w.key("a"); w.beginObject(); writeConceptFields(&w, x, degree: false); w.endObject()
                w.key("b"); w.beginObject(); writeConceptFields(&w, y, degree: false); w.endObject()
                w.key("count"); w.int(e.count)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        case .problems:
            w.beginObject()
            w.key("result"); w.string("problems")
            if let query { w.key("query"); w.string(query) }
            w.key("count"); w.int(problems.count)
            w.key("problems"); w.beginArray()
            for p in problems {
                let problem = snapshot.problems[Int(p)]
                w.beginObject()
                w.key("id"); w.string(problem.externalID)
                w.key("source"); if problem.source >= 0 { w.string(snapshot.sourceNames[Int(problem.source)]) } else { w.null() }
                w.key("level"); if let level = problem.level { w.string(level.rawValue) } else { w.null() }
                w.stringArray("topics", problem.topics.map { snapshot.names[Int($0)] })
                w.stringArray("knowledge_points", problem.knowledgePoints.map { snapshot.names[Int($0)] })
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        return w.string
    }

    private func writeConceptFields(_ w: inout JSONWriter, _ n: Int32, degree: Bool = true) {
        let i = Int(n)
        w.key("id"); w.int(Int(snapshot.conceptIDs[i]))
        w.key("kind"); w.string(snapshot.kinds[i].rawValue)
        w.key("name"); w.string(snapshot.names[i])
        w.key("problems"); w.int(Int(snapshot.problemCounts[i]))
        if degree { w.key("degree"); w.int(snapshot.degree(of: Int(n))) }
    }

    /// Opens the document and its `graph` object (the caller adds members and closes it).
    private func writeNodeLinkHeader(_ w: inout JSONWriter, result: String, query: String?) {
        w.beginObject()
        w.key("directed"); w.bool(false)
        w.key("multigraph"); w.bool(false)
        w.key("graph"); w.beginObject()
        w.key("result"); w.string(result)
        if let query { w.key("query"); w.string(query) }
    }

    private func writeNode(_ w: inout JSONWriter, _ n: Int32, extra: (step: Int, cost: Double)?) {
        w.beginObject()
        writeConceptFields(&w, n)
        w.key("label"); w.string(snapshot.names[Int(n)])
        if let extra {
            w.key("step"); w.int(extra.step)
            w.key("cost"); w.double(extra.cost)
        }
        w.endObject()
    }

    private func writeNodeLinkEdges(_ w: inout JSONWriter, _ edges: [(source: Int32, target: Int32, count: Int)]) {
        w.key("edges"); w.beginArray()
        for e in edges {
            w.beginObject()
            w.key("source"); w.int(Int(snapshot.conceptIDs[Int(e.source)]))
            w.key("target"); w.int(Int(snapshot.conceptIDs[Int(e.target)]))
            w.key("count"); w.int(e.count)
            w.key("weight"); w.int(e.count)
            w.endObject()
        }
        w.endArray()
    }
}
