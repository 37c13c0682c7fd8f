import Foundation
import KGTestSupport
import XCTest

@testable import KnowledgeBase

/// The snapshot file: built, used in place, invalidated by every write, and never used when
/// it is stale, truncated or corrupt.
final class SnapshotFileTests: XCTestCase {
    func makeKB(_ folder: TemporaryFolder, extra: [String] = []) throws -> KnowledgeBase {
        var lines: [String] = []
        for i in 0..<40 {
            var topics = ["Topic \(i % 5)"]
            if i % 3 == 0 { topics.append("Topic \((i + 1) % 5)") }
            let kps = ["KP \(i % 7)", "KP \((i * 3) % 11)"]
            let source: String = i % 2 == 0 ? "even" : "odd"
            let level: String? = i % 4 == 0 ? "grade-3" : nil
            lines.append(recordLine("p\(i)", topics: topics, kps: kps, source: source, level: level))
        }
        lines += extra
        let kb = try KnowledgeBase(path: folder.databasePath, create: true)
        _ = try Ingester(knowledgeBase: kb).ingest(files: [folder.write("in.jsonl", lines.joined(separator: "\n"))])
        return kb
    }

    /// Every field of two snapshots, compared.
    func assertSame(_ a: GraphSnapshot, _ b: GraphSnapshot, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.conceptIDs, b.conceptIDs, file: file, line: line)
        XCTAssertEqual(a.kinds, b.kinds, file: file, line: line)
        XCTAssertEqual(a.names, b.names, file: file, line: line)
        XCTAssertEqual(a.problemCounts, b.problemCounts, file: file, line: line)
        XCTAssertEqual(a.levelMasks, b.levelMasks, file: file, line: line)
        XCTAssertEqual(a.sourceNames, b.sourceNames, file: file, line: line)
        XCTAssertEqual(a.sourceMasks, b.sourceMasks, file: file, line: line)
        XCTAssertEqual(a.extraSources, b.extraSources, file: file, line: line)
        XCTAssertEqual(a.adjacency.topic, b.adjacency.topic, file: file, line: line)
        XCTAssertEqual(a.adjacency.kp, b.adjacency.kp, file: file, line: line)
        XCTAssertEqual(a.problems, b.problems, file: file, line: line)
        XCTAssertEqual(a.problemIndex, b.problemIndex, file: file, line: line)
        XCTAssertEqual(a.nameIndex, b.nameIndex, file: file, line: line)
        XCTAssertEqual(a.problems.map(\.externalID), b.problems.map(\.externalID), file: file, line: line)
        XCTAssertEqual(a.problems.map(\.level), b.problems.map(\.level), file: file, line: line)
    }

    func loaded(_ kb: KnowledgeBase) throws -> Result<GraphSnapshot, SnapshotFile.Problem> {
        SnapshotFile.load(path: kb.snapshotPath, generation: try kb.generation(), identity: try XCTUnwrap(kb.identity()))
    }

    func testASavedSnapshotIsMappedAndHoldsWhatTheStoreHolds() throws {
        let folder = TemporaryFolder()
        let kb = try makeKB(folder)
        XCTAssertEqual(try loaded(kb).failureValue, .missing)
        let saved = try kb.saveSnapshot()
        XCTAssertNotNil(saved.bytes)
        let mapped = try loaded(kb).get()
        assertSame(mapped, try kb.buildSnapshot(.problems))
        XCTAssertEqual(mapped.problems.count, 40)
        XCTAssertNil(try kb.snapshotState().problem)
        // snapshot() now hands out the mapped file's contents.
        assertSame(try kb.snapshot(.graph), mapped)
    }

    func testEveryWriteMakesTheSnapshotStaleAndTheNextCallRebuildsIt() throws {
        let folder = TemporaryFolder()
        let kb = try makeKB(folder)
        try kb.saveSnapshot()
        var generation = try kb.generation()
        let writes: [(String, () throws -> Void)] = [
            ("ingest", { _ = try Ingester(knowledgeBase: kb).ingest(files: [folder.write("more.jsonl", recordLine("new", topics: ["Topic 9"], kps: ["KP 99"]))]) }),
            ("replace", { _ = try Ingester(knowledgeBase: kb).ingest(files: [folder.write("again.jsonl", recordLine("p1", topics: ["Topic 8"], kps: []))]) }),
            ("merge", { _ = try kb.merge(into: "KP 1", from: "KP 2") }),
        ]
        for (name, write) in writes {
            try write()
            XCTAssertGreaterThan(try kb.generation(), generation, name)
            generation = try kb.generation()
            guard case .stale = try loaded(kb).failureValue else { return XCTFail("\(name): the old snapshot must be stale") }
            let fresh = try kb.snapshot()
            assertSame(fresh, try kb.buildSnapshot(.problems))
            XCTAssertNotNil(try? loaded(kb).get(), "\(name): rebuilt and saved")
        }
        XCTAssertTrue(try kb.snapshot().names.contains("Topic 8"))
    }

    func testATruncatedOrBitFlippedSnapshotIsRejectedAndRebuilt() throws {
        let folder = TemporaryFolder()
        let kb = try makeKB(folder)
        try kb.saveSnapshot()
        let good = try Data(contentsOf: URL(fileURLWithPath: kb.snapshotPath))
        let damages: [(String, Data)] = [
            ("truncated", good.prefix(good.count - 100)),
            ("header only", good.prefix(40)),
            ("empty", Data()),
            ("bit flipped in the body", { var d = good; d[d.count - 20] ^= 0x04; return d }()),
            ("bit flipped in the header", { var d = good; d[17] ^= 0x01; return d }()),
            ("not a snapshot", Data("hello, this is not a snapshot file at all, but it is long enough to have a header!".utf8)),
        ]
        for (name, bytes) in damages {
            try bytes.write(to: URL(fileURLWithPath: kb.snapshotPath))
            XCTAssertNotNil(try loaded(kb).failureValue, "\(name) must be rejected")
            XCTAssertNotNil(try kb.snapshotState().problem, name)
            assertSame(try kb.snapshot(), try kb.buildSnapshot(.problems))
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: kb.snapshotPath)), good, "\(name): rebuilt byte for byte")
        }
    }

    func testASnapshotOfAnotherDatabaseIsNeverUsed() throws {
        let a = TemporaryFolder(), b = TemporaryFolder()
        let kbA = try makeKB(a), kbB = try makeKB(b)
        try kbA.saveSnapshot()
        try FileManager.default.copyItem(atPath: kbA.snapshotPath, toPath: kbB.snapshotPath)
        XCTAssertEqual(try loaded(kbB).failureValue, .otherDatabase)
    }

    func testAFolderThatCannotTakeTheSnapshotFallsBackToMemoryWithANote() throws {
        let folder = TemporaryFolder()
        let kb = try makeKB(folder)
        // A folder where the file would go: the rename fails, as in a read-only folder.
        try FileManager.default.createDirectory(atPath: kb.snapshotPath, withIntermediateDirectories: false)
        var notes: [String] = []
        kb.onSnapshotNote = { notes.append($0) }
        assertSame(try kb.snapshot(), try kb.buildSnapshot(.problems))
        XCTAssertEqual(notes.count, 1)
        XCTAssertTrue(notes[0].contains("using one built in memory"), notes[0])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [], "no temporary file is left behind")
    }

    func testTheChecksumSeesEveryBit() {
        var bytes = [UInt8](repeating: 0, count: 77)
        let base = SnapshotFile.checksum(bytes)
        for i in 0..<bytes.count {
            for bit in [0, 3, 7] {
                bytes[i] ^= 1 << bit
                XCTAssertNotEqual(SnapshotFile.checksum(bytes), base, "byte \(i) bit \(bit)")
                bytes[i] ^= 1 << bit
            }
        }
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}

