import Foundation
import KnowledgeBase
import XCTest

@testable import Query

/// Random input through the parser and the evaluator, with fixed seeds: nothing traps,
/// nothing hangs, and every failure is a `QueryError` whose description can be printed.
final class QueryFuzzTests: XCTestCase {
    let f = QueryFixture.shared

    /// Tokens of the language (and near misses), for random token sequences.
    static let vocabulary: [String] = [
        "topics", "kps", "concepts", "topic", "kp", "concept", "edges", "problems", "|", "|", "|", "(", ")",
        "union", "intersect", "except", "neighbors", "neighbours", "where", "sort", "by", "asc", "desc", "top", "limit",
        "path", "to", "ego", "and", "or", "not", "name", "kind", "count", "degree", "weight", "level", "source", "id",
        "=", "==", "!=", "<>", "<", "<=", ">", ">=", "~", "\"Geometry\"", "\"algebra\"", "\"Mean\"", "\"grade-8\"",
        "\"alpha\"", "\"x\"", "\"\"", "\"r1\"", "'Pi'", "\"Primes\"", "0", "1", "2", "3", "10", "-1", "2.5",
        "99999999999", "# comment\n", "\n", "!", "&", "\"unterminated", "nieghbors", "topc", "\u{201C}Dice\u{201D}",
    ]

    func testRandomBytesFailOnlyWithQueryErrors() {
        var random = SplitMix64(seed: 0x5EED_0001)
        let alphabet = Array(
            "topics kps concepts topic kp edges problems | ( ) ~ = != < <= > >= \" ' # where and or not sort by top limit path to ego neighbors union 0123456789 -.\\\n\t"
                .utf8)
        var parsed = 0
        for _ in 0..<100_000 {
            let length = random.nextInt(below: 40)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(length)
            for _ in 0..<length {
                // Mostly the query alphabet, sometimes any byte (invalid UTF-8 included).
                bytes.append(
                    random.nextInt(below: 4) == 0 ? UInt8(truncatingIfNeeded: random.next()) : alphabet[random.nextInt(below: alphabet.count)])
            }
            if exercise(String(decoding: bytes, as: UTF8.self)) { parsed += 1 }
        }
        XCTAssertGreaterThan(parsed, 0)
    }

    func testRandomTokenSequencesFailOnlyWithQueryErrors() {
        var random = SplitMix64(seed: 0x5EED_0002)
        var parsed = 0
        for _ in 0..<100_000 {
            let length = 1 + random.nextInt(below: 14)
            var tokens: [String] = []
            for _ in 0..<length { tokens.append(QueryFuzzTests.vocabulary[random.nextInt(below: QueryFuzzTests.vocabulary.count)]) }
            if exercise(tokens.joined(separator: random.nextInt(below: 8) == 0 ? "" : " ")) { parsed += 1 }
        }
        XCTAssertGreaterThan(parsed, 100)
    }

    func testRandomGrammaticalQueriesEvaluateDeterministically() {
        var random = SplitMix64(seed: 0x5EED_0003)
        var evaluated = 0
        for _ in 0..<10_000 {
            let text = QueryFuzzTests.grammatical(&random, depth: 0)
            guard let query = try? Query.parse(text) else { continue }
            do {
                let first = try f.evaluator.evaluate(query)
                let second = try f.evaluator.evaluate(query)
                XCTAssertEqual(first.nodes, second.nodes, text)
                XCTAssertEqual(first.edges, second.edges, text)
                XCTAssertEqual(first.problems, second.problems, text)
                XCTAssertEqual(first.conceptNodes, first.conceptNodes.sorted(), text)
                let graph = first.subgraph
                for e in graph.edges { XCTAssertTrue(e.a < e.b && graph.index(of: e.a) != nil && graph.index(of: e.b) != nil, text) }
                evaluated += 1
            } catch let error as QueryError {
                _ = error.description
            } catch {
                XCTFail("\(text): \(error) is not a QueryError")
            }
        }
        XCTAssertGreaterThan(evaluated, 2_500)
    }

