/// What `ContaminationIndex` flags: an n-gram shared with a test problem (13 words by
/// default, as GPT-3 and Qwen2-Math; DeepSeekMath's 10 on request), the same normalised text,
/// the same template key, or a MinHash similarity at or above the threshold.
public struct ContaminationRules: Sendable {
    /// n-gram sizes, in words (numbers as written); empty for no n-gram rule. The 10-gram rule
    /// is not on by default: on MATH, flags by it alone were unrelated problems sharing
    /// boilerplate (docs/dedup.md, "Measured").
    public var ngramSizes = [13]
    /// An n-gram found in more than this many test problems is ignored as boilerplate. (GPT-3
    /// capped the other side, 13-grams matching more than 10 training documents; in generated
    /// data many copies of one test problem must still be found.)
    public var maximumNGramFrequency = 10
    /// Flag the same normalised text.
    public var exact = true
    /// Flag the same template key.
    public var template = true
    /// MinHash settings, or nil for no MinHash rule.
    public var minHash: MinHashSettings? = MinHashSettings()

    /// The default rules: exact, template, 13-gram, MinHash with BigCode's settings.
    public init() {}

    /// The rule names used in reports, in order.
    public var names: [String] {
        var names: [String] = []
        if exact { names.append("exact") }
        if template { names.append("template") }
        names += ngramSizes.map { "\($0)-gram" }
        if minHash != nil { names.append("minhash") }
        return names
    }
}
