/// One lexical unit of a query, with where it was.
struct Token: Equatable {
    enum Kind: Equatable {
        /// A keyword or other bare word, lower-cased (keywords are case-insensitive).
        case word(String)
        /// A quoted string, escapes resolved.
        case string(String)
        /// A number as written (`3`, `-2`, `0.5`).
        case number(String)
        case pipe
        case leftParenthesis
        case rightParenthesis
        case comparison(ComparisonOperator)
        case end
    }

    var kind: Kind
    var range: SourceRange

    /// How an error message names this token: `'|'`, `"geometry"`, `word 'nieghbors'`, …
    var display: String {
        switch kind {
        case .word(let w): return "'\(w)'"
        case .string(let s): return "the string \"\(Token.abbreviate(s))\""
        case .number(let n): return "the number \(n)"
        case .pipe: return "'|'"
        case .leftParenthesis: return "'('"
        case .rightParenthesis: return "')'"
        case .comparison(let op): return "'\(op.rawValue)'"
        case .end: return "the end of the query"
        }
    }

    var word: String? {
        if case .word(let w) = kind { return w }
        return nil
    }

    static func abbreviate(_ text: String, limit: Int = 40) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
