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
    /// Draws the run's samples in id order and hands this worker's share to `emit(id, combination)`.
    ///
    /// Sample `id` uses the generator `SampleSeed.generator(seed:index:attempt:)`, so its
    /// combination depends on (seed, id) alone and shards agree with the unsharded run. Under
    /// `unique` a duplicate is redrawn with the next attempt's generator, and every shard
    /// draws the whole stream (to know what the others drew) but emits only its own.
    public mutating func run(_ options: SampleRunOptions, emit: (Int, ConceptCombination) throws -> Void) throws -> SampleRunSummary {
        var summary = SampleRunSummary()
        var combination = ConceptCombination()
        if !options.unique {
            var id = options.shardIndex
            while id < options.count {
                var random = SampleSeed.generator(seed: options.seed, index: id)
                guard sample(index: id, random: &random, into: &combination) else { return summary }
                try emit(id, combination)
                summary.emitted += 1
                id += options.shardCount
            }
            summary.produced = options.count
            return summary
        }
        var seen = Set<[Int32]>()
        var id = 0, failures = 0
        while summary.produced < options.count {
            var found = false
            for attempt in 0..<options.attemptsPerSample {
                var random = SampleSeed.generator(seed: options.seed, index: id, attempt: attempt)
                guard sample(index: id, random: &random, into: &combination) else { return summary }
                if seen.insert(combination.setKey).inserted {
                    found = true
                    break
                }
            }
            if found {
                failures = 0
                summary.produced += 1
                if id % options.shardCount == options.shardIndex {
                    try emit(id, combination)
                    summary.emitted += 1
                }
            } else {
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
