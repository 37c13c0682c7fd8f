import KnowledgeBase

/// The condition of a `where` step.
///
/// `and` binds tighter than `or`; `not` tighter than both; parentheses group. Chains are
/// flat lists (`a and b and c` is one `.and` of three), so only parentheses and `not` nest,
/// and the parser bounds that nesting.
public indirect enum Predicate: Equatable, Sendable {
    case and([Predicate])
    case or([Predicate])
    case not(Predicate)
    case comparison(Comparison)
}

/// `FIELD OPERATOR VALUE`, such as `count >= 3` or `level = "grade-8"`.
public struct Comparison: Equatable, Sendable {
    /// The field compared.
    public var field: FieldReference
    /// How it is compared.
    public var op: ComparisonOperator
    /// What it is compared with.
    public var value: Literal
    /// The operator in the text.
    public var operatorRange: SourceRange

    public init(field: FieldReference, op: ComparisonOperator, value: Literal, operatorRange: SourceRange) {
        self.field = field
        self.op = op
        self.value = value
        self.operatorRange = operatorRange
    }
}

/// A field of a row: what `where`, `sort by` and `top … by` look at.
public enum Field: String, CaseIterable, Sendable {
    /// A concept's name (`=` compares normalised names, `~` matches loosely).
    case name
    /// `topic` or `kp`.
    case kind
    /// Problems that mention the concept; for an edge, problems that mention both ends.
    case count
    /// Co-occurrence edges of the concept (to topics and KPs).
    case degree
    /// The edge count a `neighbors` row has to the set it came from, an edge's count, or
    /// the count of the path edge that reached a path step.
    case weight
    /// A level at which some problem mentions the concept (or the problem's level).
    case level
    /// A dataset some problem that mentions the concept comes from (or the problem's source).
    case source
    /// A problem's id.
    case id

    /// Words accepted for each field (`problems` reads as `count`).
    static let spellings: [String: Field] = {
        var table: [String: Field] = [:]
        for field in Field.allCases { table[field.rawValue] = field }
        table["problems"] = .count
        return table
    }()

    /// Whether values are numbers (otherwise text).
    public var isNumeric: Bool { self == .count || self == .degree || self == .weight }
}

/// A field named in a query, with where.
public struct FieldReference: Equatable, Sendable {
    /// The field meant.
    public var field: Field
    /// The word as written (`problems` for `count`, say).
    public var spelling: String
    /// The word in the text.
    public var range: SourceRange

    public init(field: Field, spelling: String, range: SourceRange) {
        self.field = field
        self.spelling = spelling
        self.range = range
    }
}

/// `= != < <= > >= ~` (`==` reads as `=`, `<>` as `!=`).
public enum ComparisonOperator: String, CaseIterable, Sendable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    /// Loose match: normalised substring, tolerant of small misspellings for names.
    case matches = "~"

    /// Whether this orders values (`<`, `<=`, `>`, `>=`).
    public var isOrdering: Bool {
        switch self {
        case .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }

    /// Applies an ordering or equality operator to a three-way comparison result.
    func holds(_ order: Int) -> Bool {
        switch self {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        case .matches: return order == 0
        }
    }
}

/// A value in a comparison.
public struct Literal: Equatable, Sendable {
    /// Text or number, or a level already checked against the known levels.
    public enum Value: Equatable, Sendable {
        case text(String)
        case number(Double)
        case level(Level)
    }

    /// The value, as parsed.
    public var value: Value
    /// The value in the text.
    public var range: SourceRange

    public init(value: Value, range: SourceRange) {
        self.value = value
        self.range = range
    }
}
