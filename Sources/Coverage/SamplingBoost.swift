import Foundation
import KnowledgeBase
import Sampling

/// Where each concept of a knowledge base lies in the curriculum, as a distribution over
/// areas: the areas its problems were placed in, weighted by how many (`CoverageTally` with
/// profiles). A concept none of whose problems reached an area falls back to the areas its
/// keyword rules give in the bands where it occurs, evenly; a concept with neither has no
/// profile and is left alone by a boost.
public struct ConceptAreaProfiles: Sendable {
    /// Per node: area indices and weights summing to 1 (empty: no profile).
    public private(set) var areas: [[Int32]]
    public private(set) var weights: [[Double]]
    public let areaCount: Int

    /// Profiles from a knowledge-base audit made with `keepProfiles` (concept i is node i of the
    /// knowledge base's snapshot).
    public init(audit: CoverageAudit) {
        let curriculum = audit.curriculum
        areaCount = curriculum.areas.count
        areas = Array(repeating: [], count: audit.conceptNames.count)
        weights = Array(repeating: [], count: audit.conceptNames.count)
        for id in audit.conceptNames.indices {
            if id < audit.tally.conceptCount, !audit.tally.conceptAreas[id].isEmpty {
                let list = audit.tally.conceptAreas[id]
                let w = audit.tally.keepProfiles ? audit.tally.conceptAreaWeights[id] : list.map { _ in 1.0 }
                let total = w.reduce(0, +)
                areas[id] = list
                weights[id] = w.map { $0 / total }
                continue
            }
            let levels = audit.conceptLevels[id].levels
            let ruled = Set(
                audit.conceptRuleNodes[id].filter { levels.isEmpty || levels.contains(curriculum.nodes[$0].band) }
                    .compactMap { curriculum.area(of: $0) })
            guard !ruled.isEmpty else { continue }
            areas[id] = ruled.sorted().map(Int32.init)
            weights[id] = Array(repeating: 1 / Double(ruled.count), count: ruled.count)
        }
    }

    /// Whether some concept's profile reaches each area.
    public var reachable: [Bool] {
        var result = [Bool](repeating: false, count: areaCount)
        for list in areas { for area in list { result[Int(area)] = true } }
        return result
    }

    /// Adds one sample's weight (1, spread as the mean of its concepts' profiles) to `tally`;
    /// false when none of its concepts has a profile.
    @discardableResult
    public func add(_ combination: ConceptCombination, to tally: inout [Double]) -> Bool {
        let profiled = combination.walk.filter { !areas[Int($0)].isEmpty }
        guard !profiled.isEmpty else { return false }
        let share = 1 / Double(profiled.count)
        for node in profiled {
            for (k, area) in areas[Int(node)].enumerated() { tally[Int(area)] += share * weights[Int(node)][k] }
        }
        return true
    }
}

/// Per-concept multipliers that steer `kg sample` toward under-covered curriculum areas.
///
/// Each area gets a multiplier m_a = clamp(((t_a) / q_a)^β, 1/cap, cap), from its target share
/// t_a and its observed share q_a — both renormalised over the areas some concept reaches (no
/// boost can reach the others) and q smoothed by a pseudo-count per area as in KL. A concept's
/// multiplier is the geometric mean of its areas' multipliers, weighted by its profile; concepts
/// without a profile keep 1. The sampler multiplies every edge weight into a concept, and the
/// start-topic weights, by the concept's multiplier (`SamplingGraph.logBoost`).
public struct SamplingBoost: Sendable {
    /// Per curriculum area.
    public var areaMultipliers: [Double]
    /// Per node: log of the concept's multiplier (0 = neutral).
    public var logMultipliers: [Double]

    public init(profiles: ConceptAreaProfiles, areaMultipliers: [Double]) {
        self.areaMultipliers = areaMultipliers
        logMultipliers = zip(profiles.areas, profiles.weights).map { areas, weights in
            var sum = 0.0
            for (area, weight) in zip(areas, weights) { sum += weight * Foundation.log(areaMultipliers[Int(area)]) }
            return sum
        }
    }

    /// Nodes whose multiplier is not 1.
    public var boostedConcepts: Int { logMultipliers.filter { $0 != 0 }.count }

    /// The smallest and largest concept multipliers.
    public var range: (low: Double, high: Double) {
        let values = logMultipliers.map(Foundation.exp)
        return (values.min() ?? 1, values.max() ?? 1)
    }

    /// Area multipliers (t_a / q_a)^strength, clamped to [1/cap, cap], over the reachable areas
    /// (others get 1); `observed` are area weights, `target` target shares, both per area.
    public static func areaMultipliers(
        observed: [Double], target: [Double], reachable: [Bool],
        strength: Double, cap: Double,
        smoothing: Double = CoverageMetrics.defaultSmoothing
    ) -> [Double] {
        let indices = reachable.indices.filter { reachable[$0] }
        guard !indices.isEmpty else { return observed.map { _ in 1 } }
        let q = CoverageMetrics.smoothed(indices.map { observed[$0] }, alpha: smoothing)
        let targetTotal = indices.reduce(0) { $0 + target[$1] }
        var result = [Double](repeating: 1, count: observed.count)
        for (k, area) in indices.enumerated() {
            let t = targetTotal > 0 ? target[area] / targetTotal : 1 / Double(indices.count)
            let ratio = t > 0 ? pow(t / q[k], strength) : 1 / cap
            result[area] = min(cap, max(1 / cap, ratio))
        }
        return result
    }

