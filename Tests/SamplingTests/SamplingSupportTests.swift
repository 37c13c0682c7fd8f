import Foundation
import KGTestSupport
import LLMFormats
import XCTest

@testable import KnowledgeBase
@testable import Sampling

final class SamplingSupportTests: XCTestCase {
    // MARK: 7. AliasTable

    func testAliasTableProbabilitiesEqualTheNormalisedWeights() throws {
        let vectors: [[Double]] = [
            [1, 2, 3, 6],
            [0, 5, 0, 5],
            [0, 0, 0, 1],
            [0.1, 0, 1e-3, 7, 2.5],
            [1],
            [3, 3, 3],
            [1e-12, 1],
            [1e6, 1, 0, 0, 2],
            (0..<100).map { Double($0 % 7) },
        ]
        for weights in vectors {
            let table = try XCTUnwrap(AliasTable(weights: weights), "\(weights)")
            let total = weights.reduce(0, +)
            XCTAssertEqual(table.count, weights.count)
            XCTAssertEqual(table.totalWeight, total, accuracy: 1e-9 * total)
            let p = table.probabilities()
            XCTAssertEqual(p.count, weights.count)
            for (i, w) in weights.enumerated() {
                XCTAssertEqual(p[i], w / total, accuracy: 1e-9, "weights \(weights), index \(i)")
            }
        }
    }

    func testAliasTableIsNilWithoutAPositiveWeight() {
        XCTAssertNil(AliasTable(weights: []))
        XCTAssertNil(AliasTable(weights: [0]))
        XCTAssertNil(AliasTable(weights: [0, 0, 0]))
    }

    func testAliasTableDrawsMatchTheWeights() throws {
        for (weights, seed) in [([1.0, 2, 3, 6], UInt64(1)), ([0, 1, 0, 3, 0.5], 2), ([5, 5], 3)] {
            let table = try XCTUnwrap(AliasTable(weights: weights))
            var random = SplitMix64(seed: seed)
            var observed = [Int](repeating: 0, count: weights.count)
            for _ in 0..<60_000 { observed[table.draw(&random)] += 1 }
            for (i, w) in weights.enumerated() where w == 0 { XCTAssertEqual(observed[i], 0, "zero weight drawn: \(weights)") }
            let positive = weights.indices.filter { weights[$0] > 0 }
            let statistic = samplingChiSquare(positive.map { observed[$0] }, weights: positive.map { weights[$0] })
            XCTAssertLessThan(statistic, chiSquareCritical999[positive.count - 1]!, "\(weights): \(observed)")
        }
    }

    func testAliasTableIsDeterministic() throws {
        let weights: [Double] = [0.3, 1, 7, 0, 2]
        let a = try XCTUnwrap(AliasTable(weights: weights)), b = try XCTUnwrap(AliasTable(weights: weights))
        var r1 = SplitMix64(seed: 99), r2 = SplitMix64(seed: 99)
        XCTAssertEqual((0..<1_000).map { _ in a.draw(&r1) }, (0..<1_000).map { _ in b.draw(&r2) })
    }

    // MARK: 8. PromptTemplate

    func testTemplateRendersPlaceholders() throws {
        let template = try PromptTemplate("Topics: {topics}\nKPs: {knowledge_points}\nLevels: {levels}\n\n{examples}\nEnd.")
        XCTAssertEqual(template.placeholders, [.topics, .knowledgePoints, .levels, .examples])
        let text = template.render([
            .topics: "Algebra; Geometry",
            .knowledgePoints: "Slope",
            .levels: "grade-7, grade-8",
            .examples: "Example 1:\nWhat is 2+2?",
        ])
        XCTAssertEqual(text, "Topics: Algebra; Geometry\nKPs: Slope\nLevels: grade-7, grade-8\n\nExample 1:\nWhat is 2+2?\nEnd.")
        // The same placeholder twice; a missing value renders as nothing.
        XCTAssertEqual(try PromptTemplate("{topics}/{topics}/{levels}.").render([.topics: "T"]), "T/T/.")
        XCTAssertEqual(try PromptTemplate("no placeholders").render([:]), "no placeholders")
        XCTAssertEqual(try PromptTemplate("").render([.topics: "x"]), "")
    }

