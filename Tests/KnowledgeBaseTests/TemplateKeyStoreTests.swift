import KGTestSupport
import XCTest

@testable import KnowledgeBase

final class TemplateKeyStoreTests: XCTestCase {
    /// A stand-in keyer: the text with its digits dropped, hashed (the real one is TextAnalysis's).
    static let digitsDropped: @Sendable (String) -> UInt64 = { text in
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 where !(0x30...0x39).contains(byte) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    func line(_ id: String, _ text: String) -> String {
        #"{"id": "\#(id)", "problem": "\#(text)", "topics": ["T"], "knowledge_points": []}"#
    }

    func testIngestStoresTheTemplateKeyAndStatsCountFamilies() throws {
        let folder = TemporaryFolder()
        let file = folder.write(
            "r.jsonl",
            [line("a", "Tom has 3 apples."), line("b", "Tom has 12 apples."), line("c", "Ann has 4 pears."), line("d", "Tom has 7 apples.")]
                .joined(separator: "\n"))
        let kb = try KnowledgeBase(path: folder.databasePath, create: true)
        kb.templateKey = Self.digitsDropped
        _ = try Ingester(knowledgeBase: kb).ingest(files: [file])
        let stats = try kb.statistics(top: 5)
        XCTAssertEqual(stats.templates, 2)
        XCTAssertEqual(stats.keyedProblems, 4)
        XCTAssertEqual(stats.templateFamilies.count, 1, "a family needs two problems")
        XCTAssertEqual(stats.templateFamilies.first?.problems, 3)
        XCTAssertEqual(stats.templateFamilies.first?.exampleID, "a")
        XCTAssertEqual(stats.templateFamilies.first?.key.count, 16)
    }

    func testAVersion1StoreUpgradesAndItsProblemsGetKeys() throws {
        let folder = TemporaryFolder()
        do {
            // A store as kg wrote it before template keys: schema version 1.
            let old = try SQLiteDatabase(path: folder.databasePath)
            try old.execute(Schema.all[0].sql)
            try old.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '1')")
            try old.execute(
                """
                INSERT INTO problem(external_id, text) VALUES ('a', 'Tom has 3 apples.'), ('b', 'Tom has 9 apples.'),
                  ('c', NULL)
                """)
        }
        let kb = try KnowledgeBase(path: folder.databasePath)
        XCTAssertEqual(try kb.schemaVersion(), Schema.currentVersion)
        XCTAssertEqual(try kb.templateCounts().keyedProblems, 0, "the migration only adds the column")
        kb.templateKey = Self.digitsDropped
        XCTAssertEqual(try kb.fillMissingTemplateKeys(), 2, "the problem without text has no key")
        XCTAssertEqual(try kb.fillMissingTemplateKeys(), 0)
        let counts = try kb.templateCounts()
        XCTAssertEqual(counts.distinct, 1)
        XCTAssertEqual(counts.keyedProblems, 2)
        XCTAssertEqual(try kb.largestTemplateFamilies(limit: 3).map(\.problems), [2])
    }
}
