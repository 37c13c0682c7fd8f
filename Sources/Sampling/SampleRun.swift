import KnowledgeBase

/// What `kg sample` draws: how many samples, from which seed, which shard, unique or not.
public struct SampleRunOptions: Sendable {
    /// Samples in the whole run (all shards together).
    public var count: Int
    public var seed: UInt64
    /// No two samples with the same (topic set, KP set).
    public var unique: Bool
    /// This worker's shard `index` of `count` shards: it keeps the samples whose id ≡ index (mod count).
    public var shardIndex: Int
    public var shardCount: Int
    /// Under `unique`, draws per sample before giving up on that id.
    public var attemptsPerSample: Int
    /// Under `unique`, knowledge points a duplicate may gain (`CombinationExtender`) before
    /// the id draws afresh with its next attempt.
    public var extensionsPerAttempt = 4
    /// A sample with fewer knowledge points gets more (`CombinationExtender`), when any is
    /// within reach; one still short is counted in `SampleRunSummary.shortOfKnowledgePoints`.
    public var minimumKnowledgePoints = 0
    /// Under `unique`, ids in a row that found nothing new before the run stops.
    public var exhaustionLimit: Int

    public init(
        count: Int, seed: UInt64, unique: Bool = false, shardIndex: Int = 0, shardCount: Int = 1,
        attemptsPerSample: Int = 64, exhaustionLimit: Int = 1_000
    ) {
        self.count = count
        self.seed = seed
        self.unique = unique
        self.shardIndex = shardIndex
        self.shardCount = shardCount
        self.attemptsPerSample = attemptsPerSample
        self.exhaustionLimit = exhaustionLimit
    }
}

/// How a run ended.
public struct SampleRunSummary: Equatable, Sendable {
    /// Samples this worker emitted.
    public var emitted = 0
    /// Samples the whole run produced (all shards).
    public var produced = 0
    /// True when `unique` ran out of new combinations before `count`.
    public var exhausted = false
    /// Samples emitted with fewer than `minimumKnowledgePoints` knowledge points: nothing
    /// within reach of their concepts could top them up.
    public var shortOfKnowledgePoints = 0
}

/// Errors that stop sampling before it starts.
public enum SamplingError: Error, Equatable, CustomStringConvertible {
    case emptyPool(kind: ConceptKind, filters: String)

    public var description: String {
        switch self {
        case .emptyPool(let kind, let filters):
            return "no \(kind.plural) to sample from: the knowledge base is empty or the filters (\(filters)) leave none. "
                + "Check `kg stats`, lower --min-count, or widen --level."
        }
    }
}

extension ConceptSampler {
    /// Under `unique`, plain draws an id gets when its walks start at an exhausted concept.
    static var drawsFromAnExhaustedStart: Int { 4 }

    /// Draws the run's samples in id order and hands this worker's share to `emit(id, combination)`.
    ///
    /// Sample `id` uses the generator `SampleSeed.generator(seed:index:attempt:)`, so its
    /// combination depends on (seed, id) alone and shards agree with the unsharded run. A
    /// sample below `minimumKnowledgePoints` is topped up from the same generator.
    ///
    /// Under `unique` every combination is checked against a `CombinationSet`; a duplicate
    /// is not thrown away but extended by one knowledge point at a time (up to
    /// `extensionsPerAttempt`, `CombinationExtender`) until it is new, and only when that
    /// fails does the id draw afresh with its next attempt's generator. Every shard draws
    /// the whole stream (to know what the others drew) but emits only its own.
    public mutating func run(_ options: SampleRunOptions, emit: (Int, ConceptCombination) throws -> Void) throws -> SampleRunSummary {
        var summary = SampleRunSummary()
        var combination = ConceptCombination()
        var extender = CombinationExtender(graph: graph)
        let minimum = options.minimumKnowledgePoints
        if !options.unique {
            var id = options.shardIndex
            while id < options.count {
                var random = SampleSeed.generator(seed: options.seed, index: id)
                guard sample(index: id, random: &random, into: &combination) else { return summary }
                if combination.knowledgePoints.count < minimum && !extender.topUp(&combination, to: minimum, random: &random) {
                    summary.shortOfKnowledgePoints += 1
                }
                try emit(id, combination)
                summary.emitted += 1
                id += options.shardCount
            }
            summary.produced = options.count
            return summary
        }
        var seen = CombinationSet(expected: options.count)
        // Start concepts whose ids once used every attempt and found nothing new (a topic in a
        // small, used-up component of the graph): later ids starting there try a few plain
        // draws and no extensions before giving up, instead of every attempt.
        var exhaustedStarts = [Bool](repeating: false, count: graph.snapshot.nodeCount)
        var id = 0, failures = 0
        while summary.produced < options.count {
            var found = false
            var short = false
            var firstStart: Int32?
            var exhaustedDraws = 0
            for attempt in 0..<options.attemptsPerSample {
                var random = SampleSeed.generator(seed: options.seed, index: id, attempt: attempt)
                guard sample(index: id, random: &random, into: &combination) else { return summary }
                short = combination.knowledgePoints.count < minimum && !extender.topUp(&combination, to: minimum, random: &random)
                if seen.insert(combination) {
                    found = true
                    break
                }
                let start = combination.walk.first ?? -1
                if attempt == 0 { firstStart = start }
                if start >= 0 && exhaustedStarts[Int(start)] {
                    exhaustedDraws += 1
                    if exhaustedDraws >= Self.drawsFromAnExhaustedStart { break }
                    continue
                }
                for _ in 0..<options.extensionsPerAttempt {
                    guard extender.addKnowledgePoint(to: &combination, random: &random) else { break }
                    if seen.insert(combination) {
                        found = true
                        break
                    }
                }
                if found {
                    short = combination.knowledgePoints.count < minimum
                    break
                }
            }
            if found {
                failures = 0
                summary.produced += 1
                if id % options.shardCount == options.shardIndex {
                    try emit(id, combination)
                    summary.emitted += 1
                    if short { summary.shortOfKnowledgePoints += 1 }
                }
            } else {
                if let firstStart, firstStart >= 0 { exhaustedStarts[Int(firstStart)] = true }
                failures += 1
                if failures >= options.exhaustionLimit {
                    summary.exhausted = true
                    return summary
                }
            }
            id += 1
        }
        return summary
    }
}
