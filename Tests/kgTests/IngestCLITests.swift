import Foundation
import KGTestSupport
import XCTest

final class IngestCLITests: XCTestCase {
    let records = """
        {"id": "p1", "source": "demo", "level": "grade-5", "topics": ["Fractions"], "knowledge_points": ["Adding fractions", "Common denominators"]}
        {"id": "p2", "source": "demo", "level": "grade-6", "topics": ["Fractions", "Ratios"], "knowledge_points": ["Common denominators"]}
        """

    func testIngestThenStatsReportExactCounts() throws {
        let folder = TemporaryFolder()
        folder.write("r.jsonl", records)
        let ingest = try KGProcess.run(["ingest", "r.jsonl"], in: folder.path)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        XCTAssertTrue(ingest.stdout.contains("ingested 2 records (2 new, 0 replaced)"), ingest.stdout)
        let stats = try KGProcess.run(["stats", "--json"], in: folder.path)
        XCTAssertEqual(stats.status, 0, stats.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(object["problems"] as? Int, 2)
        XCTAssertEqual(object["topics"] as? Int, 2)
        XCTAssertEqual(object["kps"] as? Int, 2)
        let edges = object["edges"] as! [String: Int]
        // p1: F-Add, F-Com, Add-Com; p2: F-R, F-Com, R-Com
        XCTAssertEqual(edges["topic_topic"], 1)
        XCTAssertEqual(edges["topic_kp"], 3)
        XCTAssertEqual(edges["kp_kp"], 1)
        XCTAssertEqual(object["sources"] as? [String: Int], ["demo": 2])
        XCTAssertEqual(object["levels"] as? [String: Int], ["grade-5": 1, "grade-6": 1])
    }

    func testIngestFromStandardInput() throws {
        let folder = TemporaryFolder()
        let result = try KGProcess.run(["ingest", "-", "--db", "x.sqlite"], stdin: Data(records.utf8), in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path + "/x.sqlite"))
    }

    func testABadLineFailsWithFileLineAndFieldAndStoresNothing() throws {
        let folder = TemporaryFolder()
        folder.write("good.jsonl", records)
        XCTAssertEqual(try KGProcess.run(["ingest", "good.jsonl"], in: folder.path).status, 0)
        let before = try KGProcess.run(["stats", "--json"], in: folder.path).stdout
        folder.write("bad.jsonl", records.replacingOccurrences(of: "p2", with: "p3") + "\n" + #"{"id": "p4", "topics": [], "knowledge_points": []}"#)
        let result = try KGProcess.run(["ingest", "bad.jsonl"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("bad.jsonl:3: field 'topics': expected at least one topic"), result.stderr)
        XCTAssertTrue(result.stderr.contains("--skip-bad"), result.stderr)
        XCTAssertEqual(try KGProcess.run(["stats", "--json"], in: folder.path).stdout, before)
    }

    func testSkipBadWritesRejects() throws {
        let folder = TemporaryFolder()
        folder.write("mixed.jsonl", records + "\nnot json at all\n")
        let result = try KGProcess.run(["ingest", "--skip-bad", "--rejects", "rejects.txt", "mixed.jsonl"], in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("skipped 1 bad line"), result.stderr)
        let rejects = try String(contentsOfFile: folder.path + "/rejects.txt", encoding: .utf8)
        XCTAssertTrue(rejects.contains("mixed.jsonl:3"), rejects)
        XCTAssertTrue(rejects.contains("not json at all"), rejects)
    }

    func testCommandsOnAMissingDatabaseSayHowToCreateOne() throws {
        let folder = TemporaryFolder()
        let result = try KGProcess.run(["stats"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("kg init --default"), result.stderr)
    }

    func testMergeAndConceptsFromTheCommandLine() throws {
        let folder = TemporaryFolder()
        folder.write("r.jsonl", records + "\n" + #"{"id": "p3", "topics": ["Ratio and rates"], "knowledge_points": ["Common denominators"]}"#)
        XCTAssertEqual(try KGProcess.run(["ingest", "r.jsonl"], in: folder.path).status, 0)
        let merge = try KGProcess.run(["merge", "Ratios", "Ratio and rates"], in: folder.path)
        XCTAssertEqual(merge.status, 0, merge.stderr)
        let concepts = try KGProcess.run(["concepts", "--kind", "topic", "--json"], in: folder.path)
        XCTAssertEqual(
            concepts.stdout,
            """
            {"kind":"topic","name":"Fractions","key":"fraction","problems":2}
            {"kind":"topic","name":"Ratios","key":"ratio","problems":2}

            """)
        let unknown = try KGProcess.run(["merge", "Ratios", "Fractoins"], in: folder.path)
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("Did you mean: \"Fractions\""), unknown.stderr)
    }

    func testHelpTeachesTheRecordFormat() throws {
        let folder = TemporaryFolder()
        let help = try KGProcess.run(["ingest", "--help"], in: folder.path)
        XCTAssertTrue(help.stdout.contains("knowledge_points"), help.stdout)
        XCTAssertTrue(help.stdout.contains("--skip-bad"), help.stdout)
    }
}

final class DefaultKnowledgeBaseCLITests: XCTestCase {
    func testInitDefaultSpansKindergartenToCompetitionFromAtLeastFiveSources() throws {
        let folder = TemporaryFolder()
        let seeds = KGProcess.repositoryRoot.appendingPathComponent("data/seeds").path
        let built = try KGProcess.run(["init", "--default", "--seeds", seeds], in: folder.path)
        XCTAssertEqual(built.status, 0, built.stderr)
        let stats = try KGProcess.run(["stats", "--json"], in: folder.path)
        let object = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as! [String: Any]
        let sources = object["sources"] as! [String: Int]
        XCTAssertGreaterThanOrEqual(sources.count, 5, "\(sources)")
        let levels = object["levels"] as! [String: Int]
        XCTAssertTrue(levels["K"] != nil || levels["grade-1"] != nil, "\(levels)")
        XCTAssertNotNil(levels["competition"], "\(levels)")
        for grade in 1...8 { XCTAssertNotNil(levels["grade-\(grade)"], "grade-\(grade) missing: \(levels)") }
        XCTAssertGreaterThan(object["problems"] as! Int, 20_000)

        // A second init refuses to overwrite without --force.
        let again = try KGProcess.run(["init", "--default", "--seeds", seeds], in: folder.path)
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("--force"), again.stderr)
    }
}
