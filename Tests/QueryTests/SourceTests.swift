import KnowledgeBase
import XCTest

@testable import Query

final class SourceTests: XCTestCase {
    let f = QueryFixture.shared

    func testTopicsAreListedByProblemsThenName() {
        XCTAssertEqual(f.names("topics"), ["Probability", "Algebra", "Statistics", "Geometry", "Combinatorics", "Number theory"])
    }

    func testKPsAreListedByProblemsThenName() {
        XCTAssertEqual(
            f.names("kps"),
            [
                "Mean", "Dice", "Counting", "Area of a circle", "Linear equations",
                "Modular arithmetic", "Pythagorean theorem", "Pi", "Primes",
            ])
    }

    func testConceptsHoldBothKinds() {
        XCTAssertEqual(
            f.names("concepts"),
            [
                "Probability", "Mean", "Algebra", "Dice", "Statistics", "Counting", "Geometry",
                "Area of a circle", "Combinatorics", "Linear equations", "Modular arithmetic",
                "Number theory", "Pythagorean theorem", "Pi", "Primes",
            ])
    }

    func testANamedConceptIsFoundThroughNormalisation() {
        XCTAssertEqual(f.names(#"topic "geometry""#), ["Geometry"])
        XCTAssertEqual(f.names(#"topic "  GEOMETRY!""#), ["Geometry"])
        XCTAssertEqual(f.names(#"kp "pythagorean theorems""#), ["Pythagorean theorem"])
        XCTAssertEqual(f.names(#"kp "Area-of-a-Circle""#), ["Area of a circle"])
        XCTAssertEqual(f.names(#"concept "algebra""#), ["Algebra"])
    }

    func testANamedTopicIsNotAKnowledgePoint() {
        let error = f.error(#"kp "geometry""#)
        XCTAssertEqual(error?.reason, .wrongKind(name: "geometry", kind: .kp, existing: "Geometry"))
    }

    func testConceptFindsANameOfBothKinds() throws {
        let both = try QueryFixture(records: [
            ExtractionRecord(id: "1", topics: ["Fractions"], knowledgePoints: ["fractions", "Halves"])
        ])
        let result = both.run(#"concept "fraction""#)
        XCTAssertEqual(result?.nodes.map { both.snapshot.kinds[Int($0)] }, [.topic, .kp])
    }

    func testAliasesFromAMergeResolve() throws {
        let merged = try QueryFixture(
            records: [
                ExtractionRecord(id: "1", topics: ["Geometry"], knowledgePoints: ["Pythagorean theorem"]),
                ExtractionRecord(id: "2", topics: ["Geometry"], knowledgePoints: ["Pythagoras' theorem"]),
                ExtractionRecord(id: "3", topics: ["Algebra"], knowledgePoints: ["Pythagoras' theorem"]),
            ], merges: [(into: "Pythagorean theorem", from: "Pythagoras theorem")])
        XCTAssertEqual(merged.names(#"kp "pythagoras theorem""#), ["Pythagorean theorem"])
        XCTAssertEqual(merged.names(#"kp "Pythagorean theorem""#), ["Pythagorean theorem"])
        // The snapshot carries the store's keys and aliases, so an evaluator over it alone
        // resolves the old name too (and a name no alias knows gets the new one suggested).
        let bare = QueryEvaluator(snapshot: merged.snapshot)
        XCTAssertEqual(try bare.evaluate(try Query.parse(#"kp "pythagoras theorem""#)).nodes.map { merged.snapshot.names[Int($0)] }, ["Pythagorean theorem"])
        XCTAssertThrowsError(try bare.evaluate(try Query.parse(#"kp "pythagoras theory""#))) { error in
            XCTAssertEqual((error as? QueryError)?.suggestions, ["Pythagorean theorem"])
        }
    }

    func testAnAliasMapPassedByHandIsUsed() throws {
        let id = f.snapshot.conceptIDs[Int(f.node("Pi"))]
        let evaluator = QueryEvaluator(snapshot: f.snapshot, aliases: PerKind(topic: [:], kp: [ConceptKey("Archimedes constant").rawValue: id]))
        let result = try evaluator.evaluate(try Query.parse(#"kp "Archimedes' constant""#))
        XCTAssertEqual(result.nodes, [f.node("Pi")])
    }

    func testLooseMatchFindsSubstringsWordsInAnyOrderAndSmallMisspellings() {
        XCTAssertEqual(f.names(#"kps ~ "pythag""#), ["Pythagorean theorem"])
        XCTAssertEqual(f.names(#"kps ~ "theorem pyth""#), ["Pythagorean theorem"])
        XCTAssertEqual(f.names(#"kps ~ "pythagorian""#), ["Pythagorean theorem"])
        XCTAssertEqual(f.names(#"topics ~ "probabilty""#), ["Probability"])
        XCTAssertEqual(f.names(#"concepts ~ "ar""#), ["Area of a circle", "Linear equations", "Modular arithmetic"])
        XCTAssertEqual(f.names(#"kps ~ "zzz""#), [])
        XCTAssertEqual(f.names(#"topics ~ """#).count, 6, "an empty pattern matches everything")
    }

    func testEdgesListsEveryEdgeStrongestFirst() throws {
        let result = try XCTUnwrap(f.run("edges"))
        XCTAssertEqual(result.kind, .edges)
        XCTAssertEqual(result.edges.count, 21)
        XCTAssertEqual(Array(f.edgeStrings(result.edges).prefix(2)).sorted(), ["Mean–Probability 3", "Mean–Statistics 3"])
        XCTAssertEqual(result.edges.map(\.count), result.edges.map(\.count).sorted(by: >))
        for (x, y) in zip(result.edges, result.edges.dropFirst()) where x.count == y.count {
            XCTAssertLessThan(x.pair, y.pair, "ties go by node numbers")
        }
    }

    func testProblemsListsEveryProblemInStoreOrder() {
        let ids = f.problemIDs("problems")
        XCTAssertEqual(ids.count, 19)
        XCTAssertEqual(Array(ids.prefix(3)), ["r1", "r2", "r3"])
    }
}
