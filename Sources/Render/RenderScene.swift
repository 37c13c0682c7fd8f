import Foundation
import KnowledgeBase

/// A graph with every Graphviz attribute decided: what both the DOT writer and the
/// in-process Graphviz renderer draw, so the two can never disagree.
///
/// Attributes are ordered lists and every number is formatted by kg, so the same graph and
/// options always give the same scene.
public struct RenderScene: Equatable, Sendable {
    /// A node or an edge end: its DOT id, attributes, and an HTML-like label.
    public struct Item: Equatable, Sendable {
        public var id: String
        public var attributes: [Attribute]
        /// The HTML-like label (`label=<…>`), already escaped.
        public var htmlLabel: String?
    }

    public struct Attribute: Equatable, Sendable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public struct Edge: Equatable, Sendable {
        public var tail: String
        public var head: String
        public var attributes: [Attribute]
    }

    public struct Cluster: Equatable, Sendable {
        public var id: String
        public var attributes: [Attribute]
        public var htmlLabel: String?
        /// Ids of the nodes drawn inside.
        public var members: [String]
    }

    public var graphAttributes: [Attribute]
    public var nodeDefaults: [Attribute]
    public var edgeDefaults: [Attribute]
    public var clusters: [Cluster]
    public var nodes: [Item]
    public var edges: [Edge]
    public var layout: LayoutEngine

    // Colours: ColorBrewer Blues and Oranges for kinds; a light-to-dark sequence for levels.
    static let topicFill = "#C6DBEF", topicLine = "#2171B5"
    static let kpFill = "#FDD0A2", kpLine = "#D94801"
    static let levelFills = [
        "#FFFFE5", "#F7FCB9", "#D9F0A3", "#ADDD8E", "#78C679", "#41AB5D",
        "#238443", "#006837", "#004529", "#2C7FB8", "#6A51A3", "#54278F",
    ]

    /// Above this many nodes, dot's iteration limits are bounded.
    public static let largeDotGraph = 600

