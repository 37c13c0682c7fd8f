import Foundation
import KGTestSupport
import XCTest

/// `kg import` of the coarsely labelled evaluation sets, run as a user would.
final class ImportCLITests: XCTestCase {
    /// The given 1-based lines of a file in ../shared/data beside the checkout.
    static func sharedLines(_ dataset: String, _ name: String, _ numbers: [Int]) throws -> String {
        let path = KGProcess.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data/\(dataset)/\(name)").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw XCTSkip("no \(path)") }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return numbers.map { lines[$0 - 1] + "\n" }.joined()
    }

    func testCollegeMathLicenceSafeWritesOnlyCCBYRowsWithTheirLicence() throws {
        let folder = TemporaryFolder()
        folder.write("test.jsonl", try Self.sharedLines("collegemath", "test.jsonl", [1, 1001, 1501, 2001, 2149]))
        let all = try KGProcess.run(["import", "collegemath", "test.jsonl"], in: folder.path)
        XCTAssertEqual(all.status, 0, all.stderr)
        XCTAssertEqual(all.stdout.split(separator: "\n").count, 5)
        let safe = try KGProcess.run(["import", "collegemath", "test.jsonl", "--licence-safe"], in: folder.path)
        XCTAssertEqual(safe.status, 0, safe.stderr)
        let lines = safe.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 1)
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        XCTAssertEqual(object["license"] as? String, "Creative Commons Attribution 3.0 Unported License (CC BY 3.0)")
        XCTAssertEqual(object["topics"] as? [String], ["Algebra"])
    }

    func testLicenceSafeIsRefusedWhereRowsShareOneLicence() throws {
        let folder = TemporaryFolder()
        let result = try KGProcess.run(["import", "olympiadbench", "x.jsonl", "--licence-safe"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("--licence-safe applies to datasets whose rows carry their own licence"), result.stderr)
    }

    func testOlympiadBenchImportsIntoAKnowledgeBase() throws {
        let folder = TemporaryFolder()
        folder.write("test.jsonl", try Self.sharedLines("olympiadbench-math-en", "test.jsonl", [1, 2, 3, 4]))
        let result = try KGProcess.run(["import", "olympiadbench", "test.jsonl", "--ingest"], in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("ingested 4 olympiadbench records (4 new, 0 replaced)"), result.stdout)
    }
}
