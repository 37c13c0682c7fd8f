import Foundation
import KGTestSupport
import XCTest

@testable import KnowledgeBase
@testable import Sampling

// MARK: - Helpers shared by the sampling tests

/// Pearson's chi-square statistic of `observed` counts against probabilities ∝ `weights`.
func samplingChiSquare(_ observed: [Int], weights: [Double]) -> Double {
    precondition(observed.count == weights.count)
    let n = Double(observed.reduce(0, +))
    let total = weights.reduce(0, +)
    var statistic = 0.0
    for (o, w) in zip(observed, weights) {
        let expected = n * w / total
        statistic += (Double(o) - expected) * (Double(o) - expected) / expected
    }
    return statistic
}

/// Upper 0.999 quantiles of the chi-square distribution, by degrees of freedom.
let chiSquareCritical999: [Int: Double] = [1: 10.828, 2: 13.816, 3: 16.266, 4: 18.467, 5: 20.515, 7: 24.322]

/// Collects every (id, combination) a sampler run emits.
func collectRun<S: ConceptSampler>(
    _ sampler: inout S, _ options: SampleRunOptions
) throws -> (samples: [(Int, ConceptCombination)], summary: SampleRunSummary) {
    var samples: [(Int, ConceptCombination)] = []
    let summary = try sampler.run(options) { id, combination in samples.append((id, combination)) }
    return (samples, summary)
}

// MARK: - Tests

final class SamplerTests: XCTestCase {
    // MARK: 1. One step follows the transformed counts

    /// Hub has KP neighbours with counts 1, 2, 3, 6 and topic neighbours with counts 1, 2, 3, 6.
    static func hubRecords() -> SamplingRecords {
        var r = SamplingRecords()
        for (kp, n) in [("Point a", 1), ("Point b", 2), ("Point c", 3), ("Point d", 6)] { r.add(["Hub"], [kp], times: n) }
        for (topic, n) in [("Topic one", 1), ("Topic two", 2), ("Topic three", 3), ("Topic six", 6)] { r.add(["Hub", topic], times: n) }
        return r
    }

    /// Counts how often each of `targets` is drawn in `draws` draws from one seeded stream.
    func stepFrequencies(
        _ graph: SamplingGraph, from node: Int32, kind: ConceptKind, visited: [Int32], targets: [Int32],
        draws: Int = 60_000, seed: UInt64 = 0x5EED, file: StaticString = #filePath, line: UInt = #line
    ) -> [Int] {
        var random = SplitMix64(seed: seed)
        var counts = [Int](repeating: 0, count: targets.count)
        var strays = 0
        for _ in 0..<draws {
            guard let drawn = graph.drawUnvisited(from: node, kind: kind, visited: visited, random: &random),
                let index = targets.firstIndex(of: drawn)
            else { strays += 1; continue }
            counts[index] += 1
        }
        XCTAssertEqual(strays, 0, "draws that were nil or not an expected neighbour", file: file, line: line)
        return counts
    }

    func testTheHandBuiltGraphHasTheIntendedCounts() throws {
        let f = try SamplingFixture(Self.hubRecords())
        let hub = f.node("Hub")
        XCTAssertEqual(["Point a", "Point b", "Point c", "Point d"].map { f.count(hub, f.node($0)) }, [1, 2, 3, 6])
        XCTAssertEqual(["Topic one", "Topic two", "Topic three", "Topic six"].map { f.count(hub, f.node($0)) }, [1, 2, 3, 6])
        // Single-KP records and KP-less records make no KP–KP and no KP–leaf-topic edges.
        XCTAssertTrue(f.neighbours(f.node("Point a"), .kp).isEmpty)
        XCTAssertEqual(f.neighbours(f.node("Topic six"), .kp), [])
        let table = try XCTUnwrap(f.graph().neighbours(of: hub, kind: .kp))
        XCTAssertEqual(f.names(table.targets).sorted(), ["Point a", "Point b", "Point c", "Point d"])
        // Weights are scaled so the largest is 1; exp(logScale) restores the counts.
        XCTAssertEqual(table.weights.max(), 1)
        XCTAssertEqual(table.weights.reduce(0, +) * Foundation.exp(table.logScale), 12, accuracy: 1e-9)
        XCTAssertEqual(table.logTotal, Foundation.log(12), accuracy: 1e-12)
    }

