import KGTestSupport
import XCTest

@testable import KnowledgeBase

final class IngesterTests: XCTestCase {
    /// Three problems with hand-computed co-occurrence:
    /// p1: topics A, B; KPs x, y      p2: topic A; KPs x, z      p3: topic B; KP y
    static let handExample = [
        recordLine("p1", topics: ["Algebra", "Geometry"], kps: ["Area", "Slope"]),
        recordLine("p2", topics: ["Algebra"], kps: ["Area", "Ratio"]),
        recordLine("p3", topics: ["Geometry"], kps: ["Slope"]),
    ].joined(separator: "\n")

    func ingest(
        _ text: String, into folder: TemporaryFolder, options: IngestOptions = IngestOptions(), name: String = "in.jsonl"
    ) throws -> (KnowledgeBase, IngestSummary) {
        let file = folder.write(name, text)
        let kb = try KnowledgeBase(path: folder.databasePath, create: true)
        let summary = try Ingester(knowledgeBase: kb, options: options).ingest(files: [file])
        return (kb, summary)
    }

    func testEdgeCountsMatchAHandComputedExample() throws {
        let folder = TemporaryFolder()
        let (kb, summary) = try ingest(Self.handExample, into: folder)
        XCTAssertEqual(summary.records, 3)
        XCTAssertEqual(summary.mentions, 4 + 3 + 2)
        XCTAssertEqual(
            try kb.edgesByName(),
            [
                // p1 contributes all 6 pairs of {A, B, x, y}
                "topic:Algebra|topic:Geometry": 1,
                "kp:Area|topic:Algebra": 2,  // p1, p2
                "kp:Slope|topic:Algebra": 1,
                "kp:Area|topic:Geometry": 1,
                "kp:Slope|topic:Geometry": 2,  // p1, p3
                "kp:Area|kp:Slope": 1,
                // p2 adds A-z and x-z
                "kp:Ratio|topic:Algebra": 1,
                "kp:Area|kp:Ratio": 1,
            ])
        XCTAssertEqual(
            try kb.problemCounts(),
            [
                "topic:Algebra": 2, "topic:Geometry": 2, "kp:Area": 2, "kp:Slope": 2, "kp:Ratio": 1,
            ])
        let stats = try kb.statistics()
        XCTAssertEqual(stats.edges.topicTopic, 1)
        XCTAssertEqual(stats.edges.topicKP, 5)
        XCTAssertEqual(stats.edges.kpKP, 2)
        try kb.assertCountsMatchMentions()
    }

    func testIngestingTheSameFileTwiceChangesNothing() throws {
        let folder = TemporaryFolder()
        let (kb, _) = try ingest(Self.handExample, into: folder)
        let before = try kb.contentDump()
        let again = try Ingester(knowledgeBase: kb).ingest(files: [folder.path + "/in.jsonl"])
        XCTAssertEqual(again.replacedProblems, 3)
        XCTAssertEqual(again.newProblems, 0)
        XCTAssertEqual(try kb.contentDump(), before)
    }

    func testReingestingARecordReplacesItsMentionsAndEdges() throws {
        let folder = TemporaryFolder()
        let (kb, _) = try ingest(Self.handExample, into: folder)
        // p2 now mentions Geometry and Slope instead of Algebra, Area, Ratio.
        let update = folder.write("update.jsonl", recordLine("p2", topics: ["Geometry"], kps: ["Slope"]))
        let summary = try Ingester(knowledgeBase: kb).ingest(files: [update])
        XCTAssertEqual(summary.replacedProblems, 1)
        XCTAssertEqual(
            try kb.edgesByName(),
            [
                "topic:Algebra|topic:Geometry": 1,
                "kp:Area|topic:Algebra": 1,
                "kp:Slope|topic:Algebra": 1,
                "kp:Area|topic:Geometry": 1,
                "kp:Slope|topic:Geometry": 3,
                "kp:Area|kp:Slope": 1,
            ])
        // Ratio is no longer mentioned: it is gone, not left with a zero count.
        XCTAssertEqual(
            try kb.problemCounts(),
            [
                "topic:Algebra": 1, "topic:Geometry": 3, "kp:Area": 1, "kp:Slope": 3,
            ])
        try kb.assertCountsMatchMentions()
    }

