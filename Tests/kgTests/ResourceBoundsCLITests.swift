import Foundation
import KGTestSupport
import KnowledgeBase
import XCTest

/// Inputs far past every limit (docs/reliability.md): each is refused with an error that names
/// the limit, in bounded memory, and the knowledge base is left as it was.
final class ResourceBoundsCLITests: XCTestCase {
    /// The largest resident set of any child this test process has waited for, in bytes.
    static func childPeakMemory() -> Int {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        return usage.ru_maxrss * 1024
        #else
        getrusage(RUSAGE_CHILDREN, &usage)
        return usage.ru_maxrss
        #endif
    }

    func ingestFails(_ folder: TemporaryFolder, _ line: String, saying parts: [String], file: StaticString = #filePath, line at: UInt = #line) throws {
        let before = try KGProcess.run(["stats", "--json"], in: folder.path).stdout
        folder.write("huge.jsonl", recordLine("ok1", topics: ["Fine"], kps: ["Fine point"]) + "\n" + line + "\n")
        let result = try KGProcess.run(["ingest", "huge.jsonl"], in: folder.path)
        XCTAssertNotEqual(result.status, 0, file: file, line: at)
        for part in parts { XCTAssertTrue(result.stderr.contains(part), "missing \"\(part)\" in \(result.stderr.prefix(600))", file: file, line: at) }
        XCTAssertLessThan(result.stderr.utf8.count, 4_000, "the error must not echo the whole input", file: file, line: at)
        XCTAssertEqual(try KGProcess.run(["stats", "--json"], in: folder.path).stdout, before, file: file, line: at)
    }

    func knowledgeBase() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("r.jsonl", recordLine("p1", topics: ["T"], kps: ["K"]))
        XCTAssertEqual(try KGProcess.run(["ingest", "r.jsonl"], in: folder.path).status, 0)
        return folder
    }

    func testATenMegabyteLineIsRefusedByItsLength() throws {
        let folder = try knowledgeBase()
        let line = recordLine("big", topics: ["T"], kps: ["K"], source: String(repeating: "x", count: 10 << 20))
        try ingestFails(folder, line, saying: ["huge.jsonl:2", "10485", "bytes long; the limit is 1048576"])
        // The line is read once and not parsed: nothing may hold many copies of it.
        XCTAssertLessThan(ResourceBoundsCLITests.childPeakMemory(), 256 << 20)
    }

    func testAHundredThousandTopicsAreRefusedByTheirCount() throws {
        let folder = try knowledgeBase()
        let line = recordLine("many", topics: (0..<100_000).map { "t\($0)" }, kps: ["K"])
        try ingestFails(folder, line, saying: ["huge.jsonl:2", "topics", "100000"])
    }

    func testJSONNestedAHundredThousandDeepIsRefusedWithoutOverflowingTheStack() throws {
        let folder = try knowledgeBase()
        let depth = 100_000
        let line = #"{"id": "deep", "topics": ["T"], "knowledge_points": ["K"], "extra": "# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        try ingestFails(folder, line, saying: ["huge.jsonl:2", "nesting deeper than"])
    }

    func testAMegabyteNameIsRefusedByItsLength() throws {
        let folder = try knowledgeBase()
        let name = String(repeating: "long name ", count: 100_000)
        try ingestFails(folder, recordLine("n1", topics: [name], kps: ["K"]), saying: ["huge.jsonl:2", "topics[0]", "1000000 characters", "limited to 300"])
    }

    func testAQueryNestedAHundredThousandDeepIsRefused() throws {
        let folder = try knowledgeBase()
        let query = String(repeating: "(", count: 100_000) + "topics" + String(repeating: ")", count: 100_000)
        folder.write("q.txt", query)
        let result = try KGProcess.run(["query", "-f", "q.txt"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("deep"), String(result.stderr.prefix(600)))
        XCTAssertLessThan(result.stderr.utf8.count, 4_000, "the error must not echo the whole query")
    }
}
