import KnowledgeBase

/// Running counts of where problems fell in a curriculum, one `ProblemPlacement` at a time:
/// the raw material of a `CoverageReport`.
public struct CoverageTally: Sendable {
    public let curriculum: Curriculum
    /// Σ of problem weights per area (a problem in k areas gives each 1/k).
    public private(set) var areaWeight: [Double]
    /// Problems that reached each area.
    public private(set) var areaProblems: [Int]
    /// Per domain node: problems that reached the domain (through an area or only the domain).
    public private(set) var domainProblems: [Int]
    /// Per domain node: problems placed only at the domain, and their weight.
    public private(set) var domainOnlyProblems: [Int]
    public private(set) var domainOnlyWeight: [Double]
    /// Per band rank: problems that reached the band at all, and those placed only there.
    public private(set) var bandProblems: [Int]
    public private(set) var bandOnlyProblems: [Int]
    /// Problems per route (`MappingRoute.allCases` order).
    public private(set) var routeCounts: [Int]
    public private(set) var problems = 0
    /// Per concept id: the areas its problems reached, and (with `keepProfiles`) the weight.
    public private(set) var conceptAreas: [[Int32]] = []
    public private(set) var conceptAreaWeights: [[Double]] = []
    /// Per concept id: whether some problem of it carries an explicit label in its band.
    public private(set) var conceptHasExplicit: [Bool] = []
    public let keepProfiles: Bool

    public init(curriculum: Curriculum, keepProfiles: Bool = false) {
        self.curriculum = curriculum
        self.keepProfiles = keepProfiles
        areaWeight = Array(repeating: 0, count: curriculum.areas.count)
        areaProblems = Array(repeating: 0, count: curriculum.areas.count)
        domainProblems = Array(repeating: 0, count: curriculum.nodes.count)
        domainOnlyProblems = Array(repeating: 0, count: curriculum.nodes.count)
        domainOnlyWeight = Array(repeating: 0, count: curriculum.nodes.count)
        bandProblems = Array(repeating: 0, count: Level.allCases.count)
        bandOnlyProblems = Array(repeating: 0, count: Level.allCases.count)
        routeCounts = Array(repeating: 0, count: MappingRoute.allCases.count)
    }

    /// Concept ids seen so far (the largest id + 1).
    public var conceptCount: Int { conceptAreas.count }

    /// Makes room for concept ids below `count`.
    public mutating func reserveConcepts(_ count: Int) {
        while conceptAreas.count < count {
            conceptAreas.append([])
            conceptHasExplicit.append(false)
            if keepProfiles { conceptAreaWeights.append([]) }
        }
    }

    /// Counts one problem; `concepts` are the ids of the concepts it mentions.
    public mutating func add(_ placement: ProblemPlacement, concepts: [Int] = []) {
        defer {
            if placement.labelled { for concept in concepts { conceptHasExplicit[concept] = true } }
        }
        problems += 1
        routeCounts[MappingRoute.allCases.firstIndex(of: placement.route)!] += 1
        if let band = placement.band { bandProblems[band.rank] += 1 }
        switch placement.route {
        case .explicit, .concepts, .text:
            let share = 1 / Double(placement.areas.count)
            var domains: [Int] = []
            var bands: [Int] = []
            for area in placement.areas {
                areaWeight[area] += share
                areaProblems[area] += 1
                let domain = curriculum.areaDomain[area]
                if !domains.contains(domain) { domains.append(domain) }
                let rank = curriculum.nodes[domain].band.rank
                if !bands.contains(rank) { bands.append(rank) }
            }
            for domain in domains { domainProblems[domain] += 1 }
            // A problem without a band of its own counts in the bands its areas are in.
            if placement.band == nil { for rank in bands { bandProblems[rank] += 1 } }
            reserveConcepts((concepts.max() ?? -1) + 1)
            for concept in concepts {
                for area in placement.areas {
                    if let k = conceptAreas[concept].firstIndex(of: Int32(area)) {
                        if keepProfiles { conceptAreaWeights[concept][k] += share }
                    } else {
                        conceptAreas[concept].append(Int32(area))
                        if keepProfiles { conceptAreaWeights[concept].append(share) }
                    }
                }
            }
        case .domain:
            let share = 1 / Double(placement.domains.count)
            for domain in placement.domains {
                domainProblems[domain] += 1
                domainOnlyProblems[domain] += 1
                domainOnlyWeight[domain] += share
            }
            reserveConcepts((concepts.max() ?? -1) + 1)
        case .band:
            if let band = placement.band { bandOnlyProblems[band.rank] += 1 }
            reserveConcepts((concepts.max() ?? -1) + 1)
        case .unmapped:
            reserveConcepts((concepts.max() ?? -1) + 1)
        }
    }

    /// Problems placed by `route`.
    public func problems(route: MappingRoute) -> Int {
        routeCounts[MappingRoute.allCases.firstIndex(of: route)!]
    }

    /// Adds another tally's counts (same curriculum, same concept ids).
    public mutating func merge(_ other: CoverageTally) {
        problems += other.problems
        for i in areaWeight.indices { areaWeight[i] += other.areaWeight[i]; areaProblems[i] += other.areaProblems[i] }
        for i in domainProblems.indices {
            domainProblems[i] += other.domainProblems[i]
            domainOnlyProblems[i] += other.domainOnlyProblems[i]
            domainOnlyWeight[i] += other.domainOnlyWeight[i]
        }
        for i in bandProblems.indices { bandProblems[i] += other.bandProblems[i]; bandOnlyProblems[i] += other.bandOnlyProblems[i] }
        for i in routeCounts.indices { routeCounts[i] += other.routeCounts[i] }
        reserveConcepts(other.conceptCount)
        for concept in 0..<other.conceptCount {
            if other.conceptHasExplicit[concept] { conceptHasExplicit[concept] = true }
            for (k, area) in other.conceptAreas[concept].enumerated() {
                let w = keepProfiles && other.keepProfiles ? other.conceptAreaWeights[concept][k] : 0
                if let j = conceptAreas[concept].firstIndex(of: area) {
                    if keepProfiles { conceptAreaWeights[concept][j] += w }
                } else {
                    conceptAreas[concept].append(area)
                    if keepProfiles { conceptAreaWeights[concept].append(w) }
                }
            }
        }
    }
}
