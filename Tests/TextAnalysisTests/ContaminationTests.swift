import KGTestSupport
import KnowledgeBase
import TextAnalysis
import XCTest

final class ContaminationTests: XCTestCase {
    /// Three real GSM8K test problems (data/benchmarks/gsm8k/test.jsonl, lines 1–3) and one MATH test problem.
    static let tests = [
        #"{"id": "gsm8k/test/1", "problem": "Janet’s ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes muffins for her friends every day with four. She sells the remainder at the farmers' market daily for $2 per fresh duck egg. How much in dollars does she make every day at the farmers' market?"}"#,
        #"{"id": "gsm8k/test/2", "problem": "A robe takes 2 bolts of blue fiber and half that much white fiber.  How many bolts in total does it take?"}"#,
        #"{"id": "gsm8k/test/3", "problem": "Josh decides to try flipping a house.  He buys a house for $80,000 and then puts in $50,000 in repairs.  This increased the value of the house by 150%.  How much profit did he make?"}"#,
        #"{"id": "test/algebra/1.json", "problem": "How many vertical asymptotes does the graph of $y=\\frac{2}{x^2+x-6}$ have?"}"#,
    ]

    func index(_ rules: ContaminationRules = .init()) throws -> ContaminationIndex {
        let folder = TemporaryFolder()
        let path = folder.write("bench.jsonl", Self.tests.joined(separator: "\n"))
        return ContaminationIndex(benchmarks: try BenchmarkSet(path: path), rules: rules)
    }

    func rules(_ text: String, _ index: ContaminationIndex) -> [String] { index.check(text).map(\.rule) }

    var bothSizes: ContaminationRules {
        var rules = ContaminationRules()
        rules.ngramSizes = [13, 10]
        return rules
    }

    func testTheDefaultNGramRuleIs13Words() {
        XCTAssertEqual(ContaminationRules().names, ["exact", "template", "13-gram", "minhash"])
    }

    func testAPlantedCopyIsFoundByEveryRule() throws {
        let index = try self.index(bothSizes)
        let copy = "Josh decides to try flipping a house.  He buys a house for $80,000 and then puts in $50,000 in repairs.  This increased the value of the house by 150%.  How much profit did he make?"
        let matches = index.check(copy)
        XCTAssertEqual(matches.map(\.rule), ["exact", "template", "13-gram", "10-gram", "minhash"])
        XCTAssertEqual(Set(matches.map { index.benchmarks.testID($0.testProblem) }), ["gsm8k/test/3"])
        XCTAssertEqual(matches[2].ngram, "josh decides to try flipping a house he buys a house for $80,000")
        XCTAssertEqual(matches[4].similarity, 1)
    }

    func testTheSameProblemWithOtherNumbersIsFound() throws {
        let index = try self.index(bothSizes)
        let changed = "Janet’s ducks lay 21 eggs per day. She eats five for breakfast every morning and bakes muffins for her friends every day with two. She sells the remainder at the farmers' market daily for $3 per fresh duck egg. How much in dollars does she make every day at the farmers' market?"
        XCTAssertEqual(rules(changed, index), ["template", "13-gram", "10-gram", "minhash"])
    }

    func testAParaphraseWithOtherNumbersIsFound() throws {
        let index = try self.index()
        // Other numbers, another name and a reworded question: no template in common.
        let paraphrase = "Maria's ducks lay 20 eggs per day. She eats two for breakfast every morning and bakes muffins for her friends every day with six. She sells the remainder at the farmers' market daily for $3 per fresh duck egg. How many dollars does she earn each day?"
        let matches = index.check(paraphrase)
        XCTAssertFalse(matches.map(\.rule).contains("template"))
        XCTAssertTrue(matches.map(\.rule).contains("13-gram"), "\(matches)")
        XCTAssertEqual(Set(matches.map { index.benchmarks.testID($0.testProblem) }), ["gsm8k/test/1"])
    }

    func testMinHashAloneFindsTheSameWordsWithOtherNumbersAndAWordChanged() throws {
        var rules = ContaminationRules()
        rules.exact = false
        rules.template = false
        rules.ngramSizes = []
        let index = try self.index(rules)
        let changed = "Janet’s ducks lay 21 eggs per day. She eats five for breakfast every morning and bakes muffins for her friends every day with two. She sells the remainder at the farmers' market daily for $3 per fresh duck egg. How much in dollars does she make every day at the market?"
        let matches = index.check(changed)
        XCTAssertEqual(matches.map(\.rule), ["minhash"])
        XCTAssertEqual(matches.first.map { index.benchmarks.testID($0.testProblem) }, "gsm8k/test/1")
        XCTAssertGreaterThanOrEqual(matches[0].similarity!, 0.7)
        XCTAssertLessThan(matches[0].similarity!, 1)
    }

    func testUnrelatedProblemsAreNotFlagged() throws {
        let index = try self.index()
        for text in [
            "Tom buys 3 notebooks for $2 each and a pen for $1. How much does he spend in total?",
            "How many horizontal asymptotes does the graph of $y=\\frac{x}{x+1}$ have, and where?",
            "A farmer sells eggs at the market every day. He sells 12 eggs on Monday and twice as many on Tuesday. How many eggs does he sell?",
            "Prove that the square root of 2 is irrational.",
        ] {
            XCTAssertEqual(index.check(text), [], text)
        }
    }

    func testRulesCanBeTurnedOffAndSized() throws {
        var rules = ContaminationRules()
        rules.exact = false
        rules.template = false
        rules.minHash = nil
        rules.ngramSizes = [8]
        let index = try self.index(rules)
        XCTAssertEqual(self.rules("He buys a house for $80,000 and then puts in $50,000 in repairs, she said.", index), ["8-gram"])
    }

    func testTheReportCountsPerSourceBenchmarkAndRule() throws {
        let folder = TemporaryFolder()
        let input = folder.write(
            "gen.jsonl",
            [
                #"{"id": "g1", "problem": "A robe takes 3 bolts of blue fiber and half that much white fiber.  How many bolts in total does it take?"}"#,
                #"{"id": "g2", "problem": "Prove that there are infinitely many primes."}"#,
            ].joined(separator: "\n"))
        let problems = try ProblemCollection(files: [input])
        let report = ContaminationReport(checking: problems, against: try index(), threads: 2)
        XCTAssertEqual(report.flagged, 1)
        XCTAssertEqual(report.bySource.map(\.flagged), [1])
        XCTAssertEqual(report.byBenchmark.map(\.flaggedInputs), [1])
        XCTAssertEqual(report.byRule.first { $0.rule == "template" }?.flagged, 1)
        let json = try JSONSerialization.jsonObject(with: Data(report.jsonText.utf8)) as! [String: Any]
        let flagged = json["flagged_problems"] as! [[String: Any]]
        XCTAssertEqual(flagged.map { $0["id"] as? String }, ["g1"])
        let first = (flagged[0]["matches"] as! [[String: Any]])[0]
        XCTAssertEqual(first["test_id"] as? String, "gsm8k/test/2")
        XCTAssertEqual(first["benchmark"] as? String, "bench")
    }
}