    func testDoubledBracesAreLiteral() throws {
        let template = try PromptTemplate("Answer as {{\"a\": 1}} for {topics}; }}{{")
        XCTAssertEqual(template.placeholders, [.topics])
        XCTAssertEqual(template.render([.topics: "Sets"]), "Answer as {\"a\": 1} for Sets; }{")
        XCTAssertEqual(try PromptTemplate("{{{topics}}}").render([.topics: "X"]), "{X}")
        XCTAssertEqual(try PromptTemplate("{{topics}}").render([.topics: "X"]), "{topics}")
        XCTAssertEqual(try PromptTemplate("{{topics}}").placeholders, [])
    }

    func assertParseError(
        _ text: String, line: Int, column: Int, mentions fragment: String,
        file: StaticString = #filePath, lineNumber: UInt = #line
    ) {
        do {
            _ = try PromptTemplate(text)
            XCTFail("no error for \(text.debugDescription)", file: file, line: lineNumber)
        } catch let error as PromptTemplate.ParseError {
            XCTAssertEqual(error.line, line, "line for \(text.debugDescription): \(error)", file: file, line: lineNumber)
            XCTAssertEqual(error.column, column, "column for \(text.debugDescription): \(error)", file: file, line: lineNumber)
            XCTAssertTrue(error.message.contains(fragment), "\(error.message)", file: file, line: lineNumber)
            XCTAssertTrue(error.description.contains("line \(line), column \(column)"), error.description, file: file, line: lineNumber)
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: lineNumber)
        }
    }

    func testTemplateErrorsPointAtTheLineAndColumn() {
        assertParseError("Hello {name}", line: 1, column: 7, mentions: "unknown placeholder {name}")
        assertParseError("line one\n  {nope} x", line: 2, column: 3, mentions: "unknown placeholder {nope}")
        assertParseError("{}", line: 1, column: 1, mentions: "unknown placeholder {}")
        assertParseError("{Topics}", line: 1, column: 1, mentions: "unknown placeholder {Topics}")
        assertParseError("ab\ncd }", line: 2, column: 4, mentions: "lone '}'")
        assertParseError("{topics}}", line: 1, column: 9, mentions: "lone '}'")
        assertParseError("x\n\nabc {topics", line: 3, column: 5, mentions: "never closed")
        assertParseError("{{x}}\n{{ {bad}", line: 2, column: 4, mentions: "unknown placeholder {bad}")
        assertParseError("{topics} {levels}\n{knowledge_points}\n\té{oops}", line: 3, column: 3, mentions: "{oops}")
        // The message lists the known placeholders.
        assertParseError("{x}", line: 1, column: 1, mentions: "{topics}, {knowledge_points}, {examples}, {levels}")
    }

    // MARK: 9. ExampleFinder

    /// p1 {a, b}, p2 {a, b, c}, p3 {c}, p4 {a}, p5 {d}, p6 {b, a}.
    func exampleFixture() throws -> SamplingFixture {
        var r = SamplingRecords()
        for kps in [["Kp a", "Kp b"], ["Kp a", "Kp b", "Kp c"], ["Kp c"], ["Kp a"], ["Kp d"], ["Kp b", "Kp a"]] {
            r.add(["Topic"], kps)
        }
        return try SamplingFixture(r)
    }

    func testExampleFinderOrdersByJaccardThenProblemOrder() throws {
        let f = try exampleFixture()
        XCTAssertEqual(f.snapshot.problems.map(\.externalID), ["r0", "r1", "r2", "r3", "r4", "r5"])
        var finder = ExampleFinder(snapshot: f.snapshot)
        func nearest(_ kps: [String], _ k: Int) -> [String] {
            finder.nearest(to: kps.map { f.node($0) }, k: k).map { finder.problem($0).externalID }
        }
        // {a, b}: r0 1, r5 1, r1 2/3, r3 1/2; r2, r4 share nothing.
        XCTAssertEqual(nearest(["Kp a", "Kp b"], 10), ["r0", "r5", "r1", "r3"])
        XCTAssertEqual(nearest(["Kp b", "Kp a"], 3), ["r0", "r5", "r1"])
        XCTAssertEqual(nearest(["Kp a", "Kp b", "Kp a"], 1), ["r0"])
        // {a}: r3 1, r0 1/2, r5 1/2, r1 1/3.
        XCTAssertEqual(nearest(["Kp a"], 10), ["r3", "r0", "r5", "r1"])
        // {a, c}: r1 2/3, r2 1/2, r3 1/2, r0 1/3, r5 1/3 (r2 is reached after r3, via c, yet ranks first on the tie).
        XCTAssertEqual(nearest(["Kp c", "Kp a"], 10), ["r1", "r2", "r3", "r0", "r5"])
        XCTAssertEqual(nearest(["Kp c", "Kp a"], 2), ["r1", "r2"])
        XCTAssertEqual(nearest(["Kp c", "Kp a"], 3), ["r1", "r2", "r3"])
        // {c}: r2 1, r1 1/3.
        XCTAssertEqual(nearest(["Kp c"], 10), ["r2", "r1"])
        XCTAssertEqual(nearest(["Kp d"], 10), ["r4"])
        XCTAssertEqual(nearest([], 5), [])
        XCTAssertEqual(nearest(["Kp a"], 0), [])
        // Repeated calls start from a clean state.
        XCTAssertEqual(nearest(["Kp a", "Kp b"], 10), ["r0", "r5", "r1", "r3"])
    }

    func testASamplesTieBreakSpreadsItsExamplesOverEquallyNearProblems() throws {
        let f = try exampleFixture()
        let finder = ExampleFinder(snapshot: f.snapshot)
        func nearest(_ kps: [String], _ k: Int, _ tieBreak: UInt64) -> [String] {
            finder.nearest(to: kps.map { f.node($0) }, k: k, tieBreak: tieBreak).map { finder.problem($0).externalID }
        }
        // {a, b}: r0 and r5 tie at 1, r1 2/3, r3 1/2; a tie-break reorders only the tie.
        var firsts = Set<String>()
        for sample in 0..<64 {
            let key = SampleSeed.exampleTieBreak(seed: 3, index: sample)
            let order = nearest(["Kp a", "Kp b"], 10, key)
            XCTAssertEqual(Set(order.prefix(2)), ["r0", "r5"])
            XCTAssertEqual(Array(order.dropFirst(2)), ["r1", "r3"])
            XCTAssertEqual(nearest(["Kp a", "Kp b"], 10, key), order, "the same sample, the same examples")
            XCTAssertEqual(nearest(["Kp a", "Kp b"], 1, key), [order[0]])
            firsts.insert(order[0])
        }
        XCTAssertEqual(firsts, ["r0", "r5"], "both tied problems lead for some samples")
    }

    // MARK: 10. SamplingReportBuilder

    func testReportOnAHandComputedSet() throws {
        // Seed KP sets: {x, y}, {z}, {x}. Pool: 3 topics, 3 KPs.
        var r = SamplingRecords()
        r.add(["Topic A"], ["Skill x", "Skill y"])
        r.add(["Topic B"], ["Skill z"])
        r.add(["Topic C"], ["Skill x"])
        let f = try SamplingFixture(r)
        let a = f.node("Topic A"), b = f.node("Topic B"), x = f.node("Skill x"), y = f.node("Skill y"), z = f.node("Skill z")
        func combination(_ topics: [Int32], _ kps: [Int32]) -> ConceptCombination {
            var c = ConceptCombination()
            for t in topics { c.addTopic(t) }
            for k in kps { c.addKnowledgePoint(k) }
            return c
        }
        var builder = SamplingReportBuilder(graph: f.graph())
        XCTAssertEqual(builder.report, SamplingReport())
        builder.add(combination([a, b], [y, x]))  // seed set {x, y}: not novel
        builder.add(combination([a, b], [x, y]))  // same combination again
        builder.add(combination([b, a], [z]))  // seed set {z}: not novel
        builder.add(combination([a], [y, z]))  // novel
        builder.add(combination([a, b], []))  // no seed problem has no KPs: novel
        let report = builder.report
        XCTAssertEqual(report.samples, 5)
        XCTAssertEqual(report.distinctCombinations, 4)
        XCTAssertEqual(report.novelty, 0.4, accuracy: 1e-12)
        XCTAssertEqual(report.topicCoverage, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(report.kpCoverage, 1, accuracy: 1e-12)
        // Topic frequencies A 5, B 4 of 9 mentions, over log(3).
        let entropy = -(5.0 / 9 * log(5.0 / 9) + 4.0 / 9 * log(4.0 / 9)) / log(3.0)
        XCTAssertEqual(report.topicEntropy, entropy, accuracy: 1e-12)
        XCTAssertEqual(report.meanTopics, 1.8, accuracy: 1e-12)
        XCTAssertEqual(report.meanKnowledgePoints, 1.4, accuracy: 1e-12)
        XCTAssertEqual(report.distinctShare, 0.8, accuracy: 1e-12)
        // Pairs {x, y} twice (they co-occur), {y, z} (no problem holds both, no topic has both).
        XCTAssertEqual(report.kpPairs, 3)
        XCTAssertEqual(try XCTUnwrap(report.kpPairPlausibility), 2.0 / 3, accuracy: 1e-12)
        XCTAssertTrue(report.summaryLine.contains("4 distinct (80.0%)"), report.summaryLine)
        XCTAssertEqual(report.samplesWithoutKnowledgePoints, 1)
        XCTAssertTrue(report.summaryLine.hasSuffix("plausible KP pairs 66.7%; 1 without a KP"), report.summaryLine)

        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(report.jsonText.utf8)) as? [String: Any])
        XCTAssertEqual(
            Set(object.keys),
            [
                "samples", "distinct_combinations", "distinct_share", "novelty", "topic_coverage", "kp_coverage",
                "topic_entropy", "mean_topics", "mean_knowledge_points", "samples_without_knowledge_points", "kp_pairs", "kp_pair_plausibility",
            ])
        XCTAssertEqual(object["samples"] as? Int, 5)
        XCTAssertEqual(object["kp_pairs"] as? Int, 3)
        XCTAssertEqual(try XCTUnwrap(object["kp_pair_plausibility"] as? Double), 2.0 / 3, accuracy: 1e-6)
        XCTAssertEqual(object["distinct_combinations"] as? Int, 4)
        XCTAssertEqual(try XCTUnwrap(object["topic_entropy"] as? Double), entropy, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(object["novelty"] as? Double), 0.4, accuracy: 1e-9)
    }

    func testReportEntropyIsOneWhenEveryPoolTopicIsEquallyFrequentAndPoolRespectsMinimumCount() throws {
        var r = SamplingRecords()
        r.add(["Topic A"], ["Skill x"], times: 2)
        r.add(["Topic B"], ["Skill y"], times: 2)
        r.add(["Topic C"], ["Skill z"])  // below --min-count 2
        let f = try SamplingFixture(r)
        let a = f.node("Topic A"), b = f.node("Topic B"), x = f.node("Skill x")
        var builder = SamplingReportBuilder(graph: f.graph(minimumProblems: 2))
        var c1 = ConceptCombination(); c1.addTopic(a); c1.addKnowledgePoint(x)
        var c2 = ConceptCombination(); c2.addTopic(b)
        builder.add(c1)
        builder.add(c2)
        let report = builder.report
        XCTAssertEqual(report.topicCoverage, 1, accuracy: 1e-12)  // 2 of the 2 pool topics
        XCTAssertEqual(report.kpCoverage, 0.5, accuracy: 1e-12)  // 1 of the 2 pool KPs
        XCTAssertEqual(report.topicEntropy, 1, accuracy: 1e-12)
        XCTAssertEqual(report.novelty, 0.5, accuracy: 1e-12)  // {x} is a seed set, {} is not
        // No sample has two KPs: no plausibility figure, null in JSON.
        XCTAssertEqual(report.kpPairs, 0)
        XCTAssertNil(report.kpPairPlausibility)
        XCTAssertTrue(report.jsonText.contains("\"kp_pair_plausibility\":null"), report.jsonText)
        XCTAssertTrue(report.summaryLine.hasSuffix("plausible KP pairs n/a; 1 without a KP"), report.summaryLine)
    }

    /// Pairs that share a topic count, even when no problem holds both; the pool does not matter.
    func testKPPairsThatShareATopicArePlausible() throws {
        var r = SamplingRecords()
        r.add(["Topic A"], ["Skill x"])
        r.add(["Topic A", "Topic B"], ["Skill y"])
        r.add(["Topic B"], ["Skill z", "Skill w"])
        r.add(["Topic C"], ["Skill v"])
        let f = try SamplingFixture(r)
        var plausibility = KPPairPlausibility(snapshot: f.snapshot)
        func check(_ a: String, _ b: String) -> Bool { plausibility.isPlausible(f.node(a), f.node(b)) }
        XCTAssertTrue(check("Skill x", "Skill y"))  // Topic A
        XCTAssertTrue(check("Skill y", "Skill z"))  // Topic B
        XCTAssertTrue(check("Skill z", "Skill w"))  // one problem
        XCTAssertTrue(check("Skill w", "Skill z"))  // either order
        XCTAssertFalse(check("Skill x", "Skill z"))  // A and B are linked, but no topic has both
        XCTAssertFalse(check("Skill v", "Skill x"))
        XCTAssertFalse(check("Skill x", "Skill z"))  // the cached answer
    }

    // MARK: 11. CountRange

    func testCountRangeParsing() {
        XCTAssertEqual(CountRange(parsing: "1...2"), CountRange(1, 2))
        XCTAssertEqual(CountRange(parsing: "0..4"), CountRange(0, 4))
        XCTAssertEqual(CountRange(parsing: "3"), CountRange(3, 3))
        XCTAssertEqual(CountRange(parsing: "2-5"), CountRange(2, 5))
        XCTAssertEqual(CountRange(parsing: "2...2"), CountRange(2, 2))
        XCTAssertEqual(CountRange(parsing: "1 ... 3"), CountRange(1, 3))
        for bad in ["4...1", "-1", "a", "", "1...", "...2", "1-2-3", "1..2..3", "x..y", "2-1", "1.5"] {
            XCTAssertNil(CountRange(parsing: bad), bad)
        }
        XCTAssertEqual(CountRange(1, 2).description, "1...2")
        XCTAssertEqual(CountRange(3, 3).description, "3")
    }

    func testCountRangeDrawsUniformlyWithinItsBounds() {
        var random = SplitMix64(seed: 6)
        let range = CountRange(2, 5)
        var observed = [0, 0, 0, 0]
        for _ in 0..<40_000 {
            let n = range.draw(&random)
            XCTAssertTrue((2...5).contains(n))
            if (2...5).contains(n) { observed[n - 2] += 1 }
        }
        XCTAssertLessThan(samplingChiSquare(observed, weights: [1, 1, 1, 1]), chiSquareCritical999[3]!, "\(observed)")
        XCTAssertEqual(CountRange(4, 4).draw(&random), 4)
    }
}
