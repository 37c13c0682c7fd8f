import Foundation
import KGTestSupport
import XCTest

/// What a newcomer meets first: the version, a mistyped command, JSON where a table is printed.
final class CommandLineCLITests: XCTestCase {
    func testAMistypedCommandGetsTheClosestOne() throws {
        let folder = TemporaryFolder()
        let typo = try KGProcess.run(["stat"], in: folder.path)
        XCTAssertEqual(typo.status, 64)
        XCTAssertTrue(typo.stderr.contains("unknown command 'stat'. Did you mean 'stats'?"), typo.stderr)
        let far = try KGProcess.run(["foobarbaz"], in: folder.path)
        XCTAssertNotEqual(far.status, 0)
        XCTAssertFalse(far.stderr.contains("Did you mean"), far.stderr)
        XCTAssertEqual(try KGProcess.run(["--version"], in: folder.path).stdout, "0.2.0\n")
    }

    func testUnmappedConceptsComeAsJSONToo() throws {
        let folder = TemporaryFolder()
        folder.write("r.jsonl", #"{"id": "p1", "level": "grade-5", "topics": ["Fractions"], "knowledge_points": ["Zorbling the quux"]}"# + "\n")
        XCTAssertEqual(try KGProcess.run(["ingest", "r.jsonl"], in: folder.path).status, 0)
        let table = try KGProcess.run(["coverage", "--unmapped"], in: folder.path)
        let json = try KGProcess.run(["coverage", "--unmapped", "--json"], in: folder.path)
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(object["concepts"] as? Int, 2)
        let unmapped = object["unmapped"] as! [[String: Any]]
        XCTAssertTrue(unmapped.contains { $0["name"] as? String == "Zorbling the quux" && $0["kind"] as? String == "kp" })
        XCTAssertEqual(unmapped.count, table.stdout.split(separator: "\n").count - 2, "the JSON lists what the table lists")
    }
}

extension CommandLineCLITests {
    func testMergeSuggestionsCanBeReviewedAndApplied() throws {
        let folder = TemporaryFolder()
        folder.write(
            "r.jsonl",
            [
                #"{"id": "1", "topics": ["Arithmetic"], "knowledge_points": ["Squaring Binomials"]}"#,
                #"{"id": "2", "topics": ["Arithmetic"], "knowledge_points": ["Squaring a Binomial"]}"#,
                #"{"id": "3", "topics": ["Arithmetic"], "knowledge_points": ["Squaring a Binomial", "Multiplying fractions"]}"#,
                #"{"id": "4", "topics": ["Arithmetic"], "knowledge_points": ["Multiplication of Fractions"]}"#,
            ].joined(separator: "\n") + "\n")
        XCTAssertEqual(try KGProcess.run(["ingest", "r.jsonl"], in: folder.path).status, 0)
        let suggested = try KGProcess.run(["merge", "--suggest", "--json"], in: folder.path)
        XCTAssertEqual(suggested.status, 0, suggested.stderr)
        let lines = suggested.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, suggested.stdout)
        // The reviewer keeps the binomial pair only.
        let reviewed = lines.filter { $0.contains("Binomial") }.joined(separator: "\n") + "\n"
        XCTAssertTrue(reviewed.contains(#""into":"Squaring a Binomial","from":"Squaring Binomials","kind":"kp""#), reviewed)
        folder.write("reviewed.jsonl", reviewed)
        let applied = try KGProcess.run(["merge", "--apply", "reviewed.jsonl"], in: folder.path)
        XCTAssertEqual(applied.status, 0, applied.stderr)
        XCTAssertTrue(applied.stdout.contains(#"merged "Squaring Binomials" into "Squaring a Binomial" (kp)"#), applied.stdout)
        let again = try KGProcess.run(["merge", "--apply", "reviewed.jsonl"], in: folder.path)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("applied 0 merges; 1 pairs were already one concept"), again.stderr)
        let left = try KGProcess.run(["merge", "--suggest"], in: folder.path)
        XCTAssertTrue(left.stdout.contains("1 candidate pairs"), left.stdout)

        folder.write("bad.jsonl", #"{"into": "Multiplying fractions"}"# + "\n")
        let bad = try KGProcess.run(["merge", "--apply", "bad.jsonl"], in: folder.path)
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("bad.jsonl:1: field 'from': required field is missing"), bad.stderr)
    }
}
