import Foundation
import KnowledgeBase
import Render

/// Graphviz drawings for the pages: the same scenes `kg render` draws, rendered to SVG with
/// every concept a link to its own page, ready to inline in HTML. They are laid out in a
/// worker process when the configuration names one (`kg serve` does: Graphviz 2.42 leaks on
/// every layout, see `GraphvizWorkerRenderer`), else in process.
final class Drawing: @unchecked Sendable {
    let renderer: SceneRenderer

    init(worker: [String]?, timeout: Duration = ServerLimits.drawingTime) throws {
        if let worker {
            renderer = try GraphvizWorkerRenderer(command: worker, rendersPerWorker: ServerLimits.rendersPerWorker, timeout: timeout)
        } else {
            renderer = try GraphvizRenderer()
        }
    }

    /// `graph` drawn as inline SVG (at most `ServerLimits.drawnNodes` concepts and
    /// `drawnEdges` edges, the strongest kept), each concept node linking to `/concept/ID`.
    func svg(_ graph: RenderGraph, snapshot: GraphSnapshot, options: RenderOptions = RenderOptions(), what: String) throws -> String {
        var graph = graph
        _ = graph.keepStrongest(ServerLimits.drawnNodes)
        _ = graph.keepStrongestEdges(ServerLimits.drawnEdges)
        var scene = try RenderScene(graph: graph, options: options, what: what)
        for i in scene.nodes.indices {
            let id = scene.nodes[i].id
            guard id.hasPrefix("c"), let node = Int(id.dropFirst()), node >= 0, node < snapshot.nodeCount else { continue }
            scene.nodes[i].attributes += [
                RenderScene.Attribute("href", "/concept/\(snapshot.conceptIDs[node])"),
                RenderScene.Attribute("target", "_top"),
                RenderScene.Attribute("tooltip", snapshot.names[node]),
            ]
        }
        let bytes: [UInt8]
        do {
            bytes = try renderer.render(scene, format: .svg)
        } catch let error as RenderError where renderer is GraphvizWorkerRenderer {
            throw ServerError(status: 500, message: "\(error) If drawings keep failing, restart kg serve with --draw-in-process.")
        }
        return Drawing.inline(String(decoding: bytes, as: UTF8.self))
    }

    /// The `<svg>` element of a Graphviz SVG document, without the XML declaration, doctype
    /// and comments before it.
    static func inline(_ document: String) -> String {
        guard let start = document.range(of: "<svg") else { return "" }
        return String(document[start.lowerBound...])
    }
}
