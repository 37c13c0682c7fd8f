/// How `NearDuplicateFinder` links two problems, from the strictest to the loosest.
public enum DedupMethod: String, CaseIterable, Sendable, Comparable {
    /// The same text after lower-casing ASCII letters and folding white space.
    case exact
    /// The same template key: the same text but for its numbers.
    case template
    /// Estimated Jaccard similarity of the masked words' shingles at or above the threshold.
    case minhash

    public static func < (a: DedupMethod, b: DedupMethod) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Which member of a cluster of duplicates is kept.
public enum KeepRule: String, CaseIterable, Sendable {
    /// The first in input order.
    case first
    /// The longest text (the first of equally long ones).
    case longest
}
