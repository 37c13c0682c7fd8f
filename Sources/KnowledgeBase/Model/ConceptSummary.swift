/// A concept as listed by `kg concepts`: its name, kind and how many problems mention it.
public struct ConceptSummary: Equatable, Sendable {
    public var id: Int64
    public var kind: ConceptKind
    /// The display name: the most frequent spelling.
    public var name: String
    /// The normalised key.
    public var key: String
    /// Problems that mention the concept.
    public var problems: Int

    public init(id: Int64, kind: ConceptKind, name: String, key: String, problems: Int) {
        self.id = id
        self.kind = kind
        self.name = name
        self.key = key
        self.problems = problems
    }
}
