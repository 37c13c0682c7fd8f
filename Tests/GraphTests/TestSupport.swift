import Foundation
import XCTest
@testable import Graph

/// A fresh temporary folder per test, removed afterwards.
final class TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "kg-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let file = path + "/" + name
        FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }

    func write(_ name: String, bytes: [UInt8]) -> String {
        let file = path + "/" + name
        FileManager.default.createFile(atPath: file, contents: Data(bytes))
        return file
    }

    var databasePath: String { path + "/kg.sqlite" }
}

/// One JSONL line for a record.
func recordLine(_ id: String, topics: [String], kps: [String], source: String? = nil, level: String? = nil) -> String {
    var w = JSONWriter()
    w.beginObject()
    w.key("id"); w.string(id)
    if let source { w.key("source"); w.string(source) }
    if let level { w.key("level"); w.string(level) }
    w.stringArray("topics", topics)
    w.stringArray("knowledge_points", kps)
    w.endObject()
    return w.string
}

extension KnowledgeBase {
    /// Edge counts by concept names, "a|b" with names sorted, for readable assertions.
    func edgesByName() throws -> [String: Int] {
        let statement = try database.prepare("""
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
    func problemCounts() throws -> [String: Int] {
        var result: [String: Int] = [:]
        for concept in try concepts(minimumProblems: 0) {
            result["\(concept.kind.rawValue):\(concept.name)"] = concept.problems
        }
        return result
    }

    /// Recomputes every edge count and problem count from the mention table and compares
    /// with what is stored: the invariant ingest and merge must keep.
    func assertCountsMatchMentions(file: StaticString = #filePath, line: UInt = #line) throws {
        let recomputedEdges = try database.prepare("""
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
        let badCounts = try database.scalarInt("""
            SELECT count(*) FROM concept c
            WHERE c.problem_count != (SELECT count(*) FROM mention m WHERE m.concept = c.id)
            """)
        XCTAssertEqual(badCounts, 0, "problem counts differ from the mentions", file: file, line: line)
        let badSpellings = try database.scalarInt("""
            SELECT count(*) FROM spelling s
            WHERE s.count != (SELECT count(*) FROM mention m WHERE m.spelling = s.id)
            """)
        XCTAssertEqual(badSpellings, 0, "spelling counts differ from the mentions", file: file, line: line)
    }
}
