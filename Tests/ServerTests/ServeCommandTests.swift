import Foundation
import KGTestSupport
import KnowledgeBase
import XCTest

/// `kg serve` as a process: what it says on start, that it leaves the database as it was, and
/// that SIGINT and SIGTERM stop it cleanly.
final class ServeCommandTests: XCTestCase {
    /// `kg serve --port 0` on `db`.
    func start(_ db: String, arguments: [String] = []) throws -> ServeProcess {
        try ServeProcess(executable: KGProcess.executable, arguments: ["serve", "--db", db, "--port", "0"] + arguments)
    }

    func makeDatabase(_ folder: TemporaryFolder) throws -> String {
        let db = folder.path + "/kg.sqlite"
        let records = ServerFixture.records().joined(separator: "\n") + "\n"
        let ingest = try KGProcess.run(["ingest", "--db", db, folder.write("r.jsonl", records)], in: folder.path)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        return db
    }

    func testStartsOnLoopbackSaysSoAndStopsOnSIGTERMAndSIGINT() throws {
        try XCTSkipUnless(ServeProcess.hasCurl, "curl is not installed")
        let folder = TemporaryFolder()
        let db = try makeDatabase(folder)
        for signal in [SIGTERM, SIGINT] {
            let server = try start(db)
            XCTAssertTrue(server.printed.contains("(read-only)"), server.printed)
            XCTAssertTrue(server.printed.contains("listening on 127.0.0.1 only"), server.printed)
            XCTAssertEqual(try server.get("/").status, 200)
            kill(server.process.processIdentifier, signal)
            server.process.waitUntilExit()
            XCTAssertEqual(server.process.terminationReason, .exit, "stopped by itself, not killed by signal \(signal)")
            XCTAssertEqual(server.process.terminationStatus, 0)
            let rest = String(decoding: server.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertTrue(rest.contains("kg serve: stopped"), rest)
        }
    }

    func testLeavesTheDatabaseUnchanged() throws {
        try XCTSkipUnless(ServeProcess.hasCurl, "curl is not installed")
        let folder = TemporaryFolder()
        let db = try makeDatabase(folder)
        _ = try KGProcess.run(["stats", "--db", db], in: folder.path)  // settles the store (template keys, snapshot)
        let before = try KnowledgeBase(path: db).contentDump()
        let generation = try KnowledgeBase(path: db).generation()
        let server = try start(db)
        defer { server.stop() }
        for path in ["/", "/concept/1", "/coverage", "/query?q=topics", "/sample?n=5", "/api/stats", "/search?q=frac"] {
            XCTAssertLessThan(try server.get(path).status, 400, path)
        }
        XCTAssertEqual(try KnowledgeBase(path: db).contentDump(), before)
        XCTAssertEqual(try KnowledgeBase(path: db).generation(), generation, "nothing was written")
    }

    func testADatabaseRebuiltWithInitForceIsServedOnTheNextRequest() throws {
        try XCTSkipUnless(ServeProcess.hasCurl, "curl is not installed")
        let folder = TemporaryFolder()
        let db = try makeDatabase(folder)
        let server = try start(db)
        defer { server.stop() }
        XCTAssertTrue(try server.get("/api/stats").body.contains("\"problems\":45,\"topics\":4,"))
        // kg init --force removes the file and makes another in its place.
        let rebuilt = try KGProcess.run(["init", "--force", "--db", db], in: folder.path)
        XCTAssertEqual(rebuilt.status, 0, rebuilt.stderr)
        let records = (0..<3).map { recordLine("n\($0)", topics: ["Probability"], kps: ["Coin flips"], source: "new", level: "grade-7", problem: "Flip \($0) coins.") }
        let ingest = try KGProcess.run(["ingest", "--db", db, folder.write("new.jsonl", records.joined(separator: "\n") + "\n")], in: folder.path)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let stats = try server.get("/api/stats")
        XCTAssertEqual(stats.status, 200, stats.body)
        XCTAssertTrue(stats.body.contains("\"problems\":3,\"topics\":1,"), "the new file, not the removed one: \(stats.body.prefix(200))")
        let search = try server.get("/api/suggest?q=coin")
        XCTAssertTrue(search.body.contains("Coin flips"), search.body)

        KnowledgeBase.removeFiles(at: db)
        let gone = try server.get("/api/stats")
        XCTAssertEqual(gone.status, 503)
        XCTAssertTrue(gone.body.contains("is not there any more"), gone.body)
    }

    func testRefusesAMissingDatabaseWithWhatToDo() throws {
        let folder = TemporaryFolder()
        let result = try KGProcess.run(["serve", "--db", folder.path + "/none.sqlite", "--port", "0"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("kg init --default"), result.stderr)
    }

    /// The processes `pid` started (each thread lists its own).
    func children(of pid: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task in
            ((try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? "").split(separator: " ").compactMap { Int32($0) }
        }
    }

    /// Whether `pid` still runs (a zombie waiting for its parent to reap it does not).
    func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(close, offsetBy: 2)...].prefix(1)
        return state != "Z" && state != "X"
    }

    func testDrawsInAWorkerProcessThatEndsWithTheServer() throws {
        try XCTSkipUnless(ServeProcess.hasCurl, "curl is not installed")
        let me = ProcessInfo.processInfo.processIdentifier
        try XCTSkipUnless(
            FileManager.default.fileExists(atPath: "/proc/\(me)/task/\(me)/children"), "no /proc/PID/task/TID/children (CONFIG_PROC_CHILDREN) to find the worker by")
        let folder = TemporaryFolder()
        let db = try makeDatabase(folder)
        let server = try start(db)
        XCTAssertEqual(try server.get("/").status, 200, "the overview draws the topic map")
        let workers = children(of: server.process.processIdentifier)
        XCTAssertEqual(workers.count, 1, "one drawing worker")
        let worker = try XCTUnwrap(workers.first)
        let command = (try? String(contentsOfFile: "/proc/\(worker)/cmdline", encoding: .utf8)) ?? ""
        XCTAssertTrue(command.contains("graphviz-worker"), command)
        kill(server.process.processIdentifier, SIGTERM)
        server.process.waitUntilExit()
        XCTAssertEqual(server.process.terminationStatus, 0)
        var waited = 0
        while isRunning(worker) && waited < 50 {
            usleep(100_000)
            waited += 1
        }
        XCTAssertFalse(isRunning(worker), "the worker ends when the server's end of its pipe closes")

        let inProcess = try start(db, arguments: ["--draw-in-process"])
        defer { inProcess.stop() }
        XCTAssertEqual(try inProcess.get("/").status, 200)
        XCTAssertEqual(children(of: inProcess.process.processIdentifier), [], "--draw-in-process starts no worker")
    }

    func testRefusesATimeLimitOrDatasetThatIsNotOne() throws {
        let folder = TemporaryFolder()
        let db = try makeDatabase(folder)
        for value in ["0", "-1", "7200"] {
            let result = try KGProcess.run(["serve", "--db", db, "--port", "0", "--query-time-limit=\(value)"], in: folder.path)
            XCTAssertNotEqual(result.status, 0, value)
            XCTAssertTrue(result.stderr.contains("--query-time-limit must be more than 0 and at most 3600 seconds"), result.stderr)
        }
        let missing = try KGProcess.run(["serve", "--db", db, "--port", "0", "--dataset", folder.path + "/none.jsonl"], in: folder.path)
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("--dataset \(folder.path)/none.jsonl: no readable file there."), missing.stderr)
    }
}
