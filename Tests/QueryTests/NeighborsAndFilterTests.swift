import KnowledgeBase
import XCTest

@testable import Query

final class NeighborsAndFilterTests: XCTestCase {
    let f = QueryFixture.shared

    // MARK: - neighbors

    func testNeighborsOfATopicCarryTheirEdgeCounts() throws {
        let result = try XCTUnwrap(f.run(#"topic "Geometry" | neighbors kp"#))
        XCTAssertEqual(result.kind, .concepts)
        XCTAssertEqual(result.nodes.map { f.snapshot.names[Int($0)] }, ["Area of a circle", "Pythagorean theorem", "Pi"])
        XCTAssertEqual(result.weights, [2, 1, 1], "ties on weight go to the concept with more problems")
    }

    func testNeighborsWithoutAKindIncludeBothKinds() {
        XCTAssertEqual(f.names(#"topic "Geometry" | neighbors"#), ["Area of a circle", "Algebra", "Pythagorean theorem", "Pi"])
        XCTAssertEqual(f.names(#"topic "Geometry" | neighbors topic"#), ["Algebra"])
    }

    func testNeighborsOfASetSumCountsToItsMembersAndLeaveTheMembersOut() throws {
        // Geometry and Algebra: Pyth 1 + 2, Area 2, Linear 2, Pi 1, Modular 1, Number theory 1.
        let result = try XCTUnwrap(f.run(#"(topic "Geometry" union topic "Algebra") | neighbors"#))
        XCTAssertEqual(
            result.nodes.map { f.snapshot.names[Int($0)] },
            ["Pythagorean theorem", "Area of a circle", "Linear equations", "Modular arithmetic", "Number theory", "Pi"])
        XCTAssertEqual(result.weights, [3, 2, 2, 1, 1, 1])
    }

    func testNeighborsOfNothingIsNothing() {
        XCTAssertEqual(f.names(#"kps ~ "zzz" | neighbors"#), [])
    }

    // MARK: - where

    func testWhereComparesCountsAndWeights() {
        XCTAssertEqual(
            f.names(#"topic "Algebra" | neighbors kp | where count >= 2 | top 2 by weight"#),
            ["Linear equations", "Pythagorean theorem"])
        XCTAssertEqual(f.names(#"topic "Probability" | neighbors kp | where weight > 1"#), ["Mean", "Dice"])
        XCTAssertEqual(f.names("kps | where count = 1"), ["Pi", "Primes"])
        XCTAssertEqual(f.names("kps | where count != 2 and count < 4"), ["Counting", "Pi", "Primes"])
        XCTAssertEqual(f.names("topics | where degree >= 4"), ["Probability", "Algebra", "Geometry"])
        XCTAssertEqual(f.names("topics | where problems <= 2.5"), ["Combinatorics", "Number theory"])
    }

    func testWhereCombinesWithAndOrNotAndParentheses() {
        XCTAssertEqual(f.names("concepts | where (kind = topic or count > 5) and degree >= 4"), ["Probability", "Algebra", "Geometry"])
        XCTAssertEqual(f.names(#"kps | where not source = "beta" and count >= 3"#), ["Mean", "Dice", "Counting"])
        XCTAssertEqual(f.names("topics | where not (count > 2 or degree > 2)"), ["Combinatorics"])
        XCTAssertEqual(f.names("topics | where kind != topic"), [])
    }

    func testNameEqualityIsNormalisedAndMatchIsLoose() {
        XCTAssertEqual(f.names(#"concepts | where name = "pythagorean theorems""#), ["Pythagorean theorem"])
        XCTAssertEqual(f.names(#"topics | where name ~ "stat""#), ["Statistics"])
        XCTAssertEqual(
            f.names(#"topics | where name != "statistics" and name ~ "i""#),
            ["Probability", "Combinatorics"], "'i' is in probability and combinatorics, not in algebra")
        XCTAssertEqual(f.names(#"topics | where name < "C""#), ["Algebra"])
    }

    func testLevelHoldsWhenSomeProblemOfThatLevelMentionsTheConcept() {
        XCTAssertEqual(f.names(#"topics | where level = "grade-8""#), ["Algebra", "Geometry"])
        XCTAssertEqual(f.names(#"topics | where level = "grade 8""#), ["Algebra", "Geometry"], "levels parse like ingest")
        XCTAssertEqual(f.names(#"concepts | where level < "grade-4""#), ["Geometry", "Area of a circle", "Pi"])
        XCTAssertEqual(f.names(#"kps | where level >= "grade-8""#), ["Linear equations", "Modular arithmetic", "Pythagorean theorem", "Primes"])
        XCTAssertEqual(f.names(#"topics | where level != "grade-7""#), ["Algebra", "Geometry", "Number theory"])
        XCTAssertEqual(f.names(#"kps | where level ~ "comp""#), ["Modular arithmetic", "Primes"])
    }

    func testSourceHoldsWhenSomeProblemFromThatSourceMentionsTheConcept() {
        XCTAssertEqual(
            f.names(#"concepts | where source = "beta" and kind = kp"#),
            ["Linear equations", "Modular arithmetic", "Pythagorean theorem", "Primes"])
        XCTAssertEqual(f.names(#"topics | where source = "ALPHA""#), ["Algebra", "Geometry"], "source names ignore case")
        XCTAssertEqual(
            f.names(#"topics | where source ~ "ta""#), ["Probability", "Algebra", "Combinatorics", "Number theory"],
            "beta and delta")
        XCTAssertEqual(f.names(#"topics | where source != "gamma""#), ["Geometry", "Combinatorics", "Number theory"])
    }

    func testWhereOnEdgesTestsTheEdgeCountAndEitherEnd() throws {
        let strong = try XCTUnwrap(f.run("edges | where weight >= 3"))
        XCTAssertEqual(f.edgeStrings(strong.edges).sorted(), ["Mean–Probability 3", "Mean–Statistics 3"])
        XCTAssertEqual(f.run(#"edges | where name = "Mean""#)?.edges.count, 2)
        XCTAssertEqual(f.run(#"edges | where kind = topic and kind = kp"#)?.edges.count, 14, "topic–KP edges")
        XCTAssertEqual(f.run(#"edges | where not kind = kp"#)?.edges.count, 3, "topic–topic edges")
        XCTAssertEqual(f.run(#"edges | where kind != topic"#)?.edges.count, 4, "KP–KP edges: neither end is a topic")
        XCTAssertEqual(
            f.edgeStrings(f.run(#"edges | where level = "competition" and count = 2"#)?.edges ?? []).sorted(),
            ["Algebra–Linear equations 2", "Algebra–Pythagorean theorem 2", "Modular arithmetic–Number theory 2"])
    }

    func testWhereOnProblemsTestsIdLevelAndSource() {
        XCTAssertEqual(f.problemIDs(#"problems | where level = "competition""#), ["r5", "r6"])
        XCTAssertEqual(f.problemIDs(#"problems | where source = "gamma" and level = "grade-7""#), ["r11"])
        XCTAssertEqual(f.problemIDs(#"problems | where id ~ "R9""#), ["r9a", "r9b", "r9c"])
        XCTAssertEqual(f.problemIDs(#"problems | where id = "r7""#), ["r7"])
        XCTAssertEqual(
            f.problemIDs(#"problems | where level != "grade-6" and level != "grade-7" and source != "alpha""#),
            ["r4", "r5", "r6", "r7", "r8"], "a problem without a level or source is unequal to every value")
    }

    func testWhereOnASubgraphKeepsTheEdgesBetweenKeptNodes() throws {
        let result = try XCTUnwrap(f.run(#"topic "Geometry" | ego 2 | where level = "grade-8""#))
        XCTAssertEqual(result.kind, .subgraph)
        XCTAssertEqual(result.nodes.map { f.snapshot.names[Int($0)] }, ["Algebra", "Geometry", "Linear equations", "Pythagorean theorem"])
        XCTAssertEqual(
            f.edgeStrings(result.edges).sorted(),
            [
                "Algebra–Geometry 1", "Algebra–Linear equations 2",
                "Algebra–Pythagorean theorem 2", "Geometry–Pythagorean theorem 1",
                "Linear equations–Pythagorean theorem 1",
            ])
    }
}
