import KnowledgeBase

/// Recursive-descent parser from tokens to a `Pipeline`.
///
/// Only parentheses and `not` recurse, and `depth` bounds them, so no input can exhaust
/// the stack; every token is consumed at most once, so no input can make it loop.
struct QueryParser {
    /// How deep parentheses and `not` may nest.
    static let maximumDepth = 64
    /// The largest count `top`, `limit` and `ego` accept.
    static let maximumCount = Int(Int32.max)

    static let stepWords = ["neighbors", "where", "sort", "top", "limit", "path", "ego", "problems", "edges", "concepts"]
    static let sourceWords = ["topics", "kps", "concepts", "topic", "kp", "concept", "edges", "problems"]
    static let setWords = SetOperation.Operator.allCases.map(\.rawValue)
    static let expectedSource = "a source (topics, kps, concepts, topic \"NAME\", kps ~ \"TEXT\", edges, problems) or '('"
    static let expectedStep = "a step (neighbors, where, sort, top, limit, path, ego, problems, edges, concepts)"

    private var lexer: QueryLexer
    private var current: Token
    private var depth = 0
    private var text: String { lexer.text }

    init(_ text: String) throws {
        lexer = QueryLexer(text)
        current = Token(kind: .end, range: SourceRange(0, 0))
        current = try lexer.next()
    }

    /// Parses the whole text as one pipeline.
    mutating func parseQuery() throws -> Pipeline {
        let pipeline = try parsePipeline()
        if current.kind != .end {
            throw unexpected(expected: "'|' or the end of the query")
        }
        return pipeline
    }

    // MARK: - Pipelines

    private mutating func parsePipeline() throws -> Pipeline {
        let head = try parseOperand()
        var operations: [SetOperation] = []
        while let word = current.word, let op = SetOperation.Operator(rawValue: word) {
            let range = current.range
            try advance()
            operations.append(SetOperation(op: op, operand: try parseOperand(), range: range))
        }
        var steps: [Step] = []
        while current.kind == .pipe {
            try advance()
            steps.append(try parseStep())
        }
        if let word = current.word, SetOperation.Operator(rawValue: word) != nil, !steps.isEmpty {
            throw QueryError(
                query: text, range: current.range,
                reason: .unexpected(
                    found: current.display,
                    expected:
                        "'|' or the end of the pipeline (to combine pipelines that have steps, put each in parentheses: (A | …) \(word) (B | …))",
                    suggestions: []))
        }
        let end = steps.last?.range ?? operations.last?.operand.range ?? head.range
        return Pipeline(head: head, setOperations: operations, steps: steps, range: head.range.union(end))
    }

    private mutating func parseOperand() throws -> Operand {
        if current.kind == .leftParenthesis {
            let open = current.range
            try enter(open)
            try advance()
            var pipeline = try parsePipeline()
            guard current.kind == .rightParenthesis else {
                throw unexpected(expected: "')' to close the '(' at column \(column(of: open)), '|' or a set operation")
            }
            pipeline.range = open.union(current.range)
            try advance()
            depth -= 1
            return .pipeline(pipeline)
        }
        return .source(try parseSource())
    }

    private mutating func parseSource() throws -> Source {
        let start = current.range
        guard let word = current.word else { throw unexpected(expected: QueryParser.expectedSource) }
        switch word {
        case "edges":
            try advance()
            return Source(form: .edges, range: start)
        case "problems":
            try advance()
            return Source(form: .problems, range: start)
        default:
            guard let kind = QueryParser.sourceKind(word) else {
                throw unexpected(expected: QueryParser.expectedSource, among: QueryParser.sourceWords)
            }
            try advance()
            if case .string(let name) = current.kind {
                let reference = ConceptReference(kind: kind, name: name, range: current.range)
                try advance()
                return Source(form: .named(reference), range: start.union(reference.range))
            }
            if current.kind == .comparison(.matches) {
                try advance()
                guard case .string(let pattern) = current.kind else {
                    throw unexpected(expected: "a quoted text to match after '~', like kps ~ \"fraction\"")
                }
                let range = start.union(current.range)
                try advance()
                return Source(form: .matching(kind, pattern: pattern), range: range)
            }
            // A singular word alone (`topic`) reads as all of that kind, like its plural.
            return Source(form: .all(kind), range: start)
        }
    }

    static func sourceKind(_ word: String) -> ConceptKindFilter? {
        switch word {
        case "topics", "topic": return .topic
        case "kps", "kp": return .kp
        case "concepts", "concept": return .any
        default: return nil
        }
    }

    static func neighbourKind(_ word: String) -> ConceptKindFilter? {
        switch word {
        case "topics", "topic": return .topic
        case "kps", "kp": return .kp
        default: return nil
        }
    }

