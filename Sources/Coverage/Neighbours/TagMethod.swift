/// How `kg tag` tags a problem.
public enum TagMethod: String, CaseIterable, Sendable {
    /// The knowledge base's most similar problems vote (`NeighbourTagger`): topics, knowledge
    /// points, areas and band, each with a confidence.
    case neighbours
    /// Curriculum keywords and knowledge-point names found in the text (`ProblemTagger`):
    /// needs no problems in the knowledge base, only the curriculum (and KP names).
    case keywords
    /// Neighbours, plus the knowledge points whose names occur whole in the text, and the
    /// keyword areas (in the voted band) when the neighbours' best area is below the minimum
    /// confidence. The default with a knowledge base: it measured best on areas (77.7% against
    /// 76.1% for neighbours alone, KP F1 0.72 against 0.73; docs/coverage.md, "Tagging accuracy").
    case both
}
