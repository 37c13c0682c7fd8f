import CGraphviz
import Foundation

/// Renders scenes through Graphviz's C library, in process.
///
/// Graphviz keeps global state and is not thread-safe, so every call into it from any
/// renderer is serialised by one process-wide lock. Each render frees its layout, its
/// output buffer and its graph before returning — but Graphviz 2.42 (Debian 12) itself
/// leaks about 5–20 KB on every `dot` layout of clusters or HTML-like labels, so a process
/// that draws without end (`kg serve`) renders through `GraphvizWorkerRenderer` instead.
public final class GraphvizRenderer: SceneRenderer {
    private static let lock = NSLock()
    private let context: OpaquePointer
    /// Messages Graphviz reported during the last render (warnings; errors also throw).
    public private(set) var messages: [String] = []

    public init() throws {
        GraphvizRenderer.lock.lock()
        defer { GraphvizRenderer.lock.unlock() }
        guard let context = gvContext() else { throw RenderError.graphviz(stage: "start", message: "no context") }
        self.context = context
    }

    deinit {
        GraphvizRenderer.lock.lock()
        gvFreeContext(context)
        GraphvizRenderer.lock.unlock()
    }

    /// The scene laid out with its engine and rendered as `format` (DOT is written by kg
    /// itself, see `DOTWriter`, so that it is byte-identical everywhere).
    public func render(_ scene: RenderScene, format: RenderFormat) throws -> [UInt8] {
        if format == .dot { return Array(DOTWriter.dot(scene).utf8) }
        return try withGraphviz {
            guard let graph = kg_agopen("kg", 0) else { throw RenderError.graphviz(stage: "create the graph", message: lastError()) }
            defer { agclose(graph) }
            build(scene, into: graph)
            return try layOutAndRender(graph, layout: scene.layout.rawValue, format: format)
        }
    }

    /// DOT text (`DOTWriter`'s) laid out with `layout` and rendered as `format`: what a
    /// Graphviz worker process does with what it is sent (`GraphvizWorker`).
    public func render(dot: String, layout: String, format: RenderFormat) throws -> [UInt8] {
        if format == .dot { return Array(dot.utf8) }
        return try withGraphviz {
            guard let graph = kg_agmemread(dot) else { throw RenderError.graphviz(stage: "read the DOT text", message: lastError()) }
            defer { agclose(graph) }
            return try layOutAndRender(graph, layout: layout, format: format)
        }
    }

    /// Runs `body` under the process-wide lock, Graphviz's messages collected into `messages`.
    private func withGraphviz<T>(_ body: () throws -> T) throws -> T {
        GraphvizRenderer.lock.lock()
        defer { GraphvizRenderer.lock.unlock() }
        // Collect Graphviz's messages instead of letting it print them.
        GraphvizMessages.collected = []
        let previous = agseterrf(graphvizMessageHandler)
        defer {
            agseterrf(previous)
            messages = GraphvizMessages.summary()
        }
        return try body()
    }

    /// Lays out `graph`, renders it, and frees the layout and the output buffer.
    private func layOutAndRender(_ graph: UnsafeMutablePointer<Agraph_t>, layout: String, format: RenderFormat) throws -> [UInt8] {
        guard gvLayout(context, graph, layout) == 0 else {
            throw RenderError.graphviz(stage: "lay out the graph with \(layout)", message: lastError())
        }
        defer { gvFreeLayout(context, graph) }
        var data: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        guard gvRenderData(context, graph, format.rawValue, &data, &length) == 0, let data else {
            throw RenderError.graphviz(stage: "render \(format.rawValue)", message: lastError())
        }
        defer { gvFreeRenderData(data) }
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }
    }

    private func lastError() -> String {
        guard let message = aglasterr() else { return "" }
        return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Builds the scene with cgraph calls, in the same order as the DOT text.
    private func build(_ scene: RenderScene, into graph: UnsafeMutablePointer<Agraph_t>) {
        for attribute in scene.graphAttributes {
            kg_agdefault(graph, kg_kind_graph(), attribute.name, DOTWriter.escString(attribute.value))
        }
        for attribute in scene.nodeDefaults {
            kg_agdefault(graph, kg_kind_node(), attribute.name, DOTWriter.escString(attribute.value))
        }
        for attribute in scene.edgeDefaults {
            kg_agdefault(graph, kg_kind_edge(), attribute.name, DOTWriter.escString(attribute.value))
        }
        var nodes: [String: UnsafeMutablePointer<Agnode_t>] = [:]
        func node(_ id: String) -> UnsafeMutablePointer<Agnode_t> {
            if let existing = nodes[id] { return existing }
            let created = kg_agnode(graph, id)!
            nodes[id] = created
            return created
        }
        for cluster in scene.clusters {
            guard let subgraph = kg_agsubg(graph, cluster.id) else { continue }
            for attribute in cluster.attributes {
                _ = kg_agset(UnsafeMutableRawPointer(subgraph), attribute.name, DOTWriter.escString(attribute.value))
            }
            if let html = cluster.htmlLabel { _ = kg_agset_html(UnsafeMutableRawPointer(subgraph), "label", html) }
            for member in cluster.members { _ = kg_agsubnode(subgraph, node(member)) }
        }
        for item in scene.nodes {
            let n = UnsafeMutableRawPointer(node(item.id))
            for attribute in item.attributes { _ = kg_agset(n, attribute.name, DOTWriter.escString(attribute.value)) }
            if let html = item.htmlLabel { _ = kg_agset_html(n, "label", html) }
        }
        for edge in scene.edges {
            guard let e = kg_agedge(graph, node(edge.tail), node(edge.head)) else { continue }
            for attribute in edge.attributes { _ = kg_agset(UnsafeMutableRawPointer(e), attribute.name, DOTWriter.escString(attribute.value)) }
        }
    }
}

/// Messages Graphviz emitted; only touched under `GraphvizRenderer.lock`.
enum GraphvizMessages {
    nonisolated(unsafe) static var collected: [String] = []

    /// The first line of each distinct message, at most five.
    static func summary() -> [String] {
        var seen: [String] = []
        for message in collected {
            let line = message.split(separator: "\n").first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
            if !line.isEmpty && !seen.contains(line) { seen.append(line) }
        }
        return Array(seen.prefix(5))
    }
}

private let graphvizMessageHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Int32 = { text in
    if let text { GraphvizMessages.collected.append(String(cString: text)) }
    return 0
}
