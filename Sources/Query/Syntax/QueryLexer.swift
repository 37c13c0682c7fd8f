/// Splits a query into tokens on demand, left to right, so that the first problem in the
/// text is the one reported.
///
/// Words are ASCII-insensitive to case; strings are quoted with `"…"` or `'…'` (typographic
/// quotes too), where `\\`, `\"` and `\'` are the only escapes so that LaTeX in names
/// (`"$\frac{a}{b}$"`) needs no doubling; `#` starts a comment that runs to the end of the line.
struct QueryLexer {
    let text: String
    let scalars: [Unicode.Scalar]
    private(set) var offset = 0

    init(_ text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
    }

    /// The next token; `.end` at the end of the text, again and again.
    mutating func next() throws -> Token {
        skipSpaceAndComments()
        guard offset < scalars.count else { return Token(kind: .end, range: SourceRange(scalars.count, scalars.count)) }
        let start = offset
        let s = scalars[offset]
        func single(_ kind: Token.Kind, length: Int = 1) -> Token {
            offset += length
            return Token(kind: kind, range: SourceRange(start, offset))
        }
        let next = offset + 1 < scalars.count ? scalars[offset + 1] : nil
        switch s {
        case "|": return single(.pipe)
        case "(": return single(.leftParenthesis)
        case ")": return single(.rightParenthesis)
        case "~": return single(.comparison(.matches))
        case "=": return next == "=" ? single(.comparison(.equal), length: 2) : single(.comparison(.equal))
        case "!":
            if next == "=" { return single(.comparison(.notEqual), length: 2) }
            throw QueryError(
                query: text, range: SourceRange(start, start + 1),
                reason: .invalidCharacter("!", hint: "write != for 'not equal', or not to negate a condition"))
        case "<":
            if next == "=" { return single(.comparison(.lessOrEqual), length: 2) }
            if next == ">" { return single(.comparison(.notEqual), length: 2) }
            return single(.comparison(.less))
        case ">": return next == "=" ? single(.comparison(.greaterOrEqual), length: 2) : single(.comparison(.greater))
        case "\"", "'", "\u{201C}", "\u{2018}": return try string()
        default: break
        }
        if QueryLexer.isDigit(s) || (s == "-" && next.map(QueryLexer.isDigit) == true) { return number() }
        if s == "_" || s.properties.isAlphabetic { return word() }
        throw QueryError(query: text, range: SourceRange(start, start + 1), reason: .invalidCharacter(String(s), hint: QueryLexer.hint(for: s)))
    }

    private mutating func skipSpaceAndComments() {
        while offset < scalars.count {
            let s = scalars[offset]
            if s.properties.isWhitespace {
                offset += 1
            } else if s == "#" {
                while offset < scalars.count, scalars[offset] != "\n" { offset += 1 }
            } else {
                return
            }
        }
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    private static func hint(for s: Unicode.Scalar) -> String? {
        switch s {
        case "&": return "write and to combine conditions"
        case ",": return "combine pipelines with union, or conditions with or"
        case "$", "\\", "{", "}": return "put names in quotes, like kp \"$\\frac{a}{b}$\""
        default: return nil
        }
    }

    private mutating func word() -> Token {
        let start = offset
        while offset < scalars.count, scalars[offset] == "_" || scalars[offset].properties.isAlphabetic || QueryLexer.isDigit(scalars[offset]) {
            offset += 1
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<offset])
        return Token(kind: .word(String(view).lowercased()), range: SourceRange(start, offset))
    }

    private mutating func number() -> Token {
        let start = offset
        if scalars[offset] == "-" { offset += 1 }
        while offset < scalars.count, QueryLexer.isDigit(scalars[offset]) { offset += 1 }
        if offset + 1 < scalars.count, scalars[offset] == ".", QueryLexer.isDigit(scalars[offset + 1]) {
            offset += 1
            while offset < scalars.count, QueryLexer.isDigit(scalars[offset]) { offset += 1 }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<offset])
        return Token(kind: .number(String(view)), range: SourceRange(start, offset))
    }

    private mutating func string() throws -> Token {
        let start = offset
        let open = scalars[offset]
        let close: Unicode.Scalar = open == "\u{201C}" ? "\u{201D}" : open == "\u{2018}" ? "\u{2019}" : open
        offset += 1
        var value = String.UnicodeScalarView()
        while offset < scalars.count {
            let s = scalars[offset]
            if s == close {
                offset += 1
                return Token(kind: .string(String(value)), range: SourceRange(start, offset))
            }
            if s == "\n" || s == "\r" { break }
            if s == "\\", offset + 1 < scalars.count, ["\\", "\"", "'"].contains(scalars[offset + 1]) {
                value.append(scalars[offset + 1])
                offset += 2
                continue
            }
            value.append(s)
            offset += 1
        }
        throw QueryError(query: text, range: SourceRange(start, offset), reason: .unterminatedString(quote: String(close)))
    }
}
