import ArgumentParser
import Foundation
import KnowledgeBase
import TextAnalysis

/// The `--db` option every command takes.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The knowledge base file.", valueName: "path"))
    var db: String = KnowledgeBase.defaultPath

    /// Opens the knowledge base, which must exist.
    func open() throws -> KnowledgeBase {
        try DatabaseOptions.prepared(KnowledgeBase(path: db, create: false))
    }

    /// Opens the knowledge base, creating it when missing.
    func openOrCreate() throws -> KnowledgeBase {
        try DatabaseOptions.prepared(KnowledgeBase(path: db, create: true))
    }

    /// Gives the store the number masker's template key, so ingests key every problem, and
    /// keys the problems stored before the store had template keys (schema version 2); routes
    /// snapshot notes to stderr and honours KG_SNAPSHOT=off.
    static func prepared(_ kb: KnowledgeBase) throws -> KnowledgeBase {
        let masker = NumberMasker()
        kb.templateKey = { masker.key(of: $0) }
        try kb.fillMissingTemplateKeys()
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
