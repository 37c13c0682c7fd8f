import KnowledgeBase
import XCTest

@testable import Query

final class OrderingTests: XCTestCase {
    let f = QueryFixture.shared

    func testSortByNameIsAscendingUnlessDesc() {
        XCTAssertEqual(f.names("topics | sort by name"), ["Algebra", "Combinatorics", "Geometry", "Number theory", "Probability", "Statistics"])
        XCTAssertEqual(f.names("topics | sort by name desc"), ["Statistics", "Probability", "Number theory", "Geometry", "Combinatorics", "Algebra"])
    }

    func testSortTiesFallBackToTheNaturalOrder() {
        // Degrees: Statistics 2, Combinatorics 2, Number theory 3, Probability 4, Geometry 4, Algebra 5.
        XCTAssertEqual(
            f.names("topics | sort by degree"),
            ["Statistics", "Combinatorics", "Number theory", "Probability", "Geometry", "Algebra"])
        XCTAssertEqual(
            f.names("concepts | sort by kind | limit 7"),
            ["Probability", "Algebra", "Statistics", "Geometry", "Combinatorics", "Number theory", "Mean"])
    }

    func testSortByLevelUsesTheLowestLevelAndPutsConceptsWithoutOneLast() {
        XCTAssertEqual(
            f.names("kps | sort by level"),
            [
                "Area of a circle", "Pi", "Linear equations", "Mean", "Dice", "Counting",
                "Pythagorean theorem", "Modular arithmetic", "Primes",
            ])
        XCTAssertEqual(
            f.names("kps | sort by level desc"),
            [
                "Modular arithmetic", "Primes", "Pythagorean theorem", "Dice", "Counting",
                "Mean", "Linear equations", "Area of a circle", "Pi",
            ])
        XCTAssertEqual(f.problemIDs("problems | sort by level desc | limit 2"), ["r5", "r6"])
        XCTAssertEqual(f.problemIDs("problems | sort by level desc").last, "r7", "no level sorts last either way")
        XCTAssertEqual(f.problemIDs("problems | sort by level").last, "r7")
    }

    func testSortBySourceUsesTheFirstSourceByName() {
        XCTAssertEqual(
            f.names("kps | sort by source"),
            [
                "Area of a circle", "Pythagorean theorem", "Pi", "Linear equations",
                "Modular arithmetic", "Primes", "Dice", "Counting", "Mean",
            ])
        XCTAssertEqual(f.problemIDs("problems | sort by source desc | limit 3"), ["r8", "r9a", "r9b"])
    }

    func testTopTakesTheFirstNByAFieldDescendingByDefault() {
        XCTAssertEqual(f.names("topics | top 2 by problems"), ["Probability", "Algebra"])
        XCTAssertEqual(f.names("topics | top 2 by problems asc"), ["Combinatorics", "Number theory"])
        XCTAssertEqual(f.names("kps | top 0 by count"), [])
        XCTAssertEqual(f.names("kps | top 100 by count").count, 9)
        XCTAssertEqual(f.names(#"topic "Probability" | neighbors kp | top 1 by weight"#), ["Mean"])
    }

    func testTopOfManyRowsAgreesWithAFullSort() {
        // The bounded heap (few rows kept) and the full sort (many kept) give the same prefix.
        let all = f.names("concepts | sort by degree desc")
        for n in 0...15 {
            XCTAssertEqual(f.names("concepts | top \(n) by degree"), Array(all.prefix(n)), "top \(n)")
        }
    }

    func testLimitKeepsTheFirstRowsInTheCurrentOrder() {
        XCTAssertEqual(f.names("kps | limit 3"), ["Mean", "Dice", "Counting"])
        XCTAssertEqual(f.names("kps | sort by name | limit 2"), ["Area of a circle", "Counting"])
        XCTAssertEqual(f.names("kps | limit 0"), [])
        XCTAssertEqual(f.problemIDs("problems | limit 2"), ["r1", "r2"])
    }

    func testTheTopEdgesShortcutAgreesWithTheGeneralPath() throws {
        // A parenthesised source takes the general path: list every edge, then sort.
        for n in [0, 1, 2, 3, 7, 20, 21, 100] {
            for direction in ["", " asc", " desc"] {
                let fast = try XCTUnwrap(f.run("edges | top \(n) by weight\(direction) | limit 50"))
                let general = try XCTUnwrap(f.run("(edges) | top \(n) by weight\(direction) | limit 50"))
                XCTAssertEqual(fast.edges, general.edges, "top \(n)\(direction)")
                XCTAssertEqual(fast.edges.count, min(n, 21))
            }
        }
        XCTAssertEqual(f.run("edges | top 3 by count | where weight < 3")?.edges.count, 1, "later steps still apply")
    }

    func testEdgesSortByWeightNameOrKind() throws {
        let byName = try XCTUnwrap(f.run("edges | sort by name | limit 2"))
        XCTAssertEqual(f.edgeStrings(byName.edges), ["Algebra–Geometry 1", "Algebra–Linear equations 2"])
        let byKind = try XCTUnwrap(f.run("edges | sort by kind | limit 3"))
        XCTAssertEqual(byKind.edges.map { f.snapshot.kinds[Int($0.a)] == .topic && f.snapshot.kinds[Int($0.b)] == .topic }, [true, true, true])
        let weakest = try XCTUnwrap(f.run("edges | top 1 by weight asc"))
        XCTAssertEqual(weakest.edges.first?.count, 1)
    }

    func testSortingASubgraphOrdersItsNodesAndKeepsTheirEdges() throws {
        let result = try XCTUnwrap(f.run(#"topic "Geometry" | ego 1 | top 2 by count"#))
        XCTAssertEqual(result.kind, .subgraph)
        XCTAssertEqual(result.nodes.map { f.snapshot.names[Int($0)] }, ["Algebra", "Geometry"])
        XCTAssertEqual(f.edgeStrings(result.edges), ["Algebra–Geometry 1"])
        let limited = try XCTUnwrap(f.run(#"topic "Geometry" | ego 1 | limit 3"#))
        XCTAssertEqual(limited.nodes.map { f.snapshot.names[Int($0)] }, ["Algebra", "Geometry", "Area of a circle"])
        XCTAssertEqual(f.edgeStrings(limited.edges), ["Area of a circle–Geometry 2", "Algebra–Geometry 1"])
    }

    func testResultsAreIdenticalOnEveryRun() throws {
        for text in ["concepts", "edges", #"topic "Geometry" | ego 2"#, #"kp "Pi" | path to "Primes""#, "problems | sort by source"] {
            let first = try XCTUnwrap(f.run(text)), second = try XCTUnwrap(QueryFixture(records: QueryFixture.records).run(text))
            XCTAssertEqual(first.nodes, second.nodes, text)
            XCTAssertEqual(first.edges, second.edges, text)
            XCTAssertEqual(first.problems, second.problems, text)
            XCTAssertEqual(first.jsonText(), second.jsonText(), text)
        }
    }
}
