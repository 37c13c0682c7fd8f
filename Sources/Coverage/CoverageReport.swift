import Foundation
import KnowledgeBase

/// A coverage report: per area, domain and band, how much of the data falls there against
/// the target, the diversity measures over areas, and the largest gaps. `kg coverage` prints
/// it as tables, JSON (`jsonText`, docs/coverage.md) and a chart (`CoverageChart`).
///
/// Shares are of the *area weight*: the problems placed in areas of the selected bands, each
/// problem's weight split evenly over its areas. Problems placed only at a domain or band, or
/// nowhere, are counted (`problemCounts`) but are in no share.
public struct CoverageReport: Sendable {
    /// One area's line.
    public struct AreaRow: Equatable, Sendable {
        public var area: Int
        public var code: String
        public var title: String
        public var band: Level
        public var domain: String
        public var strand: String
        public var problems: Int
        /// Distinct concepts mentioned by the area's problems.
        public var concepts: Int
        public var weight: Double
        public var share: Double
        public var targetShare: Double
        /// max(0, target share − share).
        public var deficit: Double
        /// Problems to add for the share to reach the target (`CoverageMetrics.problemsNeeded`).
        public var needed: Int
    }

    /// A roll-up of areas: a domain or a band.
    public struct RollUp: Equatable, Sendable {
        public var code: String
        public var title: String
        public var band: Level
        public var strand: String
        public var areas: Int
        public var areasCovered: Int
        /// Problems that reached it (through its areas or only at its level).
        public var problems: Int
        /// Problems placed only at this domain or band, no area chosen.
        public var unplaced: Int
        public var concepts: Int
        public var share: Double
        public var targetShare: Double
        public var deficit: Double
    }

    /// The report's figures over all selected areas.
    public struct Totals: Equatable, Sendable {
        public var areas = 0
        public var areasCovered = 0
        public var entropyBits = 0.0
        /// log2 of the number of areas: the entropy of a perfectly even spread.
        public var maximumEntropyBits = 0.0
        public var normalisedEntropy = 0.0
        public var gini = 0.0
        public var klBits = 0.0
        public var longTailShare = 0.0
    }

    /// How the problems were placed.
    public struct ProblemCounts: Equatable, Sendable {
        public var total = 0
        /// Problems per route, in `MappingRoute.allCases` order.
        public var byRoute: [Int] = []
        /// Area weight in the selected bands, and outside them (with `--band`).
        public var areaWeight = 0.0
        public var weightOutsideBands = 0.0
    }

    public var curriculumName: String
    public var curriculumPath: String
    public var sourceKind: CoverageAudit.SourceKind
    public var sourcePath: String
    public var target: CoverageTarget
    /// The bands reported on, K first.
    public var bands: [Level]
    /// The curriculum's strands (chart columns), or its domain titles when it names none.
    public var strands: [CurriculumStrand]
    public var smoothing: Double
    public var headFraction: Double
    public var problemCounts = ProblemCounts()
    public var totals = Totals()
    /// Every selected area, in curriculum order.
    public var areas: [AreaRow] = []
    public var domains: [RollUp] = []
    public var bandRows: [RollUp] = []
    /// Areas with a deficit, largest first; ties go to the area whose band, then domain, has
    /// the larger deficit, then to Common Core's major clusters, then to curriculum order.
    public var underRepresented: [AreaRow] = []

