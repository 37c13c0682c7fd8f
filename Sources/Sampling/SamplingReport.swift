import Foundation
import KnowledgeBase

/// Diversity figures for a batch of samples: `kg sample --report`.
public struct SamplingReport: Equatable, Sendable {
    public var samples = 0
    /// Distinct (topic set, KP set) combinations.
    public var distinctCombinations = 0
    /// Share of samples whose KP set is not exactly the KP set of some seed problem
    /// (GRIP's novelty rate; MathScale's was 37.5%).
    public var novelty = 0.0
    /// Distinct topics sampled / topics in the pool.
    public var topicCoverage = 0.0
    /// Distinct KPs sampled / KPs in the pool.
    public var kpCoverage = 0.0
    /// Shannon entropy of the sampled topics' frequencies divided by log(topics in the pool):
    /// 1 when every pool topic is sampled equally often.
    public var topicEntropy = 0.0
    public var meanTopics = 0.0
    public var meanKnowledgePoints = 0.0

    /// The report as one JSON object (documented in docs/formats.md).
    public var jsonText: String {
        var w = JSONWriter()
        w.beginObject()
        w.key("samples"); w.int(samples)
        w.key("distinct_combinations"); w.int(distinctCombinations)
        w.key("novelty"); w.double(novelty)
        w.key("topic_coverage"); w.double(topicCoverage)
        w.key("kp_coverage"); w.double(kpCoverage)
        w.key("topic_entropy"); w.double(topicEntropy)
        w.key("mean_topics"); w.double(meanTopics)
        w.key("mean_knowledge_points"); w.double(meanKnowledgePoints)
        w.endObject()
        return w.string
    }

    /// The report as the one line `kg sample` prints to standard error.
    public var summaryLine: String {
        String(
            format:
                "%d samples, %d distinct; novelty %.1f%%; topic coverage %.1f%%, KP coverage %.1f%%; topic entropy %.3f; %.2f topics and %.2f KPs per sample",
            samples, distinctCombinations, novelty * 100, topicCoverage * 100,
            kpCoverage * 100, topicEntropy, meanTopics, meanKnowledgePoints)
    }
}

/// Accumulates a `SamplingReport` one sample at a time.
public struct SamplingReportBuilder {
    private let seedKPSets: Set<[Int32]>
    private let poolTopics: Int
    private let poolKPs: Int
    private var combinations = Set<[Int32]>()
    private var topicFrequency: [Int32: Int] = [:]
    private var kpSeen = Set<Int32>()
    private var novel = 0
    private var samples = 0
    private var topicsTotal = 0
    private var kpsTotal = 0

    public init(graph: SamplingGraph) {
        seedKPSets = Set(graph.snapshot.problems.map { $0.knowledgePoints.array })
        poolTopics = graph.pool(.topic).count
        poolKPs = graph.pool(.kp).count
    }

    public mutating func add(_ combination: ConceptCombination) {
        samples += 1
        combinations.insert(combination.setKey)
        for topic in combination.topics { topicFrequency[topic, default: 0] += 1 }
        for kp in combination.knowledgePoints { kpSeen.insert(kp) }
        if !seedKPSets.contains(combination.knowledgePoints.sorted()) { novel += 1 }
        topicsTotal += combination.topics.count
        kpsTotal += combination.knowledgePoints.count
    }

    public var report: SamplingReport {
        var report = SamplingReport()
        report.samples = samples
        report.distinctCombinations = combinations.count
        guard samples > 0 else { return report }
        report.novelty = Double(novel) / Double(samples)
        report.topicCoverage = poolTopics > 0 ? Double(topicFrequency.count) / Double(poolTopics) : 0
        report.kpCoverage = poolKPs > 0 ? Double(kpSeen.count) / Double(poolKPs) : 0
        let total = Double(topicsTotal)
        var entropy = 0.0
        for count in topicFrequency.values.sorted() where count > 0 {
            let p = Double(count) / total
            entropy -= p * Foundation.log(p)
        }
        report.topicEntropy = poolTopics > 1 ? entropy / Foundation.log(Double(poolTopics)) : 0
        report.meanTopics = Double(topicsTotal) / Double(samples)
        report.meanKnowledgePoints = Double(kpsTotal) / Double(samples)
        return report
    }
}
