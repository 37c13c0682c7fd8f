import KnowledgeBase

/// Everything that shapes the draws: the sampler, its pool filters and its own options.
/// The one place that turns a `SamplerKind` into a running sampler, for `kg sample`, the
/// `--boost auto` pilots and the benchmarks alike.
///
/// ```swift
/// var settings = SamplerSettings(kind: .cooccurrence)
/// settings.levels = [.grade5]
/// let graph = settings.graph(snapshot: snapshot)
/// _ = try settings.run(on: graph, SampleRunOptions(count: 10, seed: 1)) { id, combination in … }
/// ```
public struct SamplerSettings: Sendable {
    public var kind: SamplerKind
    /// Edge weight from the co-occurrence count; nil: the sampler's `defaultWeight`.
    public var weight: WeightTransform?
    /// p ∝ weight^(1/T).
    public var temperature = 1.0
    /// Concepts seen in fewer problems are left out of the pool.
    public var minimumProblems = 2
    /// When not empty, only concepts that occur at one of these levels.
    public var levels: Set<Level> = []
    /// mathscale: how the first topic is chosen.
    public var start = StartRule.epoch
    /// mathscale: steps on the topic graph and on the KP graph.
    public var topicSteps = CountRange(1, 2)
    public var kpSteps = CountRange(0, 4)
    /// mathscale: what a KP step does at a dead end of the KP graph (`.none`: the paper's walk).
    public var kpFallback = KPFallback.topic
    /// cooccurrence, uniform: how many topics.
    public var topics = CountRange(2, 3)
    /// cooccurrence: KPs drawn from each topic.
    public var kpsPerTopic = CountRange(1, 2)
    /// uniform: how many KPs.
    public var kps = CountRange(1, 5)
    /// Every sampler: a sample with fewer knowledge points is topped up from its own concepts'
    /// neighbourhood (`CombinationExtender`); 0 leaves samples as the sampler drew them.
    public var minimumKnowledgePoints = 1

    public init(kind: SamplerKind = .mathscale) {
        self.kind = kind
    }

    /// The weight transform in force.
    public var resolvedWeight: WeightTransform { weight ?? kind.defaultWeight }

    /// The pool and weighted tables these settings sample from.
    ///
    /// - Parameters:
    ///   - allowed: when given, only these nodes (a query's result, say).
    ///   - boost: per node, the log of a weight multiplier (`SamplingBoost.logMultipliers`).
    ///   - expectedSamples: how many samples will be drawn, when known (`SamplingGraph.init`).
    public func graph(snapshot: GraphSnapshot, allowed: Set<Int32>? = nil, boost: [Double]? = nil, expectedSamples: Int? = nil) -> SamplingGraph {
        SamplingGraph(
            snapshot: snapshot, transform: resolvedWeight, temperature: temperature,
            minimumProblems: minimumProblems, levels: levels, allowed: allowed, boost: boost, expectedSamples: expectedSamples)
    }

    /// Builds the sampler on `graph` and draws the run's samples (`ConceptSampler.run`).
    public func run(
        on graph: SamplingGraph, _ options: SampleRunOptions,
        emit: (Int, ConceptCombination) throws -> Void
    ) throws -> SampleRunSummary {
        var options = options
        options.minimumKnowledgePoints = minimumKnowledgePoints
        switch kind {
        case .mathscale:
            var sampler = MathScaleWalk(
                graph: graph, start: start, topicSteps: topicSteps, kpSteps: kpSteps, kpFallback: kpFallback, seed: options.seed)
            return try sampler.run(options, emit: emit)
        case .cooccurrence:
            var sampler = CooccurrenceSampler(graph: graph, topicCount: topics, kpsPerTopic: kpsPerTopic)
            return try sampler.run(options, emit: emit)
        case .uniform:
            var sampler = UniformSampler(graph: graph, topicCount: topics, kpCount: kps)
            return try sampler.run(options, emit: emit)
        }
    }

    /// The pool filters in the words of `kg sample`'s options, for error messages.
    public func filterDescription(whereQuery: String? = nil, allowedCount: Int? = nil) -> String {
        var filters = ["--min-count \(minimumProblems)"]
        if !levels.isEmpty { filters.append("--level " + levels.sorted().map(\.rawValue).joined(separator: ",")) }
        if let whereQuery { filters.append("--where '\(whereQuery)' (\(allowedCount ?? 0) concepts)") }
        return filters.joined(separator: ", ")
    }
}
