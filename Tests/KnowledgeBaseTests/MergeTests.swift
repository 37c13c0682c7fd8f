import KGTestSupport
import XCTest

@testable import KnowledgeBase

final class MergeTests: XCTestCase {
    func makeKB(_ folder: TemporaryFolder) throws -> KnowledgeBase {
        let text = [
            recordLine("1", topics: ["Geometry"], kps: ["Pythagorean theorem", "Right triangles"]),
            recordLine("2", topics: ["Geometry"], kps: ["Pythagoras theorem", "Right triangles"]),
            recordLine("3", topics: ["Algebra"], kps: ["Pythagoras theorem", "Pythagorean theorem"]),
        ].joined(separator: "\n")
        let kb = try KnowledgeBase(path: folder.databasePath, create: true)
        _ = try Ingester(knowledgeBase: kb).ingest(files: [folder.write("in.jsonl", text)])
        return kb
    }

    func testMergeMovesMentionsAndKeepsCountsExact() throws {
        let folder = TemporaryFolder()
        let kb = try makeKB(folder)
        let result = try kb.merge(into: "Pythagorean theorem", from: "pythagoras theorem")
        XCTAssertEqual(result.problemsRewritten, 2)
        XCTAssertEqual(result.into.problems, 3)
        XCTAssertEqual(
            try kb.edgesByName(),
            [
                "kp:Pythagorean theorem|topic:Geometry": 2,
                "kp:Right triangles|topic:Geometry": 2,
                "kp:Pythagorean theorem|kp:Right triangles": 2,
                "kp:Pythagorean theorem|topic:Algebra": 1,
            ])
        try kb.assertCountsMatchMentions()
        XCTAssertEqual(try kb.statistics().aliases, 1)
    }

    func testMergesSurviveReingest() throws {
        let folder = TemporaryFolder()
        let kb = try makeKB(folder)
        _ = try kb.merge(into: "Pythagorean theorem", from: "Pythagoras theorem")
        let afterMerge = try kb.edgesByName()
        // The same records again, and a new one that spells the merged name differently.
        _ = try Ingester(knowledgeBase: kb).ingest(files: [folder.path + "/in.jsonl"])
        XCTAssertEqual(try kb.edgesByName(), afterMerge)
        let more = folder.write("more.jsonl", recordLine("4", topics: ["Geometry"], kps: ["Pythagoras' Theorem"]))
        _ = try Ingester(knowledgeBase: kb).ingest(files: [more])
        XCTAssertEqual(try kb.problemCounts()["kp:Pythagorean theorem"], 4)
        XCTAssertNil(try kb.problemCounts()["kp:Pythagoras theorem"])
        try kb.assertCountsMatchMentions()
    }

    func testMergingUnknownOrAmbiguousOrMismatchedNamesFailsClearly() throws {
        let folder = TemporaryFolder()
        let kb = try makeKB(folder)
        _ = try Ingester(knowledgeBase: kb).ingest(files: [folder.write("g.jsonl", recordLine("5", topics: ["Geometry"], kps: ["Geometry"]))])
        let before = try kb.contentDump()
        XCTAssertThrowsError(try kb.merge(into: "Pythagorean theorem", from: "Pythagoren theorm")) { error in
            XCTAssertTrue("\(error)".contains("Did you mean"), "\(error)")
        }
        XCTAssertThrowsError(try kb.merge(into: "Geometry", from: "Algebra")) { error in
            XCTAssertEqual(error as? KnowledgeBaseError, .ambiguousKind(name: "Geometry"))
        }
        XCTAssertThrowsError(try kb.merge(into: "Pythagorean theorem", from: "Pythagorean Theorem")) { error in
            XCTAssertEqual(error as? KnowledgeBaseError, .mergeIntoSelf(name: "Pythagorean theorem"))
        }
        XCTAssertEqual(try kb.contentDump(), before)
    }

    func testAChainOfMergesFollowsToTheLastTarget() throws {
        let folder = TemporaryFolder()
        let kb = try makeKB(folder)
        _ = try kb.merge(into: "Right triangles", from: "Pythagoras theorem")
        _ = try kb.merge(into: "Pythagorean theorem", from: "Right triangles")
        XCTAssertEqual(try kb.concept(named: "pythagoras theorem", kind: .kp).name, "Pythagorean theorem")
        XCTAssertEqual(try kb.concept(named: "right triangle", kind: .kp).name, "Pythagorean theorem")
        try kb.assertCountsMatchMentions()
    }
}
