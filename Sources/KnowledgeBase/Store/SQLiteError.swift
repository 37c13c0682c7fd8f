import CSQLite

/// An error reported by SQLite, with the statement that caused it.
public struct SQLiteError: Error, CustomStringConvertible, Equatable {
    /// The SQLite result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT`, …).
    public let code: Int32
    /// SQLite's own message.
    public let message: String
    /// The SQL that failed, when there was one.
    public let sql: String?

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " (in: \(sql.prefix(200)))" }
        if code == SQLITE_BUSY || code == SQLITE_LOCKED {
            text += ". Another process holds the database; wait for it to finish and try again."
        } else if code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM {
            text += ". Check that the database path exists and is writable."
        } else if code == SQLITE_CORRUPT || code == SQLITE_NOTADB {
            text += ". The file is not a kg database or is damaged; rebuild it with `kg init`."
        }
        return text
    }
}
