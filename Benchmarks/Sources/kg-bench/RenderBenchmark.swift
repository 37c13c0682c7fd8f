import Coverage
import Foundation
import KnowledgeBase
import Render
import Sampling

/// `kg-bench render`: seconds to lay out and render SVG for 100-, 500- and 2,000-node
/// subgraphs with each layout engine, and the process's peak memory after each.
enum RenderBenchmark {
    /// A sparse concept graph like a query's result: 15% topics, each node tied to about
    /// two earlier ones (preferential attachment), Zipf-like problem counts.
    static func graph(nodes: Int, seed: UInt64 = 5) -> RenderGraph {
        var random = SplitMix64(seed: seed)
        var list: [RenderGraph.Node] = []
        var edges: [RenderGraph.Edge] = []
        var ends: [Int32] = []
        for i in 0..<nodes {
            let kind: ConceptKind = i % 7 == 0 ? .topic : .kp
            list.append(
                .init(
                    id: Int32(i), name: "\(kind == .topic ? "Topic" : "Knowledge point") \(i)", kind: kind,
                    problems: max(1, 2_000 / (i + 1)), levels: LevelSet(rank: i % 12)))
            guard i > 0 else { ends.append(0); continue }
            var linked = Set<Int32>()
            for _ in 0..<min(i, 2) {
                let other = ends[random.nextInt(below: ends.count)]
                if other != Int32(i), linked.insert(other).inserted {
                    edges.append(.init(a: other, b: Int32(i), count: 1 + random.nextInt(below: 40)))
                    ends.append(other)
                }
            }
            ends.append(Int32(i))
        }
        return RenderGraph(nodes: list, edges: edges)
    }

    static func run(arguments: [String]) throws {
        let sizes = (option("--sizes", in: arguments) ?? "100,500,2000").split(separator: ",").compactMap { Int($0) }
        let layouts =
            (option("--layouts", in: arguments)?.split(separator: ",").compactMap { LayoutEngine(rawValue: String($0)) })
            ?? LayoutEngine.allCases
        if let path = option("--write-dot", in: arguments) {
            // The benchmark's graph as DOT, to try Graphviz settings by hand.
            let scene = try RenderScene(graph: graph(nodes: sizes.first ?? 500), options: RenderOptions(layout: layouts.first ?? .dot))
            try DOTWriter.dot(scene).write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let renderer = try GraphvizRenderer()
        print("SVG render (layout + render), kg's styling with clusters and legend:")
        for size in sizes {
            let g = graph(nodes: size)
            for layout in layouts {
                if layout == .circo && size > 200 && !arguments.contains("--slow-circo") {
                    print(
                        String(
                            format:
                                "  %5d nodes %5d edges  circo  skipped: circo's layout time explodes (226 s at 500 nodes here); kg render refuses it above 150 concepts (--slow-circo runs it)",
                            size, g.edges.count))
                    continue
                }
                let scene = try RenderScene(graph: g, options: RenderOptions(layout: layout))
                let (bytes, seconds) = try measure { try renderer.render(scene, format: .svg) }
                print(
                    String(
                        format: "  %5d nodes %5d edges  %@ %7.2f s  %6.1f MB SVG  peak memory %5.0f MiB%@",
                        size, g.edges.count, layout.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0) as NSString,
                        seconds, Double(bytes.count) / 1e6, peakMemoryMiB(),
                        (renderer.messages.isEmpty ? "" : "  graphviz: " + renderer.messages.joined(separator: "; ")) as NSString))
            }
        }
    }
}
