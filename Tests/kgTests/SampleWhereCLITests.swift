import Foundation
import KGTestSupport
import XCTest

final class SampleWhereCLITests: XCTestCase {
    static let records = (0..<12).map { i in
        let topics = i % 2 == 0 ? ["Geometry", "Measurement"] : ["Algebra", "Functions"]
        let kps = i % 2 == 0 ? ["Area", "Perimeter", "Angles"] : ["Slope", "Intercepts", "Linear equations"]
        return #"{"id": "\#(i)", "topics": ["\#(topics.joined(separator: "\", \""))"], "knowledge_points": ["\#(kps.joined(separator: "\", \""))"]}"#
    }.joined(separator: "\n")

    func testWhereRestrictsEverySampleToTheQuerysConcepts() throws {
        let folder = TemporaryFolder()
        folder.write("r.jsonl", Self.records)
        XCTAssertEqual(try KGProcess.run(["ingest", "r.jsonl"], in: folder.path).status, 0)
        let result = try KGProcess.run(["sample", "-n", "200", "--seed", "4", "--quiet", "--where", "topic \"Geometry\" | ego 1"], in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        let allowed: Set<String> = ["Geometry", "Measurement", "Area", "Perimeter", "Angles"]
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 200)
        var seen = Set<String>()
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let walk = Set(object["walk"] as! [String])
            XCTAssertTrue(walk.isSubset(of: allowed), "\(walk)")
            seen.formUnion(walk)
        }
        XCTAssertEqual(seen, allowed, "every allowed concept is reachable")
        // Without --where the algebra half of the graph is sampled too.
        let all = try KGProcess.run(["sample", "-n", "200", "--seed", "4", "--quiet"], in: folder.path)
        XCTAssertTrue(all.stdout.contains("Slope"))
    }

    func testABadWhereQueryFailsWithItsCaret() throws {
        let folder = TemporaryFolder()
        folder.write("r.jsonl", Self.records)
        XCTAssertEqual(try KGProcess.run(["ingest", "r.jsonl"], in: folder.path).status, 0)
        let result = try KGProcess.run(["sample", "-n", "5", "--where", "topic \"Geometry\" | frobnicate"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("^"), result.stderr)
        XCTAssertTrue(result.stdout.isEmpty)
    }
}
