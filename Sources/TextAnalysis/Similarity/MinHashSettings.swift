/// The parameters of MinHash near-duplicate detection, with BigCode's defaults (StarCoder's
/// near-deduplication: word 5-grams, 256 permutations, 25 bands of 10 rows, Jaccard 0.7).
public struct MinHashSettings: Equatable, Sendable {
    /// Words per shingle.
    public var ngram = 5
    /// Hash functions per signature.
    public var permutations = 256
    /// LSH bands and rows per band; `bands * rows` must not exceed `permutations`.
    public var bands = 25
    public var rows = 10
    /// The estimated Jaccard similarity at which two problems count as near-duplicates.
    public var threshold = 0.7
    /// Seeds the hash functions; the same seed gives the same signatures everywhere.
    public var seed: UInt64 = 42
    /// Problems with fewer words than this, numbers not counted, get no signature: with
    /// numbers masked, "Evaluate $\log_8 2$." and "Evaluate $\log_5 625$." are the same
    /// four words. (BigCode drops documents under 5 tokens.) Exact and template keys still
    /// compare them.
    public var minimumWords = 5

    /// BigCode's defaults.
    public init() {}

    /// What is wrong with the settings, as an option-level message; nil when they are usable.
    public var problem: String? {
        if ngram < 1 { return "--ngram must be 1 or more (words per shingle)." }
        if minimumWords < 0 { return "--min-words must be 0 or more." }
        if permutations < 1 || permutations > 4096 { return "--permutations must be 1 to 4096." }
        if bands < 1 || rows < 1 { return "--bands and --rows must be 1 or more." }
        if bands * rows > permutations {
            return "--bands × --rows (\(bands) × \(rows) = \(bands * rows)) must not exceed --permutations (\(permutations))."
        }
        if !(threshold > 0 && threshold <= 1) { return "--threshold must be in (0, 1]." }
        return nil
    }

    /// The probability that two problems of Jaccard similarity `s` share a band: 1 − (1 − sʳ)ᵇ.
    public func candidateProbability(_ s: Double) -> Double {
        var p = 1.0
        for _ in 0..<rows { p *= s }
        var q = 1.0
        for _ in 0..<bands { q *= 1 - p }
        return 1 - q
    }
}
