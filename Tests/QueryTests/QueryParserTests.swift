import KnowledgeBase
import XCTest

@testable import Query

final class QueryParserTests: XCTestCase {
    func testAPipelineIsASourceThenStepsInOrder() throws {
        let query = try Query.parse(#"topic "probability" | neighbors kp | where count >= 3 | top 10 by count"#)
        guard case .source(let source) = query.pipeline.head, case .named(let reference) = source.form else {
            return XCTFail("head is not a named source: \(query.pipeline.head)")
        }
        XCTAssertEqual(reference.kind, .topic)
        XCTAssertEqual(reference.name, "probability")
        XCTAssertEqual(reference.range, SourceRange(6, 19))
        XCTAssertEqual(query.pipeline.steps.map(\.keyword), ["neighbors", "where", "top"])
        XCTAssertEqual(query.pipeline.steps[0].form, .neighbors(.kp))
        guard case .filter(.comparison(let c)) = query.pipeline.steps[1].form else { return XCTFail() }
        XCTAssertEqual(c.field.field, .count)
        XCTAssertEqual(c.op, .greaterOrEqual)
        XCTAssertEqual(c.value.value, .number(3))
        XCTAssertEqual(c.field.range, SourceRange(43, 48))
        guard case .top(10, let key) = query.pipeline.steps[2].form else { return XCTFail() }
        XCTAssertEqual(key.field.field, .count)
        XCTAssertTrue(key.descending)
    }

    func testKeywordsIgnoreCaseAndSingularSourcesMeanAll() throws {
        let upper = try Query.parse("TOPICS | TOP 3 BY PROBLEMS")
        guard case .source(let source) = upper.pipeline.head else { return XCTFail() }
        XCTAssertEqual(source.form, .all(.topic))
        XCTAssertEqual(try Query.parse("kp").pipeline.head, .source(Source(form: .all(.kp), range: SourceRange(0, 2))))
        guard case .top(3, let key) = upper.pipeline.steps[0].form else { return XCTFail() }
        XCTAssertEqual(key.field.field, .count, "problems is a spelling of count")
        XCTAssertEqual(key.field.spelling, "problems")
    }

    func testSortIsAscendingAndTopDescendingUnlessToldOtherwise() throws {
        func descending(_ text: String) throws -> Bool {
            switch try Query.parse(text).pipeline.steps[0].form {
            case .sort(let key), .top(_, let key): return key.descending
            default: XCTFail(); return false
            }
        }
        XCTAssertFalse(try descending("topics | sort by name"))
        XCTAssertTrue(try descending("topics | sort by name desc"))
        XCTAssertTrue(try descending("topics | top 3 by count"))
        XCTAssertFalse(try descending("topics | top 3 by count asc"))
    }

    func testAndBindsTighterThanOrAndNotTighterThanBoth() throws {
        let query = try Query.parse(#"topics | where not kind = kp and count > 1 or name ~ "x""#)
        guard case .filter(.or(let terms)) = query.pipeline.steps[0].form else { return XCTFail() }
        XCTAssertEqual(terms.count, 2)
        guard case .and(let conjunction) = terms[0] else { return XCTFail() }
        XCTAssertEqual(conjunction.count, 2)
        guard case .not(.comparison(let c)) = conjunction[0] else { return XCTFail() }
        XCTAssertEqual(c.value.value, .text("kp"))
        let grouped = try Query.parse(#"topics | where not (kind = kp and (count > 1 or name ~ "x"))"#)
        guard case .filter(.not(.and(let inner))) = grouped.pipeline.steps[0].form else { return XCTFail() }
        guard case .or = inner[1] else { return XCTFail() }
    }

    func testSetOperationsBindTighterThanStepsAndReadLeftToRight() throws {
        let query = try Query.parse(#"(topic "a" | neighbors kp) intersect (topic "b" | neighbors kp) except kps ~ "c" | limit 5"#)
        XCTAssertEqual(query.pipeline.setOperations.map(\.op), [.intersect, .except])
        XCTAssertEqual(query.pipeline.steps.map(\.keyword), ["limit"])
        guard case .pipeline(let left) = query.pipeline.head else { return XCTFail() }
        XCTAssertEqual(left.steps.map(\.keyword), ["neighbors"])
        XCTAssertEqual(left.range, SourceRange(0, 26), "a parenthesised pipeline spans its parentheses")
    }

    func testLevelValuesAreReadLikeIngestReadsThem() throws {
        let query = try Query.parse(#"topics | where level = "Grade 8" or level = "HS""#)
        guard case .filter(.or(let terms)) = query.pipeline.steps[0].form,
            case .comparison(let a) = terms[0], case .comparison(let b) = terms[1]
        else { return XCTFail() }
        XCTAssertEqual(a.value.value, .level(.grade8))
        XCTAssertEqual(b.value.value, .level(.highSchool))
    }

    func testStringsTakeEitherQuoteAndOnlyQuoteAndBackslashEscapes() throws {
        func name(_ text: String) throws -> String {
            guard case .source(let s) = try Query.parse(text).pipeline.head, case .named(let r) = s.form else { return "" }
            return r.name
        }
        XCTAssertEqual(try name(#"kp 'Euler\'s formula'"#), "Euler's formula")
        XCTAssertEqual(try name(#"kp "say \"hi\"""#), #"say "hi""#)
        XCTAssertEqual(try name(#"kp "$\frac{a}{b}$""#), #"$\frac{a}{b}$"#, "LaTeX needs no doubling")
        XCTAssertEqual(try name(#"kp "a\\b""#), #"a\b"#)
        XCTAssertEqual(try name("kp \u{201C}typographic\u{201D}"), "typographic")
    }

    func testCommentsAndLineBreaksAreSpace() throws {
        let query = try Query.parse(
            """
            # strongest KPs of a topic
            topic "Geometry"   # the start
              | neighbors kp
              | top 3 by weight
            """)
        XCTAssertEqual(query.pipeline.steps.map(\.keyword), ["neighbors", "top"])
    }

    func testPathAndEgoTakeOptionalKinds() throws {
        XCTAssertEqual(
            try Query.parse(#"topics | path to kp "x""#).pipeline.steps[0].form,
            .path(to: ConceptReference(kind: .kp, name: "x", range: SourceRange(20, 23))))
        XCTAssertEqual(
            try Query.parse(#"topics | path to "x""#).pipeline.steps[0].form,
            .path(to: ConceptReference(kind: .any, name: "x", range: SourceRange(17, 20))))
        XCTAssertEqual(try Query.parse("topics | ego 2 topic").pipeline.steps[0].form, .ego(2, .topic))
        XCTAssertEqual(try Query.parse("topics | ego 0").pipeline.steps[0].form, .ego(0, .any))
        XCTAssertEqual(try Query.parse("topics | neighbours").pipeline.steps[0].form, .neighbors(.any))
    }

    func testNeedsProblemsOnlyForProblemsLevelsSourcesAndIDs() throws {
        XCTAssertFalse(try Query.parse("topics | neighbors kp | top 3 by weight").needsProblems)
        XCTAssertFalse(try Query.parse(#"concept "a" | path to "b" | where name ~ "c""#).needsProblems)
        XCTAssertTrue(try Query.parse("topics | problems").needsProblems)
        XCTAssertTrue(try Query.parse(#"topics | where count > 1 and (level = "K" or kind = kp)"#).needsProblems)
        XCTAssertTrue(try Query.parse(#"(topics | where source = "x") union kps"#).needsProblems)
        XCTAssertTrue(try Query.parse("kps | sort by level").needsProblems)
        XCTAssertTrue(try Query.parse("problems | limit 1").needsProblems)
    }

    func testNestingUpToTheLimitParses() throws {
        let depth = QueryParser.maximumDepth
        let nested = String(repeating: "(", count: depth) + "topics" + String(repeating: ")", count: depth)
        XCTAssertNoThrow(try Query.parse(nested))
        let negations = "topics | where " + String(repeating: "not ", count: depth) + "count > 1"
        XCTAssertNoThrow(try Query.parse(negations))
    }

    func testLongFlatChainsDoNotRecurse() throws {
        let steps = String(repeating: " | limit 5", count: 20_000)
        XCTAssertEqual(try Query.parse("topics" + steps).pipeline.steps.count, 20_000)
        let unions = String(repeating: " union topics", count: 20_000)
        XCTAssertEqual(try Query.parse("topics" + unions).pipeline.setOperations.count, 20_000)
        let ands = "topics | where count > 0" + String(repeating: " and count > 0", count: 20_000)
        guard case .filter(.and(let terms)) = try Query.parse(ands).pipeline.steps[0].form else { return XCTFail() }
        XCTAssertEqual(terms.count, 20_001)
    }
}