    /// Builds the report of an audit against `target`, over the curriculum's areas in `bands`
    /// (all bands when empty).
    public init(
        audit: CoverageAudit, target: CoverageTarget, bands: [Level] = [],
        smoothing: Double = CoverageMetrics.defaultSmoothing,
        headFraction: Double = CoverageMetrics.defaultHeadFraction
    ) throws {
        let curriculum = audit.curriculum
        let tally = audit.tally
        curriculumName = curriculum.name
        strands = curriculum.columns
        curriculumPath = audit.curriculumPath
        sourceKind = audit.sourceKind
        sourcePath = audit.sourcePath
        self.target = target
        self.smoothing = smoothing
        self.headFraction = headFraction
        let selectedBands = bands.isEmpty ? curriculum.bands : Level.allCases.filter(bands.contains)
        self.bands = selectedBands
        let selected = curriculum.areas.indices.filter { selectedBands.contains(curriculum.nodes[curriculum.areas[$0]].band) }
        let targets = try target.shares(curriculum: curriculum, areas: selected)
        let weights = selected.map { tally.areaWeight[$0] }
        let total = weights.reduce(0, +)

        problemCounts.total = tally.problems
        problemCounts.byRoute = tally.routeCounts
        problemCounts.areaWeight = total
        problemCounts.weightOutsideBands = tally.areaWeight.reduce(0, +) - total

        // Concepts per area, and per domain and band (distinct).
        var areaConcepts = [Int](repeating: 0, count: curriculum.areas.count)
        var domainConcepts = [Int](repeating: 0, count: curriculum.nodes.count)
        var bandConcepts = [Int](repeating: 0, count: Level.allCases.count)
        for list in tally.conceptAreas where !list.isEmpty {
            var domains: [Int] = [], ranks: [Int] = []
            for area in list {
                areaConcepts[Int(area)] += 1
                let domain = curriculum.areaDomain[Int(area)]
                if !domains.contains(domain) { domains.append(domain) }
                let rank = curriculum.nodes[domain].band.rank
                if !ranks.contains(rank) { ranks.append(rank) }
            }
            for domain in domains { domainConcepts[domain] += 1 }
            for rank in ranks { bandConcepts[rank] += 1 }
        }

        for (k, area) in selected.enumerated() {
            let node = curriculum.nodes[curriculum.areas[area]]
            let domain = curriculum.areaDomain[area]
            let share = total > 0 ? weights[k] / total : 0
            areas.append(
                AreaRow(
                    area: area, code: node.code, title: node.title, band: node.band, domain: curriculum.nodes[domain].code,
                    strand: curriculum.strand(of: domain), problems: tally.areaProblems[area], concepts: areaConcepts[area],
                    weight: weights[k], share: share, targetShare: targets[k], deficit: max(0, targets[k] - share),
                    needed: CoverageMetrics.problemsNeeded(weight: weights[k], total: total, target: targets[k])))
        }

        for domain in curriculum.domains where selectedBands.contains(curriculum.nodes[domain].band) {
            let rows = areas.filter { curriculum.areaDomain[$0.area] == domain }
            let node = curriculum.nodes[domain]
            let share = rows.reduce(0) { $0 + $1.share }, targetShare = rows.reduce(0) { $0 + $1.targetShare }
            domains.append(
                RollUp(
                    code: node.code, title: node.title, band: node.band, strand: curriculum.strand(of: domain),
                    areas: rows.count, areasCovered: rows.filter { $0.weight > 0 }.count,
                    problems: tally.domainProblems[domain], unplaced: tally.domainOnlyProblems[domain],
                    concepts: domainConcepts[domain], share: share, targetShare: targetShare, deficit: max(0, targetShare - share)))
        }
        for band in selectedBands {
            let rows = areas.filter { $0.band == band }
            let share = rows.reduce(0) { $0 + $1.share }, targetShare = rows.reduce(0) { $0 + $1.targetShare }
            bandRows.append(
                RollUp(
                    code: band.rawValue, title: band.rawValue, band: band, strand: "", areas: rows.count,
                    areasCovered: rows.filter { $0.weight > 0 }.count, problems: tally.bandProblems[band.rank],
                    unplaced: tally.bandOnlyProblems[band.rank], concepts: bandConcepts[band.rank],
                    share: share, targetShare: targetShare, deficit: max(0, targetShare - share)))
        }

        totals.areas = selected.count
        totals.areasCovered = weights.filter { $0 > 0 }.count
        totals.entropyBits = CoverageMetrics.entropyBits(weights)
        totals.maximumEntropyBits = selected.count > 0 ? log2(Double(selected.count)) : 0
        totals.normalisedEntropy = CoverageMetrics.normalisedEntropy(weights)
        totals.gini = CoverageMetrics.gini(weights)
        totals.klBits = CoverageMetrics.klBits(target: targets, observed: weights, alpha: smoothing)
        totals.longTailShare = CoverageMetrics.longTailShare(weights, headFraction: headFraction)

        // Equal deficits are common (every empty area under a uniform target): the area in the
        // band, then the domain, with the larger deficit comes first, then Common Core's major
        // clusters, then curriculum order.
        let bandDeficit = Dictionary(uniqueKeysWithValues: bandRows.map { ($0.band, $0.deficit) })
        let domainDeficit = Dictionary(uniqueKeysWithValues: domains.map { ($0.code, $0.deficit) })
        func key(_ row: AreaRow) -> (Double, Double, Double, Int, Int) {
            let emphasis = curriculum.nodes[curriculum.areas[row.area]].emphasis == "major" ? 0 : 1
            return (-row.deficit, -(bandDeficit[row.band] ?? 0), -(domainDeficit[row.domain] ?? 0), emphasis, row.area)
        }
        underRepresented = areas.filter { $0.deficit > 0 }.sorted { key($0) < key($1) }
    }

    /// Problems placed by `route`.
    public func problems(route: MappingRoute) -> Int {
        problemCounts.byRoute.isEmpty ? 0 : problemCounts.byRoute[MappingRoute.allCases.firstIndex(of: route)!]
    }

    /// Problems whose weight is in areas (explicit, concepts or text).
    public var problemsInAreas: Int { problems(route: .explicit) + problems(route: .concepts) + problems(route: .text) }
}
