/// Which sampler draws the combinations: the choice behind `kg sample --sampler`.
public enum SamplerKind: String, CaseIterable, Sendable {
    /// MathScale's random walk (`MathScaleWalk`).
    case mathscale
    /// KPDDS's topic co-occurrence sampling (`CooccurrenceSampler`).
    case cooccurrence
    /// The uniform baseline (`UniformSampler`).
    case uniform

    /// The edge weight the sampler uses unless told otherwise: KPDDS takes logs of counts.
    public var defaultWeight: WeightTransform { self == .cooccurrence ? .log : .count }
}
