import KnowledgeBase
import Render

/// `/concept/{id}`: one concept, its neighbourhood drawn, its neighbours and seed problems.
enum ConceptPage {
    /// The query-language literal for `name` ("…" with `\` and `"` escaped).
    static func literal(_ name: String) -> String {
        var out = "\""
        for c in name {
            if c == "\\" || c == "\"" { out.append("\\") }
            out.append(c)
        }
        return out + "\""
    }

    /// The concept and its strongest neighbours of each kind, with the edges among them.
    static func egoGraph(_ details: ConceptDetails, state: ExplorerState) -> RenderGraph {
        let snapshot = state.snapshot
        var nodes: [Int32] = [Int32(details.node)]
        for kind in ConceptKind.allCases {
            for n in details.neighbours[kind].prefix(ServerLimits.egoNeighbours) {
                if let node = snapshot.node(forConceptID: n.id) { nodes.append(Int32(node)) }
            }
        }
        return RenderGraph(snapshot: snapshot, nodes: nodes, title: details.name)
    }

    static func html(_ details: ConceptDetails, state: ExplorerState, drawing: Drawing) throws -> String {
        let svg = try state.drawing("concept-\(details.node)") {
            try drawing.svg(egoGraph(details, state: state), snapshot: state.snapshot, what: "the concept's neighbourhood")
        }
        let kindName = details.kind == .topic ? "topic" : "knowledge point"
        let literal = literal(details.name)
        let keyword = details.kind == .topic ? "topic" : "kp"
        var body = "<h1 id=\"concept-name\">\(HTML.escape(details.name))</h1>\n"
        body += "<p class=\"kind \(details.kind.rawValue)\">\(kindName) · id \(details.id) · \(details.problems) problem\(details.problems == 1 ? "" : "s")</p>\n"
        body += "<dl>"
        body += "<dt>levels</dt><dd>\(details.levels.isEmpty ? "none recorded" : details.levels.map { HTML.escape($0.rawValue) }.joined(separator: ", "))</dd>"
        body += "<dt>sources</dt><dd>\(details.sources.isEmpty ? "none recorded" : details.sources.map(HTML.escape).joined(separator: ", "))</dd>"
        body += "<dt>spellings</dt><dd>\(details.spellings.map { "\(HTML.escape($0.text)) (\($0.count))" }.joined(separator: ", "))</dd>"
        if !details.aliases.isEmpty { body += "<dt>merged names</dt><dd>\(details.aliases.map(HTML.escape).joined(separator: ", "))</dd>" }
        body += "</dl>\n"
        let query = "\(keyword) \(literal) | neighbors"
        let sampleWhere = "\(keyword) \(literal) | ego 1"
        body += "<p class=\"actions\"><a class=\"button\" id=\"open-query\" href=\"/query?q=\(HTML.url(query))\">open in the query page</a> "
        body += "<a class=\"button\" id=\"sample-here\" href=\"/sample?where=\(HTML.url(sampleWhere))\">sample from here</a></p>\n"
        body += "<h2>Neighbourhood</h2>\n<p class=\"muted\">The strongest \(ServerLimits.egoNeighbours) neighbours of each kind; click a concept to open it.</p>\n"
        body += "<div class=\"drawing\" id=\"ego\">\(svg)</div>\n<div class=\"columns\">"
        for kind in ConceptKind.allCases {
            let title = kind == .topic ? "Neighbouring topics" : "Neighbouring knowledge points"
            let list = details.neighbours[kind]
            let total = details.neighbourCounts[kind]
            body += "<section><h2>\(title) <span class=\"muted\">\(total)</span></h2>"
            if total > list.count { body += "<p class=\"muted\">the \(list.count) strongest of \(total)</p>" }
            body += HTML.table(
                id: "neighbours-\(kind.rawValue)", header: ["concept", "shared problems", "problems"],
                rows: list.map { [HTML.conceptLink(id: $0.id, name: $0.name), String($0.count), String($0.problems)] }, numeric: [1, 2],
                sortable: true)
            body += "</section>"
        }
        body += "</div>\n<h2>Seed problems <span class=\"muted\">\(details.problems)</span></h2>\n"
        body += HTML.table(
            id: "problems", header: ["id", "level", "source", "text"],
            rows: details.seedProblems.map {
                [HTML.escape($0.id), HTML.escape($0.level?.rawValue ?? ""), HTML.escape($0.source ?? ""), "<div class=\"text\">\(HTML.escape($0.text ?? ""))</div>"]
            })
        if details.pages > 1 {
            body += "<p class=\"pager\">page \(details.page) of \(details.pages) "
            if details.page > 1 { body += "<a rel=\"prev\" href=\"/concept/\(details.id)?page=\(details.page - 1)\">previous</a> " }
            if details.page < details.pages { body += "<a rel=\"next\" href=\"/concept/\(details.id)?page=\(details.page + 1)\">next</a>" }
            body += "</p>"
        }
        return HTML.page(title: details.name, body: body)
    }
}
