import Foundation

/// How a co-occurrence count becomes a sampling weight.
///
/// MathScale's step probability exp(log(count + ε)) / Σ is proportional to the count
/// (`count`); KPDDS weighs log10(count + 1) (`log`, any base gives the same
/// probabilities); `sqrt` sits between; `uniform` ignores counts.
public enum WeightTransform: String, CaseIterable, Sendable {
    case count
    case log
    case sqrt
    case uniform

    /// The weight of a count before the temperature.
    @inlinable
    public func base(_ count: Int32) -> Double {
        let c = Double(max(count, 0))
        switch self {
        case .count: return c
        case .log: return Foundation.log10(c + 1)
        case .sqrt: return c.squareRoot()
        case .uniform: return c > 0 ? 1 : 0
        }
    }

    /// The weight of a count, sharpened or flattened by `temperature`: w^(1/T), so that
    /// p ∝ exp(log w / T). T = 1 leaves weights unchanged; T < 1 favours strong edges.
    /// Overflows to infinity for small T: samplers use `logWeight`.
    @inlinable
    public func weight(_ count: Int32, temperature: Double) -> Double {
        let b = base(count)
        return temperature == 1 ? b : pow(b, 1 / temperature)
    }

    /// log(weight) = log(base) / T: the form samplers use, since w^(1/T) overflows a
    /// double for small T (2^(1/0.001) is already 10^301). -infinity for a zero weight.
    @inlinable
    public func logWeight(_ count: Int32, temperature: Double) -> Double {
        let b = base(count)
        return b > 0 ? Foundation.log(b) / temperature : -.infinity
    }
}
