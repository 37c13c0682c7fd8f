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
