import KnowledgeBase
import XCTest

@testable import Query

final class SetOperationAndProvenanceTests: XCTestCase {
    let f = QueryFixture.shared

    // MARK: - Set operations

    func testUnionAddsWeights() throws {
        // Geometry: Area 2, Algebra 1, Pyth 1, Pi 1. Number theory: Algebra 1, Modular 2, Primes 1.
        let result = try XCTUnwrap(f.run(#"(topic "Geometry" | neighbors) union (topic "Number theory" | neighbors)"#))
        XCTAssertEqual(
            result.nodes.map { f.snapshot.names[Int($0)] },
            ["Algebra", "Area of a circle", "Modular arithmetic", "Pythagorean theorem", "Pi", "Primes"])
        XCTAssertEqual(result.weights, [2, 2, 2, 1, 1, 1])
    }

    func testIntersectKeepsCommonRowsWithSummedWeights() throws {
        let result = try XCTUnwrap(f.run(#"(topic "Geometry" | neighbors) intersect (topic "Number theory" | neighbors)"#))
        XCTAssertEqual(result.nodes.map { f.snapshot.names[Int($0)] }, ["Algebra"])
        XCTAssertEqual(result.weights, [2])
    }

    func testExceptKeepsTheLeftRowsAndWeights() throws {
        let result = try XCTUnwrap(f.run(#"(topic "Geometry" | neighbors) except (topic "Number theory" | neighbors)"#))
        XCTAssertEqual(result.nodes.map { f.snapshot.names[Int($0)] }, ["Area of a circle", "Pythagorean theorem", "Pi"])
        XCTAssertEqual(result.weights, [2, 1, 1])
    }

    func testSetOperationsOfPlainSetsHaveNoWeightsAndChainLeftToRight() throws {
        XCTAssertEqual(f.names(#"topic "Algebra" union kp "Pi" union topic "Geometry""#), ["Algebra", "Geometry", "Pi"])
        XCTAssertNil(f.run(#"topic "Algebra" union kp "Pi""#)?.weights)
        XCTAssertEqual(
            f.names(#"topics except topic "Algebra" intersect (kps ~ "a" union topics)"#),
            ["Probability", "Statistics", "Geometry", "Combinatorics", "Number theory"])
        // A weighted side keeps weights; the plain side counts 0.
        let mixed = try XCTUnwrap(f.run(#"(topic "Geometry" | neighbors kp) union kp "Mean""#))
        XCTAssertEqual(mixed.nodes.map { f.snapshot.names[Int($0)] }, ["Area of a circle", "Pythagorean theorem", "Pi", "Mean"])
        XCTAssertEqual(mixed.weights, [2, 1, 1, 0])
    }

    func testSetOperationsOnEdgesAndSubgraphs() throws {
        let edges = try XCTUnwrap(f.run(#"(topic "Geometry" | ego 1 | edges) except (topic "Algebra" | ego 1 | edges)"#))
        XCTAssertEqual(edges.kind, .edges)
        XCTAssertEqual(f.edgeStrings(edges.edges).first, "Area of a circle–Geometry 2")
        XCTAssertEqual(f.edgeStrings(edges.edges).sorted(), ["Area of a circle–Geometry 2", "Area of a circle–Pi 1", "Geometry–Pi 1"])
        let common = try XCTUnwrap(f.run(#"(topic "Geometry" | ego 1) intersect (topic "Algebra" | ego 1)"#))
        XCTAssertEqual(common.kind, .subgraph)
        XCTAssertEqual(common.nodes.map { f.snapshot.names[Int($0)] }, ["Algebra", "Geometry", "Pythagorean theorem"])
        XCTAssertEqual(f.edgeStrings(common.edges), ["Algebra–Pythagorean theorem 2", "Algebra–Geometry 1", "Geometry–Pythagorean theorem 1"])
        let rest = try XCTUnwrap(f.run(#"(topic "Geometry" | ego 1) except (topic "Algebra" | ego 1)"#))
        XCTAssertEqual(rest.nodes.map { f.snapshot.names[Int($0)] }, ["Area of a circle", "Pi"])
        XCTAssertEqual(f.edgeStrings(rest.edges), ["Area of a circle–Pi 1"])
        let joined = try XCTUnwrap(f.run(#"(topic "Statistics" | path to "Probability") union (topic "Geometry" | ego 0)"#))
        XCTAssertEqual(joined.kind, .subgraph, "a path combines as a subgraph")
        XCTAssertEqual(joined.nodes.count, 4)
        XCTAssertEqual(joined.edges.count, 2)
    }

    func testSetOperationsOnProblems() {
        XCTAssertEqual(f.problemIDs(#"(kp "Dice" | problems) intersect (topic "Probability" | problems)"#), ["r13a", "r13b"])
        XCTAssertEqual(f.problemIDs(#"(kp "Pi" | problems) union (kp "Primes" | problems)"#), ["r1", "r6"])
        XCTAssertEqual(f.problemIDs(#"(topic "Geometry" | problems) except (kp "Area of a circle" | problems)"#), ["r3"])
    }

    // MARK: - problems, edges, concepts

    func testProblemsOfConceptsMentionAnyOfThem() {
        XCTAssertEqual(f.problemIDs(#"kp "Pythagorean theorem" | problems"#), ["r3", "r4"])
        XCTAssertEqual(f.problemIDs(#"(kp "Pi" union kp "Primes") | problems"#), ["r1", "r6"])
        XCTAssertEqual(f.problemIDs(#"kps ~ "zzz" | problems"#), [])
    }

    func testProblemsOfEdgesAndPathsMentionBothEndsOfAnEdge() {
        XCTAssertEqual(f.problemIDs(#"(topic "Geometry" union kp "Pi") | edges | problems"#), ["r1"])
        XCTAssertEqual(
            f.problemIDs(#"topic "Statistics" | path to "Probability" | problems"#),
            ["r9a", "r9b", "r9c", "r10a", "r10b", "r10c"])
    }

    func testEdgesOfASetAreTheEdgesAmongItsMembers() throws {
        let result = try XCTUnwrap(f.run("topics | edges"))
        XCTAssertEqual(result.kind, .edges)
        XCTAssertEqual(f.edgeStrings(result.edges).sorted(), ["Algebra–Geometry 1", "Algebra–Number theory 1", "Probability–Statistics 1"])
        XCTAssertEqual(f.run(#"topic "Geometry" | edges"#)?.edges, [])
    }

    func testConceptsOfAResult() {
        XCTAssertEqual(f.names(#"kp "Pi" | problems | concepts"#), ["Geometry", "Area of a circle", "Pi"])
        XCTAssertEqual(f.names("edges | where weight >= 3 | concepts"), ["Probability", "Mean", "Statistics"])
        XCTAssertEqual(f.names(#"topic "Statistics" | path to "Probability" | concepts"#), ["Probability", "Mean", "Statistics"])
        XCTAssertEqual(f.names(#"kp "Pi" | problems | concepts | neighbors topic"#), ["Algebra"])
    }
}
