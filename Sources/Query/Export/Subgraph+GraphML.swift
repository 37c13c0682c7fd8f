extension Subgraph {
    /// The subgraph in GraphML, as Gephi, yEd and NetworkX (`networkx.read_graphml`) read it.
    ///
    /// Nodes (`c` + concept id) carry `label` (the name), `kind`, `problems`, `concept_id`,
    /// `degree` (in the whole graph), `levels` and `sources` (comma-separated, empty when the
    /// snapshot was loaded without them); edges carry `weight` (the co-occurrence count) and
    /// `kind` (`topic-topic`, `topic-kp` or `kp-kp`). Text is XML-escaped, and characters XML
    /// 1.0 forbids become U+FFFD.
    public func graphMLText() -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
              <key id="label" for="node" attr.name="label" attr.type="string"/>
              <key id="kind" for="node" attr.name="kind" attr.type="string"/>
              <key id="problems" for="node" attr.name="problems" attr.type="int"/>
              <key id="concept_id" for="node" attr.name="concept_id" attr.type="long"/>
              <key id="degree" for="node" attr.name="degree" attr.type="int"/>
              <key id="levels" for="node" attr.name="levels" attr.type="string"/>
              <key id="sources" for="node" attr.name="sources" attr.type="string"/>
              <key id="weight" for="edge" attr.name="weight" attr.type="int"/>
              <key id="edge_kind" for="edge" attr.name="kind" attr.type="string"/>
              <graph id="kg" edgedefault="undirected">

            """
        for node in nodes {
            out += "    <node id=\"c\(node.conceptID)\">"
            out += "<data key=\"label\">\(Subgraph.xmlEscaped(node.name))</data>"
            out += "<data key=\"kind\">\(node.kind.rawValue)</data>"
            out += "<data key=\"problems\">\(node.problems)</data>"
            out += "<data key=\"concept_id\">\(node.conceptID)</data>"
            out += "<data key=\"degree\">\(node.degree)</data>"
            out += "<data key=\"levels\">\(node.levels.map(\.rawValue).joined(separator: ","))</data>"
            out += "<data key=\"sources\">\(Subgraph.xmlEscaped(node.sources.joined(separator: ",")))</data></node>\n"
        }
        var byNode: [Int32: Node] = [:]
        for node in nodes { byNode[node.node] = node }
        for edge in edges {
            guard let a = byNode[edge.a], let b = byNode[edge.b] else { continue }
            let kind = a.kind == b.kind ? "\(a.kind.rawValue)-\(a.kind.rawValue)" : "topic-kp"
            out += "    <edge source=\"c\(a.conceptID)\" target=\"c\(b.conceptID)\"><data key=\"weight\">\(edge.count)</data>"
            out += "<data key=\"edge_kind\">\(kind)</data></edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }

    /// `text` escaped for XML character data and attribute values.
    static func xmlEscaped(_ text: String) -> String {
        var out = ""
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(s)
            default:
                let v = s.value
                let allowed = v >= 0x20 && v != 0xFFFE && v != 0xFFFF
                out.unicodeScalars.append(allowed ? s : "\u{FFFD}")
            }
        }
        return out
    }
}