    /// The observed area weights and target shares a `kg coverage --json` report holds, per area
    /// of `curriculum` (areas the report does not list get 0 and 0).
    public static func readReport(path: String, curriculum: Curriculum) throws -> (observed: [Double], target: [Double]) {
        func failure(_ message: String) -> CoverageInputError {
            CoverageInputError(kind: "boost", path: path, message: message)
        }
        let document: JSONValue
        do {
            document = try JSONLines.readDocument(path: path)
        } catch let error as JSONFileError {
            throw failure(error.message + "; --boost takes the output of `kg coverage --json`, or auto")
        } catch let error as InputFileError {
            throw failure(error.reason)
        }
        guard case .object(let report) = document, case .array(let rows)? = report["areas"] else {
            throw failure("not a coverage report: it has no \"areas\" array; write one with `kg coverage --json > FILE`")
        }
        var observed = [Double](repeating: 0, count: curriculum.areas.count)
        var target = observed
        var matched = 0
        for (index, row) in rows.enumerated() {
            guard case .object(let area) = row, let code = area["code"]?.stringValue else {
                throw failure("areas[\(index)] has no \"code\"")
            }
            guard let weight = area["weight"]?.doubleValue, let share = area["target_share"]?.doubleValue else {
                throw failure("area \(code) has no numeric \"weight\" and \"target_share\"")
            }
            guard let node = curriculum.node(forCode: code), let a = curriculum.area(of: node) else { continue }
            observed[a] = weight
            target[a] = share
            matched += 1
        }
        guard matched > 0 else {
            throw failure("none of its areas is in the curriculum \(curriculum.name); run kg coverage and kg sample with the same --curriculum")
        }
        return (observed, target)
    }
}

/// The sampled counterpart of a coverage report: the distribution over areas of a batch of
/// samples, and its normalised entropy.
public struct SampledAreaTally: Sendable {
    public private(set) var weights: [Double]
    public private(set) var samples = 0
    public private(set) var unmappedSamples = 0
    let profiles: ConceptAreaProfiles

    public init(profiles: ConceptAreaProfiles) {
        self.profiles = profiles
        weights = Array(repeating: 0, count: profiles.areaCount)
    }

    public mutating func add(_ combination: ConceptCombination) {
        samples += 1
        if !profiles.add(combination, to: &weights) { unmappedSamples += 1 }
    }

    /// Entropy over all areas / log2(areas).
    public var normalisedEntropy: Double { CoverageMetrics.normalisedEntropy(weights) }

    /// Entropy over the areas some concept reaches / log2(those areas).
    public var normalisedEntropyOverReachable: Double {
        let reachable = profiles.reachable
        return CoverageMetrics.normalisedEntropy(weights.indices.filter { reachable[$0] }.map { weights[$0] })
    }

    /// Areas with any sampled weight.
    public var areasCovered: Int { weights.filter { $0 > 0 }.count }
}

/// `--boost auto`: multipliers calibrated on pilot runs of the sampler itself. Each round
/// samples a pilot batch with the current multipliers, measures its area distribution, and
/// multiplies each area's multiplier by (target / observed)^strength (clamped to the cap), so
/// the boost corrects what sampling actually produces, not what the seed problems hold.
public struct BoostCalibration {
    /// Samples per pilot round.
    public var pilotSamples = 20_000
    public var rounds = 3
    public var strength = 1.0
    public var cap = 8.0

    public init() {}

    /// One round's figures.
    public struct Round: Sendable {
        /// Normalised entropy of the pilot's sampled areas (round 0: unboosted).
        public var normalisedEntropy: Double
        public var normalisedEntropyOverReachable: Double
        public var areasCovered: Int
    }

    /// Calibrates; `pilot(boost, seed, emit)` must run the sampler on a graph with that boost
    /// (nil: none) for `pilotSamples` samples from `seed`. Returns the boost and each round's
    /// figures (the first is the unboosted pilot, the last the calibrated one).
    public func calibrate(
        profiles: ConceptAreaProfiles, target: [Double], seed: UInt64,
        pilot: (_ boost: SamplingBoost?, _ seed: UInt64, _ emit: (ConceptCombination) -> Void) throws -> Void
    )
        throws -> (boost: SamplingBoost, rounds: [Round])
    {
        let reachable = profiles.reachable
        var multipliers = [Double](repeating: 1, count: profiles.areaCount)
        var boost: SamplingBoost?
        var history: [Round] = []
        for round in 0...rounds {
            var tally = SampledAreaTally(profiles: profiles)
            // Every round samples the same pilot stream, so rounds differ only by the boost.
            try pilot(boost, SampleSeed.mix(seed ^ 0xB005_7000_0000_0000)) { tally.add($0) }
            history.append(
                Round(
                    normalisedEntropy: tally.normalisedEntropy,
                    normalisedEntropyOverReachable: tally.normalisedEntropyOverReachable,
                    areasCovered: tally.areasCovered))
            if round == rounds { break }
            let step = SamplingBoost.areaMultipliers(
                observed: tally.weights, target: target, reachable: reachable,
                strength: strength, cap: cap)
            for a in multipliers.indices where reachable[a] {
                multipliers[a] = min(cap, max(1 / cap, multipliers[a] * step[a]))
            }
            boost = SamplingBoost(profiles: profiles, areaMultipliers: multipliers)
        }
        return (boost ?? SamplingBoost(profiles: profiles, areaMultipliers: multipliers), history)
    }
}