    func testFirstStepFrequenciesFollowTheCountsForEachTransform() throws {
        let f = try SamplingFixture(Self.hubRecords())
        let hub = f.node("Hub")
        let kps = ["Point a", "Point b", "Point c", "Point d"].map { f.node($0) }
        let topics = ["Topic one", "Topic two", "Topic three", "Topic six"].map { f.node($0) }
        let counts: [Double] = [1, 2, 3, 6]
        let cases: [(String, WeightTransform, Double, [Double])] = [
            ("count", .count, 1, counts),
            ("log", .log, 1, counts.map { log10($0 + 1) }),
            ("count, T=0.5", .count, 0.5, counts.map { $0 * $0 }),
            ("sqrt", .sqrt, 1, counts.map { $0.squareRoot() }),
            ("uniform", .uniform, 1, [1, 1, 1, 1]),
        ]
        for (label, transform, temperature, expected) in cases {
            let graph = f.graph(transform, temperature: temperature)
            for (kind, targets, seed) in [(ConceptKind.kp, kps, UInt64(11)), (.topic, topics, 12)] {
                let observed = stepFrequencies(graph, from: hub, kind: kind, visited: [hub], targets: targets, seed: seed)
                let statistic = samplingChiSquare(observed, weights: expected)
                XCTAssertLessThan(statistic, chiSquareCritical999[3]!, "\(label), hub → \(kind): observed \(observed), expected ∝ \(expected)")
            }
        }
    }

    /// The chi-square check has power: the `count` draws are far from what `log` would give.
    func testTheChiSquareCheckRejectsTheWrongDistribution() throws {
        let f = try SamplingFixture(Self.hubRecords())
        let hub = f.node("Hub")
        let kps = ["Point a", "Point b", "Point c", "Point d"].map { f.node($0) }
        let observed = stepFrequencies(f.graph(.count), from: hub, kind: .kp, visited: [hub], targets: kps)
        XCTAssertGreaterThan(samplingChiSquare(observed, weights: [1, 2, 3, 6].map { log10(Double($0) + 1) }), 1000)
        XCTAssertGreaterThan(samplingChiSquare(observed, weights: [1, 1, 1, 1]), 1000)
    }

    func testVisitedNeighboursAreExcludedAndTheRestKeepTheirProportions() throws {
        let f = try SamplingFixture(Self.hubRecords())
        let hub = f.node("Hub")
        let abc = ["Point a", "Point b", "Point c"].map { f.node($0) }
        let observed = stepFrequencies(f.graph(), from: hub, kind: .kp, visited: [hub, f.node("Point d")], targets: abc)
        XCTAssertLessThan(samplingChiSquare(observed, weights: [1, 2, 3]), chiSquareCritical999[2]!, "\(observed)")
        // Everything visited: a dead end.
        var random = SplitMix64(seed: 1)
        let all = [hub] + abc + [f.node("Point d")]
        XCTAssertNil(f.graph().drawUnvisited(from: hub, kind: .kp, visited: all, random: &random))
        // No neighbours of that kind at all: a dead end.
        XCTAssertNil(f.graph().drawUnvisited(from: f.node("Topic six"), kind: .kp, visited: [], random: &random))
    }

    /// Counts 1, 3, 200 with the heavy neighbour visited: most draws take the exact fallback
    /// after 16 rejections ((200/204)^16 ≈ 73%), the rest the alias path; both must give 1 : 3.
    func testTheRejectionFallbackKeepsTheDistribution() throws {
        var r = SamplingRecords()
        r.add(["Hub"], ["Light"], times: 1)
        r.add(["Hub"], ["Middle"], times: 3)
        r.add(["Hub"], ["Heavy"], times: 200)
        let f = try SamplingFixture(r)
        let hub = f.node("Hub")
        let observed = stepFrequencies(
            f.graph(), from: hub, kind: .kp, visited: [hub, f.node("Heavy")],
            targets: [f.node("Light"), f.node("Middle")], draws: 40_000)
        XCTAssertLessThan(samplingChiSquare(observed, weights: [1, 3]), chiSquareCritical999[1]!, "\(observed)")
    }

