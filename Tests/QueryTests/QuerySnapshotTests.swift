import KnowledgeBase
import XCTest

@testable import Query

/// `KnowledgeBase.snapshot(query.snapshotContents)` loads only what a query needs, and what it loads is what the
/// full snapshot has.
final class QuerySnapshotTests: XCTestCase {
    func testEachQueryLoadsWhatItNeeds() throws {
        XCTAssertEqual(try Query.parse("topics | neighbors kp | top 3 by weight").snapshotContents, .graph)
        XCTAssertEqual(try Query.parse(#"topics | where level = "K""#).snapshotContents, .masks)
        XCTAssertEqual(try Query.parse(#"edges | where source ~ "a" | top 3 by weight"#).snapshotContents, .masks)
        XCTAssertEqual(try Query.parse("kps | sort by source").snapshotContents, .masks)
        XCTAssertEqual(try Query.parse(#"(topics | where level = "K") union (kps | problems | concepts)"#).snapshotContents, .problems)
        XCTAssertEqual(try Query.parse(#"problems | where level = "K""#).snapshotContents, .problems)
    }

    func testTheMasksMatchTheFullSnapshot() throws {
        let f = QueryFixture.shared
        let lean = try f.kb.buildSnapshot(try Query.parse(#"concepts | where level = "K""#).snapshotContents)
        XCTAssertEqual(lean.problems.count, 0)
        XCTAssertEqual(lean.levelMasks, f.snapshot.levelMasks)
        XCTAssertEqual(lean.sourceNames, f.snapshot.sourceNames)
        XCTAssertEqual(lean.sourceMasks, f.snapshot.sourceMasks)
        XCTAssertEqual(
            try f.kb.buildSnapshot(try Query.parse("topics").snapshotContents).levelMasks.array, [LevelSet](repeating: [], count: f.snapshot.nodeCount))
        XCTAssertEqual(try f.kb.buildSnapshot(try Query.parse("problems").snapshotContents).problems.count, f.snapshot.problems.count)
    }

    func testMoreThan64SourcesSpillLikeTheFullSnapshot() throws {
        let records = (0..<70).map { i in
            ExtractionRecord(
                id: "p\(i)", source: String(format: "source-%02d", i), level: Level.allCases[i % 12],
                topics: ["T\(i % 3)"], knowledgePoints: ["K\(i % 5)", "K\(i % 7 + 5)"])
        }
        let f = try QueryFixture(records: records)
        let lean = try f.kb.buildSnapshot(try Query.parse(#"kps | where source = "source-66""#).snapshotContents)
        XCTAssertEqual(lean.levelMasks, f.snapshot.levelMasks)
        XCTAssertEqual(lean.sourceMasks, f.snapshot.sourceMasks)
        XCTAssertEqual(lean.extraSources, f.snapshot.extraSources)
        XCTAssertFalse(lean.extraSources.isEmpty)
        let evaluator = QueryEvaluator(snapshot: lean)
        let result = try evaluator.evaluate(try Query.parse(#"kps | where source = "source-66" | sort by name"#))
        XCTAssertEqual(result.nodes.map { lean.names[Int($0)] }, ["K1", "K8"])
    }
}