    func testTheLastOfTwoRecordsWithOneIdInOneFileWins() throws {
        let folder = TemporaryFolder()
        let text = [
            recordLine("same", topics: ["Algebra"], kps: ["Area"]),
            recordLine("same", topics: ["Geometry"], kps: ["Slope"]),
        ].joined(separator: "\n")
        let (kb, summary) = try ingest(text, into: folder)
        XCTAssertEqual(summary.newProblems, 1)
        XCTAssertEqual(summary.replacedProblems, 1)
        XCTAssertEqual(try kb.edgesByName(), ["kp:Slope|topic:Geometry": 1])
        try kb.assertCountsMatchMentions()
    }

    func testSpellingsWithOneKeyAreOneConceptNamedByTheMostFrequentSpelling() throws {
        let folder = TemporaryFolder()
        let text = [
            recordLine("1", topics: ["Problem-solving"], kps: []),
            recordLine("2", topics: ["problem solving"], kps: []),
            recordLine("3", topics: ["Problem Solving."], kps: []),
            recordLine("4", topics: ["problem solving"], kps: []),
        ].joined(separator: "\n")
        let (kb, summary) = try ingest(text, into: folder)
        XCTAssertEqual(summary.newConcepts, 1)
        XCTAssertEqual(try kb.problemCounts(), ["topic:problem solving": 4])
        try kb.assertCountsMatchMentions()
    }

    func testADuplicateNameWithinOneRecordIsOneMention() throws {
        let folder = TemporaryFolder()
        let (kb, summary) = try ingest(recordLine("1", topics: ["Algebra", "algebra"], kps: ["Area", "areas"]), into: folder)
        XCTAssertEqual(summary.mentions, 2)
        XCTAssertEqual(try kb.edgesByName(), ["kp:Area|topic:Algebra": 1])
    }

    func testTopicsAndKnowledgePointsWithTheSameNameAreDifferentConcepts() throws {
        let folder = TemporaryFolder()
        let (kb, _) = try ingest(recordLine("1", topics: ["Fractions"], kps: ["Fractions"]), into: folder)
        XCTAssertEqual(try kb.edgesByName(), ["kp:Fractions|topic:Fractions": 1])
    }

    func testOptionalFieldsAndUnknownFieldsAreStored() throws {
        let folder = TemporaryFolder()
        let line =
            #"{"id": "x", "source": "demo", "level": "Grade 5", "problem": "What is 2+2?", "topics": ["Arithmetic"], "knowledge_points": [], "difficulty": 3, "tags": ["a"]}"#
        let (kb, _) = try ingest(line, into: folder)
        let row = try kb.database.prepare("SELECT external_id, source, level, text, extra FROM problem")
        XCTAssertTrue(try row.step())
        XCTAssertEqual(row.text(0), "x")
        XCTAssertEqual(row.text(1), "demo")
        XCTAssertEqual(row.text(2), "grade-5")
        XCTAssertEqual(row.text(3), "What is 2+2?")
        XCTAssertEqual(row.text(4), #"{"difficulty":3,"tags":["a"]}"#)
    }

    func testIntegerIdsAreAccepted() throws {
        let folder = TemporaryFolder()
        let (_, summary) = try ingest(#"{"id": 17, "topics": ["Algebra"], "knowledge_points": []}"#, into: folder)
        XCTAssertEqual(summary.records, 1)
    }

    func testBlankLinesAndCRLFLineEndingsAreAccepted() throws {
        let folder = TemporaryFolder()
        let text = recordLine("1", topics: ["A"], kps: []) + "\r\n\r\n   \n" + recordLine("2", topics: ["B"], kps: []) + "\r\n"
        let (_, summary) = try ingest(text, into: folder)
        XCTAssertEqual(summary.records, 2)
    }

    func testSeveralFilesAreOneTransaction() throws {
        let folder = TemporaryFolder()
        let kb = try KnowledgeBase(path: folder.databasePath, create: true)
        let good = folder.write("good.jsonl", recordLine("1", topics: ["A"], kps: ["x"]))
        let bad = folder.write("bad.jsonl", "{not json}")
        XCTAssertThrowsError(try Ingester(knowledgeBase: kb).ingest(files: [good, bad]))
        XCTAssertEqual(try kb.statistics().problems, 0)
    }

    func testAMissingFileFailsBeforeAnythingIsWritten() throws {
        let folder = TemporaryFolder()
        let kb = try KnowledgeBase(path: folder.databasePath, create: true)
        let good = folder.write("good.jsonl", recordLine("1", topics: ["A"], kps: ["x"]))
        XCTAssertThrowsError(try Ingester(knowledgeBase: kb).ingest(files: [good, folder.path + "/missing.jsonl"])) { error in
            XCTAssertTrue("\(error)".contains("missing.jsonl"), "\(error)")
        }
        XCTAssertEqual(try kb.statistics().problems, 0)
    }
}
