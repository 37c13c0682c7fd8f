import Foundation
import KnowledgeBase

/// How MathScale's walk chooses its first topic.
public enum StartRule: String, CaseIterable, Sendable {
    /// Every topic once per epoch, in a seeded shuffled order (the paper's implementation).
    case epoch
    /// A topic with probability proportional to its problem count.
    case frequency
}

/// MathScale's concept composition (Tang et al. 2024, §3.2): start at a topic, walk
/// `topicSteps` steps on the topic graph, one step from a topic to a knowledge point, and
/// `kpSteps` steps on the KP graph. Each step goes to an unvisited neighbour with
/// probability proportional to the edge weight (with the `count` transform: the paper's
/// exp(log(count + ε)) normalised). A dead end ends that stage early, but for a KP step under
/// a `kpFallback` other than `none`, which continues through the concept graph instead.
///
/// Where the paper is silent: step counts are drawn uniformly from their ranges; the
/// topic→KP step leaves from the last topic reached, and if that topic has no unvisited KP
/// neighbour, from the earlier topics of the walk, latest first.
///
/// With a boosted graph (`SamplingGraph.logBoost`), the start topic is drawn ∝ its multiplier
/// (`epoch`) or ∝ problem count × multiplier (`frequency`) instead: an epoch cannot give a
/// topic more or fewer starts than one. Steps are boosted by the graph's weights.
public struct MathScaleWalk: ConceptSampler {
    public let name = "mathscale"
    public let graph: SamplingGraph
    public let start: StartRule
    public let topicSteps: CountRange
    public let kpSteps: CountRange
    /// What a KP step does at a dead end of the KP graph.
    public let kpFallback: KPFallback
    public let seed: UInt64

    private let topics: [Int32]
    private let frequencyTable: AliasTable?
    /// With a boost: the start topic's distribution.
    private let boostedStartTable: AliasTable?
    private var epochOrder: [Int32] = []
    private var epochNumber = -1
    /// Topics a fallback step found without an unvisited KP (kept to reuse its storage).
    private var triedTopics: [Int32] = []

    public init(
        graph: SamplingGraph, start: StartRule = .epoch, topicSteps: CountRange = CountRange(1, 2),
        kpSteps: CountRange = CountRange(0, 4), kpFallback: KPFallback = .topic, seed: UInt64
    ) {
        self.graph = graph
        self.start = start
        self.topicSteps = topicSteps
        self.kpSteps = kpSteps
        self.kpFallback = kpFallback
        self.seed = seed
        topics = graph.pool(.topic)
        frequencyTable = AliasTable(weights: topics.map { Double(graph.snapshot.problemCounts[Int($0)]) })
        if graph.logBoost != nil {
            // Multipliers in log space, scaled by the largest, so that no cap overflows.
            let logs = topics.map { topic -> Double in
                let base = start == .frequency ? Foundation.log(Double(max(1, graph.snapshot.problemCounts[Int(topic)]))) : 0
                return base + graph.logBoost(of: topic)
            }
            let largest = logs.max() ?? 0
            boostedStartTable = AliasTable(weights: logs.map { Foundation.exp($0 - largest) })
        } else {
            boostedStartTable = nil
        }
    }

    /// The topic sample `index` starts from.
    mutating func startTopic(index: Int, random: inout SplitMix64) -> Int32? {
        guard !topics.isEmpty else { return nil }
        if let boostedStartTable { return topics[boostedStartTable.draw(&random)] }
        switch start {
        case .frequency:
            return frequencyTable.map { topics[$0.draw(&random)] }
        case .epoch:
            let epoch = index / topics.count
            if epoch != epochNumber {
                epochOrder = SampleSeed.shuffled(topics, seed: seed, stream: UInt64(epoch))
                epochNumber = epoch
            }
            return epochOrder[index % topics.count]
        }
    }

    public mutating func sample(index: Int, random: inout SplitMix64, into combination: inout ConceptCombination) -> Bool {
        guard let first = startTopic(index: index, random: &random) else { return false }
        combination.removeAll()
        combination.addTopic(first)
        // Topic graph.
        var current = first
        let topicCount = topicSteps.draw(&random)
        for _ in 0..<topicCount {
            guard let next = graph.drawUnvisited(from: current, kind: .topic, visited: combination.walk, random: &random) else { break }
            combination.addTopic(next)
            current = next
        }
        // One step topic → KP, from the last topic that has an unvisited KP neighbour.
        var kp: Int32?
        for topic in combination.topics.reversed() {
            kp = graph.drawUnvisited(from: topic, kind: .kp, visited: combination.walk, random: &random)
            if kp != nil { break }
        }
        guard var currentKP = kp else { return true }
        combination.addKnowledgePoint(currentKP)
        // KP graph.
        let kpCount = kpSteps.draw(&random)
        for _ in 0..<kpCount {
            var next = graph.drawUnvisited(from: currentKP, kind: .kp, visited: combination.walk, random: &random)
            if next == nil && kpFallback != .none {
                next = fallbackKP(from: currentKP, combination: &combination, random: &random)
            }
            guard let next else { break }
            combination.addKnowledgePoint(next)
            currentKP = next
        }
        return true
    }

    /// The KP a step from `kp` takes under `kpFallback` when the KP graph has no unvisited
    /// neighbour of `kp`; nil when the concept graph has none either.
    mutating func fallbackKP(from kp: Int32, combination: inout ConceptCombination, random: inout SplitMix64) -> Int32? {
        switch kpFallback {
        case .none:
            return nil
        case .walkTopics:
            for topic in combination.topics.reversed() {
                if let next = graph.drawUnvisited(from: topic, kind: .kp, visited: combination.walk, random: &random) { return next }
            }
            return nil
        case .topic, .bridge:
            // Topics of `kp` ∝ weight, leaving out those already found without an unvisited KP.
            triedTopics.removeAll(keepingCapacity: true)
            while let topic = graph.drawUnvisited(from: kp, kind: .topic, visited: triedTopics, random: &random) {
                if let next = graph.drawUnvisited(from: topic, kind: .kp, visited: combination.walk, random: &random) {
                    if kpFallback == .topic && !combination.contains(topic) { combination.addTopic(topic) }
                    return next
                }
                triedTopics.append(topic)
            }
            return nil
        }
    }
}
