import Foundation
import KGTestSupport
import XCTest

final class DedupCLITests: XCTestCase {
    let lines = """
        {"id": "a", "problem": "A train travels 270 miles in 3 hours. At the same rate, how many additional hours would it take to travel an additional 180 miles?"}
        {"id": "b", "problem": "Sara reads 20 pages a day. How many days does she need for a 300-page book?"}
        {"id": "c", "problem": "A train travels 360 miles in 4 hours. At the same rate, how many additional hours would it take to travel an additional 240 miles?"}
        {"id": "d", "problem": "sara reads 20 pages a day.  How many days does she need for a 300-page book?"}
        """

    func testDedupWritesTheKeptLinesAndTheClusters() throws {
        let folder = TemporaryFolder()
        folder.write("p.jsonl", lines)
        let result = try KGProcess.run(["dedup", "p.jsonl", "-o", "u.jsonl", "--clusters", "c.jsonl", "--json"], in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(summary["problems"] as? Int, 4)
        XCTAssertEqual(summary["duplicates"] as? Int, 2)
        XCTAssertEqual(summary["by_reason"] as? [String: Int], ["exact": 1, "template": 1, "minhash": 0])
        let input = lines.split(separator: "\n")
        XCTAssertEqual(folder.read("u.jsonl"), [input[0], input[1]].joined(separator: "\n") + "\n")
        let clusters = folder.read("c.jsonl").split(separator: "\n")
        XCTAssertEqual(clusters.count, 2)
        let first = try JSONSerialization.jsonObject(with: Data(clusters[0].utf8)) as! [String: Any]
        let members = first["members"] as! [[String: Any]]
        XCTAssertEqual(members.map { $0["id"] as? String }, ["a", "c"])
        XCTAssertEqual(members.map { $0["kept"] as? Bool }, [true, false])
        XCTAssertEqual(members[1]["reason"] as? String, "template")
        // The same input and options give the same bytes.
        XCTAssertEqual(try KGProcess.run(["dedup", "p.jsonl", "--clusters", "c2.jsonl"], in: folder.path).status, 0)
        XCTAssertEqual(folder.read("c2.jsonl"), folder.read("c.jsonl"))
    }

    func testABadLineWritesNothing() throws {
        let folder = TemporaryFolder()
        folder.write("p.jsonl", lines + "\n{\"id\": \"e\", \"problem\": [1]}\n")
        let result = try KGProcess.run(["dedup", "p.jsonl", "-o", "u.jsonl"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("p.jsonl:5: field 'problem': expected a string, found an array"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/u.jsonl"))
    }

    func testBadSettingsAreRefused() throws {
        let folder = TemporaryFolder()
        folder.write("p.jsonl", lines)
        let result = try KGProcess.run(["dedup", "p.jsonl", "--bands", "30"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("must not exceed --permutations"), result.stderr)
    }
}
