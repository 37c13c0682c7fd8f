import KGTestSupport
import XCTest

@testable import KnowledgeBase

/// Concept keys are NFC without invisible characters, and a store keyed before that rule is
/// re-keyed when opened, so the same name still finds its concept.
final class NameKeyUpgradeTests: XCTestCase {
    func testNFCAndNFDAndInvisibleSpellingsHaveOneKey() {
        let nfc = "Caf\u{E9} au lait", nfd = "Cafe\u{301} au lait"
        XCTAssertEqual(Array(ConceptKey(nfc).rawValue.utf8), Array(ConceptKey(nfd).rawValue.utf8))
        XCTAssertEqual(Array(ConceptKey(nfc).rawValue.unicodeScalars), Array("caf\u{E9} au lait".unicodeScalars))
        XCTAssertEqual(ConceptKey("zero\u{200B}width").rawValue, "zerowidth")
        XCTAssertEqual(ConceptKey("\u{FEFF}soft\u{AD}ware \u{200E}tools\u{202C}").rawValue, "software tool")
        XCTAssertEqual(ConceptKey("Fractions").rawValue, "fraction", "ASCII keys are unchanged")
    }

    func testAStoreKeyedBeforeNFCIsReKeyedOnOpenAndKeepsOneConcept() throws {
        let folder = TemporaryFolder()
        let file = folder.write("a.jsonl", recordLine("p1", topics: ["Caf\u{E9} au lait"], kps: ["Zero\u{200B}width"]))
        do {
            let kb = try KnowledgeBase(path: folder.databasePath, create: true)
            try Ingester(knowledgeBase: kb).ingest(files: [file])
            // What an older kg stored: the NFD key and the invisible character kept.
            try kb.database.execute(
                """
                UPDATE concept SET key = 'cafe\u{301} au lait' WHERE kind = 'topic';
                UPDATE concept SET key = 'zero\u{200B}width' WHERE kind = 'kp';
                INSERT INTO alias(kind, key, concept) SELECT 'topic', 'old\u{200B} name', id FROM concept WHERE kind = 'topic';
                DELETE FROM meta WHERE key = 'name_keys';
                """)
        }
        let kb = try KnowledgeBase(path: folder.databasePath)
        try kb.upgradeNameKeys()
        XCTAssertEqual(try kb.database.scalarInt("SELECT count(*) FROM concept WHERE key = 'caf\u{E9} au lait' AND kind = 'topic'"), 1)
        XCTAssertEqual(try kb.database.scalarInt("SELECT count(*) FROM concept WHERE key = 'zerowidth'"), 1)
        XCTAssertEqual(try kb.database.scalarInt("SELECT count(*) FROM alias WHERE key = 'old name'"), 1)
        let more = folder.write(
            "b.jsonl", recordLine("p2", topics: ["Cafe\u{301} au lait"], kps: ["zerowidth"]) + "\n" + recordLine("p3", topics: ["Old name"], kps: ["K"]))
        try Ingester(knowledgeBase: kb).ingest(files: [more])
        XCTAssertEqual(try kb.database.scalarInt("SELECT count(*) FROM concept WHERE kind = 'topic'"), 1, "one concept for every spelling")
        XCTAssertEqual(try kb.database.scalarInt("SELECT problem_count FROM concept WHERE kind = 'topic'"), 3)
    }
}
