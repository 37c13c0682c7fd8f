#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The knowledge base's content generation and identity, which tell whether a snapshot
/// file still describes it.
///
/// - `generation` (meta key `generation`) is bumped by every write transaction that changes
///   rows — ingest, merge, replace, migration — inside that transaction, so a reader sees the
///   counter and the content it counts together.
/// - `identity` (meta key `kb_id`) is 16 random hex digits written when the store is made, so
///   a snapshot of another file (or of a file rebuilt with `kg init --force`) is never taken
///   for this one's.
extension KnowledgeBase {
    /// The content generation (0 for a store that was never written by this version).
    public func generation() throws -> UInt64 {
        let statement = try database.prepare("SELECT value FROM meta WHERE key = 'generation'")
        return try statement.step() ? UInt64(statement.text(0)) ?? 0 : 0
    }

    /// The store's identity; nil when it has none yet (an older store opened read-only).
    public func identity() throws -> String? {
        let statement = try database.prepare("SELECT value FROM meta WHERE key = 'kb_id'")
        return try statement.step() ? statement.text(0) : nil
    }

    /// Makes every write transaction that changes rows bump the generation.
    func installGenerationBump() {
        database.beforeCommittingChanges = { [unowned database] in
            try database.execute(
                "INSERT INTO meta(key, value) VALUES ('generation', '1') "
                    + "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")
        }
    }

    /// Gives the store an identity when it has none (a write, skipped when the file is
    /// read-only).
    func giveIdentity() throws {
        guard try identity() == nil else { return }
        // The system's random generator: identities must differ between stores made in the
        // same second, and kg's seeded generator is for reproducible sampling, not this.
        let value = UInt64.random(in: .min ... .max)
        let hex = String(value, radix: 16)
        let id = String(repeating: "0", count: 16 - hex.count) + hex
        try? database.transaction {
            try database.prepare("INSERT OR IGNORE INTO meta(key, value) VALUES ('kb_id', ?)").bindAndRun([.text(id)])
        }
    }
}
