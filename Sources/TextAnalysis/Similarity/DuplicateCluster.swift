/// A group of problems that are duplicates of one another, and which of them is kept.
public struct DuplicateCluster: Equatable, Sendable {
    /// One member: its index in the collection, how it relates to the kept problem, and their
    /// estimated Jaccard similarity (nil when MinHash was not run).
    public struct Member: Equatable, Sendable {
        /// The problem's index in the collection.
        public var index: Int
        /// nil for the kept problem itself.
        public var reason: DedupMethod?
        /// The estimated Jaccard similarity to the kept problem.
        public var similarity: Double?
    }

    /// Members in input order.
    public var members: [Member]
    /// The index of the kept problem.
    public var kept: Int
}

/// The clusters of a collection and what deduplication keeps.
public struct DedupResult: Sendable {
    /// Clusters of two or more problems, ordered by their first member.
    public var clusters: [DuplicateCluster]
    /// Per problem: false when it is a duplicate that is dropped.
    public var keep: [Bool]
    /// Dropped problems by how they relate to their cluster's kept problem.
    public var droppedByReason: [DedupMethod: Int]

    /// Problems dropped.
    public var dropped: Int { droppedByReason.values.reduce(0, +) }
}
