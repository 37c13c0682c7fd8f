import Foundation
import KGTestSupport
import Sampling
import TextAnalysis
import XCTest

@testable import Coverage
@testable import KnowledgeBase

/// `SamplingBoost`: its multipliers, and what it does to sampling.
final class CoverageBoostTests: XCTestCase {
    /// A grade-4 knowledge base skewed toward equivalent fractions (4.NF.A): 20 problems,
    /// against 3 on angles (4.G.A) and 3 on unit fractions (4.NF.B).
    struct Fixture {
        let sampling: SamplingFixture
        let audit: CoverageAudit
        let profiles: ConceptAreaProfiles

        init() throws {
            var records = SamplingRecords()
            records.add(["Fractions", "Fraction review"], ["Equivalent fractions", "Comparing fractions"], times: 20, level: "grade-4")
            records.add(["Geometry", "Shapes"], ["Angles"], times: 3, level: "grade-4")
            records.add(["Fractions", "Shapes"], ["Unit fractions"], times: 3, level: "grade-4")
            sampling = try SamplingFixture(records)
            let context = CoverageContext(curriculum: try tinyCurriculum(in: sampling.folder))
            audit = try context.audit(knowledgeBase: sampling.kb, keepProfiles: true)
            profiles = ConceptAreaProfiles(audit: audit)
        }

        var curriculum: Curriculum { audit.curriculum }

        func area(_ code: String) -> Int { curriculum.area(of: curriculum.node(forCode: code)!)! }

        func graph(_ boost: SamplingBoost?) -> SamplingGraph {
            SamplingGraph(snapshot: sampling.snapshot, transform: .count, temperature: 1, minimumProblems: 1, boost: boost?.logMultipliers)
        }

        /// `count` MathScale walks from `seed`, as lines of names.
        func walks(_ boost: SamplingBoost?, count: Int = 400, seed: UInt64 = 9) throws -> [String] {
            var walk = MathScaleWalk(graph: graph(boost), seed: seed)
            var lines: [String] = []
            _ = try walk.run(SampleRunOptions(count: count, seed: seed)) { _, c in lines.append(sampling.names(c.walk).joined(separator: "|")) }
            return lines
        }
    }

    func testAreaMultipliersCompareTargetWithSmoothedObservedSharesOverReachableAreas() {
        // Reachable areas 0 and 1: q = (3.5/5, 1.5/5) = (0.7, 0.3); targets renormalised to ½, ½.
        let m = SamplingBoost.areaMultipliers(
            observed: [3, 1, 0], target: [1.0 / 3, 1.0 / 3, 1.0 / 3],
            reachable: [true, true, false], strength: 1, cap: 8)
        XCTAssertEqual(m[0], 0.5 / 0.7, accuracy: 1e-12)
        XCTAssertEqual(m[1], 0.5 / 0.3, accuracy: 1e-12)
        XCTAssertEqual(m[2], 1)
        let squared = SamplingBoost.areaMultipliers(
            observed: [3, 1, 0], target: [0.5, 0.5, 0], reachable: [true, true, false],
            strength: 2, cap: 8)
        XCTAssertEqual(squared[1], (0.5 / 0.3) * (0.5 / 0.3), accuracy: 1e-12)
        // The cap bounds both directions; an area with no target gets the lower bound.
        let capped = SamplingBoost.areaMultipliers(
            observed: [100, 0, 5], target: [0.5, 0.5, 0], reachable: [true, true, true],
            strength: 1, cap: 4)
        XCTAssertEqual(capped, [min(4, 0.5 / (100.5 / 106.5)), 4, 0.25])
    }

    func testAConceptsMultiplierIsTheProfileWeightedGeometricMean() throws {
        let fixture = try Fixture()
        XCTAssertEqual(fixture.audit.conceptNames, Array(fixture.sampling.snapshot.names))
        var multipliers = [Double](repeating: 1, count: fixture.curriculum.areas.count)
        multipliers[fixture.area("4.NF.A")] = 0.5
        multipliers[fixture.area("4.NF.B")] = 8
        let boost = SamplingBoost(profiles: fixture.profiles, areaMultipliers: multipliers)
        func multiplier(_ name: String) -> Double { exp(boost.logMultipliers[Int(fixture.sampling.node(name))]) }
        XCTAssertEqual(multiplier("Equivalent fractions"), 0.5, accuracy: 1e-12)
        XCTAssertEqual(multiplier("Unit fractions"), 8, accuracy: 1e-12)
        XCTAssertEqual(multiplier("Angles"), 1, accuracy: 1e-12)
        // "Fractions": 20 problems in 4.NF.A, 3 in 4.NF.B → 0.5^(20/23) · 8^(3/23).
        XCTAssertEqual(multiplier("Fractions"), pow(0.5, 20.0 / 23) * pow(8, 3.0 / 23), accuracy: 1e-12)
        // "Shapes": 3 in 4.G.A, 3 in 4.NF.B.
        XCTAssertEqual(multiplier("Shapes"), pow(8, 0.5), accuracy: 1e-12)
    }

