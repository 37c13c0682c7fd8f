/// Why a problem is flagged: the rule, the test problem and the evidence.
public struct ContaminationMatch: Equatable, Sendable {
    /// The rule's name: "exact", "template", "13-gram" (any size), "minhash".
    public var rule: String
    /// The test problem's index in the `BenchmarkSet`.
    public var testProblem: Int
    /// For an n-gram rule: the shared n-gram, numbers as `#`.
    public var ngram: String?
    /// For MinHash: the estimated Jaccard similarity.
    public var similarity: Double?
}
