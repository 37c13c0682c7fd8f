import KGTestSupport
import KnowledgeBase
import TextAnalysis
import XCTest

final class NearDuplicateFinderTests: XCTestCase {
    func collection(_ texts: [String]) throws -> ProblemCollection {
        let folder = TemporaryFolder()
        var w = JSONWriter()
        for (i, text) in texts.enumerated() {
            w.beginObject(); w.key("id"); w.string("p\(i)"); w.key("problem"); w.string(text); w.endObject(); w.endLine()
        }
        return try ProblemCollection(files: [folder.write("p.jsonl", w.string)])
    }

    let base =
        "A farmer has 12 cows and 30 chickens on his farm. Each cow eats 4 bales of hay a week and each chicken eats a cup of grain a day. How many bales does he need for a month?"

    func testEachMethodFindsItsKindOfDuplicate() throws {
        let problems = try collection([
            base,
            base.uppercased(),  // exact: case and spacing only
            base.replacingOccurrences(of: "12 cows", with: "15 cows"),  // template: numbers only
            base.replacingOccurrences(of: "for a month?", with: "for a year?"),  // minhash: one word
            "Prove that there are infinitely many primes of the form 4k+3 using a suitable product.",
        ])
        let result = NearDuplicateFinder(options: .init()).run(problems)
        XCTAssertEqual(result.clusters.count, 1)
        let cluster = result.clusters[0]
        XCTAssertEqual(cluster.kept, 0)
        XCTAssertEqual(cluster.members.map(\.index), [0, 1, 2, 3])
        XCTAssertEqual(cluster.members.map(\.reason), [nil, .exact, .template, .minhash])
        XCTAssertGreaterThanOrEqual(cluster.members[3].similarity!, 0.7)
        XCTAssertEqual(result.keep, [true, false, false, false, true])
        XCTAssertEqual(result.droppedByReason, [.exact: 1, .template: 1, .minhash: 1])
    }

    func testOnlyTheMethodsAskedForLink() throws {
        let problems = try collection([base, base.replacingOccurrences(of: "12 cows", with: "15 cows")])
        var options = NearDuplicateFinder.Options()
        options.methods = [.exact]
        XCTAssertTrue(NearDuplicateFinder(options: options).run(problems).clusters.isEmpty)
        options.methods = [.template]
        XCTAssertEqual(NearDuplicateFinder(options: options).run(problems).clusters.count, 1)
    }

    func testUnrelatedProblemsAreNotLinked() throws {
        let problems = try collection([
            base,
            "What is the sum of the interior angles of a hexagon, in degrees?",
            "Sara reads 20 pages a day. How many days does she need for a 300-page book?",
            "A farmer sells eggs at the market every week and buys seed with the money he makes.",
        ])
        XCTAssertTrue(NearDuplicateFinder(options: .init()).run(problems).clusters.isEmpty)
    }

    func testKeepLongestKeepsTheLongestMember() throws {
        let longer = base + " Give your answer in bales."
        let problems = try collection([base, longer])
        var options = NearDuplicateFinder.Options()
        options.keep = .longest
        let result = NearDuplicateFinder(options: options).run(problems)
        XCTAssertEqual(result.clusters.first?.kept, 1)
        XCTAssertEqual(result.keep, [false, true])
    }
}
