import KnowledgeBase
import XCTest

@testable import Query

/// What other commands use: `conceptNodes`, `subgraph`, and the table, CSV and JSON forms.
final class QueryResultTests: XCTestCase {
    let f = QueryFixture.shared

    private func nodes(_ names: [String]) -> [Int32] { names.map(f.node).sorted() }

    func testConceptNodesAreEveryConceptInvolvedAscending() throws {
        XCTAssertEqual(f.run(#"topic "Geometry" | neighbors kp"#)?.conceptNodes, nodes(["Area of a circle", "Pi", "Pythagorean theorem"]))
        XCTAssertEqual(f.run("edges | where weight >= 3")?.conceptNodes, nodes(["Mean", "Statistics", "Probability"]))
        XCTAssertEqual(f.run(#"kp "Pi" | problems"#)?.conceptNodes, nodes(["Geometry", "Area of a circle", "Pi"]))
        XCTAssertEqual(f.run(#"topic "Statistics" | path to "Probability""#)?.conceptNodes, nodes(["Mean", "Statistics", "Probability"]))
        XCTAssertEqual(f.run("kps | limit 0")?.conceptNodes, [])
    }

    func testTheSubgraphOfAConceptSetIsInduced() throws {
        let graph = try XCTUnwrap(f.run(#"topic "Geometry" | neighbors kp"#)?.subgraph)
        XCTAssertEqual(graph.nodes.map(\.node), nodes(["Area of a circle", "Pi", "Pythagorean theorem"]))
        XCTAssertEqual(graph.nodes.map(\.name).sorted(), ["Area of a circle", "Pi", "Pythagorean theorem"])
        XCTAssertEqual(graph.nodes.first { $0.name == "Area of a circle" }?.problems, 2)
        XCTAssertEqual(graph.nodes.first { $0.name == "Pi" }?.kind, .kp)
        XCTAssertEqual(graph.edges, [Subgraph.Edge(f.node("Area of a circle"), f.node("Pi"), count: 1)])
        XCTAssertEqual(graph.index(of: f.node("Pi")).map { graph.nodes[$0].name }, "Pi")
        XCTAssertNil(graph.index(of: f.node("Geometry")))
    }

    func testTheSubgraphOfAPathHasOnlyThePathEdges() throws {
        let graph = try XCTUnwrap(f.run(#"topic "Statistics" | path to "Probability""#)?.subgraph)
        XCTAssertEqual(graph.nodes.count, 3)
        XCTAssertEqual(
            f.edgeStrings(graph.edges).sorted(), ["Mean–Probability 3", "Mean–Statistics 3"], "not the direct Statistics–Probability edge")
        for e in graph.edges { XCTAssertLessThan(e.a, e.b) }
        XCTAssertEqual(graph.edges.map(\.pair), graph.edges.map(\.pair).sorted())
    }

    func testTheSubgraphOfAnEgoGraphIsItsNodesAndEdges() throws {
        let result = try XCTUnwrap(f.run(#"topic "Geometry" | ego 1"#))
        XCTAssertEqual(result.subgraph.nodes.map(\.node), result.nodes.sorted())
        XCTAssertEqual(result.subgraph.edges.count, 6)
        XCTAssertEqual(Set(result.subgraph.edges), Set(result.edges))
    }

    func testATableForEachKind() throws {
        let neighbours = try XCTUnwrap(f.run(#"topic "Geometry" | neighbors kp"#)?.tables)
        XCTAssertEqual(
            neighbours,
            [
                ResultTable(
                    header: ["kind", "name", "problems", "degree", "weight"],
                    rows: [
                        ["kp", "Area of a circle", "2", "2", "2"], ["kp", "Pythagorean theorem", "2", "3", "1"], ["kp", "Pi", "1", "2", "1"],
                    ], numericColumns: [2, 3, 4])
            ])
        let edges = try XCTUnwrap(f.run("edges | where weight >= 3 | sort by name")?.tables.first)
        XCTAssertEqual(edges.header, ["kind", "a", "b", "count"])
        XCTAssertEqual(
            edges.rows, [["topic-kp", "Probability", "Mean", "3"], ["topic-kp", "Statistics", "Mean", "3"]],
            "a topic is shown before a KP")
        let path = try XCTUnwrap(f.run(#"topic "Statistics" | path to "Probability""#)?.tables.first)
        XCTAssertEqual(path.title, "path of 2 hops, cost 0.6667")
        XCTAssertEqual(
            path.rows,
            [
                ["0", "topic", "Statistics", "4", "", "0"], ["1", "kp", "Mean", "6", "3", "0.3333"],
                ["2", "topic", "Probability", "7", "3", "0.6667"],
            ])
        let subgraph = try XCTUnwrap(f.run(#"topic "Geometry" | ego 1 kp"#)?.tables)
        XCTAssertEqual(subgraph.map(\.title), ["4 concepts", "4 edges"])
        let problems = try XCTUnwrap(f.run(#"kp "Pi" | problems"#)?.tables.first)
        XCTAssertEqual(problems.rows, [["r1", "alpha", "grade-3", "Geometry", "Area of a circle; Pi"]])
    }

    func testCSVQuotesOnlyWhatItMust() throws {
        let table = ResultTable(header: ["a", "b"], rows: [["plain", "with, comma"], ["say \"hi\"", "line\nbreak"]])
        XCTAssertEqual(table.csvText, "a,b\nplain,\"with, comma\"\n\"say \"\"hi\"\"\",\"line\nbreak\"\n")
        let csv = try XCTUnwrap(f.run(#"topic "Geometry" | ego 1 kp"#)?.csvTable)
        XCTAssertEqual(csv.header, ["element", "id", "kind", "name", "problems", "a_id", "b_id", "count"])
        XCTAssertEqual(csv.rows.filter { $0[0] == "node" }.count, 4)
        XCTAssertEqual(csv.rows.filter { $0[0] == "edge" }.count, 4)
        let concepts = try XCTUnwrap(f.run("topics | limit 1")?.csvTable)
        XCTAssertEqual(concepts.rows, [[String(f.snapshot.conceptIDs[Int(f.node("Probability"))]), "topic", "Probability", "7", "4"]])
    }

    func testJSONForConceptsEdgesAndProblems() throws {
        let geometry = f.snapshot.conceptIDs[Int(f.node("Geometry"))]
        XCTAssertEqual(
            f.run(#"topic "Geometry""#)?.jsonText(query: "q"),
            #"{"result":"concepts","query":"q","count":1,"concepts":[{"id":\#(geometry),"kind":"topic","name":"Geometry","problems":3,"degree":4}]}"#)
        let pi = f.snapshot.conceptIDs[Int(f.node("Pi"))]
        XCTAssertEqual(
            f.run(#"(topic "Geometry" union kp "Pi") | edges"#)?.jsonText(),
            #"{"result":"edges","count":1,"edges":[{"kind":"topic-kp","a":{"id":\#(geometry),"kind":"topic","name":"Geometry","problems":3},"b":{"id":\#(pi),"kind":"kp","name":"Pi","problems":1},"count":1}]}"#
        )
        XCTAssertEqual(
            f.run(#"problems | where id = "r7""#)?.jsonText(),
            #"{"result":"problems","count":1,"problems":[{"id":"r7","source":null,"level":null,"topics":["Probability"],"knowledge_points":["Counting"]}]}"#
        )
    }

    func testJSONForPathsAndSubgraphsIsNodeLink() throws {
        let path = try XCTUnwrap(f.run(#"topic "Statistics" | path to "Probability""#)?.jsonText())
        XCTAssertTrue(path.hasPrefix(#"{"directed":false,"multigraph":false,"graph":{"result":"path","hops":2,"cost":0.666667},"nodes":["#), path)
        XCTAssertTrue(path.contains(#""label":"Mean","step":1,"cost":0.333333}"#), path)
        let ego = try XCTUnwrap(f.run(#"topic "Geometry" | ego 0"#)?.jsonText(query: "x"))
        let id = f.snapshot.conceptIDs[Int(f.node("Geometry"))]
        XCTAssertEqual(
            ego,
            #"{"directed":false,"multigraph":false,"graph":{"result":"subgraph","query":"x"},"nodes":[{"id":\#(id),"kind":"topic","name":"Geometry","problems":3,"degree":4,"label":"Geometry"}],"edges":[]}"#
        )
    }
}
