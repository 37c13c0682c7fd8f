import Foundation
import KGTestSupport
import KnowledgeBase
import XCTest

/// Real processes side by side: readers looping while an ingest commits, and two writers.
final class ConcurrencyCLITests: XCTestCase {
    static let readers: [[String]] = [
        ["stats", "--json", "--top", "5"],
        ["query", "topics", "--csv"],
        ["sample", "-n", "20", "--seed", "7", "--quiet"],
    ]

    /// Every reader's output, from the state in `folder`.
    static func read(_ folder: String) throws -> [KGProcess.Result] {
        try readers.map { try KGProcess.run($0, in: folder) }
    }

    func testReadersDuringAnIngestNeverFailAndSeeTheGraphBeforeOrAfterNeverAMix() throws {
        let folder = TemporaryFolder()
        try CrashSafetyCLITests.prepare(folder, existing: 200, incoming: 0)
        var before = try ConcurrencyCLITests.read(folder.path)
        for result in before { XCTAssertEqual(result.status, 0, result.stderr) }
        var failed = 0, partial = 0, during = 0, reads = 0
        // Each round ingests new records while the readers loop; the suite runs 2 rounds, a soak more.
        let rounds = max(2, soakCases(10) / 5)
        for round in 0..<rounds {
            let records = (0..<8_000).map {
                recordLine("r\(round)-\($0)", topics: ["Topic \($0 % 9)", "Area \(($0 + round) % 13)"], kps: ["Point \($0 % 17)", "Skill \($0 % 101)"])
            }
            folder.write("round.jsonl", records.joined(separator: "\n") + "\n")
            let ingest = try KGChild(["ingest", "round.jsonl"], in: folder.path)
            var outputs: [[KGProcess.Result]] = []
            repeat {
                outputs.append(try ConcurrencyCLITests.read(folder.path))
            } while ingest.process.isRunning
            XCTAssertEqual(ingest.wait(), 0)
            let after = try ConcurrencyCLITests.read(folder.path)
            for output in outputs {
                for (index, result) in output.enumerated() {
                    reads += 1
                    if result.status != 0 || result.stderr.contains("locked") {
                        failed += 1
                        XCTFail("\(ConcurrencyCLITests.readers[index]) failed during an ingest: \(result.stderr)")
                    } else if result.stdout == before[index].stdout {
                        during += 1
                    } else if result.stdout != after[index].stdout {
                        partial += 1
                        XCTFail("\(ConcurrencyCLITests.readers[index]) saw a half-applied ingest:\n\(result.stdout.prefix(500))")
                    }
                }
            }
            before = after
        }
        XCTAssertGreaterThan(during, 0, "no reader ran while an ingest was under way")
        reportReliabilityFigure(
            "concurrent-readers", cases: reads, failures: failed + partial,
            detail: "\(rounds) ingests; failed \(failed), partial \(partial), read while the ingest ran (state before) \(during)")
    }

    /// Two ingests at once: the second waits for the first (busy timeout) and both land whole.
    func testTwoWritersAtOnceBothCommitWholeOrOneFailsClearly() throws {
        var failures = 0
        let rounds = max(1, soakCases(5) / 5)
        for _ in 0..<rounds {
            let folder = TemporaryFolder()
            try CrashSafetyCLITests.prepare(folder, existing: 200, incoming: 6_000)
            let third = (0..<6_000).map { recordLine("c\($0)", topics: ["Other \($0 % 5)"], kps: ["Idea \($0 % 23)"]) }
            folder.write("third.jsonl", third.joined(separator: "\n") + "\n")
            let first = try KGChild(["ingest", "second.jsonl"], in: folder.path, stderrPath: folder.path + "/first.err")
            let second = try KGChild(["ingest", "third.jsonl"], in: folder.path, stderrPath: folder.path + "/second.err")
            let statuses = [first.wait(), second.wait()]
            let errors = [folder.read("first.err"), folder.read("second.err")]
            var expected = 200
            for (status, error) in zip(statuses, errors) {
                if status == 0 {
                    expected += 6_000
                } else {
                    XCTAssertTrue(error.contains("Another process holds the database; wait for it to finish and try again"), error)
                }
            }
            let integrity = try CrashSafetyCLITests.integrity(folder.path)
            XCTAssertEqual(integrity, "ok")
            let stats = try KGProcess.run(["stats", "--json"], in: folder.path)
            let object = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as! [String: Any]
            XCTAssertEqual(object["problems"] as? Int, expected, "statuses \(statuses): \(errors)")
            if integrity != "ok" || object["problems"] as? Int != expected || statuses != [0, 0] { failures += 1 }
        }
        reportReliabilityFigure("two-writers", cases: rounds, failures: failures, detail: "pairs of ingests started together; both must land whole")
    }

    /// A writer that cannot get the database within the busy timeout fails with a message
    /// that says what to do, and changes nothing.
    func testAWriterBlockedPastTheBusyTimeoutFailsClearlyAndChangesNothing() throws {
        let folder = TemporaryFolder()
        try CrashSafetyCLITests.prepare(folder, existing: 50, incoming: 10)
        let before = try KGProcess.run(["stats", "--json"], in: folder.path).stdout
        let holder = try SQLiteDatabase(path: folder.databasePath)
        try holder.execute("BEGIN IMMEDIATE")
        let blocked = try KGProcess.run(["ingest", "second.jsonl"], in: folder.path, environment: ["KG_BUSY_TIMEOUT_MS": "300"])
        try holder.execute("ROLLBACK")
        XCTAssertNotEqual(blocked.status, 0)
        XCTAssertTrue(blocked.stderr.contains("database is locked"), blocked.stderr)
        XCTAssertTrue(blocked.stderr.contains("Another process holds the database; wait for it to finish and try again"), blocked.stderr)
        XCTAssertEqual(try KGProcess.run(["stats", "--json"], in: folder.path).stdout, before)
    }
}
