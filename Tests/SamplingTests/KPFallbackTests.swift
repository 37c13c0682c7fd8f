import Foundation
import KGTestSupport
import XCTest

@testable import KnowledgeBase
@testable import Sampling

/// The MathScale walk's `--kp-fallback` rules: where they fire, what they add, and that
/// `none` is the paper's walk unchanged.
final class KPFallbackTests: XCTestCase {
    func run(_ f: SamplingFixture, _ fallback: KPFallback, topicSteps: CountRange = CountRange(1, 2), kpSteps: CountRange = CountRange(0, 4), count: Int = 400, seed: UInt64 = 3) throws -> [ConceptCombination] {
        var walk = MathScaleWalk(graph: f.graph(), topicSteps: topicSteps, kpSteps: kpSteps, kpFallback: fallback, seed: seed)
        return try collectRun(&walk, SampleRunOptions(count: count, seed: seed)).samples.map(\.1)
    }

    // MARK: Where the KP graph runs dry

    /// One topic with four KPs, each in problems of its own: the KP graph has no edge at all.
    func testTheFallbackFiresWhereTheKPGraphHasNoEdge() throws {
        var r = SamplingRecords()
        for (kp, n) in [("Skill a", 1), ("Skill b", 2), ("Skill c", 3), ("Skill d", 4)] { r.add(["Topic"], [kp], times: n) }
        let f = try SamplingFixture(r)
        let topic = f.node("Topic")
        let kps = Set(["Skill a", "Skill b", "Skill c", "Skill d"].map { f.node($0) })
        // The paper's walk stops at its first KP.
        for c in try run(f, .none, kpSteps: CountRange(2, 2)) {
            XCTAssertEqual(c.topics, [topic])
            XCTAssertEqual(c.knowledgePoints.count, 1, "\(f.names(c.walk))")
        }
        // Every other rule takes both KP steps, through the one topic, to unvisited KPs.
        for fallback in [KPFallback.topic, .bridge, .walkTopics] {
            for c in try run(f, fallback, kpSteps: CountRange(2, 2)) {
                XCTAssertEqual(c.topics, [topic], "\(fallback)")
                XCTAssertEqual(c.knowledgePoints.count, 3, "\(fallback): \(f.names(c.walk))")
                XCTAssertEqual(Set(c.knowledgePoints).count, 3)
                XCTAssertTrue(Set(c.knowledgePoints).isSubset(of: kps))
            }
        }
    }

    /// Six KPs that all co-occur: a walk of at most five KPs always has an unvisited KP neighbour.
    func testTheFallbackNeverFiresWhereTheKPGraphDoesNotRunDry() throws {
        var r = SamplingRecords()
        let kps = (1...6).map { "Skill \($0)" }
        for i in 0..<4 { r.add(["Topic \(i)", "Topic \((i + 1) % 4)"], kps, times: 1 + i) }
        r.add(["Topic 0"], [kps[0], kps[3]], times: 3)
        let f = try SamplingFixture(r)
        let paper = try run(f, .none, count: 2_000)
        XCTAssertTrue(paper.contains { $0.knowledgePoints.count == 5 }, "the walks are long enough to need a fallback if there were a dead end")
        for fallback in [KPFallback.topic, .bridge, .walkTopics] {
            XCTAssertEqual(try run(f, fallback, count: 2_000), paper, "\(fallback) changed a walk that never ran dry")
        }
    }

    /// Start A has only KP a; a also occurs with B, whose other KP is e. No topic–topic edge.
    func testTopicAddsTheBridgingTopicAndBridgeOnlyPassesThroughIt() throws {
        var r = SamplingRecords()
        r.add(["Topic A"], ["Skill a"])
        r.add(["Topic B"], ["Skill a"])
        r.add(["Topic B"], ["Skill e"])
        let f = try SamplingFixture(r)
        let a = f.node("Topic A"), b = f.node("Topic B"), ka = f.node("Skill a"), ke = f.node("Skill e")
        for fallback in KPFallback.allCases {
            for c in try run(f, fallback, kpSteps: CountRange(1, 1)) {
                if c.walk[0] == b {
                    // From B both KPs are B's: the second comes through B (visited, not added twice).
                    XCTAssertEqual(c.topics, [b])
                    if fallback == .none {
                        XCTAssertEqual(c.knowledgePoints.count, 1, "\(f.names(c.walk))")
                    } else {
                        XCTAssertEqual(Set(c.knowledgePoints), [ka, ke], "\(fallback): \(f.names(c.walk))")
                    }
                    continue
                }
                switch fallback {
                case .none, .walkTopics:
                    // A has no second KP.
                    XCTAssertEqual(c.walk, [a, ka], "\(fallback)")
                case .topic:
                    // a → B (A is set aside: no unvisited KP) → e; B joins the topics.
                    XCTAssertEqual(c.walk, [a, ka, b, ke])
                    XCTAssertEqual(c.topics, [a, b])
                case .bridge:
                    XCTAssertEqual(c.walk, [a, ka, ke])
                    XCTAssertEqual(c.topics, [a])
                }
            }
        }
    }

