extension Subgraph {
    /// The subgraph in Graphviz DOT: an undirected graph, topics as boxes and knowledge
    /// points as ellipses, each node labelled with its name and carrying `kind` and
    /// `problems`; each edge carrying its co-occurrence `count` (also as the layout `weight`).
    ///
    /// Node ids are `c` + the concept id. Every label is a quoted string with `"` and `\`
    /// escaped and line breaks as `\n`, so any name parses with `dot`.
    public func dotText(graphName: String = "kg") -> String {
        var out = "graph \(Subgraph.dotQuoted(graphName)) {\n"
        out += "  node [fontname=\"Helvetica\"];\n"
        for node in nodes {
            out += "  c\(node.conceptID) [label=\(Subgraph.dotQuoted(node.name)), shape=\(node.kind == .topic ? "box" : "ellipse"), "
            out += "kind=\"\(node.kind.rawValue)\", problems=\(node.problems)];\n"
        }
        var ids: [Int32: Int64] = [:]
        for node in nodes { ids[node.node] = node.conceptID }
        for edge in edges {
            guard let a = ids[edge.a], let b = ids[edge.b] else { continue }
            out += "  c\(a) -- c\(b) [count=\(edge.count), weight=\(edge.count)];\n"
        }
        out += "}\n"
        return out
    }

    /// `text` as a DOT double-quoted string. Backslashes are doubled because labels are
    /// escape strings (`\n`, `\N`, `\l` mean something there); other control characters
    /// become spaces.
    static func dotQuoted(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.append("\"")
        for s in text.unicodeScalars {
            switch s {
            case "\"": out.append("\\"); out.append("\"")
            case "\\": out.append("\\"); out.append("\\")
            case "\n": out.append("\\"); out.append("n")
            case "\r": break
            default:
                out.append(s.value < 0x20 || s.value == 0x7F ? " " : s)
            }
        }
        out.append("\"")
        return String(out)
    }
}