    // MARK: - Steps

    private mutating func parseStep() throws -> Step {
        let start = current.range
        guard let word = current.word else { throw unexpected(expected: QueryParser.expectedStep) }
        let form: Step.Form
        switch word {
        case "neighbors", "neighbours":
            try advance()
            var kind = ConceptKindFilter.any
            if let next = current.word, let k = QueryParser.neighbourKind(next) {
                kind = k
                try advance()
            }
            form = .neighbors(kind)
        case "where":
            try advance()
            form = .filter(try parseDisjunction())
        case "sort":
            try advance()
            try expectWord("by", expected: "'by' after sort, as in sort by count")
            let field = try parseField()
            form = .sort(SortKey(field: field, descending: try parseDirection(default: false)))
        case "top":
            try advance()
            let n = try parseCount(after: "top")
            try expectWord("by", expected: "'by' after top \(n), as in top \(n) by count")
            let field = try parseField()
            form = .top(n, SortKey(field: field, descending: try parseDirection(default: true)))
        case "limit":
            try advance()
            form = .limit(try parseCount(after: "limit"))
        case "path":
            try advance()
            try expectWord("to", expected: "'to' after path, as in path to \"pythagorean theorem\"")
            var kind = ConceptKindFilter.any
            if let next = current.word, let k = QueryParser.sourceKind(next) {
                kind = k
                try advance()
            }
            guard case .string(let name) = current.kind else {
                throw unexpected(expected: "the quoted name of the concept to reach, as in path to \"geometry\"")
            }
            form = .path(to: ConceptReference(kind: kind, name: name, range: current.range))
            try advance()
        case "ego":
            try advance()
            let n = try parseCount(after: "ego")
            var kind = ConceptKindFilter.any
            if let next = current.word, let k = QueryParser.neighbourKind(next) {
                kind = k
                try advance()
            }
            form = .ego(n, kind)
        case "problems":
            try advance()
            form = .problems
        case "edges":
            try advance()
            form = .edges
        case "concepts":
            try advance()
            form = .concepts
        default:
            throw unexpected(expected: QueryParser.expectedStep, among: QueryParser.stepWords)
        }
        return Step(form: form, range: start.union(previousEnd))
    }

    private mutating func parseDirection(default descending: Bool) throws -> Bool {
        guard let word = current.word else { return descending }
        switch word {
        case "asc", "ascending": try advance(); return false
        case "desc", "descending": try advance(); return true
        default: return descending
        }
    }

    private mutating func parseCount(after keyword: String) throws -> Int {
        guard case .number(let digits) = current.kind else {
            throw unexpected(expected: "a whole number after \(keyword), as in \(keyword) 10")
        }
        let expected = "a whole number from 0 to \(QueryParser.maximumCount) after \(keyword)"
        guard let n = Int(digits), n >= 0, n <= QueryParser.maximumCount else {
            throw QueryError(query: text, range: current.range, reason: .invalidNumber(digits, expected: expected))
        }
        try advance()
        return n
    }

    private mutating func parseField() throws -> FieldReference {
        guard let word = current.word else {
            throw unexpected(expected: "a field (\(QueryError.fieldList))")
        }
        guard let field = Field.spellings[word] else {
            throw QueryError(
                query: text, range: current.range,
                reason: .unknownField(word, suggestions: Suggestions.words(near: word, in: Array(Field.spellings.keys))))
        }
        let reference = FieldReference(field: field, spelling: word, range: current.range)
        try advance()
        return reference
    }

    // MARK: - Predicates

    private mutating func parseDisjunction() throws -> Predicate {
        var terms = [try parseConjunction()]
        while current.word == "or" {
            try advance()
            terms.append(try parseConjunction())
        }
        return terms.count == 1 ? terms[0] : .or(terms)
    }

    private mutating func parseConjunction() throws -> Predicate {
        var terms = [try parseNegation()]
        while current.word == "and" {
            try advance()
            terms.append(try parseNegation())
        }
        return terms.count == 1 ? terms[0] : .and(terms)
    }

    private mutating func parseNegation() throws -> Predicate {
        if current.word == "not" {
            try enter(current.range)
            try advance()
            let inner = try parseNegation()
            depth -= 1
            return .not(inner)
        }
        if current.kind == .leftParenthesis {
            let open = current.range
            try enter(open)
            try advance()
            let inner = try parseDisjunction()
            guard current.kind == .rightParenthesis else {
                throw unexpected(expected: "')' to close the '(' at column \(column(of: open)), and or or")
            }
            try advance()
            depth -= 1
            return inner
        }
        return .comparison(try parseComparison())
    }

