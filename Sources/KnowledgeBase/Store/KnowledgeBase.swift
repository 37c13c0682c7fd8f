#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSQLite

/// An open knowledge base: one SQLite file holding concepts, problems, mentions and
/// co-occurrence edges.
///
/// Opening applies any missing migrations, so every command sees the current schema.
/// ```swift
/// let kb = try KnowledgeBase(path: "kg.sqlite")
/// let stats = try kb.statistics()
/// ```
public final class KnowledgeBase {
    /// The file the store lives in by default.
    public static let defaultPath = "kg.sqlite"

    /// The underlying connection: only the store and kg's own modules run SQL.
    package let database: SQLiteDatabase
    /// Where the file is.
    public let path: String
    /// Whether `snapshot()` uses and saves the snapshot file beside the database (true by
    /// default; false builds every snapshot from the store, as tests comparing both do).
    public var usesSnapshotFile = true
    /// Told, in one line, when a snapshot cannot be saved (a read-only folder, say).
    public var onSnapshotNote: ((String) -> Void)?

    /// The snapshot file beside the database.
    public var snapshotPath: String { path + ".snapshot" }
    /// How a problem's text becomes its template key (TextAnalysis's `NumberMasker`); ingest
    /// stores the key of every problem with text when it is set, and
    /// `fillMissingTemplateKeys()` keys the problems stored without one.
    public var templateKey: (@Sendable (String) -> UInt64)?

    /// Opens the knowledge base at `path`; creates it when `create` is true, otherwise fails
    /// with `KnowledgeBaseError.notFound` if there is no file.
    public init(path: String = KnowledgeBase.defaultPath, create: Bool = false) throws {
        var info = stat()
        if stat(path, &info) != 0 {
            if !create { throw KnowledgeBaseError.notFound(path: path) }
        } else if (info.st_mode & S_IFMT) == S_IFDIR {
            throw KnowledgeBaseError.isDirectory(path: path)
        } else if info.st_size == 0 && !create && !KnowledgeBase.hasWriteAheadLog(path) {
            throw KnowledgeBaseError.emptyFile(path: path)
        }
        self.path = path
        database = try SQLiteDatabase(path: path)
        do {
            try database.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
            // The generation bump goes in first, so a migration that rewrites content bumps it too.
            installGenerationBump()
            try migrate()
            try giveIdentity()
            // Best effort: a read-only or busy store is re-keyed by its next writer.
            try? upgradeNameKeys()
        } catch let error as SQLiteError where error.code == SQLITE_NOTADB || error.code == SQLITE_CORRUPT {
            throw KnowledgeBaseError.notADatabase(path: path, reason: error.message)
        }
    }

    /// Whether a non-empty `-wal` lies beside `path` (a new database's pages may all be there).
    private static func hasWriteAheadLog(_ path: String) -> Bool {
        var info = stat()
        return stat(path + "-wal", &info) == 0 && info.st_size > 0
    }

    /// Opens the knowledge base at `path` for reading only (`kg serve`): the file is never
    /// written, no migration runs, and a file of another schema version fails with what to do.
    /// Snapshots are still mapped from, and saved to, the snapshot file beside it.
    public init(readingOnly path: String) throws {
        if access(path, F_OK) != 0 { throw KnowledgeBaseError.notFound(path: path) }
        self.path = path
        database = try SQLiteDatabase(path: path, readOnly: true)
        let version = try schemaVersion()
        if version > Schema.currentVersion {
            throw KnowledgeBaseError.newerSchema(path: path, found: version, supported: Schema.currentVersion)
        }
        if version < Schema.currentVersion {
            throw KnowledgeBaseError.olderSchema(path: path, found: version, supported: Schema.currentVersion)
        }
    }

    /// The schema version recorded in the file.
    public func schemaVersion() throws -> Int {
        let hasMeta =
            try database.scalarInt(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'") > 0
        guard hasMeta else { return 0 }
        let statement = try database.prepare("SELECT value FROM meta WHERE key = 'schema_version'")
        return try statement.step() ? Int(statement.text(0)) ?? 0 : 0
    }

    private func migrate() throws {
        let version = try schemaVersion()
        if version > Schema.currentVersion {
            throw KnowledgeBaseError.newerSchema(path: path, found: version, supported: Schema.currentVersion)
        }
        guard version < Schema.currentVersion else { return }
        try database.transaction {
            for migration in Schema.all[version...] {
                try database.execute(migration.sql)
            }
            let upsert = try database.prepare(
                "INSERT INTO meta(key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            try upsert.bind([.text(String(Schema.currentVersion))])
            try upsert.run()
        }
    }

    /// Deletes the knowledge base at `path` with its write-ahead log, shared-memory and
    /// snapshot files (`-wal`, `-shm`, `.snapshot`), as `kg init --force` does before rebuilding.
    public static func removeFiles(at path: String) {
        for suffix in ["", "-wal", "-shm", ".snapshot"] { unlink(path + suffix) }
    }

    /// Folds the write-ahead log into the main file (after a large ingest, say).
    public func checkpoint() throws {
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// Every row of every kg table, in a fixed order, as text: two knowledge bases with the
    /// same content give the same dump. Used to prove a failed command changed nothing.
    public func contentDump() throws -> String {
        var out = ""
        let tables = [
            ("meta", "key"), ("concept", "id"), ("alias", "kind, key"), ("spelling", "id"),
            ("problem", "id"), ("edge", "pair"),
        ]
        for (table, order) in tables {
            out += "# \(table)\n"
            // The generation and identity say which store and how often it was written, not what it holds.
            let filter = table == "meta" ? " WHERE key NOT IN ('generation', 'kb_id')" : ""
            let statement = try database.prepare("SELECT * FROM \(table)\(filter) ORDER BY \(order)")
            while try statement.step() {
                var fields: [String] = []
                for column in 0..<statement.columnCount {
                    switch statement.value(column) {
                    case .integer(let v): fields.append(String(v))
                    case .real(let v): fields.append(String(v))
                    case .text(let v): fields.append(v.debugDescription)
                    case .null: fields.append("NULL")
                    }
                }
                out += fields.joined(separator: "|") + "\n"
            }
        }
        return out
    }
}
