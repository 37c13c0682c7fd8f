import KnowledgeBase
import XCTest

@testable import Query

/// Every error class: where the caret goes, what is expected, what is suggested.
final class QueryErrorTests: XCTestCase {
    let f = QueryFixture.shared

    private func check(
        _ text: String, column: Int, line: Int = 1, message: String, suggestions: [String] = [],
        file: StaticString = #filePath, lineNumber: UInt = #line
    ) {
        guard let error = f.error(text, file: file, line: lineNumber) else { return }
        XCTAssertEqual(error.column, column, "column of \(error)", file: file, line: lineNumber)
        XCTAssertEqual(error.line, line, "line of \(error)", file: file, line: lineNumber)
        XCTAssertEqual(error.message, message, file: file, line: lineNumber)
        XCTAssertEqual(error.suggestions, suggestions, file: file, line: lineNumber)
    }

    func testTheDescriptionShowsTheQueryACaretAndSuggestions() throws {
        let error = try XCTUnwrap(f.error(#"topic "probabilty" | neighbors kp"#))
        XCTAssertEqual(
            error.description,
            """
            column 7: no topic named "probabilty"
              topic "probabilty" | neighbors kp
                    ^~~~~~~~~~~~
              did you mean "Probability"?
            """)
    }

    func testAMultiLineQueryShowsTheLineWithTheError() throws {
        let error = try XCTUnwrap(f.error("topics\n  | nieghbors kp\n  | limit 3"))
        XCTAssertEqual(
            error.description,
            """
            line 2, column 5: expected a step (neighbors, where, sort, top, limit, path, ego, problems, edges, concepts), found 'nieghbors'
                | nieghbors kp
                  ^~~~~~~~~
              did you mean neighbors?
            """)
    }

    func testTheCaretCountsCharactersNotBytesAndKeepsTabs() throws {
        let error = try XCTUnwrap(f.error("kps ~ \"θ\u{301}é\"\t| bogus"))
        XCTAssertEqual(error.column, 14)
        XCTAssertTrue(error.description.hasSuffix("\n" + String(repeating: " ", count: 12) + "\t  ^~~~~"), error.description)
    }

    // MARK: - Lexical

    func testAnUnexpectedCharacter() {
        check("topics $", column: 8, message: #"unexpected character '$': put names in quotes, like kp "$\frac{a}{b}$""#)
        check("topics | where count > 1 && count < 5", column: 26, message: "unexpected character '&': write and to combine conditions")
        check("topics | where ! kind = kp", column: 16, message: "unexpected character '!': write != for 'not equal', or not to negate a condition")
        check("topics \u{1}", column: 8, message: "unexpected character 'U+1'")
    }

    func testAnUnterminatedString() {
        check(#"topic "geometry | neighbors"#, column: 7, message: #"unterminated string: close it with " on the same line"#)
        check("topic 'a\n'", column: 7, message: "unterminated string: close it with ' on the same line")
    }

    // MARK: - Syntax

    func testAMissingOrUnknownSource() {
        check(
            "", column: 1,
            message: "expected a source (topics, kps, concepts, topic \"NAME\", kps ~ \"TEXT\", edges, problems) or '(', found the end of the query")
        check(
            "tpoics | limit 3", column: 1,
            message: "expected a source (topics, kps, concepts, topic \"NAME\", kps ~ \"TEXT\", edges, problems) or '(', found 'tpoics'",
            suggestions: ["topics"])
        check(
            "| limit 3", column: 1,
            message: "expected a source (topics, kps, concepts, topic \"NAME\", kps ~ \"TEXT\", edges, problems) or '(', found '|'")
    }

    func testAnUnknownStep() {
        check(
            "topics | nieghbors kp", column: 10,
            message: "expected a step (neighbors, where, sort, top, limit, path, ego, problems, edges, concepts), found 'nieghbors'",
            suggestions: ["neighbors"])
        check(
            "topics |", column: 9,
            message: "expected a step (neighbors, where, sort, top, limit, path, ego, problems, edges, concepts), found the end of the query")
    }

    func testMissingPiecesOfSteps() {
        check("topics | sort count", column: 15, message: "expected 'by' after sort, as in sort by count, found 'count'")
        check("topics | top x by count", column: 14, message: "expected a whole number after top, as in top 10, found 'x'")
        check("topics | top 3 count", column: 16, message: "expected 'by' after top 3, as in top 3 by count, found 'count'")
        check("topics | path \"x\"", column: 15, message: "expected 'to' after path, as in path to \"pythagorean theorem\", found the string \"x\"")
        check(
            "topics | path to", column: 17,
            message: "expected the quoted name of the concept to reach, as in path to \"geometry\", found the end of the query")
        check("kps ~ pythag", column: 7, message: "expected a quoted text to match after '~', like kps ~ \"fraction\", found 'pythag'")
        check(
            "topics | where", column: 15,
            message:
                "expected a condition such as count >= 3 or name ~ \"fraction\" (fields: name, kind, count (or problems), degree, weight, level, source, id), found the end of the query"
        )
        check("topics | where count 3", column: 22, message: "expected a comparison after count (=, !=, <, <=, >, >=, ~), found the number 3")
        check("topics | where count >", column: 23, message: "expected a number after '>', found the end of the query")
        check("topics topics", column: 8, message: "expected '|' or the end of the query, found 'topics'")
    }

    func testNumbersOutOfRange() {
        check("topics | limit 99999999999", column: 16, message: "expected a whole number from 0 to 2147483647 after limit, found 99999999999")
        check("topics | top -1 by count", column: 14, message: "expected a whole number from 0 to 2147483647 after top, found -1")
        check("topics | ego 1.5", column: 14, message: "expected a whole number from 0 to 2147483647 after ego, found 1.5")
    }

    func testUnbalancedParentheses() {
        check(
            "(topics | limit 3", column: 18, message: "expected ')' to close the '(' at column 1, '|' or a set operation, found the end of the query")
        check("topics | where (count > 1", column: 26, message: "expected ')' to close the '(' at column 16, and or or, found the end of the query")
        check("topics)", column: 7, message: "expected '|' or the end of the query, found ')'")
    }

    func testASetOperationAfterStepsNeedsParentheses() {
        check(
            "topics | limit 2 union kps", column: 18,
            message:
                "expected '|' or the end of the pipeline (to combine pipelines that have steps, put each in parentheses: (A | …) union (B | …)), found 'union'"
        )
    }

    func testNestingTooDeep() {
        let depth = QueryParser.maximumDepth + 1
        check(
            String(repeating: "(", count: depth) + "topics" + String(repeating: ")", count: depth), column: depth,
            message: "the query nests more than 64 levels deep (parentheses and not); simplify it")
        check(
            "topics | where " + String(repeating: "not ", count: depth) + "count > 1", column: 16 + 4 * (depth - 1),
            message: "the query nests more than 64 levels deep (parentheses and not); simplify it")
    }

    // MARK: - Fields and values

    func testAnUnknownField() {
        check(
            #"topics | where nmae = "x""#, column: 16,
            message: "unknown field 'nmae'; fields are name, kind, count (or problems), degree, weight, level, source, id", suggestions: ["name"])
        check(
            "topics | sort by cuont", column: 18,
            message: "unknown field 'cuont'; fields are name, kind, count (or problems), degree, weight, level, source, id", suggestions: ["count"])
    }

    func testAnUnknownValue() {
        check(
            #"topics | where level = "grade 13""#, column: 24,
            message:
                #"unknown level "grade 13"; levels are K, grade-1, grade-2, grade-3, grade-4, grade-5, grade-6, grade-7, grade-8, high-school, college, competition"#,
            suggestions: ["grade-1", "grade-3"])
        check(#"topics | where kind = "topc""#, column: 23, message: #"unknown kind "topc"; kinds are topic and kp"#, suggestions: ["topic"])
        check(
            #"topics | where source = "betta""#, column: 25, message: #"unknown source "betta"; sources are alpha, beta, delta, gamma"#,
            suggestions: ["beta", "delta"])
    }

    func testAValueOfTheWrongType() {
        check(#"topics | where count >= "x""#, column: 25, message: #"count compares with a number, found the text "x""#)
        check("topics | where name = 3", column: 23, message: "name compares with a quoted text, found the number 3")
    }

    func testAnOperatorTheFieldDoesNotSupport() {
        check("topics | where count ~ 3", column: 22, message: "'~' does not apply to count; use =, !=, <, <=, > or >=")
        check("topics | where kind < topic", column: 21, message: "'<' does not apply to kind; use = or !=")
        check(#"topics | where source > "a""#, column: 23, message: "'>' does not apply to source; use =, != or ~")
    }

    func testAFieldTheRowsDoNotHave() {
        check(
            "topics | where weight > 1", column: 16,
            message:
                "field 'weight' is not available here: concepts have no weight; weight is the edge count of rows from neighbors, and of edges (| edges)"
        )
        check(
            "topics | top 3 by weight", column: 19,
            message:
                "field 'weight' is not available here: concepts have no weight; weight is the edge count of rows from neighbors, and of edges (| edges)"
        )
        check(
            #"topic "Geometry" | ego 1 | where weight > 1"#, column: 34,
            message:
                "field 'weight' is not available here: subgraph nodes have no weight; weight is the edge count of rows from neighbors, and of edges (| edges)"
        )
        check(
            "topics | sort by id", column: 18,
            message: "field 'id' is not available here: id is a problem's id; concepts sort by name, kind, count, degree, level or source")
        check("edges | sort by degree", column: 17, message: "field 'degree' is not available here: edges sort by weight (or count), name or kind")
        check("problems | where count > 1", column: 18, message: "field 'count' is not available here: problems have id, level and source")
        check(
            #"edges | where id = "x""#, column: 15,
            message: "field 'id' is not available here: id is a problem's id; edges have weight (or count) and their ends' fields")
    }

    func testFieldErrorsDoNotDependOnRows() {
        // No rows reach the step, and the mistake is still reported.
        check(
            #"kps ~ "zzz" | where weight > 1"#, column: 21,
            message:
                "field 'weight' is not available here: concepts have no weight; weight is the edge count of rows from neighbors, and of edges (| edges)"
        )
    }

    // MARK: - Names and kinds of results

    func testAnUnknownConceptSuggestsTheClosestNames() {
        check(#"kp "pythagoras""#, column: 4, message: #"no knowledge point named "pythagoras""#, suggestions: ["Pythagorean theorem"])
        check(#"concept "geometri""#, column: 9, message: #"no concept named "geometri""#, suggestions: ["Geometry"])
        check(#"topic "zzzzzzzz""#, column: 7, message: #"no topic named "zzzzzzzz""#)
        check(#"topic "Geometry" | path to "primez""#, column: 28, message: #"no concept named "primez""#, suggestions: ["Primes"])
    }

    func testANameOfTheOtherKindSaysWhichKindItIs() {
        check(
            #"topic "pythagorean theorem""#, column: 7,
            message: #"no topic named "pythagorean theorem", but there is a knowledge point: kp "Pythagorean theorem""#)
        check(#"topics | path to kp "Algebra""#, column: 21, message: #"no knowledge point named "Algebra", but there is a topic: topic "Algebra""#)
    }

    func testAStepThatDoesNotTakeItsInput() {
        check(
            "problems | neighbors", column: 12,
            message:
                "neighbors needs concepts, edges, a subgraph or a path, but gets problems here (add | concepts before it to use the problems' concepts)"
        )
        check(
            "problems | ego 1", column: 12,
            message:
                "ego needs concepts, edges, a subgraph or a path, but gets problems here (add | concepts before it to use the problems' concepts)")
        check(
            "problems | edges", column: 12,
            message: "edges needs concepts, a subgraph or a path, but gets problems here (add | concepts before it to use the problems' concepts)")
    }

    func testASetOperationOfDifferentKinds() {
        check(
            "topics union problems", column: 8,
            message:
                "union needs two results of the same kind, but gets concepts and problems; turn one side into the other's kind with | concepts, | edges or | problems"
        )
        check(
            #"edges except (topic "Geometry" | ego 1)"#, column: 7,
            message:
                "except needs two results of the same kind, but gets edges and a subgraph; turn one side into the other's kind with | concepts, | edges or | problems"
        )
    }

    // MARK: - Time limit

    func testAQueryPastItsTimeLimitStopsWithTheCaretOnWhatDidNotRun() throws {
        let query = try Query.parse(#"topic "Geometry" | neighbors kp | top 3 by weight"#)
        XCTAssertThrowsError(try f.evaluator.evaluate(query, timeLimit: .zero)) { error in
            guard let error = error as? QueryError else { return XCTFail("not a QueryError: \(error)") }
            XCTAssertEqual(error.reason, .timeLimit(seconds: 0))
            XCTAssertEqual(error.column, 1, "the source did not run")
            XCTAssertEqual(
                error.message,
                "the query ran past its time limit of 0 s before this part; narrow what comes before it (a name, ~ \"text\", | top N), or run it with kg query, which has no limit"
            )
        }
        let parenthesised = try Query.parse(#"(topic "Geometry" | neighbors kp) union (topic "Algebra" | neighbors kp)"#)
        XCTAssertThrowsError(try f.evaluator.evaluate(parenthesised, timeLimit: .zero)) { error in
            XCTAssertEqual((error as? QueryError)?.column, 2, "the inner pipeline's source")
        }
        XCTAssertEqual(QueryError.seconds(0.5), "0.5 s")
        XCTAssertEqual(QueryError.seconds(2), "2 s")
    }

    func testTheLimitIsCheckedBeforeEveryStep() throws {
        // A clock that moves one second each time it is read: the deadline is read at 0 s,
        // the source at 1 s, the first step at 2 s, the second at 3 s — past 2.5 s.
        let text = #"topic "Geometry" | neighbors kp | top 3 by weight"#
        let start = ContinuousClock.now
        var reads = 0
        let clock = { () -> ContinuousClock.Instant in
            defer { reads += 1 }
            return start.advanced(by: .seconds(reads))
        }
        XCTAssertThrowsError(try f.evaluator.evaluate(try Query.parse(text), timeLimit: .milliseconds(2_500), now: clock)) { error in
            guard let error = error as? QueryError else { return XCTFail("not a QueryError: \(error)") }
            XCTAssertEqual(error.reason, .timeLimit(seconds: 2.5))
            XCTAssertEqual(error.column, text.distance(from: text.startIndex, to: text.range(of: "top 3")!.lowerBound) + 1, "the caret under the step that did not run")
            XCTAssertTrue(error.message.contains("time limit of 2.5 s"), error.message)
        }
        XCTAssertEqual(reads, 4)
    }

    func testAQueryWithinItsTimeLimitGivesWhatAnUnlimitedOneGives() throws {
        let query = try Query.parse(#"topic "Geometry" | neighbors kp | top 3 by weight"#)
        let limited = try f.evaluator.evaluate(query, timeLimit: .seconds(60))
        let unlimited = try f.evaluator.evaluate(query)
        XCTAssertEqual(limited.nodes, unlimited.nodes)
        XCTAssertEqual(limited.weights, unlimited.weights)
        XCTAssertFalse(limited.nodes.isEmpty)
    }
}
