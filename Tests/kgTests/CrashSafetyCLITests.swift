import Foundation
import KGTestSupport
import KnowledgeBase
import XCTest

/// SIGKILL at seeded random moments of an ingest, a merge and a snapshot rebuild: after every
/// kill the file passes `PRAGMA integrity_check`, `kg stats` opens it, and it holds exactly
/// what was committed before the kill or exactly what the killed command would have committed
/// — never a part, never less. `KG_SOAK_CASES` (scripts/soak.sh) raises the number of kills.
final class CrashSafetyCLITests: XCTestCase {
    /// The knowledge base every case starts from, and the state a finished command leaves.
    struct Reference {
        var stats: String
        var topics: String
    }

    /// `kg stats --json` and `kg query topics --csv` of the knowledge base in `folder`.
    static func observe(_ folder: String) throws -> Reference {
        let stats = try KGProcess.run(["stats", "--json", "--top", "5"], in: folder)
        XCTAssertEqual(stats.status, 0, "kg stats cannot open the database after a kill: \(stats.stderr)")
        let topics = try KGProcess.run(["query", "topics", "--csv"], in: folder)
        XCTAssertEqual(topics.status, 0, "kg query failed after a kill: \(topics.stderr)")
        return Reference(stats: stats.stdout, topics: topics.stdout)
    }

    /// `PRAGMA integrity_check` of the database in `folder` ("ok" when sound).
    static func integrity(_ folder: String) throws -> String {
        let database = try SQLiteDatabase(path: folder + "/kg.sqlite")
        let statement = try database.prepare("PRAGMA integrity_check")
        var lines: [String] = []
        while try statement.step() { lines.append(statement.text(0)) }
        return lines.joined(separator: "\n")
    }

    /// Copies the knowledge base files (`kg.sqlite*`) of `from` over those of `to`.
    static func restore(_ from: String, to: String) throws {
        let files = FileManager.default
        for name in try files.contentsOfDirectory(atPath: to) where name.hasPrefix("kg.sqlite") { try files.removeItem(atPath: to + "/" + name) }
        for name in try files.contentsOfDirectory(atPath: from) where name.hasPrefix("kg.sqlite") {
            try files.copyItem(atPath: from + "/" + name, toPath: to + "/" + name)
        }
    }

    /// Runs `arguments` to the end once from `pristine` (to learn the state it commits and how
    /// long it takes), then `cases` times killed at a seeded random moment within that time;
    /// every outcome must be the state before or the state after, exactly.
    func killRepeatedly(
        _ name: String, _ arguments: [String], pristine: String, work: String, cases: Int, seed: UInt64, changes: Bool = true,
        afterEachKill: ((String) throws -> Void)? = nil
    ) throws {
        try CrashSafetyCLITests.restore(pristine, to: work)
        let before = try CrashSafetyCLITests.observe(work)
        let started = Date()
        XCTAssertEqual(try KGChild(arguments, in: work).wait(), 0, "\(arguments) failed when left to finish")
        let duration = Date().timeIntervalSince(started)
        let after = try CrashSafetyCLITests.observe(work)
        if changes { XCTAssertNotEqual(before.stats, after.stats, "\(arguments) changed nothing: the kills would prove nothing") }

        var random = SplitMix64(seed: seed)
        var killedWhileRunning = 0, sawBefore = 0, sawAfter = 0, corrupt = 0, lost = 0
        for _ in 0..<cases {
            try CrashSafetyCLITests.restore(pristine, to: work)
            let child = try KGChild(arguments, in: work)
            usleep(UInt32(random.nextUnit() * duration * 1_000_000))
            if child.kill() { killedWhileRunning += 1 }
            let check = try CrashSafetyCLITests.integrity(work)
            if check != "ok" { corrupt += 1 }
            XCTAssertEqual(check, "ok", "\(name): integrity_check after a kill")
            try afterEachKill?(work)
            let seen = try CrashSafetyCLITests.observe(work)
            if seen.stats == before.stats && seen.topics == before.topics {
                sawBefore += 1
            } else if seen.stats == after.stats && seen.topics == after.topics {
                sawAfter += 1
            } else {
                lost += 1
                XCTFail("\(name): after a kill the knowledge base is neither the state before nor after:\n\(seen.stats)\n\(seen.topics.prefix(400))")
            }
        }
        XCTAssertGreaterThan(killedWhileRunning, 0, "\(name): no kill landed while the command ran")
        reportReliabilityFigure(
            "crash-\(name)", cases: cases, failures: corrupt + lost,
            detail: "killed while running \(killedWhileRunning), before \(sawBefore), after \(sawAfter), corrupt \(corrupt), lost/partial \(lost)")
    }

