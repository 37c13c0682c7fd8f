import KnowledgeBase

/// A prompt with `{placeholder}`s filled per request: the generation prompt of `kg sample
/// --template` and the extraction prompt of `kg extract`.
///
/// Each use names the placeholders it fills (`PromptTemplate.samplePlaceholders`,
/// `.extractionPlaceholders`); any other `{name}` is an error at its line and column, so a
/// typo never reaches a model. Write `{{` and `}}` for literal braces.
public struct PromptTemplate: Equatable, Sendable {
    /// A `{name}` a template may use.
    public struct Placeholder: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The sample's topic names joined by "; ".
        public static let topics = Placeholder(rawValue: "topics")
        /// The sample's knowledge-point names joined by "; ".
        public static let knowledgePoints = Placeholder(rawValue: "knowledge_points")
        /// The few-shot seed problems, one block each.
        public static let examples = Placeholder(rawValue: "examples")
        /// The levels at which the sample's concepts occur.
        public static let levels = Placeholder(rawValue: "levels")
        /// The seed problem's text (extraction).
        public static let problem = Placeholder(rawValue: "problem")
    }

    /// What `kg sample --template` fills.
    public static let samplePlaceholders: [Placeholder] = [.topics, .knowledgePoints, .examples, .levels]
    /// What `kg extract --template` fills.
    public static let extractionPlaceholders: [Placeholder] = [.problem]

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

    /// Reads and parses the template file at `path`, which may use `allowed`.
    public init(contentsOfFile path: String, allowed: [Placeholder] = PromptTemplate.samplePlaceholders) throws {
        guard let bytes = try? LocalFile.bytes(atPath: path) else {
            throw FileError(path: path, reason: "cannot read this template: check the path.")
        }
        do {
            try self.init(String(decoding: bytes, as: UTF8.self), allowed: allowed)
        } catch let error as ParseError {
            throw FileError(path: path, reason: error.description)
        }
    }

    /// Parses a template's text; throws `ParseError` at a placeholder not in `allowed` or
    /// an unclosed one.
    public init(_ text: String, allowed: [Placeholder] = PromptTemplate.samplePlaceholders) throws {
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
                let placeholder = Placeholder(rawValue: name)
                guard allowed.contains(placeholder) else {
                    let known = allowed.map { "{\($0.rawValue)}" }.joined(separator: ", ")
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