    private mutating func parseComparison() throws -> Comparison {
        guard current.word != nil else {
            throw unexpected(expected: "a condition such as count >= 3 or name ~ \"fraction\" (fields: \(QueryError.fieldList))")
        }
        let field = try parseField()
        guard case .comparison(let op) = current.kind else {
            throw unexpected(expected: "a comparison after \(field.spelling) (=, !=, <, <=, >, >=, ~)")
        }
        let operatorRange = current.range
        try advance()
        let value = try parseValue(for: field.field, op: op, operatorRange: operatorRange)
        return Comparison(field: field, op: op, value: value, operatorRange: operatorRange)
    }

    private mutating func parseValue(for field: Field, op: ComparisonOperator, operatorRange: SourceRange) throws -> Literal {
        let range = current.range
        let value: Literal.Value
        switch current.kind {
        case .string(let s): value = .text(s)
        case .number(let n):
            guard let number = Double(n), number.isFinite else {
                throw QueryError(query: text, range: range, reason: .invalidNumber(n, expected: "a number"))
            }
            value = .number(number)
        case .word(let w) where w == "topic" || w == "kp":
            value = .text(w)
        default:
            throw unexpected(expected: field.isNumeric ? "a number after '\(op.rawValue)'" : "a quoted value after '\(op.rawValue)'")
        }
        try advance()
        return try QueryParser.check(Literal(value: value, range: range), field: field, op: op, operatorRange: operatorRange, query: text)
    }

    /// Checks a value against its field where the answer does not depend on the knowledge
    /// base (types, operators, kinds and levels), so such mistakes fail before any work.
    static func check(_ literal: Literal, field: Field, op: ComparisonOperator, operatorRange: SourceRange, query: String) throws -> Literal {
        func fail(_ reason: QueryError.Reason, _ range: SourceRange) -> QueryError {
            QueryError(query: query, range: range, reason: reason)
        }
        let found: String
        switch literal.value {
        case .number(let n): found = "the number \(n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n))"
        case .text(let s): found = "the text \"\(Token.abbreviate(s))\""
        case .level(let l): found = l.rawValue
        }
        if field.isNumeric {
            if op == .matches { throw fail(.invalidOperator(field: field, op: op, allowed: "=, !=, <, <=, > or >="), operatorRange) }
            guard case .number = literal.value else { throw fail(.invalidValue(field: field, expected: "a number", found: found), literal.range) }
            return literal
        }
        guard case .text(let text) = literal.value else {
            throw fail(.invalidValue(field: field, expected: "a quoted text", found: found), literal.range)
        }
        switch field {
        case .kind:
            if op != .equal && op != .notEqual { throw fail(.invalidOperator(field: field, op: op, allowed: "= or !="), operatorRange) }
            let lowered = text.lowercased()
            guard lowered == "topic" || lowered == "kp" else {
                throw fail(
                    .unknownValue(
                        field: .kind, value: text, known: "topic and kp",
                        suggestions: Suggestions.words(near: lowered, in: ["topic", "kp"])), literal.range)
            }
            return Literal(value: .text(lowered), range: literal.range)
        case .level:
            if op == .matches { return literal }
            guard let level = Level(parsing: text) else {
                throw fail(
                    .unknownValue(
                        field: .level, value: text, known: Level.canonicalList,
                        suggestions: Suggestions.words(near: text.lowercased(), in: Level.allCases.map(\.rawValue))), literal.range)
            }
            return Literal(value: .level(level), range: literal.range)
        case .source:
            if op.isOrdering { throw fail(.invalidOperator(field: field, op: op, allowed: "=, != or ~"), operatorRange) }
            return literal
        default:
            return literal
        }
    }

    // MARK: - Tokens

    private var previousEnd = SourceRange(0, 0)

    private mutating func advance() throws {
        previousEnd = current.range
        current = try lexer.next()
    }

    private mutating func enter(_ range: SourceRange) throws {
        depth += 1
        if depth > QueryParser.maximumDepth {
            throw QueryError(query: text, range: range, reason: .tooDeep(limit: QueryParser.maximumDepth))
        }
    }

    private mutating func expectWord(_ word: String, expected: String) throws {
        guard current.word == word else { throw unexpected(expected: expected) }
        try advance()
    }

    private func unexpected(expected: String, among words: [String] = []) -> QueryError {
        let suggestions = current.word.map { Suggestions.words(near: $0, in: words) } ?? []
        return QueryError(
            query: text, range: current.range, reason: .unexpected(found: current.display, expected: expected, suggestions: suggestions))
    }

    private func column(of range: SourceRange) -> Int {
        QueryError(query: text, range: range, reason: .tooDeep(limit: 0)).column
    }
}
