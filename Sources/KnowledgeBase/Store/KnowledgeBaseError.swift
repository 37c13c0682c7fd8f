/// Errors about the knowledge base file itself or the concepts a command names.
public enum KnowledgeBaseError: Error, CustomStringConvertible, Equatable {
    /// No database at the path and the command does not create one.
    case notFound(path: String)
    /// The path names a directory.
    case isDirectory(path: String)
    /// The file is empty (a command that only reads does not turn it into a database).
    case emptyFile(path: String)
    /// The file is not an SQLite database, or its header is damaged.
    case notADatabase(path: String, reason: String)
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
        case .isDirectory(let path):
            return "\(path) is a directory, not a knowledge base file. Point --db at the .sqlite file (e.g. --db \(path)/kg.sqlite)."
        case .emptyFile(let path):
            return "\(path) is an empty file, not a knowledge base. Fill it with `kg ingest FILE --db \(path)` or `kg init --default --db \(path)`, or point --db at another file."
        case .notADatabase(let path, let reason):
            return "\(path) is not a kg database (\(reason)): it is not an SQLite file, or it is damaged. Check the --db path; kg leaves the file as it is. A damaged knowledge base is rebuilt with `kg init --force`."
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
