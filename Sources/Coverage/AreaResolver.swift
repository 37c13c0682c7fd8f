import KnowledgeBase

/// How a problem was placed in the curriculum.
public enum MappingRoute: String, CaseIterable, Sendable {
    /// Its own labels named an area or a standard (`areas`, `standard`, KMX unit).
    case explicit
    /// Its concepts mapped to areas (override or keywords).
    case concepts
    /// Keywords in its text chose areas within the domains or band its labels gave.
    case text
    /// Labels or concepts named only domains, and nothing chose an area in them.
    case domain
    /// Only its band is known.
    case band
    /// Nothing places it.
    case unmapped
}

/// What `AreaResolver` knows about one problem.
public struct ProblemEvidence {
    /// The problem's level, when it has one.
    public var level: Level?
    /// Nodes its own labels name (`ExplicitAreaLabels`), and the band a grade label gives.
    public var explicitNodes: [Int] = []
    public var explicitBand: Level?
    /// The curriculum nodes each of its concepts maps to, all bands.
    public var conceptNodes: [[Int]] = []

    public init(level: Level? = nil) { self.level = level }
}

/// A problem's place in the curriculum: its areas (weights split evenly), or the domains or
/// band it reaches when no area can be chosen.
public struct ProblemPlacement: Equatable {
    public var route: MappingRoute
    public var band: Level?
    /// Area indices (into `Curriculum.areas`), ascending.
    public var areas: [Int] = []
    /// Domain node indices, for `.domain`.
    public var domains: [Int] = []
    /// Whether the problem's own labels named a node in its band (an area, a standard or
    /// only a domain): its concepts are then placed by the data, not by rules alone.
    public var labelled = false
}

/// Places problems in a curriculum, most trusted evidence first:
/// 1. the band is the problem's level, else the band of a grade label or of its explicit nodes;
/// 2. explicit labels that name an area or a standard decide (they are filtered to the band);
///    explicit labels that name only domains become the *scope*;
/// 3. otherwise the concepts' nodes in the band (and in the scope, if any) that are areas or
///    standards decide;
/// 4. otherwise, when the problem has text, its keywords choose areas within the scope
///    domains (or the concepts' domains, or the band) — `AreaKeywords.scoreAreas`;
/// 5. otherwise the problem counts for its domains, or only its band, or nothing.
/// A problem in several areas gives each an equal share of its weight.
public struct AreaResolver {
    public let keywords: AreaKeywords
    public var curriculum: Curriculum { keywords.curriculum }
    /// Whether step 4 runs.
    public var useText: Bool
    public var scoring: AreaKeywords.TextScoring

    public init(keywords: AreaKeywords, useText: Bool = true, scoring: AreaKeywords.TextScoring = .init()) {
        self.keywords = keywords
        self.useText = useText
        self.scoring = scoring
    }

    /// Places one problem; `text` is called only when step 4 needs it.
    public func place(_ evidence: ProblemEvidence, text: () -> String?) -> ProblemPlacement {
        var placement = placeWithoutLabelFlag(evidence, text: text)
        placement.labelled = evidence.explicitNodes.contains { placement.band == nil || curriculum.nodes[$0].band == placement.band }
        return placement
    }

    private func placeWithoutLabelFlag(_ evidence: ProblemEvidence, text: () -> String?) -> ProblemPlacement {
        let nodes = curriculum.nodes
        var band = evidence.level ?? evidence.explicitBand
        if band == nil, let first = evidence.explicitNodes.first,
            evidence.explicitNodes.allSatisfy({ nodes[$0].band == nodes[first].band })
        {
            band = nodes[first].band
        }
        func inBand(_ node: Int) -> Bool { band == nil || nodes[node].band == band }

        let explicit = evidence.explicitNodes.filter(inBand)
        let explicitAreas = Set(explicit.compactMap { curriculum.area(of: $0) })
        if !explicitAreas.isEmpty {
            return ProblemPlacement(route: .explicit, band: band, areas: explicitAreas.sorted())
        }
        let scope = explicit  // only domains remain
        var conceptAreas = Set<Int>()
        var conceptDomains = Set<Int>()
        for list in evidence.conceptNodes {
            for node in list where inBand(node) {
                if !scope.isEmpty, !scope.contains(where: { curriculum.isInSubtree(node, of: $0) }) { continue }
                if let area = curriculum.area(of: node) { conceptAreas.insert(area) } else { conceptDomains.insert(node) }
            }
        }
        if !conceptAreas.isEmpty {
            return ProblemPlacement(route: .concepts, band: band, areas: conceptAreas.sorted())
        }
        let domains = scope.isEmpty ? conceptDomains.sorted() : scope.sorted()
        if useText, band != nil || !domains.isEmpty, let text = text(), !text.isEmpty {
            let matches = keywords.matcher.matches(in: text)
            let textBand = band ?? (domains.isEmpty ? keywords.likelyBand(matches) : nil)
            let scored = keywords.scoreAreas(matches, scope: .init(band: textBand, domains: domains), scoring: scoring)
            if !scored.isEmpty {
                return ProblemPlacement(route: .text, band: textBand, areas: scored.map(\.area).sorted())
            }
        }
        if !domains.isEmpty { return ProblemPlacement(route: .domain, band: band, domains: domains) }
        if band != nil { return ProblemPlacement(route: .band, band: band) }
        return ProblemPlacement(route: .unmapped, band: nil)
    }
}
