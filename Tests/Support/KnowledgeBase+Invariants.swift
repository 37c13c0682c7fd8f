import XCTest

@testable import KnowledgeBase

extension KnowledgeBase {
    /// Edge counts by concept names, "a|b" with names sorted, for readable assertions.
    public func edgesByName() throws -> [String: Int] {
        let statement = try database.prepare(
            """
            SELECT ca.kind || ':' || ca.name, cb.kind || ':' || cb.name, e.count
            FROM edge e JOIN concept ca ON ca.id = e.a JOIN concept cb ON cb.id = e.b
            """)
        var result: [String: Int] = [:]
        while try statement.step() {
            let names = [statement.text(0), statement.text(1)].sorted()
            result[names.joined(separator: "|")] = statement.int(2)
        }
        return result
    }

    /// Problem counts by "kind:name".
    public func problemCounts() throws -> [String: Int] {
        var result: [String: Int] = [:]
        for concept in try concepts(minimumProblems: 0) {
            result["\(concept.kind.rawValue):\(concept.name)"] = concept.problems
        }
        return result
    }

    /// Recomputes every edge count and problem count from the mention table and compares
    /// with what is stored: the invariant ingest and merge must keep.
    public func assertCountsMatchMentions(file: StaticString = #filePath, line: UInt = #line) throws {
        let recomputedEdges = try database.prepare(
            """
            SELECT m1.concept, m2.concept, count(*) FROM mention m1
            JOIN mention m2 ON m1.problem = m2.problem AND m1.concept < m2.concept
            GROUP BY 1, 2 ORDER BY 1, 2
            """)
        var expected: [String] = []
        while try recomputedEdges.step() {
            expected.append("\(recomputedEdges.int(0))-\(recomputedEdges.int(1)):\(recomputedEdges.int(2))")
        }
        let stored = try database.prepare("SELECT a, b, count FROM edge ORDER BY pair")
        var actual: [String] = []
        while try stored.step() { actual.append("\(stored.int(0))-\(stored.int(1)):\(stored.int(2))") }
        XCTAssertEqual(actual, expected, "edge counts differ from the mentions", file: file, line: line)
        let badCounts = try database.scalarInt(
            """
            SELECT count(*) FROM concept c
            WHERE c.problem_count != (SELECT count(*) FROM mention m WHERE m.concept = c.id)
            """)
        XCTAssertEqual(badCounts, 0, "problem counts differ from the mentions", file: file, line: line)
        let badSpellings = try database.scalarInt(
            """
            SELECT count(*) FROM spelling s
            WHERE s.count != (SELECT count(*) FROM mention m WHERE m.spelling = s.id)
            """)
        XCTAssertEqual(badSpellings, 0, "spelling counts differ from the mentions", file: file, line: line)
    }
}
