import Foundation
import KnowledgeBase
import XCTest

@testable import Query

/// DOT must parse with Graphviz and GraphML and node-link JSON must load in NetworkX, for
/// names with every character that needs escaping.
final class ExportTests: XCTestCase {
    static let awkwardNames = [
        #"Ratio "a:b" \ θ"#, "<b>bold</b> & 'co'", #"$\frac{1}{2}$ \N \n"#, #"ends with \"#, "naïve — 日本語 😀",
        "{braces}; [brackets] -- edge?",
    ]

    static let fixture: QueryFixture = try! QueryFixture(records: [
        ExtractionRecord(id: "1", topics: [awkwardNames[0], awkwardNames[1]], knowledgePoints: [awkwardNames[2], awkwardNames[3]]),
        ExtractionRecord(id: "2", topics: [awkwardNames[0]], knowledgePoints: [awkwardNames[4], awkwardNames[5], awkwardNames[3]]),
        ExtractionRecord(id: "3", topics: ["Line\nbreak"], knowledgePoints: [awkwardNames[2]]),
    ])

    var subgraph: Subgraph { ExportTests.fixture.run("concepts")!.subgraph }

    func testTheSubgraphHasEveryNameAndEdge() {
        XCTAssertEqual(subgraph.nodes.count, 7)
        XCTAssertEqual(subgraph.edges.count, 12)
    }