    func testAnEmptyKnowledgeBaseAnswersEveryQueryWithNothingOrAnError() throws {
        let empty = try QueryFixture(records: [])
        XCTAssertEqual(empty.snapshot.nodeCount, 0)
        var random = SplitMix64(seed: 0x5EED_0004)
        for _ in 0..<2_000 {
            let text = QueryFuzzTests.grammatical(&random, depth: 0)
            do {
                let result = try empty.evaluator.evaluate(try Query.parse(text))
                XCTAssertEqual(result.count, 0, text)
                XCTAssertEqual(result.subgraph.nodes.count, 0, text)
            } catch let error as QueryError {
                guard case .unknownConcept = error.reason else {
                    if case .unknownValue = error.reason { continue }
                    if case .fieldNotAvailable = error.reason { continue }
                    if case .wrongInput = error.reason { continue }
                    if case .mismatchedOperands = error.reason { continue }
                    XCTFail("\(text): \(error)")
                    continue
                }
            }
        }
    }

    func testHugeInputsFailFast() {
        let started = Date()
        for text in [
            String(repeating: "(", count: 1_000_000), String(repeating: "not ", count: 100_000),
            "topics | where " + String(repeating: "(", count: 100_000), String(repeating: "\"", count: 100_001),
            "topics" + String(repeating: " | limit 100", count: 50_000), String(repeating: "é", count: 1_000_000),
        ] {
            _ = exercise(text)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
    }

    /// Parses and (when it parses) evaluates `text`; true when it parsed.
    @discardableResult
    private func exercise(_ text: String) -> Bool {
        let query: Query
        do {
            query = try Query.parse(text)
        } catch let error as QueryError {
            XCTAssertFalse(error.description.isEmpty)
            return false
        } catch {
            XCTFail("\(text.debugDescription): \(error) is not a QueryError")
            return false
        }
        do {
            let result = try f.evaluator.evaluate(query)
            _ = result.conceptNodes
        } catch let error as QueryError {
            XCTAssertFalse(error.description.isEmpty)
        } catch {
            XCTFail("\(text.debugDescription): \(error) is not a QueryError")
        }
        return true
    }

    /// A random query that follows the grammar (names and fields may still not fit).
    static func grammatical(_ random: inout SplitMix64, depth: Int) -> String {
        func pick(_ options: [String]) -> String { options[random.nextInt(below: options.count)] }
        let names = ["\"Geometry\"", "\"Algebra\"", "\"Mean\"", "\"Pi\"", "\"Primes\"", "\"Dice\"", "\"Probability\"", "\"Statistics\""]
        var text: String
        if depth < 2, random.nextInt(below: 5) == 0 {
            text =
                "(" + grammatical(&random, depth: depth + 1) + ") " + pick(["union", "intersect", "except"])
                + " (" + grammatical(&random, depth: depth + 1) + ")"
        } else {
            switch random.nextInt(below: 6) {
            case 0: text = pick(["topics", "kps", "concepts"])
            case 1: text = pick(["topic", "kp", "concept"]) + " " + pick(names)
            case 2: text = pick(["topics", "kps", "concepts"]) + " ~ " + pick(["\"a\"", "\"geo\"", "\"theorm\"", "\"\""])
            case 3: text = "edges"
            case 4: text = "problems"
            default: text = "concept " + pick(names)
            }
        }
        for _ in 0..<random.nextInt(below: 5) {
            let field = pick(["name", "kind", "count", "degree", "weight", "level", "source", "id"])
            let value =
                field == "name"
                ? pick(names + ["\"x\""])
                : field == "kind"
                    ? pick(["topic", "kp"])
                    : field == "level"
                        ? pick(["\"grade-8\"", "\"K\"", "\"competition\""])
                        : field == "source"
                            ? pick(["\"alpha\"", "\"beta\""])
                            : field == "id" ? "\"r1\"" : pick(["0", "1", "2", "3"])
            let op =
                ["name", "level", "source", "id"].contains(field)
                ? pick(["=", "!=", "~"]) : field == "kind" ? pick(["=", "!="]) : pick(["=", "!=", "<", "<=", ">", ">="])
            text +=
                " | "
                + pick([
                    "neighbors", "neighbors kp", "neighbors topic", "where \(field) \(op) \(value)",
                    "where not (\(field) \(op) \(value) or count > 1)", "sort by \(field)", "sort by \(field) desc",
                    "top \(random.nextInt(below: 5)) by \(field)", "limit \(random.nextInt(below: 5))", "path to \(pick(names))",
                    "ego \(random.nextInt(below: 3))", "ego 1 kp", "problems", "edges", "concepts",
                ])
        }
        return text
    }
}
