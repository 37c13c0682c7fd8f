import KnowledgeBase

/// One extraction-record JSONL line, for tests that build knowledge bases from records.
public func recordLine(
    _ id: String, topics: [String], kps: [String], source: String? = nil, level: String? = nil, problem: String? = nil
) -> String {
    var w = JSONWriter()
    w.beginObject()
    w.key("id"); w.string(id)
    if let source { w.key("source"); w.string(source) }
    if let level { w.key("level"); w.string(level) }
    if let problem { w.key("problem"); w.string(problem) }
    w.stringArray("topics", topics)
    w.stringArray("knowledge_points", kps)
    w.endObject()
    return w.string
}
