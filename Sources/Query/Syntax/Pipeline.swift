/// A query's syntax tree: an operand, optionally combined with others by set operations,
/// then steps applied left to right.
///
/// `(topic "a" | neighbors kp) intersect (topic "b" | neighbors kp) | top 5 by weight`
/// is a pipeline whose head is the first parenthesised pipeline, with one `intersect` and
/// one step. Lists are flat (not nested binary nodes) so that evaluating a long chain of
/// steps or set operations never recurses.
public struct Pipeline: Equatable, Sendable {
    /// The first operand.
    public var head: Operand
    /// Set operations applied to the head, left to right, all with equal precedence.
    public var setOperations: [SetOperation]
    /// Steps applied to the combined result, left to right.
    public var steps: [Step]
    /// The whole pipeline in the text.
    public var range: SourceRange

    public init(head: Operand, setOperations: [SetOperation] = [], steps: [Step] = [], range: SourceRange) {
        self.head = head
        self.setOperations = setOperations
        self.steps = steps
        self.range = range
    }
}

/// What a pipeline starts from, or what a set operation combines with.
public indirect enum Operand: Equatable, Sendable {
    /// A source: `topics`, `kp "unit rate"`, `kps ~ "fraction"`, `edges`, `problems`.
    case source(Source)
    /// A pipeline in parentheses.
    case pipeline(Pipeline)

    /// Where the operand is in the text.
    public var range: SourceRange {
        switch self {
        case .source(let source): return source.range
        case .pipeline(let pipeline): return pipeline.range
        }
    }
}

/// `union`, `intersect` or `except`, and the operand on its right.
public struct SetOperation: Equatable, Sendable {
    /// The three set operations.
    public enum Operator: String, CaseIterable, Sendable {
        case union, intersect, except
    }

    /// Which operation.
    public var op: Operator
    /// The operand on its right.
    public var operand: Operand
    /// The operator keyword in the text.
    public var range: SourceRange

    public init(op: Operator, operand: Operand, range: SourceRange) {
        self.op = op
        self.operand = operand
        self.range = range
    }
}

/// Where concepts, edges or problems come from.
public struct Source: Equatable, Sendable {
    /// The forms a source takes.
    public enum Form: Equatable, Sendable {
        /// Every concept of a kind (nil: both kinds): `topics`, `kps`, `concepts`.
        case all(ConceptKindFilter)
        /// Concepts whose name matches a pattern: `kps ~ "pythag"`.
        case matching(ConceptKindFilter, pattern: String)
        /// The concept with this name (of either kind for `concept`): `topic "geometry"`.
        case named(ConceptReference)
        /// Every co-occurrence edge.
        case edges
        /// Every seed problem.
        case problems
    }

    /// Which source, with its arguments.
    public var form: Form
    /// The source in the text.
    public var range: SourceRange

    public init(form: Form, range: SourceRange) {
        self.form = form
        self.range = range
    }
}

/// A concept named in a query: `topic "probability"`, `kp "unit rate"`, `"geometry"`.
public struct ConceptReference: Equatable, Sendable {
    /// Which kinds the name may be (both for `concept "…"` or a bare string).
    public var kind: ConceptKindFilter
    /// The name as written; matched through normalisation and aliases.
    public var name: String
    /// The quoted name in the text.
    public var range: SourceRange

    public init(kind: ConceptKindFilter, name: String, range: SourceRange) {
        self.kind = kind
        self.name = name
        self.range = range
    }
}

/// Topics, knowledge points, or both.
public enum ConceptKindFilter: String, Equatable, Sendable {
    case topic, kp, any
}
