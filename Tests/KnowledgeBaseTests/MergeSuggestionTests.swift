import KGTestSupport
import XCTest

@testable import KnowledgeBase

final class MergeSuggestionTests: XCTestCase {
    /// Real duplicates of the default knowledge base, and look-alikes that are different concepts.
    func makeKB(_ folder: TemporaryFolder) throws -> KnowledgeBase {
        let kps = [
            ["Squaring Binomials", "Factoring"], ["Squaring a Binomial", "Factoring"],
            ["Converting decimals to fractions"], ["Converting Decimals into Fractions"], ["Converting fractions to decimals"],
            ["Adding within 100"], ["Adding within 1000"],
            ["Unitary Method with One Variable"], ["Unitary Method with Two Variables"],
            ["Word Problems"], ["Work Word Problems"],
            ["Multiplying fractions"], ["Multiplication of Fractions"],
        ]
        // Each look-alike under its own topic, so that only the binomials share neighbours.
        var lines = kps.enumerated().map { recordLine("p\($0.offset)", topics: [$0.offset < 2 ? "Arithmetic" : "Topic \($0.offset)"], kps: $0.element) }
        lines.append(recordLine("t1", topics: ["Odd and Even Numbers"], kps: []))
        lines.append(recordLine("t2", topics: ["Even and Odd Numbers"], kps: []))
        lines.append(recordLine("t3", topics: ["Even and Odd Numbers"], kps: []))
        let kb = try KnowledgeBase(path: folder.databasePath, create: true)
        _ = try Ingester(knowledgeBase: kb).ingest(files: [folder.write("in.jsonl", lines.joined(separator: "\n"))])
        return kb
    }

    func testDuplicatesAreSuggestedAndLookAlikesAreNot() throws {
        let folder = TemporaryFolder()
        let kb = try makeKB(folder)
        let pairs = try kb.mergeSuggestions().map { "\($0.into.kind.rawValue): \($0.into.name) <- \($0.from.name)" }
        XCTAssertEqual(
            Set(pairs),
            [
                "kp: Squaring Binomials <- Squaring a Binomial",  // one problem each: the first name by code point stays
                "kp: Converting Decimals into Fractions <- Converting decimals to fractions",
                "kp: Multiplication of Fractions <- Multiplying fractions",
                "topic: Even and Odd Numbers <- Odd and Even Numbers",
            ], "\(pairs)")
    }

    func testTheKeptConceptIsTheOneWithMoreProblemsAndSharedNeighboursRankFirst() throws {
        let folder = TemporaryFolder()
        let kb = try makeKB(folder)
        let suggestions = try kb.mergeSuggestions()
        let topic = try XCTUnwrap(suggestions.first { $0.into.kind == .topic })
        XCTAssertEqual(topic.into.name, "Even and Odd Numbers")
        XCTAssertEqual(topic.into.problems, 2)
        // The binomial pair shares its neighbours (Arithmetic, Factoring): it ranks first.
        XCTAssertEqual(suggestions.first?.from.name, "Squaring a Binomial")
        XCTAssertEqual(suggestions.first?.sharedNeighbours, 1)
        XCTAssertEqual(try kb.mergeSuggestions(kind: .topic).count, 1)
        XCTAssertEqual(try kb.mergeSuggestions(limit: 2).count, 2)
    }

    func testWordRules() {
        XCTAssertTrue(MergeSimilarity.wordsAgree(["percentages", "word", "problems"], ["percent", "word", "problems"]))
        XCTAssertFalse(MergeSimilarity.wordsAgree(["word", "problems"], ["work", "word", "problems"]))
        XCTAssertTrue(MergeSimilarity.differInANumber(["within", "100"], ["within", "1000"]))
        XCTAssertTrue(MergeSimilarity.saysADirection("converting fraction to decimal"))
        XCTAssertFalse(MergeSimilarity.sameOrder(["fraction", "decimal"], ["decimal", "fraction"]))
    }
}
