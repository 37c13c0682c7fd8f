/// Counts that describe a knowledge base: `kg stats`.
public struct KnowledgeBaseStatistics: Equatable, Sendable {
    /// Co-occurrence edges by the kinds of their endpoints.
    public struct EdgeCounts: Equatable, Sendable {
        public var topicTopic = 0
        public var topicKP = 0
        public var kpKP = 0
        public var total: Int { topicTopic + topicKP + kpKP }
    }

    public var problems = 0
    /// Topics mentioned by at least one problem.
    public var topics = 0
    /// Knowledge points mentioned by at least one problem.
    public var kps = 0
    public var edges = EdgeCounts()
    /// Concept mentions (problem–concept links).
    public var mentions = 0
    /// Names folded into other concepts by `kg merge`.
    public var aliases = 0
    /// Problems per source, most first (ties by name); problems without one under "unspecified".
    public var sources: [(name: String, problems: Int)] = []
    /// Problems per level, from K to competition; problems without one under "unspecified" last.
    public var levels: [(name: String, problems: Int)] = []
    /// The most mentioned topics and knowledge points.
    public var topTopics: [ConceptSummary] = []
    public var topKPs: [ConceptSummary] = []
    public var schemaVersion = 0
    /// Distinct template keys (problems that differ only in numbers share one).
    public var templates = 0
    /// Problems that have a template key (those with text).
    public var keyedProblems = 0
    /// The largest template families, largest first.
    public var templateFamilies: [TemplateFamily] = []

    public init() {}

    public static func == (lhs: KnowledgeBaseStatistics, rhs: KnowledgeBaseStatistics) -> Bool {
        lhs.jsonText == rhs.jsonText
    }

    /// The stable JSON form documented in docs/formats.md.
    public var jsonText: String {
        var w = JSONWriter()
        w.beginObject()
        w.key("schema_version"); w.int(schemaVersion)
        w.key("problems"); w.int(problems)
        w.key("topics"); w.int(topics)
        w.key("kps"); w.int(kps)
        w.key("mentions"); w.int(mentions)
        w.key("aliases"); w.int(aliases)
        w.key("edges")
        w.beginObject()
        w.key("topic_topic"); w.int(edges.topicTopic)
        w.key("topic_kp"); w.int(edges.topicKP)
        w.key("kp_kp"); w.int(edges.kpKP)
        w.key("total"); w.int(edges.total)
        w.endObject()
        for (key, rows) in [("sources", sources), ("levels", levels)] {
            w.key(key)
            w.beginObject()
            for row in rows { w.key(row.name); w.int(row.problems) }
            w.endObject()
        }
        for (key, concepts) in [("top_topics", topTopics), ("top_kps", topKPs)] {
            w.key(key)
            w.beginArray()
            for concept in concepts {
                w.beginObject()
                w.key("name"); w.string(concept.name)
                w.key("problems"); w.int(concept.problems)
                w.endObject()
            }
            w.endArray()
        }
        w.key("templates")
        w.beginObject()
        w.key("distinct"); w.int(templates)
        w.key("keyed_problems"); w.int(keyedProblems)
        w.key("largest_families")
        w.beginArray()
        for family in templateFamilies {
            w.beginObject()
            w.key("key"); w.string(family.key)
            w.key("problems"); w.int(family.problems)
            w.key("example_id"); w.string(family.exampleID)
            w.key("example")
            if let text = family.exampleText { w.string(text) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endObject()
        return w.string
    }
}

extension KnowledgeBase {
    /// Gathers the statistics; `top` is how many top topics and KPs to list.
    public func statistics(top: Int = 10) throws -> KnowledgeBaseStatistics {
        // One read transaction: every count comes from the same committed state, even while
        // another process's ingest commits between two of the queries.
        try database.readTransaction { try collectStatistics(top: top) }
    }

    private func collectStatistics(top: Int) throws -> KnowledgeBaseStatistics {
        var stats = KnowledgeBaseStatistics()
        stats.schemaVersion = try schemaVersion()
        stats.problems = Int(try database.scalarInt("SELECT count(*) FROM problem"))
        stats.topics = Int(try database.scalarInt("SELECT count(*) FROM concept WHERE kind = 'topic' AND problem_count > 0"))
        stats.kps = Int(try database.scalarInt("SELECT count(*) FROM concept WHERE kind = 'kp' AND problem_count > 0"))
        // Every mention counts once in its concept's problem count.
        stats.mentions = Int(try database.scalarInt("SELECT COALESCE(sum(problem_count), 0) FROM concept"))
        stats.aliases = Int(try database.scalarInt("SELECT count(*) FROM alias"))

        // Edge kinds from an in-memory kind table: one pass over the edge table, no join.
        var isTopic = [Bool]()
        let kinds = try database.prepare("SELECT id, kind FROM concept ORDER BY id")
        while try kinds.step() {
            let id = kinds.int(0)
            if id >= isTopic.count { isTopic.append(contentsOf: repeatElement(false, count: id - isTopic.count + 1)) }
            isTopic[id] = kinds.text(1) == ConceptKind.topic.rawValue
        }
        let edges = try database.prepare("SELECT a, b FROM edge")
        while try edges.step() {
            switch (isTopic[edges.int(0)], isTopic[edges.int(1)]) {
            case (true, true): stats.edges.topicTopic += 1
            case (false, false): stats.edges.kpKP += 1
            default: stats.edges.topicKP += 1
            }
        }

        let sources = try database.prepare(
            """
            SELECT COALESCE(source, 'unspecified'), count(*) AS n FROM problem
            GROUP BY 1 ORDER BY n DESC, 1 ASC
            """)
        while try sources.step() { stats.sources.append((sources.text(0), sources.int(1))) }

        var byLevel: [String: Int] = [:]
        let levels = try database.prepare("SELECT COALESCE(level, 'unspecified'), count(*) FROM problem GROUP BY 1")
        while try levels.step() { byLevel[levels.text(0)] = levels.int(1) }
        let order = Level.allCases.map(\.rawValue) + ["unspecified"]
        stats.levels = order.compactMap { name in byLevel[name].map { (name, $0) } }
        // Levels written by something other than kg's ingest (by hand, say) are kept, after.
        for name in byLevel.keys.sorted() where !order.contains(name) {
            stats.levels.append((name, byLevel[name]!))
        }

        stats.topTopics = try concepts(kind: .topic, limit: top)
        stats.topKPs = try concepts(kind: .kp, limit: top)
        (stats.templates, stats.keyedProblems) = try templateCounts()
        stats.templateFamilies = try largestTemplateFamilies(limit: top)
        return stats
    }
}
