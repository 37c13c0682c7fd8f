import Foundation
import KGTestSupport
import XCTest

@testable import KnowledgeBase

/// The small vocabulary types every target shares.
final class VocabularyTests: XCTestCase {
    func testLevelSetHoldsExactlyItsLevels() {
        var set: LevelSet = [LevelSet(.grade2), LevelSet(.competition)]
        XCTAssertTrue(set.contains(.grade2) && set.contains(.competition) && !set.contains(.grade3))
        set.insert(LevelSet(.kindergarten))
        XCTAssertEqual(set.levels, [.kindergarten, .grade2, .competition])
        XCTAssertEqual(set.lowestRank, 0)
        XCTAssertEqual(LevelSet(Level.allCases).levels, Level.allCases)
        XCTAssertNil(LevelSet().lowestRank)
        for level in Level.allCases {
            XCTAssertEqual(Level.allCases.firstIndex(of: level), level.rank, "rank is the position in allCases")
            XCTAssertEqual(LevelSet(rank: level.rank), LevelSet(level))
        }
    }

    func testPerKindMutatesInPlaceAndIteratesTopicThenKP() {
        var keys = PerKind<[String: Int]>(topic: [:], kp: [:])
        for i in 0..<1_000 { keys[i % 2 == 0 ? .topic : .kp]["k\(i)"] = i }
        XCTAssertEqual(keys.topic.count, 500)
        XCTAssertEqual(keys[.kp]["k999"], 999)
        XCTAssertEqual(Array(PerKind(topic: 1, kp: 2)), [1, 2])
        XCTAssertEqual(PerKind { $0 == .topic ? "t" : "k" }.map { $0.uppercased() }, PerKind(topic: "T", kp: "K"))
    }

    func testWeightedIndexFollowsTheWeightsAndNeverDrawsAZero() {
        var random = SplitMix64(seed: 9)
        var counts = [0, 0, 0, 0]
        for _ in 0..<40_000 { counts[random.nextIndex(weights: [1, 0, 3, 0])!] += 1 }
        XCTAssertEqual(counts[1] + counts[3], 0)
        XCTAssertEqual(Double(counts[2]) / Double(counts[0]), 3, accuracy: 0.2)
        XCTAssertNil(random.nextIndex(weights: [0, 0]))
        XCTAssertNil(random.nextIndex(logWeights: [-.infinity]))
        // Logs far below zero still draw in proportion.
        var logCounts = [0, 0]
        for _ in 0..<20_000 { logCounts[random.nextIndex(logWeights: [-1000, -1000 + log(3)])!] += 1 }
        XCTAssertEqual(Double(logCounts[1]) / Double(logCounts[0]), 3, accuracy: 0.25)
    }

    func testSharedNodesOfTwoSortedRows() {
        var shared: [(Int, Int)] = []
        forEachSharedNode([1, 3, 5, 9] as [Int32], [0, 3, 4, 5, 10] as [Int32]) { shared.append(($0, $1)) }
        XCTAssertEqual(shared.map(\.0), [1, 2])
        XCTAssertEqual(shared.map(\.1), [1, 3])
        forEachSharedNode([] as [Int32], [1] as [Int32]) { _, _ in XCTFail("nothing is shared with an empty row") }
    }

    func testParallelBatchesComeBackInInputOrder() throws {
        let folder = TemporaryFolder()
        let text = (1...20_000).map { "line \($0)" }.joined(separator: "\n") + "\n\n   \n"
        let path = folder.write("lines.txt", text)
        var driver = ParallelLineBatches(path: path, maximumLineBytes: 100, workers: 4)
        driver.linesPerBatch = 777
        var seen: [Int] = []
        var batches = 0
        try driver.run(
            work: { _, batch, range in range.map { batch.withLine($0) { _, number in number } } },
            consume: { seen += $0 },
            batchDone: { bytes, total in
                batches += 1
                XCTAssertLessThanOrEqual(bytes, total ?? 0)
            })
        XCTAssertEqual(seen, Array(1...20_000), "every line once, in order, blank lines skipped")
        XCTAssertEqual(batches, (20_000 + 776) / 777)
    }

    func testAnOverlongLineEndsTheBatchesWithItsLineNumber() throws {
        let folder = TemporaryFolder()
        // The reader holds at least 1 MiB, so only a line longer than its buffer is cut off.
        let path = folder.write("lines.txt", "short\n" + String(repeating: "x", count: 3 << 20) + "\nafter\n")
        var consumed = 0
        XCTAssertThrowsError(
            try ParallelLineBatches(path: path, maximumLineBytes: 100, workers: 2).run(
                work: { _, _, range in range.count }, consume: { consumed += $0 })
        ) { error in
            XCTAssertEqual((error as? RecordError)?.location.line, 2)
        }
        XCTAssertEqual(consumed, 1, "the lines before the bad one were consumed")
    }

    func testAtomicOutputReplacesOnlyOnSuccess() throws {
        let folder = TemporaryFolder()
        let path = folder.write("out.txt", "old\n")
        struct Stop: Error {}
        XCTAssertThrowsError(
            try AtomicOutput.write(to: path) { file in
                try file.write("half")
                throw Stop()
            })
        XCTAssertEqual(folder.read("out.txt"), "old\n")
        try AtomicOutput.write(to: path) { file in try file.write("new\n") }
        XCTAssertEqual(folder.read("out.txt"), "new\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["out.txt"], "no temporary file is left")
        XCTAssertEqual(LineCount.of(path), 1)
    }
}
