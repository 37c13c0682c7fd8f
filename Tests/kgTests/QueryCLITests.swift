import Foundation
import KGTestSupport
import XCTest

/// `kg query` end to end: the built binary on a knowledge base ingested with `kg ingest`.
final class QueryCLITests: XCTestCase {
    /// Eight records: Geometry and Algebra share the Pythagorean theorem; Statistics reaches
    /// Probability more strongly through Mean (3 + 3) than directly (1).
    static let jsonl =
        [
            #"{"id": "g1", "source": "alpha", "level": "grade-3", "topics": ["Geometry"], "knowledge_points": ["Area of a circle", "Pi"]}"#,
            #"{"id": "g2", "source": "alpha", "level": "grade-8", "topics": ["Geometry", "Algebra"], "knowledge_points": ["Pythagorean theorem"]}"#,
            #"{"id": "a1", "source": "beta", "level": "grade-8", "topics": ["Algebra"], "knowledge_points": ["Pythagorean theorem", "Linear equations"]}"#,
            #"{"id": "s1", "source": "beta", "topics": ["Statistics", "Probability"], "knowledge_points": []}"#,
        ].joined(separator: "\n") + "\n"
        + (0..<3).map { i in
            #"{"id": "m\#(i)", "topics": ["Statistics"], "knowledge_points": ["Mean"]}"# + "\n"
                + #"{"id": "p\#(i)", "topics": ["Probability"], "knowledge_points": ["Mean"]}"#
        }.joined(separator: "\n") + "\n"

    private func folder() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("records.jsonl", QueryCLITests.jsonl)
        let result = try KGProcess.run(["ingest", "records.jsonl"], in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        return folder
    }