    /// A low temperature sharpens toward the strongest edge: with T = 0.0001 the weights are
    /// 1^10000 = 1 and 2^10000 (which overflows a Double to +inf). The count-2 neighbour should
    /// be drawn essentially always (p = 1 - 2^-10000). The same holds at T = 0.001 (2^1000 is
    /// still finite), which this test checks first.
    func testAVeryLowTemperatureFavoursTheStrongestEdge() throws {
        var r = SamplingRecords()
        r.add(["Hub"], ["Weak"], times: 1)
        r.add(["Hub"], ["Strong"], times: 2)
        let f = try SamplingFixture(r)
        let hub = f.node("Hub")
        for temperature in [0.001, 0.0001] {
            let observed = stepFrequencies(
                f.graph(.count, temperature: temperature), from: hub, kind: .kp, visited: [hub],
                targets: [f.node("Weak"), f.node("Strong")], draws: 1_000)
            XCTAssertEqual(observed, [0, 1_000], "[Weak, Strong] draws at temperature \(temperature)")
        }
    }

    /// The product rule at a low temperature: A–B 8, A–Heavy 7, B–Heavy 7, A–Light 6, B–Light 6.
    /// With T = 0.004 (weights c^250) the third topic after {A, B} is Heavy with probability
    /// 1 - (36/49)^250 ≈ 1. Both products (7^500, 6^500) overflow a Double, though.
    func testCooccurrenceProductRuleAtAVeryLowTemperatureFavoursTheStrongestPair() throws {
        var r = SamplingRecords()
        r.add(["Topic A", "Topic Heavy"], times: 7)
        r.add(["Topic B", "Topic Heavy"], times: 7)
        r.add(["Topic A", "Topic Light"], times: 6)
        r.add(["Topic B", "Topic Light"], times: 6)
        r.add(["Topic A", "Topic B"], times: 8)
        let f = try SamplingFixture(r)
        let a = f.node("Topic A"), b = f.node("Topic B"), heavy = f.node("Topic Heavy"), light = f.node("Topic Light")
        XCTAssertLessThan(heavy, light, "precondition: Heavy is not the last common neighbour")
        // T = 0.01 (products 7^200, 6^200 stay finite) checks the test itself; T = 0.004 overflows.
        for temperature in [0.01, 0.004] {
            var sampler = CooccurrenceSampler(
                graph: f.graph(.count, temperature: temperature), topicCount: CountRange(3, 3), kpsPerTopic: CountRange(0, 0))
            let (samples, _) = try collectRun(&sampler, SampleRunOptions(count: 2_000, seed: 17))
            var thirds = [Int32: Int]()
            for (_, c) in samples where c.topics.count == 3 && Set(c.topics[0...1]) == [a, b] { thirds[c.topics[2], default: 0] += 1 }
            XCTAssertGreaterThan(thirds.values.reduce(0, +), 500)
            XCTAssertEqual(thirds[light] ?? 0, 0, "T = \(temperature), third topics after {A, B}: \(thirds.map { (f.name($0.key), $0.value) })")
        }
    }

    // MARK: 2. No walk revisits a concept

    /// Six topics on a ring with a chord, eight KPs with many cycles.
    static func cyclicRecords() -> SamplingRecords {
        var r = SamplingRecords()
        func t(_ i: Int) -> String { "Topic \(i % 6)" }
        func k(_ i: Int) -> String { "Skill \(i % 8)" }
        for i in 0..<6 { r.add([t(i), t(i + 1)], [k(i), k(i + 1)], times: 1 + i % 3) }
        r.add([t(0), t(3)], [k(6), k(7)])
        r.add([t(1), t(4)], [k(2), k(5)], times: 2)
        for j in 0..<8 { r.add([t(j)], [k(j), k(j + 2), k(j + 5)]) }
        return r
    }

