/// One stage of a pipeline, applied to the result of everything on its left.
public struct Step: Equatable, Sendable {
    /// The steps of the language.
    public enum Form: Equatable, Sendable {
        /// `neighbors [topic|kp]`: concepts that co-occur with the set, weighted by the sum of
        /// their edge counts to it.
        case neighbors(ConceptKindFilter)
        /// `where PREDICATE`: keep the rows (or subgraph nodes) for which it holds.
        case filter(Predicate)
        /// `sort by FIELD [asc|desc]` (ascending unless `desc`).
        case sort(SortKey)
        /// `top N by FIELD [asc|desc]`: the first N after sorting (descending unless `asc`).
        case top(Int, SortKey)
        /// `limit N`: the first N rows in the current order.
        case limit(Int)
        /// `path to [topic|kp|concept] "NAME"`: the strongest path from the set to the concept.
        case path(to: ConceptReference)
        /// `ego N [topic|kp]`: the subgraph within N hops of the set.
        case ego(Int, ConceptKindFilter)
        /// `problems`: the seed problems behind the result (provenance).
        case problems
        /// `edges`: the co-occurrence edges among the result's concepts.
        case edges
        /// `concepts`: the concepts of the result (subgraph nodes, edge ends, problems' concepts).
        case concepts
    }

    /// Which step, with its arguments.
    public var form: Form
    /// The step's keyword (and its arguments) in the text.
    public var range: SourceRange

    public init(form: Form, range: SourceRange) {
        self.form = form
        self.range = range
    }

    /// The step's keyword, for messages.
    public var keyword: String {
        switch form {
        case .neighbors: return "neighbors"
        case .filter: return "where"
        case .sort: return "sort"
        case .top: return "top"
        case .limit: return "limit"
        case .path: return "path"
        case .ego: return "ego"
        case .problems: return "problems"
        case .edges: return "edges"
        case .concepts: return "concepts"
        }
    }
}

/// A field to order by, and the direction.
public struct SortKey: Equatable, Sendable {
    /// The field to order by.
    public var field: FieldReference
    /// Largest first.
    public var descending: Bool

    public init(field: FieldReference, descending: Bool) {
        self.field = field
        self.descending = descending
    }
}
