import KnowledgeBase
import XCTest

@testable import Query

final class PathAndEgoTests: XCTestCase {
    let f = QueryFixture.shared

    // MARK: - path

    func testTheStrongestPathDetoursThroughWellAttestedEdges() throws {
        // Direct edge Statistics–Probability: count 1, cost 1. Through Mean: 1/3 + 1/3.
        let result = try XCTUnwrap(f.run(#"topic "Statistics" | path to "Probability""#))
        XCTAssertEqual(result.kind, .path)
        XCTAssertEqual(result.nodes.map { f.snapshot.names[Int($0)] }, ["Statistics", "Mean", "Probability"])
        XCTAssertEqual(result.edges.map(\.count), [3, 3])
        XCTAssertEqual(result.pathCosts[0], 0)
        XCTAssertEqual(result.pathCosts[1], 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(result.pathCost), 2.0 / 3, accuracy: 1e-12)
    }

    func testEqualCostsGoToTheShorterPath() {
        // Probability–Counting directly costs 1; through Dice it costs 1/2 + 1/2 = 1 too.
        XCTAssertEqual(f.names(#"topic "Probability" | path to kp "Counting""#), ["Probability", "Counting"])
    }

    func testEqualCostsAndHopsGoToTheLowerNodeNumber() {
        // Geometry → Algebra → (Number theory | Modular arithmetic) → Primes: both cost 3 in 3 hops.
        let middle = min(f.node("Number theory"), f.node("Modular arithmetic"))
        XCTAssertEqual(
            f.names(#"topic "Geometry" | path to "Primes""#),
            ["Geometry", "Algebra", f.snapshot.names[Int(middle)], "Primes"])
    }

    func testAPathFromASetStartsAtItsBestMember() {
        XCTAssertEqual(f.names(#"kps | path to topic "Statistics""#), ["Mean", "Statistics"])
        XCTAssertEqual(f.names(#"topics | path to "Algebra""#), ["Algebra"], "a source that is the target is a path of no hops")
    }

    func testNoPathIsAnEmptyPath() throws {
        let result = try XCTUnwrap(f.run(#"topic "Geometry" | path to "Statistics""#))
        XCTAssertEqual(result.kind, .path)
        XCTAssertEqual(result.nodes, [])
        XCTAssertNil(result.pathCost)
        XCTAssertEqual(result.tables.first?.title, "no path")
    }

    func testAPathTargetIsResolvedLikeASource() {
        XCTAssertEqual(f.error(#"topic "Geometry" | path to "Primez""#)?.suggestions, ["Primes"])
        XCTAssertEqual(f.names(#"topic "Geometry" | path to "pythagorean theorems""#), ["Geometry", "Pythagorean theorem"])
    }

    func testStepsOnAPathTurnItIntoASubgraph() throws {
        let result = try XCTUnwrap(f.run(#"topic "Statistics" | path to "Probability" | where kind = topic"#))
        XCTAssertEqual(result.kind, .subgraph)
        XCTAssertEqual(result.nodes.map { f.snapshot.names[Int($0)] }, ["Statistics", "Probability"])
        XCTAssertEqual(result.edges, [], "the path's edges went through Mean")
    }

    // MARK: - ego

    func testEgoKeepsTheNodesWithinNHopsAndTheEdgesAmongThem() throws {
        let result = try XCTUnwrap(f.run(#"topic "Geometry" | ego 1"#))
        XCTAssertEqual(result.kind, .subgraph)
        XCTAssertEqual(result.nodes.map { f.snapshot.names[Int($0)] }, ["Algebra", "Geometry", "Area of a circle", "Pythagorean theorem", "Pi"])
        XCTAssertEqual(
            f.edgeStrings(result.edges).sorted(),
            [
                "Algebra–Geometry 1", "Algebra–Pythagorean theorem 2",
                "Area of a circle–Geometry 2", "Area of a circle–Pi 1",
                "Geometry–Pi 1", "Geometry–Pythagorean theorem 1",
            ])
        XCTAssertEqual(result.edges.first?.count, 2, "subgraph edges list the strongest first")
    }

    func testEgoZeroIsTheSetAndALargeRadiusIsTheComponent() throws {
        XCTAssertEqual(f.names(#"topic "Geometry" | ego 0"#), ["Geometry"])
        let component = try XCTUnwrap(f.run(#"topic "Geometry" | ego 1000000"#))
        XCTAssertEqual(component.nodes.count, 9)
        XCTAssertEqual(component.edges.count, 13)
    }

    func testEgoWithAKindOnlyStepsIntoThatKind() throws {
        let result = try XCTUnwrap(f.run(#"topic "Geometry" | ego 1 kp"#))
        XCTAssertEqual(result.nodes.map { f.snapshot.names[Int($0)] }, ["Geometry", "Area of a circle", "Pythagorean theorem", "Pi"])
        XCTAssertEqual(result.edges.count, 4)
        XCTAssertEqual(f.names(#"topic "Geometry" | ego 3 topic"#), ["Algebra", "Geometry", "Number theory"])
    }
}
