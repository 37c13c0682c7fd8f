import Foundation
import KnowledgeBase
import XCTest

@testable import Query

/// The small hand-built knowledge base every query test runs against, with its counts worked
/// out by hand (docs in `records`).
///
/// Two components. Geometry–Algebra–Number theory with KPs Area of a circle, Pi, Pythagorean
/// theorem, Linear equations, Modular arithmetic, Primes; and Probability–Statistics–
/// Combinatorics with KPs Counting, Mean, Dice, built so that the strongest path from
/// Statistics to Probability detours through Mean (1/3 + 1/3 < 1) and Probability → Counting
/// ties the direct edge with a two-hop path (1 = 1/2 + 1/2).
///
/// Problem counts: Probability 7, Algebra 4, Statistics 4, Geometry 3, Combinatorics 2,
/// Number theory 2; Mean 6, Dice 4, Counting 3, Area of a circle 2, Linear equations 2,
/// Modular arithmetic 2, Pythagorean theorem 2, Pi 1, Primes 1.
/// Edges (21): Geometry–Area 2, Geometry–Pi 1, Area–Pi 1, Geometry–Algebra 1, Geometry–Pyth 1,
/// Algebra–Pyth 2, Algebra–Linear 2, Linear–Pyth 1, Algebra–NT 1, Algebra–Modular 1,
/// NT–Modular 2, NT–Primes 1, Modular–Primes 1, Probability–Counting 1, Statistics–Mean 3,
/// Probability–Mean 3, Statistics–Probability 1, Combinatorics–Counting 2,
/// Combinatorics–Dice 2, Counting–Dice 2, Probability–Dice 2.
final class QueryFixture {
    static let records: [ExtractionRecord] = {
        var records: [ExtractionRecord] = []
        func add(_ id: String, _ source: String?, _ level: Level?, _ topics: [String], _ kps: [String], times: Int = 1) {
            for i in 0..<times {
                records.append(
                    ExtractionRecord(
                        id: times == 1 ? id : id + String(UnicodeScalar(UInt8(97 + i))),
                        source: source, level: level, topics: topics, knowledgePoints: kps))
            }
        }
        add("r1", "alpha", .grade3, ["Geometry"], ["Area of a circle", "Pi"])
        add("r2", "alpha", .grade3, ["Geometry"], ["Area of a circle"])
        add("r3", "alpha", .grade8, ["Geometry", "Algebra"], ["Pythagorean theorem"])
        add("r4", "beta", .grade8, ["Algebra"], ["Linear equations", "Pythagorean theorem"])
        add("r5", "beta", .competition, ["Algebra", "Number theory"], ["Modular arithmetic"])
        add("r6", "beta", .competition, ["Number theory"], ["Modular arithmetic", "Primes"])
        add("r7", nil, nil, ["Probability"], ["Counting"])
        add("r8", "gamma", .grade5, ["Algebra"], ["Linear equations"])
        add("r9", "gamma", .grade6, ["Statistics"], ["Mean"], times: 3)
        add("r10", "gamma", .grade6, ["Probability"], ["Mean"], times: 3)
        add("r11", "gamma", .grade7, ["Statistics", "Probability"], [])
        add("r12", "delta", .grade7, ["Combinatorics"], ["Counting", "Dice"], times: 2)
        add("r13", "delta", .grade7, ["Probability"], ["Dice"], times: 2)
        return records
    }()

    static let shared: QueryFixture = try! QueryFixture(records: records)

    let folder: String
    let kb: KnowledgeBase
    let snapshot: GraphSnapshot
    let evaluator: QueryEvaluator

    init(records: [ExtractionRecord], merges: [(into: String, from: String)] = []) throws {
        folder = NSTemporaryDirectory() + "kg-query-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        kb = try KnowledgeBase(path: folder + "/kg.sqlite", create: true)
        _ = try Ingester(knowledgeBase: kb).ingest(records: records)
        for merge in merges { _ = try kb.merge(into: merge.into, from: merge.from) }
        snapshot = try kb.snapshot()
        evaluator = QueryEvaluator(snapshot: snapshot, aliases: try kb.nameKeys())
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Evaluates `text`, failing the test on an error.
    func run(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> QueryResult? {
        do {
            return try evaluator.evaluate(try Query.parse(text))
        } catch {
            XCTFail("\(text): \(error)", file: file, line: line)
            return nil
        }
    }

    /// The names of a result's concept rows, in order.
    func names(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        run(text, file: file, line: line)?.nodes.map { snapshot.names[Int($0)] } ?? []
    }

    /// The error `text` raises (parse or evaluation), or nil with a failure.
    func error(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> QueryError? {
        do {
            _ = try evaluator.evaluate(try Query.parse(text))
            XCTFail("\(text) evaluated without an error", file: file, line: line)
        } catch let error as QueryError {
            return error
        } catch {
            XCTFail("\(text): not a QueryError: \(error)", file: file, line: line)
        }
        return nil
    }

    func node(_ name: String) -> Int32 {
        Int32(snapshot.names.firstIndex(of: name)!)
    }

    /// Edges as "a–b count" with the ends' names in name order, in the result's order.
    func edgeStrings(_ edges: [Subgraph.Edge]) -> [String] {
        edges.map { e in
            let names = [snapshot.names[Int(e.a)], snapshot.names[Int(e.b)]].sorted()
            return "\(names[0])–\(names[1]) \(e.count)"
        }
    }

    /// Problem ids of a result, in order.
    func problemIDs(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        run(text, file: file, line: line)?.problems.map { snapshot.problems[Int($0)].externalID } ?? []
    }
}
