import KnowledgeBase

/// One node of a curriculum tree: a domain, a cluster or a standard, in one band.
///
/// Coverage is counted per *area*: a cluster, or a domain that has no clusters. Standards are
/// finer than areas and roll up to their cluster; a domain with clusters is a roll-up of them.
public struct CurriculumNode: Equatable, Sendable {
    /// What level of the tree a node is.
    public enum Kind: String, CaseIterable, Sendable {
        /// A subject within a band (Common Core: "6.RP Ratios and Proportional Relationships").
        case domain
        /// A group of related standards within a domain ("6.RP.A"): the usual area.
        case cluster
        /// One standard or sub-standard ("6.RP.A.3", "6.RP.A.3c").
        case standard
    }

    /// The code, unique in the curriculum ("6.RP.A.1", "A-SSE.B", "COMP.NT.MOD").
    public var code: String
    public var title: String
    public var kind: Kind
    public var band: Level
    /// Index of the parent node; nil for domains.
    public var parent: Int?
    /// The strand (chart column) of the node's domain, when the curriculum names strands.
    public var strand: String?
    /// Words and phrases that put a concept name or a problem text in this node.
    public var keywords: [String]
    /// Names of concepts and dataset labels that mean this node ("Whole Numbers", a TAL
    /// chapter): matched in concept names only, never in problem texts.
    public var labels: [String]
    /// Other codes for the node (the older Common Core notation "6.RP.1").
    public var aliases: [String]
    /// Common Core emphasis for K-8 clusters (major, supporting, additional), when given.
    public var emphasis: String?
    /// The 1-based line of the curriculum file the node was read from (0 when built in code).
    public var line: Int

    public init(
        code: String, title: String, kind: Kind, band: Level, parent: Int? = nil, strand: String? = nil,
        keywords: [String] = [], labels: [String] = [], aliases: [String] = [], emphasis: String? = nil,
        line: Int = 0
    ) {
        self.code = code
        self.title = title
        self.kind = kind
        self.band = band
        self.parent = parent
        self.strand = strand
        self.keywords = keywords
        self.labels = labels
        self.aliases = aliases
        self.emphasis = emphasis
        self.line = line
    }
}

/// A cross-band family of domains ("Geometry", "Fractions, ratios and proportion"): the columns
/// of the coverage chart.
public struct CurriculumStrand: Equatable, Sendable {
    public var code: String
    public var title: String

    public init(code: String, title: String) {
        self.code = code
        self.title = title
    }
}
