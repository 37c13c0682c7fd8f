import ArgumentParser
import KnowledgeBase

/// `--no-snapshot` of the commands that write the knowledge base (`ingest`, `init`,
/// `merge`), which otherwise save a fresh snapshot file at the end so the next command
/// opens it at once.
struct SnapshotOptions: ParsableArguments {
    @Flag(help: "Do not save the snapshot file at the end (the next command that needs the graph builds it).")
    var noSnapshot = false

    /// Saves the snapshot unless --no-snapshot; a folder that cannot be written is noted, not an error.
    func save(_ kb: KnowledgeBase) throws {
        guard !noSnapshot, DatabaseOptions.snapshotsEnabled else { return }
        try kb.saveSnapshot()
    }
}