extension SnapshotFileTests {
    func testTheProblemIndexAnswersLikeAScanOfEveryProblem() throws {
        let folder = TemporaryFolder()
        let kb = try makeKB(folder, extra: [recordLine("nokp", topics: ["Topic 1"], kps: [])])
        let snapshot = try kb.buildSnapshot(.problems)
        let index = snapshot.problemIndex
        for node in 0..<snapshot.nodeCount {
            let scanned = snapshot.problems.indices.filter { snapshot.problems[$0].knowledgePoints.contains(Int32(node)) }.map { Int32($0) }
            XCTAssertEqual(index.problems(withKP: node).array, scanned)
        }
        let sets = Set(snapshot.problems.map { $0.knowledgePoints.array })
        XCTAssertTrue(sets.contains([]))
        // Every seed set is found; sets no problem has are not.
        for set in sets { XCTAssertTrue(index.hasProblem(withKPs: set, in: snapshot.problems), "\(set)") }
        let kps = snapshot.nodes(ofKind: .kp)
        var absent = 0
        for a in kps {
            for b in kps where a < b {
                let pair = [a, b]
                XCTAssertEqual(index.hasProblem(withKPs: pair, in: snapshot.problems), sets.contains(pair), "\(pair)")
                if !sets.contains(pair) { absent += 1 }
            }
        }
        XCTAssertGreaterThan(absent, 10, "the check must see pairs that no problem has")
        // The saved file carries the same index.
        try kb.saveSnapshot()
        let mapped = try loaded(kb).get()
        XCTAssertEqual(mapped.problemIndex, index)
    }
}

extension SnapshotFileTests {
    /// Above `bodyCheckLimit` an open checks the header, size and structure only;
    /// `snapshotState` (kg snapshot) always checks the body.
    func testTheBodyChecksumIsCheckedOnOpenForSmallFilesAndAlwaysByTheStateCheck() throws {
        let folder = TemporaryFolder()
        let kb = try makeKB(folder)
        try kb.saveSnapshot()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: kb.snapshotPath))
        bytes[bytes.count - 20] ^= 0x10
        try bytes.write(to: URL(fileURLWithPath: kb.snapshotPath))
        let identity = try XCTUnwrap(kb.identity())
        XCTAssertNotNil(SnapshotFile.load(path: kb.snapshotPath, generation: try kb.generation(), identity: identity).failureValue)
        XCTAssertNil(SnapshotFile.load(path: kb.snapshotPath, generation: try kb.generation(), identity: identity, verifyBody: false).failureValue)
        XCTAssertEqual(try kb.snapshotState().problem, .corrupt("body checksum"))
    }
}
