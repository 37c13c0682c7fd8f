import Foundation
import KnowledgeBase
import Sampling

/// A sampling boost toward under-covered curriculum areas, ready for `SamplingJob.boost`,
/// with what to say about it: the calibrated `--boost auto` plan, or one from a coverage
/// report's deficits.
public struct SamplingBoostPlan {
    public var boost: SamplingBoost
    /// Each concept's areas, for tallying what sampling then produces (`SampledAreaTally`).
    public var profiles: ConceptAreaProfiles
    /// One line on how the boost was made and how far it reweights.
    public var summary: String

    /// Calibrates a boost on pilot runs of the sampler (`BoostCalibration`).
    ///
    /// - Parameters:
    ///   - audit: the knowledge base's coverage audit with profiles (`keepProfiles: true`);
    ///     its concepts must be the snapshot's nodes.
    ///   - allowed: the pool restriction of the run, so the pilots sample what it samples.
    public static func calibrated(
        audit: CoverageAudit, curriculum: Curriculum, snapshot: GraphSnapshot,
        settings: SamplerSettings, allowed: Set<Int32>?, target: CoverageTarget,
        calibration: BoostCalibration, seed: UInt64
    ) throws -> SamplingBoostPlan {
        let profiles = try matchedProfiles(audit: audit, snapshot: snapshot)
        let shares = try target.shares(curriculum: curriculum, areas: Array(curriculum.areas.indices))
        let (boost, rounds) = try calibration.calibrate(profiles: profiles, target: shares, seed: seed) { pilotBoost, pilotSeed, emit in
            let graph = settings.graph(snapshot: snapshot, allowed: allowed, boost: pilotBoost?.logMultipliers)
            _ = try settings.run(on: graph, SampleRunOptions(count: calibration.pilotSamples, seed: pilotSeed)) { _, c in emit(c) }
        }
        let range = boost.range
        let summary = String(
            format: "boost auto (target %@, %d rounds of %d pilot samples): sampled-area normalised entropy %.3f → %.3f "
                + "(over the %d reachable areas %.3f → %.3f); %d concepts reweighted ×%.2f to ×%.2f",
            target.description, calibration.rounds, calibration.pilotSamples, rounds.first!.normalisedEntropy,
            rounds.last!.normalisedEntropy, profiles.reachableCount, rounds.first!.normalisedEntropyOverReachable,
            rounds.last!.normalisedEntropyOverReachable, boost.boostedConcepts, range.low, range.high)
        return SamplingBoostPlan(boost: boost, profiles: profiles, summary: summary)
    }

    /// A boost from the deficits of a `kg coverage --json` report (of a generated dataset, say).
    public static func fromReport(
        path: String, audit: CoverageAudit, curriculum: Curriculum, snapshot: GraphSnapshot,
        strength: Double, cap: Double
    ) throws -> SamplingBoostPlan {
        let profiles = try matchedProfiles(audit: audit, snapshot: snapshot)
        let (observed, target) = try SamplingBoost.readReport(path: path, curriculum: curriculum)
        let multipliers = SamplingBoost.areaMultipliers(
            observed: observed, target: target, reachable: profiles.reachable,
            strength: strength, cap: cap)
        let boost = SamplingBoost(profiles: profiles, areaMultipliers: multipliers)
        let range = boost.range
        let summary = String(
            format: "boost from %@: %d of %d reachable areas below target; %d concepts reweighted ×%.2f to ×%.2f",
            path, multipliers.filter { $0 > 1 }.count, profiles.reachableCount, boost.boostedConcepts, range.low, range.high)
        return SamplingBoostPlan(boost: boost, profiles: profiles, summary: summary)
    }

    /// The line on what a boosted run sampled.
    public func sampledSummary(_ tally: SampledAreaTally) -> String? {
        guard tally.samples > 0 else { return nil }
        return String(
            format: "sampled areas: %d covered, normalised entropy %.3f (%.3f over the %d areas the knowledge base reaches)",
            tally.areasCovered, tally.normalisedEntropy, tally.normalisedEntropyOverReachable, profiles.reachableCount)
    }

    private static func matchedProfiles(audit: CoverageAudit, snapshot: GraphSnapshot) throws -> ConceptAreaProfiles {
        guard audit.conceptNames.count == snapshot.nodeCount else { throw SamplingBoostPlanError.knowledgeBaseChanged }
        return ConceptAreaProfiles(audit: audit)
    }
}

/// Why a boost plan could not be made.
public enum SamplingBoostPlanError: Error, CustomStringConvertible {
    /// The audit and the snapshot disagree on the concepts: an ingest ran in between.
    case knowledgeBaseChanged

    public var description: String {
        "the knowledge base changed while kg sample read it; run it again."
    }
}

extension ConceptAreaProfiles {
    /// How many areas some concept reaches.
    public var reachableCount: Int { reachable.filter { $0 }.count }
}
