/// Writes a scene as DOT text: nodes and edges in a fixed order, every value quoted and
/// escaped, numbers formatted by kg — byte-identical across runs and machines.
public enum DOTWriter {
    public static func dot(_ scene: RenderScene) -> String {
        var out = "graph \"kg\" {\n"
        out += "  graph [\(list(scene.graphAttributes))];\n"
        out += "  node [\(list(scene.nodeDefaults))];\n"
        out += "  edge [\(list(scene.edgeDefaults))];\n"
        for cluster in scene.clusters {
            out += "  subgraph \(quote(cluster.id)) {\n"
            var attributes = list(cluster.attributes)
            if let html = cluster.htmlLabel { attributes += (attributes.isEmpty ? "" : ", ") + "label=<\(html)>" }
            out += "    graph [\(attributes)];\n"
            for member in cluster.members { out += "    \(quote(member));\n" }
            out += "  }\n"
        }
        for node in scene.nodes {
            var attributes = list(node.attributes)
            if let html = node.htmlLabel { attributes += (attributes.isEmpty ? "" : ", ") + "label=<\(html)>" }
            out += "  \(quote(node.id)) [\(attributes)];\n"
        }
        for edge in scene.edges {
            out += "  \(quote(edge.tail)) -- \(quote(edge.head)) [\(list(edge.attributes))];\n"
        }
        return out + "}\n"
    }

    static func list(_ attributes: [RenderScene.Attribute]) -> String {
        attributes.map { "\($0.name)=\(quote(escString($0.value)))" }.joined(separator: ", ")
    }

    /// Graphviz treats backslashes in plain attribute values as escapes (`\n`, `\N`…):
    /// double them so text shows as written.
    static func escString(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// A DOT quoted string. A value ending in a backslash gets a trailing space, since DOT
    /// would read `\"` as an escaped quote.
    static func quote(_ value: String) -> String {
        var body = value.replacingOccurrences(of: "\"", with: "\\\"")
        if body.hasSuffix("\\") { body += " " }
        return "\"\(body)\""
    }
}
