import CGraphviz
import Foundation
import KnowledgeBase
import XCTest

@testable import Render

#if canImport(FoundationXML)
import FoundationXML
#endif

final class RenderTests: XCTestCase {
    /// Two topics and two KPs with hand-picked counts.
    static let small = RenderGraph(
        nodes: [
            .init(id: 0, name: "Geometry", kind: .topic, problems: 40, levels: LevelSet(rank: 8)),
            .init(id: 1, name: "Algebra", kind: .topic, problems: 10, levels: LevelSet(rank: 9)),
            .init(id: 2, name: "Area", kind: .kp, problems: 20, levels: LevelSet(rank: 5)),
            .init(id: 3, name: "Slope", kind: .kp, problems: 5, levels: LevelSet(rank: 8)),
        ],
        edges: [
            .init(a: 0, b: 2, count: 12), .init(a: 0, b: 1, count: 3), .init(a: 1, b: 3, count: 4), .init(a: 2, b: 3, count: 1),
        ])

    static var fixtures: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures") }

    func testDOTOfASmallSubgraphEqualsTheExpectedFile() throws {
        let scene = try RenderScene(graph: Self.small, options: RenderOptions())
        let dot = DOTWriter.dot(scene)
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("small.dot"), encoding: .utf8)
        XCTAssertEqual(dot, expected)
        // Deterministic: the same graph in another order gives the same bytes.
        var shuffled = Self.small
        shuffled.nodes.reverse()
        shuffled.edges.reverse()
        XCTAssertEqual(DOTWriter.dot(try RenderScene(graph: shuffled, options: RenderOptions())), dot)
    }

    func testSVGIsWellFormedWithOneNodeGroupPerNode() throws {
        let scene = try RenderScene(graph: Self.small, options: RenderOptions(legend: false))
        let svg = try GraphvizRenderer().render(scene, format: .svg)
        let document = try XMLDocument(data: Data(svg))
        let nodeGroups = try document.nodes(forXPath: "//*[local-name()='g'][@class='node']")
        XCTAssertEqual(nodeGroups.count, 4)
        let edgeGroups = try document.nodes(forXPath: "//*[local-name()='g'][@class='edge']")
        XCTAssertEqual(edgeGroups.count, 4)
    }

    func testEveryLayoutEngineRendersTheGraph() throws {
        let renderer = try GraphvizRenderer()
        for layout in LayoutEngine.allCases {
            let scene = try RenderScene(graph: Self.small, options: RenderOptions(layout: layout))
            let svg = String(decoding: try renderer.render(scene, format: .svg), as: UTF8.self)
            XCTAssertTrue(svg.contains("<svg"), layout.rawValue)
            XCTAssertEqual(svg.components(separatedBy: "class=\"node\"").count - 1, scene.nodes.count, layout.rawValue)
        }
    }

    func testPNGHasTheSignatureAndSaneDimensions() throws {
        let scene = try RenderScene(graph: Self.small, options: RenderOptions())
        let png = try GraphvizRenderer().render(scene, format: .png)
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: width and height, big-endian, at bytes 16..<24.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertTrue((100...5_000).contains(width), "width \(width)")
        XCTAssertTrue((50...5_000).contains(height), "height \(height)")
    }

    func testAwkwardLabelsSurviveEscaping() throws {
        let names = ["say \"hi\"", "back\\slash\\", "<script>alert(1)</script>", "two\nlines", "$\\frac{a}{b}$ & more"]
        let graph = RenderGraph(
            nodes: names.enumerated().map { .init(id: Int32($0.offset), name: $0.element, kind: .kp, problems: 1 + $0.offset) },
            edges: [.init(a: 0, b: 1, count: 1), .init(a: 2, b: 3, count: 2), .init(a: 3, b: 4, count: 1)])
        let scene = try RenderScene(graph: graph, options: RenderOptions(legend: false))
        // The DOT parses with Graphviz and keeps every node and edge.
        let dot = DOTWriter.dot(scene)
        let parsed = try XCTUnwrap(kg_agmemread(dot), "Graphviz could not parse:\n\(dot)")
        XCTAssertEqual(agnnodes(parsed), Int32(names.count))
        XCTAssertEqual(agnedges(parsed), 3)
        agclose(parsed)
        // The SVG shows the text literally (XML-escaped), and is well-formed.
        let svg = try GraphvizRenderer().render(scene, format: .svg)
        let document = try XMLDocument(data: Data(svg))
        let texts = try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        XCTAssertTrue(texts.contains("say \"hi\""), "\(texts)")
        XCTAssertTrue(texts.contains("back\\slash\\"), "\(texts)")
        XCTAssertTrue(texts.contains("<script>alert(1)</script>"), "\(texts)")
        XCTAssertTrue(texts.contains("two") && texts.contains("lines"), "\(texts)")
        XCTAssertTrue(texts.contains("$\\frac{a}{b}$ & more"), "\(texts)")
        XCTAssertFalse(String(decoding: svg, as: UTF8.self).contains("<script>"), "raw markup leaked into the SVG")
    }

    func testKeepStrongestKeepsTheConceptsWithMostProblems() {
        var graph = Self.small
        let dropped = graph.keepStrongest(2)
        XCTAssertEqual(dropped, 2)
        XCTAssertEqual(graph.nodes.map(\.name), ["Geometry", "Area"])
        XCTAssertEqual(graph.edges, [.init(a: 0, b: 2, count: 12)])
        var all = Self.small
        XCTAssertEqual(all.keepStrongest(10), 0)
    }

    func testAnEmptyGraphIsAnErrorNotAnEmptyPicture() {
        XCTAssertThrowsError(try RenderScene(graph: RenderGraph(nodes: [], edges: []), options: RenderOptions())) { error in
            XCTAssertEqual(error as? RenderError, .emptyGraph(what: "the subgraph"))
            XCTAssertTrue("\(error)".contains("nothing to draw"))
        }
    }

    func testKPsAreFramedWithTheTopicTheyShareMostProblemsWith() throws {
        let scene = try RenderScene(graph: Self.small, options: RenderOptions(layout: .dot))
        let clusters = Dictionary(uniqueKeysWithValues: scene.clusters.map { ($0.id, $0.members) })
        XCTAssertEqual(clusters["cluster_c0"], ["c0", "c2"])
        XCTAssertEqual(clusters["cluster_c1"], ["c1", "c3"])
        // Layouts without clusters draw none (but the legend).
        let neato = try RenderScene(graph: Self.small, options: RenderOptions(layout: .neato))
        XCTAssertEqual(neato.clusters.map(\.id), ["cluster_legend"])
    }

    func testNodeSizeGrowsWithProblemsAndLineWidthWithCooccurrence() throws {
        let scene = try RenderScene(graph: Self.small, options: RenderOptions(legend: false))
        func value(_ item: RenderScene.Item, _ name: String) -> Double { Double(item.attributes.first { $0.name == name }!.value)! }
        let widths = Dictionary(uniqueKeysWithValues: scene.nodes.map { ($0.id, value($0, "width")) })
        XCTAssertGreaterThan(widths["c0"]!, widths["c2"]!)
        XCTAssertGreaterThan(widths["c2"]!, widths["c1"]!)
        XCTAssertGreaterThan(widths["c1"]!, widths["c3"]!)
        let pens = scene.edges.map { Double($0.attributes.first { $0.name == "penwidth" }!.value)! }
        // Edges sorted (0,1) 3, (0,2) 12, (1,3) 4, (2,3) 1.
        XCTAssertEqual(pens[1], 5.0, accuracy: 1e-9)
        XCTAssertGreaterThan(pens[2], pens[0])
        XCTAssertGreaterThan(pens[0], pens[3])
    }

    func testColouringByLevelUsesEachConceptsMiddleLevel() throws {
        XCTAssertEqual(RenderScene.middleLevel([]), nil)
        XCTAssertEqual(RenderScene.middleLevel(LevelSet(rank: 3)), 3)
        XCTAssertEqual(RenderScene.middleLevel(LevelSet(rawValue: 1 << 1 | 1 << 4 | 1 << 9)), 4)
        XCTAssertEqual(RenderScene.middleLevel(LevelSet(rawValue: 1 << 1 | 1 << 4)), 1)
        let scene = try RenderScene(graph: Self.small, options: RenderOptions(colorBy: .level))
        let legendIDs = scene.nodes.map(\.id).filter { $0.hasPrefix("legend_") }
        XCTAssertEqual(legendIDs, ["legend_grade-5", "legend_grade-8", "legend_high-school", "legend_scale"])
    }
}

extension RenderTests {
    /// Each concept keeps its strongest edge, then the strongest of the rest fill the limit.
    func testKeepStrongestEdgesKeepsEveryConceptsStrongestEdgeFirst() {
        var graph = RenderGraph(
            nodes: (0..<5).map { RenderGraph.Node(id: Int32($0), name: "c\($0)", kind: .kp, problems: 1) },
            edges: [
                .init(a: 0, b: 1, count: 9), .init(a: 0, b: 2, count: 8), .init(a: 1, b: 2, count: 7),
                .init(a: 2, b: 3, count: 6), .init(a: 3, b: 4, count: 1), .init(a: 0, b: 3, count: 5),
            ])
        XCTAssertEqual(graph.keepStrongestEdges(10), 0)
        XCTAssertEqual(graph.keepStrongestEdges(4), 2)
        // 0–1 and 0–2 cover 0, 1, 2; 2–3 covers 3; 3–4 (weak) covers 4; 1–2 and 0–3 are left out.
        XCTAssertEqual(graph.edges.map { [$0.a, $0.b] }, [[0, 1], [0, 2], [2, 3], [3, 4]])
    }
}
