import Foundation
import KnowledgeBase

/// Quality figures for a batch of samples — repeats, novelty, coverage, size, plausibility of KP pairs: `kg sample --report`.
public struct SamplingReport: Equatable, Sendable {
    public var samples = 0
    /// Distinct (topic set, KP set) combinations.
    public var distinctCombinations = 0
    /// Distinct combinations / samples: 1 when no sample repeats another.
    public var distinctShare = 0.0
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
    /// Samples without a knowledge point (their prompt has no "Knowledge points:" line).
    public var samplesWithoutKnowledgePoints = 0
    /// Pairs of KPs within a sample, summed over the samples (a sample of k KPs has k(k-1)/2).
    public var kpPairs = 0
    /// Share of those pairs that co-occur in a seed problem or share a topic with one
    /// (`KPPairPlausibility`); nil when no sample has two KPs.
    public var kpPairPlausibility: Double?

    /// The report as one JSON object (documented in docs/formats.md).
    public var jsonText: String {
        var w = JSONWriter()
        w.beginObject()
        w.key("samples"); w.int(samples)
        w.key("distinct_combinations"); w.int(distinctCombinations)
        w.key("distinct_share"); w.double(distinctShare)
        w.key("novelty"); w.double(novelty)
        w.key("topic_coverage"); w.double(topicCoverage)
        w.key("kp_coverage"); w.double(kpCoverage)
        w.key("topic_entropy"); w.double(topicEntropy)
        w.key("mean_topics"); w.double(meanTopics)
        w.key("mean_knowledge_points"); w.double(meanKnowledgePoints)
        w.key("samples_without_knowledge_points"); w.int(samplesWithoutKnowledgePoints)
        w.key("kp_pairs"); w.int(kpPairs)
        w.key("kp_pair_plausibility")
        if let kpPairPlausibility { w.double(kpPairPlausibility) } else { w.null() }
        w.endObject()
        return w.string
    }

    /// The report as the one line `kg sample` prints to standard error.
    public var summaryLine: String {
        let plausible = kpPairPlausibility.map { String(format: "%.1f%%", $0 * 100) } ?? "n/a"
        let withoutKPs = samplesWithoutKnowledgePoints == 0 ? "" : "; \(samplesWithoutKnowledgePoints) without a KP"
        return String(
            format:
                "%d samples, %d distinct (%.1f%%); novelty %.1f%%; topic coverage %.1f%%, KP coverage %.1f%%; topic entropy %.3f; %.2f topics and %.2f KPs per sample; plausible KP pairs %@",
            samples, distinctCombinations, distinctShare * 100, novelty * 100, topicCoverage * 100,
            kpCoverage * 100, topicEntropy, meanTopics, meanKnowledgePoints, plausible) + withoutKPs
    }
}

/// Accumulates a `SamplingReport` one sample at a time.
public struct SamplingReportBuilder {
    private let snapshot: GraphSnapshot
    private let poolTopics: Int
    private let poolKPs: Int
    private var combinations = CombinationSet()
    private var withoutKPs = 0
    private var topicFrequency: [Int32: Int] = [:]
    private var kpSeen = Set<Int32>()
    private var novel = 0
    private var samples = 0
    private var topicsTotal = 0
    private var kpsTotal = 0
    private var plausibility: KPPairPlausibility
    private var kpPairs = 0
    private var plausiblePairs = 0

    public init(graph: SamplingGraph) {
        snapshot = graph.snapshot
        plausibility = KPPairPlausibility(snapshot: graph.snapshot)
        poolTopics = graph.pool(.topic).count
        poolKPs = graph.pool(.kp).count
    }

    public mutating func add(_ combination: ConceptCombination) {
        samples += 1
        _ = combinations.insert(combination)
        if combination.knowledgePoints.isEmpty { withoutKPs += 1 }
        for topic in combination.topics { topicFrequency[topic, default: 0] += 1 }
        for kp in combination.knowledgePoints { kpSeen.insert(kp) }
        if !snapshot.problemIndex.hasProblem(withKPs: combination.knowledgePoints.sorted(), in: snapshot.problems) { novel += 1 }
        topicsTotal += combination.topics.count
        kpsTotal += combination.knowledgePoints.count
        let kps = combination.knowledgePoints
        for i in kps.indices {
            for j in kps.index(after: i)..<kps.endIndex {
                kpPairs += 1
                if plausibility.isPlausible(kps[i], kps[j]) { plausiblePairs += 1 }
            }
        }
    }

    public var report: SamplingReport {
        var report = SamplingReport()
        report.samples = samples
        report.distinctCombinations = combinations.count
        guard samples > 0 else { return report }
        report.distinctShare = Double(combinations.count) / Double(samples)
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
        report.samplesWithoutKnowledgePoints = withoutKPs
        report.kpPairs = kpPairs
        report.kpPairPlausibility = kpPairs > 0 ? Double(plausiblePairs) / Double(kpPairs) : nil
        return report
    }
}
