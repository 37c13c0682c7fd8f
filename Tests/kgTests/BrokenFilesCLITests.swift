import Foundation
import KGTestSupport
import KnowledgeBase
import XCTest

/// `--db` pointing at something that is not a usable kg database, and outputs that cannot be
/// written: each a clear error (what, where, how to fix) and a non-zero exit.
final class BrokenFilesCLITests: XCTestCase {
    func knowledgeBase() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("r.jsonl", (0..<30).map { recordLine("p\($0)", topics: ["T\($0 % 3)"], kps: ["K\($0 % 4)", "K\($0 % 5 + 4)"]) }.joined(separator: "\n"))
        XCTAssertEqual(try KGProcess.run(["ingest", "r.jsonl"], in: folder.path).status, 0)
        return folder
    }

    func assertFails(
        _ arguments: [String], in folder: String, saying parts: [String], file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let result = try KGProcess.run(arguments, in: folder)
        XCTAssertNotEqual(result.status, 0, "\(arguments) exited 0", file: file, line: line)
        for part in parts { XCTAssertTrue(result.stderr.contains(part), "\(arguments): missing \"\(part)\" in: \(result.stderr)", file: file, line: line) }
        XCTAssertFalse(result.stderr.contains("Fatal error"), result.stderr, file: file, line: line)
    }

    func testAFileThatIsNotSQLiteIsRefusedAndLeftAlone() throws {
        let folder = TemporaryFolder()
        let text = String(repeating: "my notes, not a database\n", count: 200)
        folder.write("notes.txt", text)
        for command in [["stats"], ["query", "topics"], ["ingest", "r.jsonl"]] {
            folder.write("r.jsonl", recordLine("p1", topics: ["T"], kps: ["K"]))
            try assertFails(command + ["--db", "notes.txt"], in: folder.path, saying: ["notes.txt", "not a kg database", "--db"])
        }
        XCTAssertEqual(folder.read("notes.txt"), text, "a foreign file must never be written")
    }

    func testADirectoryIsRefused() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/adir", withIntermediateDirectories: true)
        try assertFails(["stats", "--db", "adir"], in: folder.path, saying: ["adir", "is a directory", "--db"])
        folder.write("r.jsonl", recordLine("p1", topics: ["T"], kps: ["K"]))
        try assertFails(["ingest", "r.jsonl", "--db", "adir"], in: folder.path, saying: ["adir", "is a directory", "--db"])
    }

    func testAnEmptyFileIsNotAKnowledgeBaseForReadersButIngestFillsIt() throws {
        let folder = TemporaryFolder()
        folder.write("empty.sqlite", "")
        try assertFails(["stats", "--db", "empty.sqlite"], in: folder.path, saying: ["empty.sqlite", "empty", "kg ingest"])
        XCTAssertEqual(folder.read("empty.sqlite"), "", "a reader must not turn an empty file into a database")
        folder.write("r.jsonl", recordLine("p1", topics: ["T"], kps: ["K"]))
        XCTAssertEqual(try KGProcess.run(["ingest", "r.jsonl", "--db", "empty.sqlite"], in: folder.path).status, 0)
    }

    func testANewerSchemaVersionIsRefusedWithoutChangingTheFile() throws {
        let folder = try knowledgeBase()
        try SQLiteDatabase(path: folder.databasePath).execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
        try assertFails(["stats"], in: folder.path, saying: ["kg.sqlite", "schema version 999", "Upgrade kg"])
        try assertFails(["ingest", "r.jsonl"], in: folder.path, saying: ["schema version 999"])
    }

    func testATruncatedDatabaseIsReportedAsDamaged() throws {
        let folder = try knowledgeBase()
        let data = try Data(contentsOf: URL(fileURLWithPath: folder.databasePath))
        for suffix in ["-wal", "-shm", ".snapshot"] { unlink(folder.databasePath + suffix) }
        try data.prefix(4096 + 100).write(to: URL(fileURLWithPath: folder.databasePath))
        let result = try KGProcess.run(["stats"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("kg.sqlite"), result.stderr)
        XCTAssertFalse(result.stderr.contains("Fatal error"), result.stderr)
    }

    func testADatabaseWhoseWALIsMissingStillHoldsEveryCommittedRecord() throws {
        let folder = try knowledgeBase()
        let before = try KGProcess.run(["stats", "--json"], in: folder.path).stdout
        // Every command ends with its changes in the main file: the -wal holds nothing of value.
        for suffix in ["-wal", "-shm"] { unlink(folder.databasePath + suffix) }
        XCTAssertEqual(try KGProcess.run(["stats", "--json"], in: folder.path).stdout, before)
    }

    func testAReadOnlyDatabaseCanBeReadAndRefusesWritesClearly() throws {
        if geteuid() == 0 { throw XCTSkip("file permissions do not bind root") }
        let folder = try knowledgeBase()
        chmod(folder.databasePath, 0o444)
        defer { chmod(folder.databasePath, 0o644) }
        XCTAssertEqual(try KGProcess.run(["stats"], in: folder.path).status, 0)
        folder.write("more.jsonl", recordLine("q1", topics: ["New"], kps: ["Newer"]))
        try assertFails(["ingest", "more.jsonl"], in: folder.path, saying: ["kg.sqlite", "writable"])
    }

    func testOutputsThatCannotBeWrittenFailClearly() throws {
        let folder = try knowledgeBase()
        // /proc takes no new files, not even from root: a stand-in for a read-only folder.
        for arguments in [
            ["query", "topics", "-o", "/proc/kg-out.csv"], ["render", "topics", "-o", "/proc/kg-map.svg"],
            ["sample", "-n", "5", "--quiet", "-o", "/proc/kg-samples.jsonl"],
        ] {
            try assertFails(arguments, in: folder.path, saying: ["/proc/kg-", "cannot write"])
        }
        try assertFails(["render", "topics", "-o", "/dev/full", "--format", "svg"], in: folder.path, saying: ["/dev/full", "No space left on device"])
        if geteuid() != 0 {
            try FileManager.default.createDirectory(atPath: folder.path + "/ro", withIntermediateDirectories: true)
            chmod(folder.path + "/ro", 0o555)
            defer { chmod(folder.path + "/ro", 0o755) }
            try assertFails(["query", "topics", "-o", "ro/out.csv"], in: folder.path, saying: ["ro/out.csv", "cannot write"])
        }
    }
}
