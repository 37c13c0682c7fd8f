import Foundation
import KGTestSupport
import XCTest

/// A write that fails — a full disk (`/dev/full`), a folder that does not exist — is an
/// error with a message and a non-zero exit, never a silent success.
final class OutputFailureCLITests: XCTestCase {
    let records = """
        {"id": "p1", "source": "demo", "level": "grade-5", "problem": "Add 1/2 and 1/3.", "topics": ["Fractions"], "knowledge_points": ["Adding fractions", "Common denominators"]}
        {"id": "p2", "source": "demo", "level": "grade-6", "problem": "Share 6 apples in the ratio 1:2.", "topics": ["Fractions", "Ratios"], "knowledge_points": ["Common denominators"]}
        {"id": "p3", "source": "demo", "level": "grade-6", "problem": "What is 3/4 of 8?", "topics": ["Fractions", "Ratios"], "knowledge_points": ["Adding fractions"]}
        """

    private func knowledgeBase() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("r.jsonl", records)
        let ingest = try KGProcess.run(["ingest", "r.jsonl"], in: folder.path)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        return folder
    }

    private func assertFullDisk(_ result: KGProcess.Result, _ command: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNotEqual(result.status, 0, "\(command) exited 0 on a full disk", file: file, line: line)
        XCTAssertTrue(
            result.stderr.contains("cannot write") && result.stderr.contains("No space left on device"),
            "\(command): \(result.stderr)", file: file, line: line)
    }

    func testAnUnwritableRejectsFileFailsBeforeIngestingAndSaysWhy() throws {
        let folder = try knowledgeBase()
        folder.write("more.jsonl", #"{"id": "p9", "topics": ["Geometry"], "knowledge_points": []}"# + "\nnot json\n")
        let before = try KGProcess.run(["stats", "--json"], in: folder.path).stdout
        let result = try KGProcess.run(["ingest", "more.jsonl", "--skip-bad", "--rejects", "no/such/folder/rejects.jsonl"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertEqual(result.stdout, "", "nothing may look like success on standard output")
        XCTAssertTrue(result.stderr.contains("cannot write no/such/folder/rejects.jsonl"), result.stderr)
        XCTAssertEqual(try KGProcess.run(["stats", "--json"], in: folder.path).stdout, before, "the ingest must not have run")
    }

    func testSampleToAFullDiskFails() throws {
        let folder = try knowledgeBase()
        assertFullDisk(try KGProcess.run(["sample", "-n", "50", "--min-count", "1", "-o", "/dev/full", "--quiet"], in: folder.path), "kg sample -o")
        assertFullDisk(
            try KGProcess.run(["sample", "-n", "50", "--min-count", "1", "--quiet"], in: folder.path, stdoutPath: "/dev/full"),
            "kg sample > /dev/full")
    }

    func testQueryToAFullDiskFails() throws {
        let folder = try knowledgeBase()
        assertFullDisk(try KGProcess.run(["query", "topics", "-o", "/dev/full"], in: folder.path), "kg query -o")
        assertFullDisk(try KGProcess.run(["query", "topics", "--json"], in: folder.path, stdoutPath: "/dev/full"), "kg query > /dev/full")
    }

    func testTagToAFullDiskFails() throws {
        let folder = try knowledgeBase()
        folder.write("raw.jsonl", #"{"id": "g1", "question": "Tom has 3 apples and buys 4 more. How many does he have?"}"# + "\n")
        assertFullDisk(try KGProcess.run(["tag", "raw.jsonl", "-o", "/dev/full"], in: folder.path), "kg tag -o")
    }

    func testCoverageJSONToAFullDiskFails() throws {
        let folder = try knowledgeBase()
        assertFullDisk(try KGProcess.run(["coverage", "--json"], in: folder.path, stdoutPath: "/dev/full"), "kg coverage --json > /dev/full")
        assertFullDisk(try KGProcess.run(["stats", "--json"], in: folder.path, stdoutPath: "/dev/full"), "kg stats --json > /dev/full")
    }
}
