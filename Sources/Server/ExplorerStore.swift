import Foundation
import KnowledgeBase

/// The knowledge base the server reads: one read-only connection, used by one request at a
/// time, and the state of its current generation.
///
/// Every request starts with `state()`, which reads the generation (one indexed row) and,
/// when an ingest has changed the database since, builds the next state from scratch; a page
/// is made from one state only, and reads it needs from the store (problem texts, spellings)
/// go through `read(_:_:)`, which runs them only while the database is still that generation.
///
/// A database file replaced while the server runs (`kg init --default --force` removes it and
/// builds another) is noticed by its inode and opened again on the next request, instead of
/// serving the removed file for ever; while no file is there, requests get a 503 that says so.
final class ExplorerStore: @unchecked Sendable {
    let path: String
    private var knowledgeBase: KnowledgeBase
    /// The device and inode of the file `knowledgeBase` has open.
    private var file: FileIdentity
    /// How many times the file was opened (states remember theirs).
    private var opening = 1
    private let lock = NSLock()
    private var current: ExplorerState?
    /// Told when a snapshot cannot be saved beside the database.
    private let note: @Sendable (String) -> Void

    init(path: String, note: @escaping @Sendable (String) -> Void) throws {
        self.path = path
        self.note = note
        file = FileIdentity(path: path) ?? FileIdentity(device: 0, inode: 0)
        knowledgeBase = try KnowledgeBase(readingOnly: path)
        knowledgeBase.onSnapshotNote = { note($0) }
    }

    /// A file's device and inode: a file put in another's place has others.
    struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64

        init(device: UInt64, inode: UInt64) {
            self.device = device
            self.inode = inode
        }

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// Opens the file again when another has taken its place; a 503 while there is none.
    private func followReplacedFile() throws {
        guard let now = FileIdentity(path: path) else {
            throw ServerError(
                status: 503,
                message: "\(path) is not there any more (removed, or being rebuilt by kg init --force); try again in a moment, or restart kg serve with --db")
        }
        guard now != file else { return }
        let reopened: KnowledgeBase
        do {
            reopened = try KnowledgeBase(readingOnly: path)
        } catch {
            throw ServerError(status: 503, message: "\(path) was replaced and cannot be read yet (\(error)); try again in a moment")
        }
        reopened.onSnapshotNote = { [note] in note($0) }
        knowledgeBase = reopened
        file = now
        opening += 1
        current = nil
    }

    /// The state of the database as it is now.
    func state() throws -> ExplorerState {
        lock.lock()
        defer { lock.unlock() }
        try followReplacedFile()
        let generation = try knowledgeBase.generation()
        if let current, current.generation == generation, current.identity == (try knowledgeBase.identity() ?? "") {
            return current
        }
        // The snapshot is read first and the counts after, in a transaction that also checks
        // the generation did not move in between (an ingest that lands meanwhile bumps it:
        // then everything is read again).
        for _ in 0..<5 {
            let before = try knowledgeBase.generation()
            let snapshot = try knowledgeBase.snapshot()
            let read: (UInt64, String, KnowledgeBaseStatistics) = try knowledgeBase.database.readTransaction {
                (try knowledgeBase.generation(), try knowledgeBase.identity() ?? "", try knowledgeBase.statistics(top: 10))
            }
            if read.0 == before {
                let state = ExplorerState(generation: before, identity: read.1, opening: opening, snapshot: snapshot, statistics: read.2)
                current = state
                return state
            }
        }
        throw ServerError(status: 503, message: "the database is being written too often to read it whole; try again in a moment")
    }

    /// Runs `body` on the store inside one read transaction if the database is still
    /// `state`'s generation; nil when it has moved on (the caller takes the new state and
    /// tries again).
    func read<T>(_ state: ExplorerState, _ body: (KnowledgeBase) throws -> T) throws -> T? {
        lock.lock()
        defer { lock.unlock() }
        guard state.opening == opening else { return nil }
        return try knowledgeBase.database.readTransaction {
            guard try knowledgeBase.generation() == state.generation else { return nil }
            return try body(knowledgeBase)
        }
    }

    /// Thrown by a caller of `read` that found the database moved on, to start again with the
    /// new state.
    struct GenerationMoved: Error {}

    /// A state and what `reads` took from the store at that same generation: read again
    /// with the new state when an ingest lands between the two.
    func consistent<T>(_ reads: (ExplorerState, KnowledgeBase) throws -> T) throws -> (state: ExplorerState, value: T) {
        for _ in 0..<5 {
            let state = try state()
            if let value = try read(state, { try reads(state, $0) }) { return (state, value) }
        }
        throw ServerError(status: 503, message: "the database is being written too often to read it whole; try again in a moment")
    }
}