    func testATableByDefault() throws {
        let folder = try folder()
        let result = try KGProcess.run(["query", "topics | top 2 by problems"], in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(
            result.stdout,
            """
            kind   name         problems  degree
            -----  -----------  --------  ------
            topic  Probability         4       2
            topic  Statistics          4       2

            """)
    }

    func testNeighboursWithWeightsAndAPathWithItsCost() throws {
        let folder = try folder()
        let neighbours = try KGProcess.run(["query", #"topic "geometry" | neighbors kp"#], in: folder.path)
        XCTAssertEqual(
            neighbours.stdout,
            """
            kind  name                 problems  degree  weight
            ----  -------------------  --------  ------  ------
            kp    Pythagorean theorem         2       3       1
            kp    Area of a circle            1       2       1
            kp    Pi                          1       2       1

            """)
        let path = try KGProcess.run(["query", #"topic "Statistics" | path to "Probability""#], in: folder.path)
        XCTAssertEqual(path.status, 0, path.stderr)
        XCTAssertEqual(
            path.stdout,
            """
            path of 2 hops, cost 0.6667
            step  kind   name         problems  count    cost
            ----  -----  -----------  --------  -----  ------
               0  topic  Statistics          4              0
               1  kp     Mean                6      3  0.3333
               2  topic  Probability         4      3  0.6667

            """)
    }

    func testJSONAndCSV() throws {
        let folder = try folder()
        let json = try KGProcess.run(["query", "--json", #"kps | where level = "grade-8""#], in: folder.path)
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["result"] as? String, "concepts")
        XCTAssertEqual(object["query"] as? String, #"kps | where level = "grade-8""#)
        XCTAssertEqual((object["concepts"] as? [[String: Any]])?.map { $0["name"] as? String }, ["Pythagorean theorem", "Linear equations"])
        let csv = try KGProcess.run(["query", "--csv", "edges | where weight >= 3"], in: folder.path)
        XCTAssertEqual(csv.stdout.split(separator: "\n").first, "a_id,a_kind,a_name,b_id,b_kind,b_name,count")
        XCTAssertEqual(csv.stdout.split(separator: "\n").count, 3)
        let same = try KGProcess.run(["query", "--format", "csv", "edges | where weight >= 3"], in: folder.path)
        XCTAssertEqual(same.stdout, csv.stdout)
    }

    func testProblemsNeedNoOptionAndShowProvenance() throws {
        let folder = try folder()
        let result = try KGProcess.run(["query", #"kp "pythagorean theorem" | problems"#], in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(
            result.stdout,
            """
            id  source  level    topics             knowledge points
            --  ------  -------  -----------------  -------------------------------------
            g2  alpha   grade-8  Geometry; Algebra  Pythagorean theorem
            a1  beta    grade-8  Algebra            Pythagorean theorem; Linear equations

            """)
    }

    func testDOTExportParsesWithGraphviz() throws {
        let folder = try folder()
        let result = try KGProcess.run(["query", "--format", "dot", "-o", "ego.dot", #"topic "Geometry" | ego 1"#], in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        let dot = try String(contentsOfFile: folder.path + "/ego.dot", encoding: .utf8)
        XCTAssertTrue(dot.hasPrefix("graph \"kg\" {\n"), dot)
        XCTAssertEqual(dot.components(separatedBy: " -- ").count - 1, 6)
        guard let tool = ["/usr/bin/dot", "/usr/local/bin/dot"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("Graphviz dot is not installed")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-Tsvg", folder.path + "/ego.dot", "-o", folder.path + "/ego.svg"]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
    }

    func testGraphMLExportLoadsInNetworkX() throws {
        let folder = try folder()
        let result = try KGProcess.run(["query", "--format", "graphml", "-o", "all.graphml", "concepts"], in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", "import networkx, sys; g = networkx.read_graphml(sys.argv[1]); print(g.number_of_nodes(), g.number_of_edges())",
            folder.path + "/all.graphml",
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw XCTSkip("python3 with networkx is not available") }
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "9 11\n")
    }

    func testAQueryFromAFileOrStandardInput() throws {
        let folder = try folder()
        folder.write("q.kgq", "# the strongest KP of each topic, roughly\ntopics\n  | neighbors kp   # KPs next to any topic\n  | top 1 by weight\n")
        let fromFile = try KGProcess.run(["query", "-f", "q.kgq", "--csv"], in: folder.path)
        XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
        XCTAssertTrue(fromFile.stdout.contains(",kp,Mean,6,2,6\n"), fromFile.stdout)
        let fromStdin = try KGProcess.run(
            ["query", "-f", "-", "--csv"], stdin: Data("topics | neighbors kp | top 1 by weight".utf8), in: folder.path)
        XCTAssertEqual(fromStdin.stdout, fromFile.stdout)
    }

    func testAnErrorShowsTheQueryWithACaretAndExitsNonZero() throws {
        let folder = try folder()
        let result = try KGProcess.run(["query", #"topic "geometri" | neighbors kp"#], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(
            result.stderr,
            """
            Error: column 7: no topic named "geometri"
              topic "geometri" | neighbors kp
                    ^~~~~~~~~~
              did you mean "Geometry"?

            """)
        let fromFile = try KGProcess.run(["query", "-f", folder.write("bad.kgq", "topics\n| where nmae = \"x\"\n")], in: folder.path)
        XCTAssertTrue(fromFile.stderr.hasPrefix("Error: line 2, column 9: unknown field 'nmae'"), fromFile.stderr)
        XCTAssertTrue(fromFile.stderr.contains("  did you mean name?"), fromFile.stderr)
    }

    func testASyntaxErrorIsReportedEvenWithoutAKnowledgeBase() throws {
        let folder = TemporaryFolder()
        let result = try KGProcess.run(["query", "topics | lmit 3"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("found 'lmit'"), result.stderr)
        let valid = try KGProcess.run(["query", "topics"], in: folder.path)
        XCTAssertTrue(valid.stderr.contains("no knowledge base at kg.sqlite"), valid.stderr)
    }

    func testOptionsAreValidated() throws {
        let folder = try folder()
        let none = try KGProcess.run(["query"], in: folder.path)
        XCTAssertNotEqual(none.status, 0)
        XCTAssertTrue(none.stderr.contains("Give a query"), none.stderr)
        let both = try KGProcess.run(["query", "topics", "-f", "q.kgq"], in: folder.path)
        XCTAssertTrue(both.stderr.contains("not both"), both.stderr)
        let formats = try KGProcess.run(["query", "topics", "--json", "--csv"], in: folder.path)
        XCTAssertTrue(formats.stderr.contains("Choose one of --json, --csv and --format"), formats.stderr)
    }
}