    func testABoostChangesSamplingTowardBoostedConceptsAndStaysReproducible() throws {
        let fixture = try Fixture()
        let plain = try fixture.walks(nil)
        var multipliers = [Double](repeating: 1, count: fixture.curriculum.areas.count)
        multipliers[fixture.area("4.G.A")] = 8
        multipliers[fixture.area("4.NF.A")] = 1.0 / 8
        let boost = SamplingBoost(profiles: fixture.profiles, areaMultipliers: multipliers)
        let boosted = try fixture.walks(boost)
        XCTAssertNotEqual(plain, boosted)
        XCTAssertEqual(boosted, try fixture.walks(boost), "the same boost and seed give the same samples")
        func count(_ name: String, _ lines: [String]) -> Int { lines.filter { $0.split(separator: "|").contains(Substring(name)) }.count }
        XCTAssertGreaterThan(count("Angles", boosted), count("Angles", plain))
        XCTAssertLessThan(count("Equivalent fractions", boosted), count("Equivalent fractions", plain))
    }

    func testWithoutABoostEverySamplerIsUnchanged() throws {
        let fixture = try Fixture()
        let neutral = SamplingBoost(profiles: fixture.profiles, areaMultipliers: Array(repeating: 1, count: fixture.curriculum.areas.count))
        XCTAssertEqual(neutral.boostedConcepts, 0)
        // A neutral boost leaves the co-occurrence sampler's draws exactly as they were.
        func cooccurrence(_ graph: SamplingGraph) throws -> [[Int32]] {
            var sampler = CooccurrenceSampler(graph: graph)
            var walks: [[Int32]] = []
            _ = try sampler.run(SampleRunOptions(count: 300, seed: 4)) { _, c in walks.append(c.walk) }
            return walks
        }
        XCTAssertEqual(try cooccurrence(fixture.graph(nil)), try cooccurrence(fixture.graph(neutral)))
        // Edge weights: a graph built with `boost: nil` is the graph built without the argument.
        let plain = SamplingGraph(snapshot: fixture.sampling.snapshot, transform: .count, temperature: 1, minimumProblems: 1)
        for node in fixture.sampling.snapshot.kinds.indices {
            for kind in ConceptKind.allCases {
                XCTAssertEqual(
                    plain.neighbours(of: Int32(node), kind: kind)?.weights, fixture.graph(nil).neighbours(of: Int32(node), kind: kind)?.weights)
            }
        }
    }

    func testCalibrationRaisesTheEntropyOfSampledAreas() throws {
        let fixture = try Fixture()
        let areas = fixture.curriculum.areas.indices
        let target = areas.map { _ in 1 / Double(areas.count) }
        var calibration = BoostCalibration()
        calibration.pilotSamples = 2_000
        func calibrate() throws -> (boost: SamplingBoost, rounds: [BoostCalibration.Round]) {
            try calibration.calibrate(profiles: fixture.profiles, target: target, seed: 11) { boost, seed, emit in
                var walk = MathScaleWalk(graph: fixture.graph(boost), seed: seed)
                _ = try walk.run(SampleRunOptions(count: calibration.pilotSamples, seed: seed)) { _, c in emit(c) }
            }
        }
        let (boost, rounds) = try calibrate()
        XCTAssertEqual(rounds.count, calibration.rounds + 1)
        XCTAssertGreaterThan(rounds.last!.normalisedEntropyOverReachable, rounds.first!.normalisedEntropyOverReachable + 0.01)
        XCTAssertEqual(boost.logMultipliers, try calibrate().boost.logMultipliers, "calibration is deterministic")
        // The area the unboosted sampler starves most is boosted most: that is what sampling
        // produces (every topic starts equally often), not what the seed problems hold.
        var unboosted = SampledAreaTally(profiles: fixture.profiles)
        var walk = MathScaleWalk(graph: fixture.graph(nil), seed: 1)
        _ = try walk.run(SampleRunOptions(count: 2_000, seed: 1)) { _, c in unboosted.add(c) }
        let reachable = ["4.NF.A", "4.NF.B", "4.G.A"].map(fixture.area)
        let starved = reachable.min { unboosted.weights[$0] < unboosted.weights[$1] }!
        let crowded = reachable.max { unboosted.weights[$0] < unboosted.weights[$1] }!
        XCTAssertEqual(reachable.max { boost.areaMultipliers[$0] < boost.areaMultipliers[$1] }, starved)
        XCTAssertLessThan(boost.areaMultipliers[crowded], 1)
        // Areas no concept reaches are left at 1.
        XCTAssertEqual(boost.areaMultipliers[fixture.area("COMP.GEO.CIRC")], 1)
    }

    func testABoostReadsTheAreasOfACoverageReport() throws {
        let fixture = try Fixture()
        let report = try CoverageReport(audit: fixture.audit, target: .uniform)
        let path = fixture.sampling.folder.write("coverage.json", report.jsonText())
        let (observed, target) = try SamplingBoost.readReport(path: path, curriculum: fixture.curriculum)
        XCTAssertEqual(observed, report.areas.map(\.weight))
        // JSON keeps 6 decimals.
        for (read, written) in zip(target, report.areas.map(\.targetShare)) { XCTAssertEqual(read, written, accuracy: 1e-6) }
        let notAReport = fixture.sampling.folder.write("other.json", #"{"samples": 3}"#)
        XCTAssertThrowsError(try SamplingBoost.readReport(path: notAReport, curriculum: fixture.curriculum)) { error in
            XCTAssertTrue("\(error)".contains("not a coverage report"), "\(error)")
        }
        let broken = fixture.sampling.folder.write("broken.json", "{")
        XCTAssertThrowsError(try SamplingBoost.readReport(path: broken, curriculum: fixture.curriculum)) { error in
            XCTAssertTrue("\(error)".contains("boost \(broken)"), "\(error)")
        }
    }
}
