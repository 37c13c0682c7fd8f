/// The topics and knowledge points read from one LLM extraction answer, with notes on what was repaired.
///
/// `notes` is empty for a clean strict-JSON answer. Each note is a short phrase such as
/// "read from a code fence", "keys matched loosely" or "clipped topics from 4 to 2", so
/// that `kg extract parse` can count how often each repair was needed.
public struct ExtractionAnswer: Equatable, Sendable {
    /// The general topics, cleaned, de-duplicated and clipped to the parser's maximum (never empty).
    public var topics: [String]
    /// The specific knowledge points, cleaned, de-duplicated and clipped (may be empty, with a note).
    public var knowledgePoints: [String]
    /// What the parser had to repair or guess, in the order it happened.
    public var notes: [String]

    /// Creates an answer from already-cleaned lists.
    public init(topics: [String], knowledgePoints: [String], notes: [String] = []) {
        self.topics = topics
        self.knowledgePoints = knowledgePoints
        self.notes = notes
    }
}