    /// A knowledge base of `existing` records, saved in `folder`, and the records of a large ingest.
    static func prepare(_ folder: TemporaryFolder, existing: Int, incoming: Int) throws {
        let first = (0..<existing).map { recordLine("a\($0)", topics: ["Topic \($0 % 7)"], kps: ["Point \($0 % 11)", "Point \($0 % 5 + 11)"]) }
        folder.write("first.jsonl", first.joined(separator: "\n") + "\n")
        XCTAssertEqual(try KGProcess.run(["ingest", "first.jsonl"], in: folder.path).status, 0)
        let second = (0..<incoming).map {
            recordLine("b\($0)", topics: ["Topic \($0 % 9)", "Area \($0 % 13)"], kps: ["Point \($0 % 17)", "Skill \($0 % 101)", "Skill \($0 % 7 + 101)"])
        }
        folder.write("second.jsonl", second.joined(separator: "\n") + "\n")
    }

    func testAKilledIngestLeavesTheCommittedRecordsIntactAndNothingHalfApplied() throws {
        let pristine = TemporaryFolder(), work = TemporaryFolder()
        try CrashSafetyCLITests.prepare(pristine, existing: 200, incoming: 6_000)
        try FileManager.default.copyItem(atPath: pristine.path + "/second.jsonl", toPath: work.path + "/second.jsonl")
        try killRepeatedly(
            "ingest", ["ingest", "second.jsonl"], pristine: pristine.path, work: work.path, cases: soakCases(12), seed: 0xC0FFEE_01)
    }

    func testAKilledMergeLeavesTheGraphBeforeOrAfterTheMerge() throws {
        let pristine = TemporaryFolder(), work = TemporaryFolder()
        try CrashSafetyCLITests.prepare(pristine, existing: 200, incoming: 12_000)
        XCTAssertEqual(try KGProcess.run(["ingest", "second.jsonl"], in: pristine.path).status, 0)
        try killRepeatedly(
            "merge", ["merge", "Point 3", "Point 4"], pristine: pristine.path, work: work.path, cases: soakCases(4), seed: 0xC0FFEE_02)
    }

    func testAKilledSnapshotRebuildIsNeverUsedHalfWrittenAndLeavesNoLitter() throws {
        let pristine = TemporaryFolder(), work = TemporaryFolder()
        try CrashSafetyCLITests.prepare(pristine, existing: 200, incoming: 12_000)
        XCTAssertEqual(try KGProcess.run(["ingest", "second.jsonl", "--no-snapshot"], in: pristine.path).status, 0)
        try killRepeatedly(
            "snapshot-rebuild", ["snapshot", "--rebuild"], pristine: pristine.path, work: work.path, cases: soakCases(4),
            seed: 0xC0FFEE_03, changes: false
        ) { work in
            // The file is renamed into place whole: a kill leaves the old one (stale here) or the new one.
            let state = try KGProcess.run(["snapshot", "--json"], in: work).stdout
            XCTAssertFalse(state.contains(#""state":"unusable""#), state)
            // The next save sweeps the temporary files of killed saves away.
            XCTAssertEqual(try KGProcess.run(["snapshot", "--rebuild"], in: work).status, 0)
            let litter = try FileManager.default.contentsOfDirectory(atPath: work).filter { $0.contains(".tmp-") }
            XCTAssertEqual(litter, [], "temporary snapshot files left behind by killed saves")
        }
    }

    /// A snapshot file cut short or with flipped bytes (what a torn write would leave) is
    /// detected as unusable, never read, and rebuilt by the next command.
    func testATornSnapshotIsDetectedRebuiltAndNeverUsed() throws {
        let folder = TemporaryFolder()
        try CrashSafetyCLITests.prepare(folder, existing: 300, incoming: 0)
        XCTAssertEqual(try KGProcess.run(["snapshot", "--rebuild"], in: folder.path).status, 0)
        let reference = try CrashSafetyCLITests.observe(folder.path)
        let snapshotPath = folder.path + "/kg.sqlite.snapshot"
        let good = try Data(contentsOf: URL(fileURLWithPath: snapshotPath))
        var random = SplitMix64(seed: 0x70A2)
        let cases = soakCases(6)
        var used = 0
        for index in 0..<cases {
            var torn = good
            if index % 2 == 0 {
                torn = torn.prefix(random.nextInt(below: good.count))
            } else {
                for _ in 0..<(1 + random.nextInt(below: 3)) {
                    let at = random.nextInt(below: good.count)
                    torn[at] ^= UInt8(1 + random.nextInt(below: 255))
                }
            }
            try torn.write(to: URL(fileURLWithPath: snapshotPath))
            let state = try KGProcess.run(["snapshot", "--json"], in: folder.path)
            XCTAssertTrue(state.stdout.contains(#""state":"unusable""#) || torn == good, "case \(index): \(state.stdout)")
            let seen = try CrashSafetyCLITests.observe(folder.path)
            if seen.topics != reference.topics { used += 1 }
            XCTAssertEqual(seen.topics, reference.topics, "case \(index): a torn snapshot was used")
            let rebuilt = try KGProcess.run(["snapshot", "--json"], in: folder.path)
            XCTAssertTrue(rebuilt.stdout.contains(#""state":"fresh""#), "case \(index): not rebuilt: \(rebuilt.stdout)")
        }
        reportReliabilityFigure("torn-snapshot", cases: cases, failures: used)
    }
}