    /// Skill k occurs with Topic one (3 problems) and Topic two (1 problem), each of which has one
    /// more KP of its own: the bridging topic is drawn ∝ the topic–KP count.
    func testTheBridgingTopicIsDrawnInProportionToTheTopicKPCounts() throws {
        var r = SamplingRecords()
        r.add(["Start"], ["Skill k"], times: 4)
        r.add(["Topic one"], ["Skill k"], times: 3)
        r.add(["Topic two"], ["Skill k"])
        r.add(["Topic one"], ["Skill one"])
        r.add(["Topic two"], ["Skill two"])
        r.add(["Start"], ["Skill s"])  // keeps Start from being the only way on
        let f = try SamplingFixture(r)
        let start = f.node("Start"), k = f.node("Skill k")
        var counts = [0, 0, 0]  // through Start (to s), Topic one, Topic two
        for c in try run(f, .topic, topicSteps: CountRange(0, 0), kpSteps: CountRange(1, 1), count: 24_000) {
            guard c.walk.first == start, c.knowledgePoints.first == k else { continue }
            switch f.name(c.knowledgePoints[1]) {
            case "Skill s": counts[0] += 1
            case "Skill one": counts[1] += 1
            case "Skill two": counts[2] += 1
            default: XCTFail(f.names(c.walk).description)
            }
        }
        // k's topic counts: Start 4, Topic one 3, Topic two 1.
        XCTAssertGreaterThan(counts.reduce(0, +), 2_000)
        XCTAssertLessThan(samplingChiSquare(counts, weights: [4, 3, 1]), chiSquareCritical999[2]!, "\(counts)")
    }

    /// Under walk-topics a KP step that does not follow a KP–KP edge lands on a KP of one of the
    /// sample's topics, and the topics stay those of the topic walk.
    func testWalkTopicsTakesItsFallbackKPsFromTheSamplesTopics() throws {
        let f = try SamplingFixture(SamplerTests.cyclicRecords())
        var fired = 0
        for c in try run(f, .walkTopics, kpSteps: CountRange(0, 7), count: 2_000) {
            XCTAssertEqual(Set(c.walk).count, c.walk.count)
            XCTAssertEqual(c.walk, c.topics + c.knowledgePoints)
            for (x, y) in zip(c.knowledgePoints, c.knowledgePoints.dropFirst()) where !f.adjacent(x, y) {
                fired += 1
                XCTAssertTrue(c.topics.contains { f.adjacent($0, y) }, "\(f.names(c.walk))")
            }
        }
        XCTAssertGreaterThan(fired, 0, "the graph should run dry in some walks")
    }

    /// Every step of a topic-rule walk follows an edge: a KP step to a KP neighbour, or through a
    /// topic that co-occurs with both KPs; no concept twice.
    func testEveryTopicRuleStepFollowsTheConceptGraph() throws {
        let f = try SamplingFixture(SamplerTests.cyclicRecords())
        var fired = 0
        for c in try run(f, .topic, kpSteps: CountRange(0, 7), count: 2_000) {
            XCTAssertEqual(Set(c.walk).count, c.walk.count, "\(f.names(c.walk))")
            for (x, y) in zip(c.knowledgePoints, c.knowledgePoints.dropFirst()) where !f.adjacent(x, y) {
                fired += 1
                XCTAssertTrue(c.topics.contains { f.adjacent($0, x) && f.adjacent($0, y) }, "\(f.names(c.walk))")
            }
        }
        XCTAssertGreaterThan(fired, 0, "the graph should run dry in some walks")
    }

    // MARK: none is the paper's walk

    /// MathScale's walk as it was before `--kp-fallback` existed, step for step.
    struct PaperWalk {
        var walk: MathScaleWalk

        mutating func sample(index: Int, random: inout SplitMix64) -> ConceptCombination? {
            let graph = walk.graph
            guard let first = walk.startTopic(index: index, random: &random) else { return nil }
            var c = ConceptCombination()
            c.addTopic(first)
            var current = first
            for _ in 0..<walk.topicSteps.draw(&random) {
                guard let next = graph.drawUnvisited(from: current, kind: .topic, visited: c.walk, random: &random) else { break }
                c.addTopic(next)
                current = next
            }
            var kp: Int32?
            for topic in c.topics.reversed() {
                kp = graph.drawUnvisited(from: topic, kind: .kp, visited: c.walk, random: &random)
                if kp != nil { break }
            }
            guard var currentKP = kp else { return c }
            c.addKnowledgePoint(currentKP)
            for _ in 0..<walk.kpSteps.draw(&random) {
                guard let next = graph.drawUnvisited(from: currentKP, kind: .kp, visited: c.walk, random: &random) else { break }
                c.addKnowledgePoint(next)
                currentKP = next
            }
            return c
        }
    }

    func testNoneIsThePapersWalkSampleForSample() throws {
        // A graph with dead ends of every kind, where the other rules differ.
        var r = SamplerTests.cyclicRecords()
        r.add(["Lonely"], ["Isolated KP"])
        r.add(["Hermit"])
        r.add(["Topic 2"], ["Skill 9"], times: 2)
        let f = try SamplingFixture(r)
        for (seed, kpSteps) in [(UInt64(1), CountRange(0, 4)), (7, CountRange(0, 7)), (1 << 40, CountRange(2, 3))] {
            let walk = MathScaleWalk(graph: f.graph(), kpSteps: kpSteps, kpFallback: .none, seed: seed)
            var reference = PaperWalk(walk: MathScaleWalk(graph: f.graph(), kpSteps: kpSteps, kpFallback: .none, seed: seed))
            var sampler = walk
            let samples = try collectRun(&sampler, SampleRunOptions(count: 3_000, seed: seed)).samples
            for (id, c) in samples {
                var random = SampleSeed.generator(seed: seed, index: id)
                XCTAssertEqual(c, reference.sample(index: id, random: &random), "sample \(id), seed \(seed)")
            }
            let topic = try run(f, .topic, kpSteps: kpSteps, count: 3_000, seed: seed)
            XCTAssertNotEqual(topic, samples.map(\.1), "the topic rule should differ on this graph")
        }
    }
}
