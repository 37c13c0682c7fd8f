import KnowledgeBase

/// Why a query could not be parsed or evaluated, and where: printed, it shows the query line,
/// a caret under the column, what was expected, and the closest known names.
///
/// ```
/// column 7: no topic named "probabilty"
///   topic "probabilty" | neighbors kp
///         ^~~~~~~~~~~~
///   did you mean "Counting & Probability" or "Statistics and Probability"?
/// ```
public struct QueryError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong.
    public enum Reason: Equatable, Sendable {
        /// A character that starts no token.
        case invalidCharacter(String, hint: String?)
        /// A quoted string without its closing quote on the same line.
        case unterminatedString(quote: String)
        /// A token the grammar does not allow here.
        case unexpected(found: String, expected: String, suggestions: [String])
        /// A number out of range or not whole where a count is needed.
        case invalidNumber(String, expected: String)
        /// Parentheses and `not` nested deeper than `QueryParser.maximumDepth`.
        case tooDeep(limit: Int)
        /// A field name that does not exist.
        case unknownField(String, suggestions: [String])
        /// A value a field cannot take (an unknown level, kind or source).
        case unknownValue(field: Field, value: String, known: String, suggestions: [String])
        /// A number where text is needed, or the reverse.
        case invalidValue(field: Field, expected: String, found: String)
        /// An operator the field does not support (`count ~ 3`).
        case invalidOperator(field: Field, op: ComparisonOperator, allowed: String)
        /// A field that rows of this kind do not have (`weight` on plain topics).
        case fieldNotAvailable(field: Field, explanation: String)
        /// A concept name that matches no concept.
        case unknownConcept(name: String, kind: ConceptKindFilter, suggestions: [String])
        /// A name that is a concept of the other kind (`topic "X"` where X is a KP).
        case wrongKind(name: String, kind: ConceptKind, existing: String)
        /// A step applied to a result it cannot take (`neighbors` after `problems`).
        case wrongInput(step: String, needs: String, found: String)
        /// A set operation between results of different kinds.
        case mismatchedOperands(op: SetOperation.Operator, left: String, right: String)
        /// The evaluation passed its time limit before this part began
        /// (`QueryEvaluator.evaluate(_:timeLimit:)`).
        case timeLimit(seconds: Double)
    }

    /// The whole query text.
    public var query: String
    /// The part of the query the error points at.
    public var range: SourceRange
    /// What went wrong, with its details.
    public var reason: Reason

    public init(query: String, range: SourceRange, reason: Reason) {
        self.query = query
        self.range = range
        self.reason = reason
    }

    /// One sentence: what is wrong and what was expected.
    public var message: String {
        switch reason {
        case .invalidCharacter(let character, let hint):
            return "unexpected character '\(QueryError.visible(character))'" + (hint.map { ": \($0)" } ?? "")
        case .unterminatedString(let quote):
            return "unterminated string: close it with \(quote) on the same line"
        case .unexpected(let found, let expected, _):
            return "expected \(expected), found \(found)"
        case .invalidNumber(let text, let expected):
            return "expected \(expected), found \(text)"
        case .tooDeep(let limit):
            return "the query nests more than \(limit) levels deep (parentheses and not); simplify it"
        case .unknownField(let name, _):
            return "unknown field '\(name)'; fields are \(QueryError.fieldList)"
        case .unknownValue(let field, let value, let known, _):
            return
                "unknown \(field.rawValue) \"\(Token.abbreviate(value))\"; \(field.rawValue == "kind" ? "kinds" : field.rawValue + "s") are \(known)"
        case .invalidValue(let field, let expected, let found):
            return "\(field.rawValue) compares with \(expected), found \(found)"
        case .invalidOperator(let field, let op, let allowed):
            return "'\(op.rawValue)' does not apply to \(field.rawValue); use \(allowed)"
        case .fieldNotAvailable(let field, let explanation):
            return "field '\(field.rawValue)' is not available here: \(explanation)"
        case .unknownConcept(let name, let kind, _):
            let noun = kind == .topic ? "topic" : kind == .kp ? "knowledge point" : "concept"
            return "no \(noun) named \"\(Token.abbreviate(name, limit: 60))\""
        case .wrongKind(let name, let kind, let existing):
            let (asked, other, word) = kind == .topic ? ("topic", "knowledge point", "kp") : ("knowledge point", "topic", "topic")
            return
                "no \(asked) named \"\(Token.abbreviate(name, limit: 60))\", but there is a \(other): \(word) \"\(Token.abbreviate(existing, limit: 60))\""
        case .wrongInput(let step, let needs, let found):
            return "\(step) needs \(needs), but gets \(found) here"
                + (found == "problems" ? " (add | concepts before it to use the problems' concepts)" : "")
        case .mismatchedOperands(let op, let left, let right):
            return "\(op.rawValue) needs two results of the same kind, but gets \(left) and \(right); "
                + "turn one side into the other's kind with | concepts, | edges or | problems"
        case .timeLimit(let seconds):
            return "the query ran past its time limit of \(QueryError.seconds(seconds)) before this part; "
                + "narrow what comes before it (a name, ~ \"text\", | top N), or run it with kg query, which has no limit"
        }
    }

    /// Close known names or words, best first (empty when there is nothing close).
    public var suggestions: [String] {
        switch reason {
        case .unexpected(_, _, let s), .unknownField(_, let s), .unknownConcept(_, _, let s): return s
        case .unknownValue(_, _, _, let s): return s
        default: return []
        }
    }

    /// 1-based line of the start of `range`.
    public var line: Int { location.line }
    /// 1-based column of the start of `range`, in characters on its line.
    public var column: Int { location.column }

    /// The message, the query line with a caret under `range`, and any suggestions.
    public var description: String {
        let (lineNumber, column, lineText, width) = located()
        let multiline = query.contains("\n") || query.contains("\r")
        var text = (multiline ? "line \(lineNumber), column \(column)" : "column \(column)") + ": " + message + "\n"
        // A long line (a generated query, say) is shown as a window around the error.
        let characters = Array(lineText)
        let start = characters.count > 160 ? max(0, column - 1 - 60) : 0
        let end = characters.count > 160 ? min(characters.count, column - 1 + max(1, min(width, 40)) + 60) : characters.count
        let shown = (start > 0 ? "…" : "") + String(characters[start..<end]) + (end < characters.count ? "…" : "")
        let prefix = (start > 0 ? " " : "") + String(characters[start..<max(start, column - 1)].map { $0 == "\t" ? Character("\t") : Character(" ") })
        text += "  " + shown + "\n"
        text += "  " + prefix + "^" + String(repeating: "~", count: max(0, min(width, end - (column - 1)) - 1))
        if !suggestions.isEmpty {
            let quoted: Bool
            switch reason {
            case .unknownConcept, .unknownValue: quoted = true
            default: quoted = false
            }
            let items = suggestions.map { quoted ? "\"\($0)\"" : $0 }
            let list = items.count == 1 ? items[0] : items.dropLast().joined(separator: ", ") + " or " + items.last!
            text += "\n  did you mean \(list)?"
        }
        return text
    }

    private var location: (line: Int, column: Int) {
        let l = located()
        return (l.line, l.column)
    }

    /// The line holding `range.start`, made printable, the caret's column and its width.
    private func located() -> (line: Int, column: Int, text: String, width: Int) {
        let scalars = Array(query.unicodeScalars)
        let start = min(range.start, scalars.count)
        var lineStart = 0, lineNumber = 1
        var i = 0
        while i < start {
            if scalars[i] == "\n" { lineNumber += 1; lineStart = i + 1 }
            i += 1
        }
        var lineEnd = start
        while lineEnd < scalars.count, scalars[lineEnd] != "\n", scalars[lineEnd] != "\r" { lineEnd += 1 }
        func printable(_ slice: ArraySlice<Unicode.Scalar>) -> String {
            var view = String.UnicodeScalarView()
            for s in slice {
                // Control characters would move the caret: each shows as one replacement mark.
                view.append(s == "\t" || s.value >= 0x20 && s.value != 0x7F ? s : "\u{FFFD}")
            }
            return String(view)
        }
        let before = printable(scalars[lineStart..<start])
        let lineText = printable(scalars[lineStart..<lineEnd])
        let end = min(max(range.end, start), lineEnd)
        let width = max(1, printable(scalars[start..<end]).count)
        return (lineNumber, before.count + 1, lineText, width)
    }

    /// `2 s`, `0.5 s`: a limit as people write it.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    static let fieldList = "name, kind, count (or problems), degree, weight, level, source, id"

    static func visible(_ character: String) -> String {
        character.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
            ? character
            : character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined()
    }
}
