import Foundation
import KGTestSupport
import XCTest

final class TemplateCLITests: XCTestCase {
    func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    func testTemplateWritesTemplatesKeysAndValues() throws {
        let folder = TemporaryFolder()
        folder.write(
            "p.jsonl",
            """
            {"id": "a", "question": "Tom has 3 apples and buys twice as many for $2.50."}
            {"id": 7, "problem": "Tom has 12 apples and buys three as many for $4."}

            {"text": "Ann has 20% of the pears."}
            """)
        let result = try KGProcess.run(["template", "p.jsonl"], in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = try jsonLines(result.stdout)
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(lines[0]["id"] as? String, "a")
        XCTAssertEqual(lines[1]["id"] as? String, "7")
        XCTAssertEqual(lines[2]["line"] as? Int, 4)
        XCTAssertEqual(lines[0]["template"] as? String, "Tom has {int1} apples and buys {word2} as many for {money3}.")
        XCTAssertEqual(lines[0]["template_key"] as? String, lines[1]["template_key"] as? String)
        XCTAssertNotEqual(lines[0]["template_key"] as? String, lines[2]["template_key"] as? String)
        let values = lines[0]["values"] as! [[String: String]]
        XCTAssertEqual(values.map { $0["kind"]! }, ["int", "word", "money"])
        XCTAssertEqual(values.map { $0["value"]! }, ["3", "2", "2.50"])
        XCTAssertEqual(values[2]["text"], "$2.50")
        // Byte-identical on a second run.
        XCTAssertEqual(try KGProcess.run(["template", "p.jsonl"], in: folder.path).stdout, result.stdout)
    }

    func testABadLineNamesFileLineAndFieldAndWritesNothing() throws {
        let folder = TemporaryFolder()
        folder.write("p.jsonl", "{\"question\": \"Tom has 3 apples.\"}\n{\"question\": 3}\n")
        let result = try KGProcess.run(["template", "p.jsonl", "-o", "out.jsonl"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("p.jsonl:2: field 'question': expected a string, found a number"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/out.jsonl"))
    }

    func testStatsCountTemplateFamiliesOfIngestedProblems() throws {
        let folder = TemporaryFolder()
        folder.write(
            "r.jsonl",
            """
            {"id": "p1", "problem": "Tom has 3 apples.", "topics": ["Counting"], "knowledge_points": []}
            {"id": "p2", "problem": "Tom has 30 apples.", "topics": ["Counting"], "knowledge_points": []}
            {"id": "p3", "problem": "Tom has three apples.", "topics": ["Counting"], "knowledge_points": []}
            {"id": "p4", "problem": "Ann has 3 pears.", "topics": ["Counting"], "knowledge_points": []}
            """)
        XCTAssertEqual(try KGProcess.run(["ingest", "r.jsonl"], in: folder.path).status, 0)
        let stats = try KGProcess.run(["stats", "--json"], in: folder.path)
        XCTAssertEqual(stats.status, 0, stats.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(object["schema_version"] as? Int, 2)
        let templates = object["templates"] as! [String: Any]
        XCTAssertEqual(templates["distinct"] as? Int, 2)
        XCTAssertEqual(templates["keyed_problems"] as? Int, 4)
        let families = templates["largest_families"] as! [[String: Any]]
        XCTAssertEqual(families.count, 1)
        XCTAssertEqual(families[0]["problems"] as? Int, 3)
        XCTAssertEqual(families[0]["example_id"] as? String, "p1")
        let text = try KGProcess.run(["stats"], in: folder.path)
        XCTAssertTrue(text.stdout.contains("templates  2 distinct over 4 problems with text"), text.stdout)
    }
}
