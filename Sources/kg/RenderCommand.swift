import ArgumentParser
import Foundation
import KnowledgeBase
import Query
import Render

extension LayoutEngine: ExpressibleByArgument {}
extension ColorScheme: ExpressibleByArgument {}
extension RenderFormat: ExpressibleByArgument {}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a query's subgraph, or an overview map of the knowledge base, with Graphviz (DOT, SVG, PNG).",
        discussion: """
            Node area grows with the concept's problem count, line width with the number of \
            problems two concepts share; topics are boxes, knowledge points ellipses; colours \
            show the kind or (--color-by level) the typical level. With the dot and fdp layouts \
            each topic is framed with the knowledge points most tied to it. Rendering runs \
            Graphviz's C library in process; DOT output is byte-identical across runs and machines.

            Examples:
              kg render --overview -o viz/overview.svg
              kg render 'topic "Geometry" | ego 1' -o geometry.png --max-nodes 60
              kg render 'concept "Fractions" | path to "Ratios"' -o path.svg --layout dot
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "A query whose result to draw (see docs/query.md).")
    var query: String?

    @Flag(help: "Draw the overview map: the most frequent topics with their top knowledge points.")
    var overview = false

    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write; its extension (.dot, .svg, .png) picks the format.", valueName: "file"))
    var output: String

    @Option(help: "dot, svg or png (default: from the output's extension).")
    var format: RenderFormat?

    @Option(help: "Graphviz layout: dot, neato, fdp, sfdp, circo (default: dot; fdp draws a rounder map, but differs from run to run).")
    var layout: LayoutEngine?

    @Option(help: "Colour by kind (topic / knowledge point) or by level.")
    var colorBy: ColorScheme = .kind

    @Option(help: "Draw at most this many concepts, keeping the strongest (most problems).")
    var maxNodes: Int = 300

    @Option(help: "Draw at most this many edges: each concept's strongest, then the strongest of the rest.")
    var maxEdges: Int = 400

    @Option(help: "--overview: how many topics.")
    var topics: Int = 24

    @Option(help: "--overview: knowledge points per topic.")
    var kpsPerTopic: Int = 5

    @Option(help: "--overview: strongest topic–topic links drawn.")
    var links: Int = 40

    @Flag(help: "Do not frame topics with their knowledge points.")
    var noClusters = false

    @Flag(help: "Do not draw a legend.")
    var noLegend = false

    /// Above this many concepts circo's layout time explodes (see kg-bench render).
    static let circoLimit = 150

    func validate() throws {
        if overview == (query != nil) { throw ValidationError("Give either a QUERY or --overview.") }
        if maxNodes < 1 { throw ValidationError("--max-nodes must be at least 1.") }
        if maxEdges < 0 { throw ValidationError("--max-edges must be 0 or more.") }
        if topics < 1 || kpsPerTopic < 0 || links < 0 { throw ValidationError("--topics must be at least 1; --kps-per-topic and --links 0 or more.") }
        if format == nil && RenderFormat(path: output) == nil {
            throw ValidationError("Cannot tell the format of \(output): name it .dot, .svg or .png, or pass --format.")
        }
    }

    func run() throws {
        let kb = try database.open()
        let snapshot = try kb.snapshot()
        var graph: RenderGraph
        let what: String
        if overview {
            graph = TopicMap(topics: topics, kpsPerTopic: kpsPerTopic, links: links).graph(of: snapshot)
            what = "the knowledge base"
        } else {
            graph = try RenderGraph(query: try Query.parse(query!), evaluator: QueryEvaluator(knowledgeBase: kb, snapshot: snapshot))
            what = "the query's result"
        }
        let dropped = graph.keepStrongest(maxNodes)
        if dropped > 0 {
            Terminal.error("kept the \(graph.nodes.count) strongest concepts; \(dropped) more not drawn (raise --max-nodes to draw them)")
        }
        let droppedEdges = graph.keepStrongestEdges(maxEdges)
        if droppedEdges > 0 {
            Terminal.error("kept the \(graph.edges.count) strongest edges; \(droppedEdges) more not drawn (raise --max-edges to draw them)")
        }
        // dot for the overview too: fdp with clusters gives another picture on every run (Graphviz
        // 2.43, whatever its `start` seed), and the same knowledge base must give the same map.
        let engine = layout ?? .dot
        if engine == .circo && graph.nodes.count > RenderCommand.circoLimit {
            throw CommandFailure(
                "circo takes minutes on \(graph.nodes.count) concepts (kg-bench render: 226 s at 500). Draw at most \(RenderCommand.circoLimit) with --max-nodes \(RenderCommand.circoLimit), or use --layout dot or sfdp."
            )
        }
        let scene = try RenderScene(
            graph: graph, options: RenderOptions(layout: engine, colorBy: colorBy, clusters: !noClusters, legend: !noLegend), what: what)
        let renderer = try GraphvizRenderer()
        let bytes = try renderer.render(scene, format: format ?? RenderFormat(path: output)!)
        for message in renderer.messages { Terminal.error("graphviz: \(message)") }
        // Through AtomicOutput: a regular file is replaced whole or not at all, and a device or
        // pipe (/dev/null, /dev/stdout) is written in place, never renamed over.
        try AtomicOutput.write(to: output) { file in
            try file.write(bytes)
            try file.close()
        }
        Terminal.error("wrote \(output): \(graph.nodes.count) concepts, \(graph.edges.count) edges")
    }
}
