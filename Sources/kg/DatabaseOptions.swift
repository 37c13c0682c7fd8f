import ArgumentParser
import KnowledgeBase
import TextAnalysis

/// The `--db` option every command takes.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The knowledge base file.", valueName: "path"))
    var db: String = KnowledgeBase.defaultPath

    /// Opens the knowledge base, which must exist.
    func open() throws -> KnowledgeBase {
        try DatabaseOptions.keyingTemplates(KnowledgeBase(path: db, create: false))
    }

    /// Opens the knowledge base, creating it when missing.
    func openOrCreate() throws -> KnowledgeBase {
        try DatabaseOptions.keyingTemplates(KnowledgeBase(path: db, create: true))
    }

    /// Gives the store the number masker's template key, so ingests key every problem, and
    /// keys the problems stored before the store had template keys (schema version 2).
    static func keyingTemplates(_ kb: KnowledgeBase) throws -> KnowledgeBase {
        let masker = NumberMasker()
        kb.templateKey = { masker.key(of: $0) }
        try kb.fillMissingTemplateKeys()
        return kb
    }
}

extension ConceptKind: ExpressibleByArgument {}
