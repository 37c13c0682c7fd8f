import KnowledgeBase

/// A generation prompt with `{placeholder}`s filled per sample.
///
/// Placeholders: `{topics}`, `{knowledge_points}` (names joined by "; "), `{examples}`
/// (the few-shot seed problems' texts, one block each), `{levels}`. Write `{{` and `}}`
/// for literal braces.
public struct PromptTemplate: Equatable, Sendable {
    public enum Placeholder: String, CaseIterable, Sendable {
        case topics
        case knowledgePoints = "knowledge_points"
        case examples
        case levels
    }

    enum Segment: Equatable, Sendable {
        case text(String)
        case placeholder(Placeholder)
    }

    /// A template that cannot be used, with the line and column of the problem.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "template line \(line), column \(column): \(message)" }
    }

    let segments: [Segment]

    /// The placeholders the template uses.
    public var placeholders: Set<Placeholder> {
        Set(segments.compactMap { if case .placeholder(let p) = $0 { return p } else { return nil } })
    }

    /// Why a template file cannot be used: unreadable, or a `ParseError` at its line and column.
    public struct FileError: Error, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Reads and parses the template file at `path`.
    public init(contentsOfFile path: String) throws {
        guard let bytes = try? LocalFile.bytes(atPath: path) else {
            throw FileError(path: path, reason: "cannot read this template: check the path.")
        }
        do {
            try self.init(String(decoding: bytes, as: UTF8.self))
        } catch let error as ParseError {
            throw FileError(path: path, reason: error.description)
        }
    }

    /// Parses a template's text; throws `ParseError` at an unknown or unclosed placeholder.
    public init(_ text: String) throws {
        var segments: [Segment] = []
        var literal = ""
        let characters = Array(text)
        var i = 0, line = 1, column = 1
        func advance(_ n: Int) {
            for k in 0..<n where i + k < characters.count {
                if characters[i + k] == "\n" { line += 1; column = 1 } else { column += 1 }
            }
            i += n
        }
        while i < characters.count {
            let c = characters[i]
            if c == "{" && i + 1 < characters.count && characters[i + 1] == "{" { literal.append("{"); advance(2); continue }
            if c == "}" && i + 1 < characters.count && characters[i + 1] == "}" { literal.append("}"); advance(2); continue }
            if c == "}" {
                throw ParseError(line: line, column: column, message: "a lone '}'; write '}}' for a literal brace")
            }
            if c == "{" {
                let startLine = line, startColumn = column
                guard let close = characters[(i + 1)...].firstIndex(of: "}") else {
                    throw ParseError(line: startLine, column: startColumn, message: "'{' is never closed; write '{{' for a literal brace")
                }
                let name = String(characters[(i + 1)..<close])
                guard let placeholder = Placeholder(rawValue: name) else {
                    let known = Placeholder.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", ")
                    throw ParseError(line: startLine, column: startColumn, message: "unknown placeholder {\(name)}; known: \(known)")
                }
                if !literal.isEmpty { segments.append(.text(literal)); literal = "" }
                segments.append(.placeholder(placeholder))
                advance(close - i + 1)
                continue
            }
            literal.append(c)
            advance(1)
        }
        if !literal.isEmpty { segments.append(.text(literal)) }
        self.segments = segments
    }

    /// The prompt for one sample.
    public func render(_ values: [Placeholder: String]) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case .text(let t): out += t
            case .placeholder(let p): out += values[p] ?? ""
            }
        }
        return out
    }
}
