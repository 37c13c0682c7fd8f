/// One seed problem with the concepts extracted from it: the line format `kg ingest` reads
/// and `kg import` writes.
///
/// ```json
/// {"id": "gsm8k/train/17", "source": "gsm8k", "problem": "…", "level": "grade-5",
///  "topics": ["Ratios and Rates"], "knowledge_points": ["Unit rate", "Proportional reasoning"]}
/// ```
public struct ExtractionRecord: Equatable, Sendable {
    /// Unique id of the problem; re-ingesting the same id replaces the record.
    public var id: String
    /// The dataset the problem came from.
    public var source: String?
    /// The problem text.
    public var problem: String?
    /// The curriculum band.
    public var level: Level?
    /// One or more topics, as spelled by the extractor.
    public var topics: [String]
    /// Zero or more knowledge points, as spelled by the extractor.
    public var knowledgePoints: [String]
    /// Fields kg does not know, kept as they were.
    public var extra: JSONObject

    public init(
        id: String, source: String? = nil, problem: String? = nil, level: Level? = nil,
        topics: [String], knowledgePoints: [String], extra: JSONObject = JSONObject()
    ) {
        self.id = id
        self.source = source
        self.problem = problem
        self.level = level
        self.topics = topics
        self.knowledgePoints = knowledgePoints
        self.extra = extra
    }

    /// The record as one line of JSON (no trailing newline), fields in a fixed order.
    public var jsonLine: String {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.string
    }

    /// Appends the record as a JSON object to `writer`.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id"); writer.string(id)
        if let source { writer.key("source"); writer.string(source) }
        if let level { writer.key("level"); writer.string(level.rawValue) }
        writer.stringArray("topics", topics)
        writer.stringArray("knowledge_points", knowledgePoints)
        if let problem { writer.key("problem"); writer.string(problem) }
        for member in extra.members {
            writer.key(member.key)
            writer.value(member.value)
        }
        writer.endObject()
    }
}