    /// The scene for `graph` drawn with `options`. Throws `RenderError.emptyGraph` for a
    /// graph without nodes.
    public init(graph: RenderGraph, options: RenderOptions, what: String = "the subgraph") throws {
        guard !graph.nodes.isEmpty else { throw RenderError.emptyGraph(what: what) }
        layout = options.layout
        let nodes = graph.nodes.sorted { $0.id < $1.id }
        let edges = graph.edges.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
        let maxProblems = max(1, nodes.map(\.problems).max() ?? 1)
        let maxCount = max(1, edges.map(\.count).max() ?? 1)
        let format = { (x: Double) in JSONWriter.format(x, decimals: 2) }

        graphAttributes = [
            Attribute("fontname", "Helvetica"), Attribute("bgcolor", "white"), Attribute("pad", "0.3"),
            Attribute("outputorder", "edgesfirst"),
        ]
        switch options.layout {
        case .dot:
            graphAttributes += [
                Attribute("rankdir", "LR"), Attribute("nodesep", "0.15"), Attribute("ranksep", "0.6"),
                Attribute("newrank", "true"),
            ]
            if nodes.count > RenderScene.largeDotGraph {
                // dot's network-simplex passes run for minutes on thousands of nodes
                // (kg-bench render: over 300 s at 2,000); bounding them costs little quality.
                graphAttributes += [Attribute("nslimit", "2"), Attribute("nslimit1", "2"), Attribute("mclimit", "0.5")]
            }
        case .neato, .fdp, .sfdp, .circo:
            // A fixed seed for the initial positions: the same graph gives the same picture.
            graphAttributes += [Attribute("overlap", "false"), Attribute("sep", "+8"), Attribute("start", "1")]
            if options.layout == .sfdp { graphAttributes.append(Attribute("K", "1.2")) }
        }
        if let title = graph.title {
            graphAttributes += [Attribute("labelloc", "t"), Attribute("fontsize", "20")]
            graphAttributes.append(Attribute("label", title))
        }
        nodeDefaults = [Attribute("fontname", "Helvetica"), Attribute("style", "filled"), Attribute("penwidth", "1.2")]
        edgeDefaults = [Attribute("color", "#5F5F5F80")]

        // Topics group the KPs most tied to them (ties: the lower topic id).
        var home: [Int32: Int32] = [:]
        // dot 2.42 fails ("trouble in init_rank") on hundreds of clusters, and so many frames
        // would not help a reader anyway.
        let clustersFit = !(options.layout == .dot && nodes.count > RenderScene.largeDotGraph)
        if options.clusters && options.layout.drawsClusters && clustersFit {
            let kinds = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0.kind) })
            var best: [Int32: (count: Int, topic: Int32)] = [:]
            for edge in edges {
                for (kp, topic) in [(edge.a, edge.b), (edge.b, edge.a)] where kinds[kp] == .kp && kinds[topic] == .topic {
                    if let current = best[kp], (current.count, -current.topic) >= (edge.count, -topic) { continue }
                    best[kp] = (edge.count, topic)
                }
            }
            home = best.mapValues(\.topic)
        }
        var clusters: [Cluster] = []
        self.clusters = []
        if !home.isEmpty {
            for topic in nodes where topic.kind == .topic {
                let members = nodes.filter { home[$0.id] == topic.id }.map { "c\($0.id)" }
                guard !members.isEmpty else { continue }
                clusters.append(
                    Cluster(
                        id: "cluster_c\(topic.id)",
                        attributes: [
                            Attribute("style", "rounded,dashed"), Attribute("color", "#9E9E9E"),
                            Attribute("penwidth", "0.8"), Attribute("label", ""),
                        ],
                        htmlLabel: nil, members: ["c\(topic.id)"] + members))
            }
        }

        self.nodes = nodes.map { node in
            let size = (Double(node.problems) / Double(maxProblems)).squareRoot()
            var attributes: [Attribute] = []
            let fill: String, line: String
            switch options.colorBy {
            case .kind:
                fill = node.kind == .topic ? RenderScene.topicFill : RenderScene.kpFill
                line = node.kind == .topic ? RenderScene.topicLine : RenderScene.kpLine
            case .level:
                let rank = RenderScene.middleLevel(node.levels)
                fill = rank.map { RenderScene.levelFills[$0] } ?? "#EEEEEE"
                line = node.kind == .topic ? "#252525" : "#737373"
            }
            attributes.append(Attribute("shape", node.kind == .topic ? "box" : "ellipse"))
            if node.kind == .topic { attributes.append(Attribute("style", "filled,rounded,bold")) }
            attributes.append(Attribute("fillcolor", fill))
            attributes.append(Attribute("color", line))
            if options.colorBy == .level, let rank = RenderScene.middleLevel(node.levels), rank >= 6 {
                attributes.append(Attribute("fontcolor", "white"))
            }
            // Area grows with the problem count; the label always fits.
            attributes.append(Attribute("width", format(0.5 + 1.9 * size)))
            attributes.append(Attribute("height", format(0.3 + 0.9 * size)))
            attributes.append(Attribute("fontsize", format(9 + 9 * size)))
            attributes.append(
                Attribute(
                    "tooltip",
                    "\(node.name) (\(node.kind == .topic ? "topic" : "knowledge point"), \(node.problems) problem\(node.problems == 1 ? "" : "s"))"))
            let label = RenderScene.html(node.name) + "<BR/><FONT POINT-SIZE=\"\(format(7 + 3 * size))\">\(node.problems)</FONT>"
            return Item(id: "c\(node.id)", attributes: attributes, htmlLabel: label)
        }
        let names = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0.name) })
        self.edges = edges.map { edge in
            let strength = Foundation.log(1 + Double(edge.count)) / Foundation.log(1 + Double(maxCount))
            var attributes = [Attribute("penwidth", format(0.5 + 4.5 * strength))]
            if options.layout == .dot || options.layout == .fdp {
                attributes.append(Attribute("weight", String(max(1, Int((8 * strength).rounded())))))
            }
            attributes.append(
                Attribute("tooltip", "\(names[edge.a] ?? "") — \(names[edge.b] ?? ""): \(edge.count) problem\(edge.count == 1 ? "" : "s")"))
            return Edge(tail: "c\(edge.a)", head: "c\(edge.b)", attributes: attributes)
        }
        if options.legend { addLegend(&clusters, options: options, nodes: nodes, maxProblems: maxProblems, maxCount: maxCount) }
        self.clusters = clusters
    }

    private mutating func addLegend(
        _ clusters: inout [Cluster], options: RenderOptions, nodes: [RenderGraph.Node],
        maxProblems: Int, maxCount: Int
    ) {
        var members: [String] = []
        func add(_ id: String, _ label: String, _ attributes: [Attribute]) {
            self.nodes.append(Item(id: id, attributes: attributes + [Attribute("fontsize", "10")], htmlLabel: label))
            members.append(id)
        }
        switch options.colorBy {
        case .kind:
            add(
                "legend_topic", "topic",
                [
                    Attribute("shape", "box"), Attribute("style", "filled,rounded,bold"),
                    Attribute("fillcolor", RenderScene.topicFill), Attribute("color", RenderScene.topicLine),
                ])
            add(
                "legend_kp", "knowledge point",
                [
                    Attribute("shape", "ellipse"), Attribute("fillcolor", RenderScene.kpFill),
                    Attribute("color", RenderScene.kpLine),
                ])
        case .level:
            var present = LevelSet()
            for node in nodes { if let rank = RenderScene.middleLevel(node.levels) { present.insert(LevelSet(rank: rank)) } }
            for level in present.levels {
                var attributes = [Attribute("shape", "box"), Attribute("fillcolor", RenderScene.levelFills[level.rank])]
                if level.rank >= 6 { attributes.append(Attribute("fontcolor", "white")) }
                add("legend_\(level.rawValue)", RenderScene.html(level.rawValue), attributes)
            }
        }
        add(
            "legend_scale", "size: problems (largest \(maxProblems))<BR/>line width: problems in common (largest \(maxCount))",
            [Attribute("shape", "plaintext"), Attribute("style", "")])
        clusters.append(
            Cluster(
                id: "cluster_legend",
                attributes: [Attribute("style", "rounded"), Attribute("color", "#BDBDBD"), Attribute("fontsize", "11")],
                htmlLabel: "legend", members: members))
        if options.layout == .dot {
            // Stack the legend's entries instead of letting them spread over a rank.
            for (a, b) in zip(members, members.dropFirst()) {
                edges.append(Edge(tail: a, head: b, attributes: [Attribute("style", "invis")]))
            }
        }
    }

    /// The middle set bit of a level mask (a concept's typical level), or nil.
    static func middleLevel(_ levels: LevelSet) -> Int? {
        let members = levels.levels
        return members.isEmpty ? nil : members[(members.count - 1) / 2].rank
    }

    /// Escapes text for a Graphviz HTML-like label: entities for `& < > "`, line breaks as
    /// `<BR/>`, other control characters dropped. Backslashes and LaTeX stay as written.
    public static func html(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "<BR/>"
            case "\r", "\t": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
