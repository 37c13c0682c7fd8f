import KnowledgeBase
import Render

/// `/`: the counts of `kg stats`, the topic map of `kg render --overview`, and the search box.
enum OverviewPage {
    static func html(state: ExplorerState, drawing: Drawing, dbPath: String) throws -> String {
        let stats = state.statistics
        let map = try state.drawing("overview") {
            try drawing.svg(TopicMap().graph(of: state.snapshot), snapshot: state.snapshot, what: "the knowledge base")
        }
        var body = "<h1>Knowledge base</h1>\n<p class=\"muted\">\(HTML.escape(dbPath)) · generation \(state.generation)</p>\n"
        body += "<section class=\"counts\">"
        let counts: [(String, Int)] = [
            ("problems", stats.problems), ("topics", stats.topics), ("knowledge points", stats.kps), ("mentions", stats.mentions),
            ("edges", stats.edges.total), ("aliases", stats.aliases), ("templates", stats.templates),
        ]
        for (label, value) in counts {
            body += "<div class=\"count\"><b>\(value)</b><span>\(HTML.escape(label))</span></div>"
        }
        body += "</section>\n"
        body += "<h2>Topic map</h2>\n<p class=\"muted\">The most frequent topics with their strongest knowledge points; click a concept to open it.</p>\n"
        body += "<div class=\"drawing\" id=\"overview-map\">\(map)</div>\n"
        body += "<div class=\"columns\">"
        for (title, concepts) in [("Top topics", stats.topTopics), ("Top knowledge points", stats.topKPs)] {
            body += "<section><h2>\(title)</h2>"
            body += HTML.table(
                header: ["concept", "problems"], rows: concepts.map { [HTML.conceptLink(id: $0.id, name: $0.name), String($0.problems)] },
                numeric: [1])
            body += "</section>"
        }
        body += "<section><h2>Sources</h2>"
        body += HTML.table(header: ["source", "problems"], rows: stats.sources.map { [HTML.escape($0.name), String($0.problems)] }, numeric: [1])
        body += "<h2>Levels</h2>"
        body += HTML.table(header: ["level", "problems"], rows: stats.levels.map { [HTML.escape($0.name), String($0.problems)] }, numeric: [1])
        body += "</section></div>\n"
        return HTML.page(title: "Overview", body: body)
    }
}

/// `/search?q=`: straight to the concept when the name (or an alias) names exactly one,
/// else the concepts whose names contain the text and the closest names to a typo.
enum SearchPage {
    /// The matches: concept nodes containing the text, and close names (edit distance).
    static func matches(_ text: String, state: ExplorerState, kb: KnowledgeBase, limit: Int) throws -> (exact: Int64?, nodes: [Int32]) {
        var exact: Int64?
        if let concept = try? kb.concept(named: text), state.snapshot.node(forConceptID: concept.id) != nil { exact = concept.id }
        var nodes = state.nodes(containing: text, limit: limit)
        if nodes.count < limit {
            for name in try kb.suggestions(for: text, limit: 5) {
                if let concept = try? kb.concept(named: name), let node = state.snapshot.node(forConceptID: concept.id), !nodes.contains(Int32(node)) {
                    nodes.append(Int32(node))
                }
            }
        }
        return (exact, Array(nodes.prefix(limit)))
    }

    static func html(_ text: String, nodes: [Int32], state: ExplorerState) -> String {
        let snapshot = state.snapshot
        var body = "<h1>Search: \(HTML.escape(text))</h1>\n"
        if nodes.isEmpty {
            body += "<p>No concept is named like that. Try a shorter part of the name, or list concepts with the <a href=\"/query?q=\(HTML.url("concepts | top 50 by problems"))\">query page</a>.</p>"
        } else {
            body += HTML.table(
                header: ["concept", "kind", "problems"],
                rows: nodes.map { n in
                    [
                        HTML.conceptLink(id: snapshot.conceptIDs[Int(n)], name: snapshot.names[Int(n)]), snapshot.kinds[Int(n)].rawValue,
                        String(snapshot.problemCounts[Int(n)]),
                    ]
                }, numeric: [2])
        }
        return HTML.page(title: "Search", body: body)
    }
}