    /// Checks the walk has no repeats and that topics / KPs are its topic and KP parts.
    func assertConsistent(_ c: ConceptCombination, _ f: SamplingFixture, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Set(c.walk).count, c.walk.count, "repeated concept in walk \(f.names(c.walk))", file: file, line: line)
        XCTAssertTrue(Set(c.topics).isDisjoint(with: c.knowledgePoints), file: file, line: line)
        XCTAssertEqual(c.topics, c.walk.filter { f.kind($0) == .topic }, file: file, line: line)
        XCTAssertEqual(c.knowledgePoints, c.walk.filter { f.kind($0) == .kp }, file: file, line: line)
        XCTAssertEqual(c.walk.count, c.topics.count + c.knowledgePoints.count, file: file, line: line)
    }

    func testNoWalkRevisitsAConceptOnACyclicGraph() throws {
        let f = try SamplingFixture(Self.cyclicRecords())
        for (topicSteps, kpSteps) in [(CountRange(1, 2), CountRange(0, 4)), (CountRange(1, 5), CountRange(0, 7))] {
            var walk = MathScaleWalk(graph: f.graph(), topicSteps: topicSteps, kpSteps: kpSteps, kpFallback: .none, seed: 3)
            let (samples, summary) = try collectRun(&walk, SampleRunOptions(count: 4_000, seed: 3))
            XCTAssertEqual(summary.emitted, 4_000)
            var longest = 0
            for (_, c) in samples {
                assertConsistent(c, f)
                // The paper's walk visits all its topics before its KPs, and every step follows an edge.
                XCTAssertEqual(c.walk, c.topics + c.knowledgePoints)
                for (a, b) in zip(c.topics, c.topics.dropFirst()) { XCTAssertTrue(f.adjacent(a, b), "\(f.names(c.walk))") }
                for (a, b) in zip(c.knowledgePoints, c.knowledgePoints.dropFirst()) { XCTAssertTrue(f.adjacent(a, b), "\(f.names(c.walk))") }
                if let first = c.knowledgePoints.first {
                    XCTAssertTrue(c.topics.contains { f.adjacent($0, first) }, "\(f.names(c.walk))")
                }
                longest = max(longest, c.walk.count)
            }
            // The long setting really produces long walks (so revisits were possible).
            if topicSteps.upper == 5 { XCTAssertGreaterThanOrEqual(longest, 10) }
        }
        for var sampler in [
            AnySampler(CooccurrenceSampler(graph: f.graph(.log), topicCount: CountRange(2, 5), kpsPerTopic: CountRange(1, 3))),
            AnySampler(UniformSampler(graph: f.graph(), topicCount: CountRange(2, 6), kpCount: CountRange(1, 8))),
        ] {
            let (samples, _) = try collectRun(&sampler, SampleRunOptions(count: 3_000, seed: 9))
            XCTAssertEqual(samples.count, 3_000)
            for (_, c) in samples { assertConsistent(c, f) }
        }
    }

    // MARK: 3. Walk shape

    func testDefaultWalksHaveTwoOrThreeTopicsAndOneToFiveKPsOnARichGraph() throws {
        var r = SamplingRecords()
        let topics = (1...4).map { "Topic \($0)" }
        let kps = (1...6).map { "Skill \($0)" }
        r.add(topics, kps)  // every pair co-occurs: complete topic and KP graphs
        r.add([topics[0], topics[1]], [kps[0], kps[2]], times: 3)
        r.add([topics[2]], [kps[4], kps[5]], times: 2)
        let f = try SamplingFixture(r)
        var walk = MathScaleWalk(graph: f.graph(), seed: 21)
        let (samples, _) = try collectRun(&walk, SampleRunOptions(count: 5_000, seed: 21))
        var topicCounts = [Int: Int](), kpCounts = [Int: Int]()
        for (_, c) in samples {
            XCTAssertTrue((2...3).contains(c.topics.count), "\(f.names(c.walk))")
            XCTAssertTrue((1...5).contains(c.knowledgePoints.count), "\(f.names(c.walk))")
            topicCounts[c.topics.count, default: 0] += 1
            kpCounts[c.knowledgePoints.count, default: 0] += 1
        }
        // Steps are uniform over their ranges: 1 or 2 topic steps, 0 to 4 KP steps.
        for n in 2...3 { XCTAssertEqual(Double(topicCounts[n] ?? 0) / 5_000, 0.5, accuracy: 0.05, "\(topicCounts)") }
        for n in 1...5 { XCTAssertEqual(Double(kpCounts[n] ?? 0) / 5_000, 0.2, accuracy: 0.04, "\(kpCounts)") }
    }

    /// Lonely: KPs but no topic neighbour; Isolated KP: no KP neighbour; Hermit: no neighbours;
    /// Barren: one topic neighbour (Hub) and no KPs; Hub: KPs Kp one and Kp two.
    func testDeadEndsStopTheWalkEarlyAndTheKPStepFallsBackToEarlierTopics() throws {
        var r = SamplingRecords()
        r.add(["Lonely"], ["Isolated KP"])
        r.add(["Hermit"])
        r.add(["Barren", "Hub"])
        r.add(["Hub"], ["Kp one", "Kp two"])
        let f = try SamplingFixture(r)
        let lonely = f.node("Lonely"), hermit = f.node("Hermit"), barren = f.node("Barren"), hub = f.node("Hub")
        let hubKPs: Set = [f.node("Kp one"), f.node("Kp two")]
        var walk = MathScaleWalk(graph: f.graph(), seed: 5)
        let (samples, summary) = try collectRun(&walk, SampleRunOptions(count: 400, seed: 5))
        XCTAssertEqual(summary.emitted, 400)
        var starts = [Int32: Int](), kpSizes = [Int32: Set<Int>]()
        for (_, c) in samples {
            assertConsistent(c, f)
            let start = c.walk[0]
            starts[start, default: 0] += 1
            switch start {
            case lonely:
                XCTAssertEqual(f.names(c.walk), ["Lonely", "Isolated KP"])
            case hermit:
                XCTAssertEqual(f.names(c.walk), ["Hermit"])
            case barren:
                XCTAssertEqual(c.topics, [barren, hub])
                XCTAssertTrue((1...2).contains(c.knowledgePoints.count) && Set(c.knowledgePoints).isSubset(of: hubKPs), "\(f.names(c.walk))")
            case hub:
                // Barren is the last topic and has no KP: the KP step leaves from Hub instead.
                XCTAssertEqual(c.topics, [hub, barren])
                XCTAssertTrue((1...2).contains(c.knowledgePoints.count) && Set(c.knowledgePoints).isSubset(of: hubKPs), "\(f.names(c.walk))")
            default:
                XCTFail("unexpected start \(f.name(start))")
            }
            kpSizes[start, default: []].insert(c.knowledgePoints.count)
        }
        XCTAssertEqual(starts, [lonely: 100, hermit: 100, barren: 100, hub: 100])
        // Both one and two KPs occur (0 KP steps, or ≥ 1 that reaches the other KP).
        XCTAssertEqual(kpSizes[hub], [1, 2])
        XCTAssertEqual(kpSizes[barren], [1, 2])
    }

    // MARK: 4. --start epoch / frequency

    static func ringRecords(topics n: Int) -> SamplingRecords {
        var r = SamplingRecords()
        for i in 0..<n { r.add(["Topic \(i)", "Topic \((i + 1) % n)"], ["Skill \(i)"], times: 1 + i % 4) }
        return r
    }

    func testEpochStartUsesEveryTopicOncePerEpochInANewOrder() throws {
        let f = try SamplingFixture(Self.ringRecords(topics: 8))
        let graph = f.graph()
        let pool = graph.pool(.topic)
        XCTAssertEqual(pool.count, 8)
        var walk = MathScaleWalk(graph: graph, start: .epoch, seed: 77)
        let (samples, _) = try collectRun(&walk, SampleRunOptions(count: 24, seed: 77))
        let starts = samples.map { $0.1.walk[0] }
        let epochs = [Array(starts[0..<8]), Array(starts[8..<16]), Array(starts[16..<24])]
        for epoch in epochs { XCTAssertEqual(epoch.sorted(), pool, "each pool topic starts exactly once per epoch") }
        XCTAssertNotEqual(epochs[0], epochs[1])
        XCTAssertNotEqual(epochs[1], epochs[2])
        // A shard skips ids but its starts agree with the unsharded run's.
        var shard = MathScaleWalk(graph: f.graph(), start: .epoch, seed: 77)
        let (sharded, _) = try collectRun(&shard, SampleRunOptions(count: 24, seed: 77, shardIndex: 2, shardCount: 5))
        XCTAssertEqual(sharded.map(\.0), [2, 7, 12, 17, 22])
        XCTAssertEqual(sharded.map { $0.1.walk[0] }, [2, 7, 12, 17, 22].map { starts[$0] })
    }

    func testFrequencyStartIsProportionalToProblemCount() throws {
        var r = SamplingRecords()
        for (topic, n) in [("Topic p", 1), ("Topic q", 2), ("Topic r", 4), ("Topic s", 5)] { r.add([topic], ["Skill"], times: n) }
        let f = try SamplingFixture(r)
        let topics = ["Topic p", "Topic q", "Topic r", "Topic s"].map { f.node($0) }
        var walk = MathScaleWalk(graph: f.graph(), start: .frequency, seed: 8)
        let (samples, _) = try collectRun(&walk, SampleRunOptions(count: 30_000, seed: 8))
        var observed = [0, 0, 0, 0]
        for (_, c) in samples { observed[topics.firstIndex(of: c.walk[0])!] += 1 }
        XCTAssertLessThan(samplingChiSquare(observed, weights: [1, 2, 4, 5]), chiSquareCritical999[3]!, "\(observed)")
    }

    // MARK: 5. Cooccurrence and uniform samplers

    /// Topic edges: A–B 1, A–C 1, B–C 4, A–D 2, B–D 1, D–E 1 (no C–D, no edge from E but D).
    /// KPs: A: Ka one, Ka two; B: Kb; C: Kc; D: Kd; E: Ke.
    static func productRecords() -> SamplingRecords {
        var r = SamplingRecords()
        r.add(["Topic A", "Topic B"], times: 1)
        r.add(["Topic A", "Topic C"], times: 1)
        r.add(["Topic B", "Topic C"], times: 4)
        r.add(["Topic A", "Topic D"], times: 2)
        r.add(["Topic B", "Topic D"], times: 1)
        r.add(["Topic D", "Topic E"], times: 1)
        r.add(["Topic A"], ["Ka one", "Ka two"])
        r.add(["Topic B"], ["Kb"])
        r.add(["Topic C"], ["Kc"])
        r.add(["Topic D"], ["Kd"])
        r.add(["Topic E"], ["Ke"])
        return r
    }

    func testCooccurrenceThirdTopicIsACommonNeighbourDrawnByTheProductRule() throws {
        let f = try SamplingFixture(Self.productRecords())
        let a = f.node("Topic A"), b = f.node("Topic B"), c = f.node("Topic C"), d = f.node("Topic D"), e = f.node("Topic E")
        XCTAssertEqual(
            [f.count(a, b), f.count(a, c), f.count(b, c), f.count(a, d), f.count(b, d), f.count(d, e), f.count(c, d)], [1, 1, 4, 2, 1, 1, 0])
        let owner: [Int32: Int32] = [f.node("Ka one"): a, f.node("Ka two"): a, f.node("Kb"): b, f.node("Kc"): c, f.node("Kd"): d, f.node("Ke"): e]
        for (transform, expected) in [(WeightTransform.count, [4.0, 2.0]), (.log, [log10(2) * log10(5), log10(3) * log10(2)])] {
            var sampler = CooccurrenceSampler(graph: f.graph(transform), topicCount: CountRange(3, 3), kpsPerTopic: CountRange(1, 2))
            let (samples, _) = try collectRun(&sampler, SampleRunOptions(count: 40_000, seed: 31))
            var afterAB = [0, 0]  // C, D
            var stoppedAtTwo = 0
            for (_, combination) in samples {
                assertConsistent(combination, f)
                let t = combination.topics
                XCTAssertTrue((2...3).contains(t.count), "\(f.names(t))")
                XCTAssertTrue(f.adjacent(t[0], t[1]), "\(f.names(t))")
                if t.count == 3 {
                    XCTAssertTrue(f.adjacent(t[2], t[0]) && f.adjacent(t[2], t[1]), "third topic not a common neighbour: \(f.names(t))")
                    if Set(t[0...1]) == [a, b] { afterAB[t[2] == c ? 0 : 1] += 1 }
                } else {
                    // Only D and E have no common neighbour.
                    XCTAssertEqual(Set(t), [d, e], "\(f.names(t))")
                    stoppedAtTwo += 1
                }
                // KPs come from the chosen topics, 1–2 per topic, grouped in topic order.
                let owners = combination.knowledgePoints.map { owner[$0]! }
                XCTAssertTrue(Set(owners).isSubset(of: Set(t)), "\(f.names(combination.walk))")
                for topic in t {
                    let n = owners.filter { $0 == topic }.count
                    XCTAssertTrue(topic == a ? (1...2).contains(n) : n == 1, "\(f.names(combination.walk))")
                }
                XCTAssertEqual(owners, owners.sorted { t.firstIndex(of: $0)! < t.firstIndex(of: $1)! })
            }
            XCTAssertGreaterThan(stoppedAtTwo, 0)
            XCTAssertGreaterThan(afterAB[0] + afterAB[1], 1_000)
            XCTAssertLessThan(samplingChiSquare(afterAB, weights: expected), chiSquareCritical999[1]!, "\(transform): \(afterAB) vs \(expected)")
        }
    }

    func testCooccurrenceFirstTopicIsProportionalToItsRowSum() throws {
        let f = try SamplingFixture(Self.productRecords())
        let topics = ["Topic A", "Topic B", "Topic C", "Topic D", "Topic E"].map { f.node($0) }
        // Row sums: A 1+1+2 = 4, B 1+4+1 = 6, C 1+4 = 5, D 2+1+1 = 4, E 1.
        var sampler = CooccurrenceSampler(graph: f.graph(.count), topicCount: CountRange(1, 1), kpsPerTopic: CountRange(0, 0))
        let (samples, _) = try collectRun(&sampler, SampleRunOptions(count: 40_000, seed: 2))
        var observed = [0, 0, 0, 0, 0]
        for (_, c) in samples {
            XCTAssertEqual(c.topics.count, 1)
            XCTAssertTrue(c.knowledgePoints.isEmpty)
            observed[topics.firstIndex(of: c.topics[0])!] += 1
        }
        XCTAssertLessThan(samplingChiSquare(observed, weights: [4, 6, 5, 4, 1]), chiSquareCritical999[4]!, "\(observed)")
    }

    func testUniformSamplerDrawsKPsFromTheChosenTopicsNeighbours() throws {
        let f = try SamplingFixture(Self.productRecords())
        let pool = f.graph().pool(.topic)
        var sampler = UniformSampler(graph: f.graph(), topicCount: CountRange(2, 3), kpCount: CountRange(1, 5))
        let (samples, _) = try collectRun(&sampler, SampleRunOptions(count: 20_000, seed: 4))
        var firsts = [Int](repeating: 0, count: pool.count)
        for (_, c) in samples {
            assertConsistent(c, f)
            XCTAssertTrue((2...3).contains(c.topics.count))
            let union = c.topics.reduce(into: Set<Int32>()) { $0.formUnion(f.neighbours($1, .kp)) }
            XCTAssertTrue(Set(c.knowledgePoints).isSubset(of: union), "\(f.names(c.walk))")
            XCTAssertTrue((1...min(5, union.count)).contains(c.knowledgePoints.count), "\(f.names(c.walk))")
            firsts[pool.firstIndex(of: c.topics[0])!] += 1
        }
        XCTAssertLessThan(samplingChiSquare(firsts, weights: [1, 1, 1, 1, 1]), chiSquareCritical999[4]!, "\(firsts)")
    }

    // MARK: 6. run: shards, unique, exhaustion

    func testShardsTogetherEqualTheUnshardedRun() throws {
        let f = try SamplingFixture(Self.cyclicRecords())
        let makers: [(String, () -> AnySampler)] = [
            ("mathscale", { AnySampler(MathScaleWalk(graph: f.graph(), seed: 13)) }),
            ("cooccurrence", { AnySampler(CooccurrenceSampler(graph: f.graph(.log))) }),
            ("uniform", { AnySampler(UniformSampler(graph: f.graph())) }),
        ]
        for (label, make) in makers {
            for unique in [false, true] {
                var whole = make()
                let (all, summary) = try collectRun(&whole, SampleRunOptions(count: 300, seed: 13, unique: unique))
                XCTAssertEqual(all.count, 300, label)
                XCTAssertEqual(summary.produced, 300, label)
                XCTAssertFalse(summary.exhausted, label)
                var merged: [(Int, ConceptCombination)] = []
                for k in 0..<3 {
                    var part = make()
                    let (samples, partSummary) = try collectRun(
                        &part, SampleRunOptions(count: 300, seed: 13, unique: unique, shardIndex: k, shardCount: 3))
                    XCTAssertTrue(samples.allSatisfy { $0.0 % 3 == k }, "\(label) shard \(k)")
                    XCTAssertEqual(partSummary.emitted, samples.count)
                    merged += samples
                }
                merged.sort { $0.0 < $1.0 }
                XCTAssertEqual(merged.map(\.0), all.map(\.0), "\(label) unique=\(unique): ids")
                XCTAssertEqual(merged.map(\.1), all.map(\.1), "\(label) unique=\(unique): combinations")
                if unique {
                    XCTAssertEqual(Set(all.map(\.1.setKey)).count, all.count, "\(label): duplicate setKey under unique")
                } else {
                    XCTAssertEqual(all.map(\.0), Array(0..<300))
                    // Non-unique runs on this graph do repeat combinations (so unique had work to do).
                    XCTAssertLessThan(Set(all.map(\.1.setKey)).count, 300, label)
                }
            }
        }
    }

    func testADifferentSeedGivesADifferentRunAndTheSameSeedTheSameRun() throws {
        let f = try SamplingFixture(Self.cyclicRecords())
        func run(_ seed: UInt64) throws -> [ConceptCombination] {
            var s = MathScaleWalk(graph: f.graph(), seed: seed)
            return try collectRun(&s, SampleRunOptions(count: 200, seed: seed)).samples.map(\.1)
        }
        XCTAssertEqual(try run(1), try run(1))
        XCTAssertNotEqual(try run(1), try run(2))
    }

    /// A–B co-occur with x; A alone with y. From A the walk is always [A, B] then x (B's only
    /// KP); from B it is [B, A] then x or y. So the paper's walk has exactly two (topic set, KP
    /// set) combinations; the KP fallback adds a third, {x, y}, through A, and so does
    /// `--unique`, which extends a repeat with a KP of its topics.
    func testUniqueRunsOutOnATinyGraphAndReportsExhaustion() throws {
        var r = SamplingRecords()
        r.add(["Topic A", "Topic B"], ["Skill x"])
        r.add(["Topic A"], ["Skill y"])
        let f = try SamplingFixture(r)
        let a = f.node("Topic A"), b = f.node("Topic B"), x = f.node("Skill x"), y = f.node("Skill y")
        var walk = MathScaleWalk(graph: f.graph(), kpFallback: .none, seed: 1)
        let (samples, summary) = try collectRun(&walk, SampleRunOptions(count: 50, seed: 1, unique: true, exhaustionLimit: 20))
        XCTAssertTrue(summary.exhausted)
        XCTAssertEqual(summary.produced, 3)
        XCTAssertEqual(summary.emitted, 3)
        XCTAssertEqual(
            Set(samples.map(\.1.setKey)),
            [[a, b].sorted() + [-1, x], [a, b].sorted() + [-1, y], [a, b].sorted() + [-1] + [x, y].sorted()])
        // The same graph without --unique gives 50 samples, all of them one of the two.
        var plain = MathScaleWalk(graph: f.graph(), kpFallback: .none, seed: 1)
        let (many, plainSummary) = try collectRun(&plain, SampleRunOptions(count: 50, seed: 1))
        XCTAssertFalse(plainSummary.exhausted)
        XCTAssertEqual(many.count, 50)
        XCTAssertEqual(Set(many.map(\.1.setKey)).count, 2)
    }
}

/// A type-erased sampler, so one loop can run each kind.
struct AnySampler: ConceptSampler {
    private var box: any ConceptSampler
    init(_ sampler: any ConceptSampler) { box = sampler }
    var name: String { box.name }
    var graph: SamplingGraph { box.graph }
    mutating func sample(index: Int, random: inout SplitMix64, into combination: inout ConceptCombination) -> Bool {
        box.sample(index: index, random: &random, into: &combination)
    }
}
