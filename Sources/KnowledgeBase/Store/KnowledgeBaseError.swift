/// Errors about the knowledge base file itself or the concepts a command names.
public enum KnowledgeBaseError: Error, CustomStringConvertible, Equatable {
    /// No database at the path and the command does not create one.
    case notFound(path: String)
    /// The file was written by a newer kg.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The file has an older schema and is opened read-only, so it cannot be upgraded here.
    case olderSchema(path: String, found: Int, supported: Int)
    /// A concept name that matches nothing.
    case unknownConcept(name: String, kind: ConceptKind?, suggestions: [String])
    /// A name that is both a topic and a knowledge point, where the command needs one.
    case ambiguousKind(name: String)
    /// Merging a concept into itself.
    case mergeIntoSelf(name: String)
    /// The knowledge base holds no problems.
    case empty(path: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "no knowledge base at \(path). Build one with `kg init --default` or `kg ingest FILE`, or point to one with --db PATH."
        case .newerSchema(let path, let found, let supported):
            return "\(path) has schema version \(found), but this kg reads up to \(supported). Upgrade kg to open it."
        case .olderSchema(let path, let found, let supported):
            return "\(path) has schema version \(found), older than this kg's \(supported), and is opened read-only. Upgrade it once with any kg command that opens it for writing, like `kg stats --db \(path)`, then start again."
        case .unknownConcept(let name, let kind, let suggestions):
            var text = "no \(kind.map { $0 == .topic ? "topic" : "knowledge point" } ?? "concept") named \"\(name)\""
            if !suggestions.isEmpty {
                text += ". Did you mean: " + suggestions.map { "\"\($0)\"" }.joined(separator: ", ") + "?"
            } else {
                text += ". List concepts with `kg concepts`."
            }
            return text
        case .ambiguousKind(let name):
            return "\"\(name)\" is both a topic and a knowledge point; say which with --kind topic or --kind kp."
        case .mergeIntoSelf(let name):
            return "\"\(name)\" and the concept to merge are already the same concept; nothing to do."
        case .empty(let path):
            return "the knowledge base at \(path) holds no problems. Ingest some with `kg ingest FILE` or build the default with `kg init --default`."
        }
    }
}
