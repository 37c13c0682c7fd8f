import ArgumentParser
import Foundation
import KnowledgeBase

/// The `--db` option every command takes.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The knowledge base file.", valueName: "path"))
    var db: String = KnowledgeBase.defaultPath

    /// Opens the knowledge base, which must exist.
    func open() throws -> KnowledgeBase {
        let kb = try KnowledgeBase(path: db, create: false)
        kb.onSnapshotNote = { Terminal.error($0) }
        kb.usesSnapshotFile = DatabaseOptions.snapshotsEnabled
        return kb
    }

    /// Opens the knowledge base, creating it when missing.
    func openOrCreate() throws -> KnowledgeBase {
        let kb = try KnowledgeBase(path: db, create: true)
        kb.onSnapshotNote = { Terminal.error($0) }
        kb.usesSnapshotFile = DatabaseOptions.snapshotsEnabled
        return kb
    }
}

extension DatabaseOptions {
    /// False when `KG_SNAPSHOT=off`: every command then reads the graph from the database and
    /// neither reads nor writes the snapshot file.
    static var snapshotsEnabled: Bool { ProcessInfo.processInfo.environment["KG_SNAPSHOT"]?.lowercased() != "off" }
}

extension ConceptKind: ExpressibleByArgument {}
