import Foundation
import KGTestSupport
import XCTest

@testable import KnowledgeBase
@testable import Sampling

/// `--min-kps` (samples topped up with a nearby KP) and `--unique` (repeats extended, the
/// seen set an open-addressing `CombinationSet`).
final class CombinationExtenderTests: XCTestCase {
    func combination(_ topics: [Int32], _ kps: [Int32]) -> ConceptCombination {
        var c = ConceptCombination()
        for t in topics { c.addTopic(t) }
        for k in kps { c.addKnowledgePoint(k) }
        return c
    }

    // MARK: CombinationSet

    func testCombinationSetKeysOnTheSortedTopicAndKPSets() {
        var set = CombinationSet(expected: 4)
        XCTAssertTrue(set.insert(combination([3, 1], [7, 5])))
        XCTAssertFalse(set.insert(combination([1, 3], [5, 7])), "the same sets in another order")
        XCTAssertTrue(set.insert(combination([1, 3], [5])), "a KP fewer")
        XCTAssertTrue(set.insert(combination([1, 3, 5], [])), "5 as a topic is not 5 as a KP")
        XCTAssertTrue(set.insert(combination([1], [3, 5])))
        XCTAssertTrue(set.insert(combination([], [])))
        XCTAssertFalse(set.insert(combination([], [])))
        XCTAssertEqual(set.count, 5)
    }

    func testCombinationSetGrowsAndAgreesWithSwiftsSet() {
        var set = CombinationSet(expected: 1)
        var reference = Set<[Int32]>()
        var random = SplitMix64(seed: 9)
        for _ in 0..<50_000 {
            let topics = (0..<(1 + random.nextInt(below: 3))).map { _ in Int32(random.nextInt(below: 40)) }
            let kps = (0..<random.nextInt(below: 4)).map { _ in Int32(40 + random.nextInt(below: 40)) }
            var c = ConceptCombination()
            for t in Set(topics).sorted() { c.addTopic(t) }
            for k in Set(kps).sorted().reversed() { c.addKnowledgePoint(k) }
            XCTAssertEqual(set.insert(c), reference.insert(c.setKey).inserted)
        }
        XCTAssertEqual(set.count, reference.count)
        XCTAssertGreaterThan(set.count, 10_000, "the table grew many times over")
    }

    // MARK: --min-kps

    /// Topic A has no KP; its neighbour B has one. C stands alone without any.
    func neighbourFixture() throws -> SamplingFixture {
        var r = SamplingRecords()
        r.add(["Topic A"], [], times: 3)
        r.add(["Topic A", "Topic B"], [], times: 2)
        r.add(["Topic B"], ["Skill x"], times: 2)
        r.add(["Topic C"], [], times: 2)
        return try SamplingFixture(r)
    }

    func testAKPlessSampleTakesAKPThroughANeighbouringTopic() throws {
        let f = try neighbourFixture()
        let a = f.node("Topic A"), b = f.node("Topic B"), x = f.node("Skill x")
        var extender = CombinationExtender(graph: f.graph())
        var random = SplitMix64(seed: 1)
        var c = combination([a], [])
        XCTAssertTrue(extender.topUp(&c, to: 1, random: &random))
        XCTAssertEqual(c.topics, [a, b], "the bridging topic joins the sample")
        XCTAssertEqual(c.knowledgePoints, [x])
        // Nothing left within reach: a second KP cannot be found.
        XCTAssertFalse(extender.topUp(&c, to: 2, random: &random))
        XCTAssertEqual(c.knowledgePoints, [x])
    }

    func testRunsTopUpToTheMinimumAndCountWhatStaysShort() throws {
        let f = try neighbourFixture()
        let c = f.node("Topic C")
        for minimum in [0, 1] {
            var walk = MathScaleWalk(graph: f.graph(), topicSteps: CountRange(0, 0), seed: 5)
            var options = SampleRunOptions(count: 300, seed: 5)
            options.minimumKnowledgePoints = minimum
            var short = 0, withKP = 0
            let summary = try walk.run(options) { _, sample in
                if sample.knowledgePoints.isEmpty { short += 1 } else { withKP += 1 }
                if minimum == 1 && sample.topics == [c] { XCTAssertTrue(sample.knowledgePoints.isEmpty) }
            }
            if minimum == 0 {
                XCTAssertEqual(summary.shortOfKnowledgePoints, 0, "no minimum, nothing short")
                XCTAssertGreaterThan(short, 150, "A and C start two thirds of the walks, without a KP")
            } else {
                // Only the walks from C (a third: epochs visit each topic once) stay short.
                XCTAssertEqual(summary.shortOfKnowledgePoints, short)
                XCTAssertEqual(short, 100)
                XCTAssertEqual(withKP, 200)
            }
        }
    }

    func testTheMinimumKeepsRunsReproducibleAndShardable() throws {
        let f = try neighbourFixture()
        var options = SampleRunOptions(count: 60, seed: 8)
        options.minimumKnowledgePoints = 1
        var whole = MathScaleWalk(graph: f.graph(), seed: 8)
        let all = try collectRun(&whole, options).samples
        var again = MathScaleWalk(graph: f.graph(), seed: 8)
        XCTAssertEqual(try collectRun(&again, options).samples.map(\.1), all.map(\.1))
        options.shardIndex = 1
        options.shardCount = 2
        var shard = MathScaleWalk(graph: f.graph(), seed: 8)
        XCTAssertEqual(try collectRun(&shard, options).samples.map(\.1), all.filter { $0.0 % 2 == 1 }.map(\.1))
    }

    // MARK: --unique

    /// One topic whose five KPs form a chain: a walk of one KP step repeats often.
    func testUniqueExtendsARepeatInsteadOfRedrawingIt() throws {
        var r = SamplingRecords()
        let names = ["Skill a", "Skill b", "Skill c", "Skill d", "Skill e"]
        for i in 0..<4 { r.add(["Topic"], [names[i], names[i + 1]], times: 2) }
        let f = try SamplingFixture(r)
        var plain = MathScaleWalk(graph: f.graph(), kpSteps: CountRange(0, 0), seed: 2)
        let plainRun = try collectRun(&plain, SampleRunOptions(count: 20, seed: 2)).samples
        XCTAssertEqual(Set(plainRun.map(\.1.setKey)).count, 5, "one KP each: five combinations")
        var unique = MathScaleWalk(graph: f.graph(), kpSteps: CountRange(0, 0), seed: 2)
        let (samples, summary) = try collectRun(&unique, SampleRunOptions(count: 20, seed: 2, unique: true))
        XCTAssertEqual(summary.produced, 20)
        XCTAssertFalse(summary.exhausted)
        XCTAssertEqual(Set(samples.map(\.1.setKey)).count, 20)
        // Every repeat grew from a plain draw: its first KP is one a plain walk takes, the rest
        // follow the KP chain (or the topic), and the sets get larger as the run goes on.
        XCTAssertEqual(samples.map(\.0), Array(0..<20), "no id was given up")
        XCTAssertGreaterThan(samples.last!.1.knowledgePoints.count, 1)
        XCTAssertEqual(samples[0].1, plainRun[0].1, "the first sample is the plain one")
    }
}
