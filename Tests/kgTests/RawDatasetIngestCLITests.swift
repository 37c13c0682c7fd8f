import Foundation
import KGTestSupport
import XCTest

/// `kg ingest` on files that are not quite extraction records: ids under another name, no ids,
/// and raw problems that still need tagging.
final class RawDatasetIngestCLITests: XCTestCase {
    func testARawGSM8KLineSaysItNeedsTaggingNotThatIdIsMissing() throws {
        let folder = TemporaryFolder()
        folder.write("train.jsonl", try ExtractCLITests.gsm8kSlice(3))
        let result = try KGProcess.run(["ingest", "train.jsonl"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("train.jsonl:1: field 'topics': this is a raw problem (its text is in 'question')"), result.stderr)
        XCTAssertTrue(result.stderr.contains("kg tag FILE -o tagged.jsonl"), result.stderr)
        XCTAssertTrue(result.stderr.contains("kg extract"), result.stderr)
        XCTAssertFalse(result.stderr.contains("--skip-bad"), result.stderr)
    }

    func testAMissingIdNamesBothWaysOut() throws {
        let folder = TemporaryFolder()
        folder.write("r.jsonl", #"{"uid": "a", "topics": ["Fractions"], "knowledge_points": []}"#)
        let result = try KGProcess.run(["ingest", "r.jsonl"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("r.jsonl:1: field 'id': required field is missing; if the id has another name pass --id-field NAME"), result.stderr)
        XCTAssertTrue(result.stderr.contains("--auto-id"), result.stderr)
    }

    func testIdFieldReadsTheIdFromTheNamedField() throws {
        let folder = TemporaryFolder()
        folder.write("r.jsonl", """
            {"uid": "a", "topics": ["Fractions"], "knowledge_points": ["Adding fractions"]}
            {"uid": 7, "topics": ["Ratios"], "knowledge_points": []}
            """)
        let ingest = try KGProcess.run(["ingest", "--id-field", "uid", "r.jsonl"], in: folder.path)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        XCTAssertTrue(ingest.stdout.contains("ingested 2 records (2 new, 0 replaced)"), ingest.stdout)
        let again = try KGProcess.run(["ingest", "--id-field", "uid", "r.jsonl"], in: folder.path)
        XCTAssertTrue(again.stdout.contains("ingested 2 records (0 new, 2 replaced)"), again.stdout)
    }

    func testAutoIdUsesFolderFileAndLineAndReingestingReplaces() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/gsm8k", withIntermediateDirectories: true)
        folder.write("gsm8k/train.jsonl", """
            {"question": "2+2?", "topics": ["Addition"], "knowledge_points": ["Adding whole numbers"]}
            {"id": "own", "question": "3+3?", "topics": ["Addition"], "knowledge_points": []}
            {"question": "4-1?", "topics": ["Subtraction"], "knowledge_points": []}
            """)
        let ingest = try KGProcess.run(["ingest", "--auto-id", "gsm8k/train.jsonl"], in: folder.path)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        XCTAssertTrue(ingest.stdout.contains("ingested 3 records (3 new, 0 replaced)"), ingest.stdout)
        let again = try KGProcess.run(["ingest", "--auto-id", "gsm8k/train.jsonl"], in: folder.path)
        XCTAssertTrue(again.stdout.contains("ingested 3 records (0 new, 3 replaced)"), again.stdout)
        let query = try KGProcess.run(["query", #"topic "Subtraction" | problems"#], in: folder.path)
        XCTAssertEqual(query.status, 0, query.stderr)
        XCTAssertTrue(query.stdout.contains("gsm8k-train/3 "), query.stdout)
    }

    func testTaggedGSM8KIngestsWithAutoId() throws {
        let folder = TemporaryFolder()
        folder.write("train.jsonl", try ExtractCLITests.gsm8kSlice(5))
        let tag = try KGProcess.run(["tag", "train.jsonl", "-o", "tagged.jsonl"], in: folder.path)
        XCTAssertEqual(tag.status, 0, tag.stderr)
        let ingest = try KGProcess.run(["ingest", "--auto-id", "tagged.jsonl"], in: folder.path)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        XCTAssertTrue(ingest.stdout.contains("ingested 5 records (5 new, 0 replaced)"), ingest.stdout)
    }
}