    func testDOTEscapesQuotesBackslashesAndLineBreaks() {
        XCTAssertEqual(Subgraph.dotQuoted(#"a "b" \c"#), #""a \"b\" \\c""#)
        XCTAssertEqual(Subgraph.dotQuoted("x\ny\r\u{1}"), #""x\ny ""#)
        XCTAssertEqual(Subgraph.dotQuoted(#"trailing \"#), #""trailing \\""#)
    }

    func testDOTParsesWithGraphvizAndKeepsEveryLabel() throws {
        guard let dot = ExportTests.which("dot") else { throw XCTSkip("Graphviz dot is not installed") }
        let file = try ExportTests.write(subgraph.dotText(), suffix: ".dot")
        let (status, svg, errors) = try ExportTests.run(dot, ["-Tsvg", file])
        XCTAssertEqual(status, 0, errors)
        XCTAssertEqual(errors, "")
        let texts = ExportTests.svgTexts(svg)
        for name in ExportTests.awkwardNames {
            XCTAssertTrue(texts.contains(name), "label \(name) not in \(texts)")
        }
        XCTAssertTrue(texts.contains("Line") && texts.contains("break"), "a line break in a name is a line break in the label")
    }

    func testGraphMLLoadsInNetworkXWithEveryName() throws {
        let file = try ExportTests.write(subgraph.graphMLText(), suffix: ".graphml")
        let script = """
            import json, sys, networkx
            g = networkx.read_graphml(sys.argv[1])
            print(json.dumps({"labels": sorted(d["label"] for _, d in g.nodes(data=True)),
                              "kinds": sorted(d["kind"] for _, d in g.nodes(data=True)),
                              "edges": g.number_of_edges(), "directed": g.is_directed(),
                              "weight": sorted(d["weight"] for _, _, d in g.edges(data=True))}))
            """
        let output = try ExportTests.python(script, [file])
        let decoded = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: Any]
        XCTAssertEqual(
            decoded["labels"] as? [String],
            (ExportTests.awkwardNames + ["Line\nbreak"]).sorted {
                Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value))
            })
        XCTAssertEqual(decoded["edges"] as? Int, 12)
        XCTAssertEqual(decoded["directed"] as? Bool, false)
        XCTAssertEqual((decoded["weight"] as? [Int])?.reduce(0, +), subgraph.edges.map(\.count).reduce(0, +))
    }

    func testGraphMLCarriesLevelsSourcesDegreeAndEdgeKinds() throws {
        // The query fixture's records have sources and levels.
        let f = try QueryFixture(records: QueryFixture.records)
        let result = try XCTUnwrap(f.run(#"concepts | ego 1"#))
        let file = try ExportTests.write(result.subgraph.graphMLText(), suffix: ".graphml")
        let script = """
            import json, sys, networkx
            g = networkx.read_graphml(sys.argv[1])
            nodes = {d["label"]: [d["degree"], d["levels"], d["sources"]] for _, d in g.nodes(data=True)}
            kinds = sorted({d["kind"] for _, _, d in g.edges(data=True)})
            print(json.dumps({"nodes": nodes, "edge_kinds": kinds}))
            """
        let decoded = try JSONSerialization.jsonObject(with: Data(try ExportTests.python(script, [file]).utf8)) as! [String: Any]
        let nodes = decoded["nodes"] as! [String: [Any]]
        XCTAssertFalse(nodes.isEmpty)
        for node in result.subgraph.nodes {
            let row = try XCTUnwrap(nodes[node.name], node.name)
            XCTAssertEqual(row[0] as? Int, f.snapshot.degree(of: Int(node.node)), node.name)
            XCTAssertEqual(row[1] as? String ?? "", f.snapshot.levelMasks[Int(node.node)].levels.map(\.rawValue).joined(separator: ","), node.name)
            XCTAssertEqual(row[2] as? String ?? "", node.sources.joined(separator: ","), node.name)
        }
        XCTAssertTrue(nodes.values.contains { ($0[2] as? String ?? "").isEmpty == false }, "some node has sources")
        let expectedKinds = Set(
            result.subgraph.edges.map { e -> String in
                let a = f.snapshot.kinds[Int(e.a)], b = f.snapshot.kinds[Int(e.b)]
                return a == b ? "\(a.rawValue)-\(a.rawValue)" : "topic-kp"
            })
        XCTAssertEqual(Set(decoded["edge_kinds"] as! [String]), expectedKinds)
    }

    func testGraphMLReplacesCharactersXMLForbids() {
        XCTAssertEqual(Subgraph.xmlEscaped("a\u{1}b\u{FFFE}<&>\"'\r"), "a\u{FFFD}b\u{FFFD}&lt;&amp;&gt;&quot;&apos;&#13;")
    }

    func testNodeLinkJSONLoadsInNetworkX() throws {
        let f = ExportTests.fixture
        let ego = try XCTUnwrap(f.run(#"concepts | ego 1"#)).jsonText(query: #"concepts | ego 1"#)
        let path = try XCTUnwrap(f.run(#"topics ~ "line break" | path to "naïve — 日本語 😀""#)).jsonText()
        let script = """
            import json, sys, networkx
            out = []
            for text in sys.argv[1:]:
                g = networkx.node_link_graph(json.loads(open(text).read()), edges="edges")
                out.append([g.number_of_nodes(), g.number_of_edges(), g.graph["result"]])
            print(json.dumps(out))
            """
        let output = try ExportTests.python(script, [try ExportTests.write(ego, suffix: ".json"), try ExportTests.write(path, suffix: ".json")])
        XCTAssertEqual(output.trimmingCharacters(in: .whitespacesAndNewlines), #"[[7, 12, "subgraph"], [4, 3, "path"]]"#)
    }

    // MARK: - Helpers

    /// The first `tool` on the PATH (then in the usual folders).
    static func which(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin", "/bin"]
        where FileManager.default.isExecutableFile(atPath: folder + "/" + tool) {
            return folder + "/" + tool
        }
        return nil
    }

    static func write(_ text: String, suffix: String) throws -> String {
        let path = NSTemporaryDirectory() + "kg-export-" + UUID().uuidString + suffix
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read standard error on another thread so that neither pipe can fill up and block.
        final class Box: @unchecked Sendable { var data = Data() }
        let errors = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errors.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errors.data, as: UTF8.self))
    }

    /// Runs a Python script with networkx, or skips when Python or networkx is missing.
    static func python(_ script: String, _ arguments: [String]) throws -> String {
        guard let python = which("python3") else { throw XCTSkip("python3 is not installed") }
        let (probe, _, _) = try run(python, ["-c", "import networkx"])
        if probe != 0 { throw XCTSkip("networkx is not installed for python3") }
        let file = try write(script, suffix: ".py")
        let (status, output, errors) = try run(python, [file] + arguments)
        XCTAssertEqual(status, 0, errors)
        return output
    }

    /// The text of every `<text>` element of an SVG, entities decoded.
    static func svgTexts(_ svg: String) -> [String] {
        var texts: [String] = []
        var rest = Substring(svg)
        while let open = rest.range(of: "<text"), let close = rest[open.upperBound...].range(of: ">"),
            let end = rest[close.upperBound...].range(of: "</text>")
        {
            var text = String(rest[close.upperBound..<end.lowerBound])
            for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#45;", "-"), ("&amp;", "&")] {
                text = text.replacingOccurrences(of: entity, with: character)
            }
            texts.append(text)
            rest = rest[end.upperBound...]
        }
        return texts
    }
}
