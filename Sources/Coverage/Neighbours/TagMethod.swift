/// How `kg tag` tags a problem.
public enum TagMethod: String, CaseIterable, Sendable {
    /// The knowledge base's most similar problems vote (`NeighbourTagger`): topics, knowledge
    /// points, areas and band, each with a confidence. The default: it measured best
    /// (docs/coverage.md, "Tagging accuracy").
    case neighbours
    /// Curriculum keywords and knowledge-point names found in the text (`ProblemTagger`):
    /// needs no problems in the knowledge base, only the curriculum (and KP names).
    case keywords
    /// Neighbours, plus the knowledge points whose names occur whole in the text, and the
    /// keyword areas when the neighbours' best area is below the minimum confidence.
    case both
}
