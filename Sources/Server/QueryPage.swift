import KnowledgeBase
import Query
import Render

/// `/query?q=…`: the editor, the result table and the result's subgraph drawn; errors with
/// the caret under the offending token. The URL holds the query, so it can be shared.
enum QueryPage {
    static let example = #"topics | top 10 by problems"#

    /// The query text checked against its bound.
    static func checked(_ text: String) throws -> String {
        if text.count > ServerLimits.queryLength {
            throw ServerError(
                status: 413,
                message:
                    "the query is \(text.count) characters long; the server takes at most \(ServerLimits.queryLength). Run longer queries with `kg query -f FILE`."
            )
        }
        return text
    }

    /// Parses and evaluates `text` on `state`, stopping at `timeLimit`; a query error becomes
    /// a 400 with the caret, a query past its time limit a 503 with the caret under the part
    /// that did not run.
    static func evaluate(_ text: String, state: ExplorerState, timeLimit: Duration) throws -> QueryResult {
        do {
            let query = try Query.parse(try checked(text))
            return try state.withEvaluator { try $0.evaluate(query, timeLimit: timeLimit) }
        } catch let error as QueryError {
            if case .timeLimit = error.reason {
                throw ServerError(status: 503, message: error.message, detail: error.description)
            }
            throw ServerError(status: 400, message: error.message, detail: error.description)
        }
    }

    static func editor(_ text: String) -> String {
        """
        <form action="/query" method="get" class="query">
        <textarea name="q" id="q" rows="3" maxlength="\(ServerLimits.queryLength)" spellcheck="false">\(HTML.escape(text))</textarea>
        <button type="submit">run</button> <span class="muted">docs/query.md has the language; examples:
        <a href="/query?q=\(HTML.url("topics | top 10 by problems"))">top topics</a>,
        <a href="/query?q=\(HTML.url("kps ~ \"fraction\" | top 10 by problems"))">fraction KPs</a>,
        <a href="/query?q=\(HTML.url("topics | top 1 by problems | ego 1"))">an ego network</a></span>
        </form>

        """
    }

    static func html(_ text: String, state: ExplorerState, drawing: Drawing, timeLimit: Duration) throws -> String {
        var body = "<h1>Query</h1>\n" + editor(text)
        guard !text.isEmpty else { return HTML.page(title: "Query", body: body) }
        let result = try evaluate(text, state: state, timeLimit: timeLimit)
        let snapshot = state.snapshot
        body += "<p id=\"result-count\">\(result.count) \(result.kind.rawValue)</p>\n"
        for (index, table) in result.tables.enumerated() {
            if let title = table.title { body += "<h2>\(HTML.escape(title))</h2>" }
            let linksNames = result.kind == .concepts || result.kind == .path || (result.kind == .subgraph && index == 0)
            let nameColumn = table.header.firstIndex(of: "name")
            let shown = table.rows.prefix(ServerLimits.pageRows)
            let rows = shown.enumerated().map { row, cells -> [String] in
                cells.enumerated().map { column, cell in
                    if linksNames, column == nameColumn, row < result.nodes.count {
                        return HTML.conceptLink(id: snapshot.conceptIDs[Int(result.nodes[row])], name: cell)
                    }
                    return HTML.escape(cell)
                }
            }
            body += HTML.table(id: index == 0 ? "result" : "result-\(index)", header: table.header, rows: rows, numeric: table.numericColumns, sortable: true)
            if table.rows.count > shown.count {
                body += "<p class=\"muted\">the first \(shown.count) of \(table.rows.count) rows; add <code>| limit N</code> or use <code>kg query</code> for all.</p>"
            }
        }
        let subgraph = result.subgraph
        if result.kind != .problems, !subgraph.nodes.isEmpty {
            let graph = RenderGraph(
                nodes: subgraph.nodes.map { RenderGraph.node(snapshot, $0.node) },
                edges: subgraph.edges.map { RenderGraph.Edge(a: $0.a, b: $0.b, count: $0.count) }, title: text)
            let svg = try state.drawing("query-" + text) {
                try drawing.svg(graph, snapshot: snapshot, options: RenderOptions(clusters: graph.nodes.count <= 60), what: "the query's result")
            }
            body += "<h2>Drawn</h2>\n<div class=\"drawing\" id=\"query-drawing\">\(svg)</div>\n"
        }
        return HTML.page(title: "Query", body: body)
    }

    /// The page for a query that failed: the editor and the message with the caret.
    static func errorHTML(_ text: String, error: ServerError) -> String {
        var body = "<h1>Query</h1>\n" + editor(text)
        body += "<div class=\"error\" id=\"query-error\"><p>\(HTML.escape(error.message))</p>"
        if let detail = error.detail { body += "<pre>\(HTML.escape(detail))</pre>" }
        body += "</div>"
        return HTML.page(title: "Query", body: body)
    }
}
