import ArgumentParser
import KnowledgeBase

/// The `--db` option every command takes.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The knowledge base file.", valueName: "path"))
    var db: String = KnowledgeBase.defaultPath

    /// Opens the knowledge base, which must exist.
    func open() throws -> KnowledgeBase {
        try KnowledgeBase(path: db, create: false)
    }

    /// Opens the knowledge base, creating it when missing.
    func openOrCreate() throws -> KnowledgeBase {
        try KnowledgeBase(path: db, create: true)
    }
}

extension ConceptKind: ExpressibleByArgument {}
