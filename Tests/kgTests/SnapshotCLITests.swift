import Foundation
import KGTestSupport
import KnowledgeBase
import XCTest

/// The snapshot file from the command line: every query of docs/query.md and several
/// samples give the same bytes with it and without it (KG_SNAPSHOT=off).
final class SnapshotCLITests: XCTestCase {
    /// The `kg query` command lines of docs/query.md's console examples.
    static func documentedQueries() throws -> [[String]] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/query.md"), encoding: .utf8)
        var commands: [[String]] = []
        for line in text.split(separator: "\n") where line.hasPrefix("$ kg query ") {
            // Options, then one single-quoted query (the docs never nest single quotes).
            var rest = line.dropFirst("$ kg query ".count)
            var arguments: [String] = ["query"]
            while rest.hasPrefix("--") {
                let option = rest.prefix { $0 != " " }
                arguments.append(String(option))
                rest = rest.dropFirst(option.count).drop { $0 == " " }
            }
            guard rest.hasPrefix("'"), rest.hasSuffix("'"), rest.count >= 2 else { continue }
            arguments.append(String(rest.dropFirst().dropLast()))
            commands.append(arguments)
        }
        return commands
    }

    func testQueriesAndSamplesAreByteIdenticalWithAndWithoutTheSnapshot() throws {
        let folder = TemporaryFolder()
        let built = try KGProcess.run(["init", "--default"], in: folder.path)
        XCTAssertEqual(built.status, 0, built.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path + "/kg.sqlite.snapshot"), "init saves the snapshot")
        let queries = try Self.documentedQueries()
        XCTAssertGreaterThanOrEqual(queries.count, 40)
        let samples: [[String]] = [
            ["sample", "-n", "200", "--seed", "7"],
            ["sample", "-n", "100", "--seed", "3", "--sampler", "cooccurrence", "--examples", "2"],
            ["sample", "-n", "100", "--seed", "5", "--level", "grade-8", "--report", "report.json"],
            ["sample", "-n", "50", "--seed", "9", "--sampler", "uniform"],
        ]
        for arguments in queries + samples {
            let mapped = try KGProcess.run(arguments, in: folder.path)
            let report = arguments.contains("--report") ? folder.read("report.json") : ""
            let built = try KGProcess.run(arguments, in: folder.path, environment: ["KG_SNAPSHOT": "off"])
            XCTAssertEqual(mapped.status, built.status, "\(arguments)")
            if arguments[0] == "sample" { XCTAssertEqual(mapped.status, 0, mapped.stderr) }
            XCTAssertEqual(mapped.stdout, built.stdout, "\(arguments)")
            XCTAssertEqual(mapped.stderr, built.stderr, "\(arguments)")
            if arguments.contains("--report") { XCTAssertEqual(report, folder.read("report.json")) }
        }
    }

    func testSnapshotShowsItsStateAndIngestKeepsItFresh() throws {
        let folder = TemporaryFolder()
        folder.write("r.jsonl", #"{"id": "1", "topics": ["Geometry"], "knowledge_points": ["Area"]}"# + "\n")
        XCTAssertEqual(try KGProcess.run(["ingest", "r.jsonl", "--no-snapshot"], in: folder.path).status, 0)
        XCTAssertTrue(try KGProcess.run(["snapshot"], in: folder.path).stdout.contains("kg.sqlite.snapshot: missing"))
        XCTAssertEqual(try KGProcess.run(["query", "topics"], in: folder.path).status, 0)
        XCTAssertTrue(try KGProcess.run(["snapshot"], in: folder.path).stdout.contains("kg.sqlite.snapshot: fresh"))
        folder.write("s.jsonl", #"{"id": "2", "topics": ["Algebra"], "knowledge_points": ["Slope"]}"# + "\n")
        XCTAssertEqual(try KGProcess.run(["ingest", "s.jsonl", "--no-snapshot"], in: folder.path).status, 0)
        let stale = try KGProcess.run(["snapshot", "--json"], in: folder.path)
        XCTAssertTrue(stale.stdout.contains(#""state":"stale""#), stale.stdout)
        XCTAssertEqual(try KGProcess.run(["ingest", "s.jsonl"], in: folder.path).status, 0)
        XCTAssertTrue(try KGProcess.run(["snapshot"], in: folder.path).stdout.contains("kg.sqlite.snapshot: fresh"))
        let rebuilt = try KGProcess.run(["snapshot", "--rebuild"], in: folder.path)
        XCTAssertEqual(rebuilt.status, 0, rebuilt.stderr)
        XCTAssertTrue(rebuilt.stderr.contains("saved kg.sqlite.snapshot"), rebuilt.stderr)
    }
}

extension SnapshotCLITests {
    /// A reader taking snapshots while another process's ingest commits sees the graph before
    /// the ingest or after it, never a mix: every snapshot's concept counts add up to its own
    /// problems' mentions.
    func testAReaderDuringAnIngestSeesTheOldGraphOrTheNewOneNeverAMix() throws {
        let folder = TemporaryFolder()
        let first = (0..<100).map { recordLine("a\($0)", topics: ["T\($0 % 4)"], kps: ["K\($0 % 9)", "K\($0 % 5 + 9)"]) }
        folder.write("first.jsonl", first.joined(separator: "\n") + "\n")
        XCTAssertEqual(try KGProcess.run(["ingest", "first.jsonl"], in: folder.path).status, 0)
        let second = (0..<30_000).map { recordLine("b\($0)", topics: ["T\($0 % 6)"], kps: ["K\($0 % 13)", "K\($0 % 7 + 13)", "K\($0 % 3 + 20)"]) }
        folder.write("second.jsonl", second.joined(separator: "\n") + "\n")

        let ingest = Process()
        ingest.executableURL = KGProcess.executable
        ingest.arguments = ["ingest", "second.jsonl"]
        ingest.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        ingest.standardOutput = FileHandle.nullDevice
        ingest.standardError = FileHandle.nullDevice
        let kb = try KnowledgeBase(path: folder.path + "/kg.sqlite")
        try ingest.run()
        var seen: Set<Int> = []
        var reads = 0
        repeat {
            let snapshot = try kb.snapshot()
            let mentions = snapshot.problems.reduce(0) { $0 + $1.topics.count + $1.knowledgePoints.count }
            XCTAssertEqual(snapshot.problemCounts.reduce(0) { $0 + Int($1) }, mentions, "a snapshot whose counts and problems disagree")
            seen.insert(snapshot.problems.count)
            reads += 1
        } while ingest.isRunning || reads < 3
        ingest.waitUntilExit()
        XCTAssertEqual(ingest.terminationStatus, 0)
        XCTAssertTrue(seen.isSubset(of: [100, 30_100]), "\(seen)")
        XCTAssertEqual(try kb.snapshot().problems.count, 30_100)
    }
}
