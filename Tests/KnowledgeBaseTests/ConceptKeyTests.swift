import XCTest

@testable import KnowledgeBase

/// One test per normalisation rule documented on `ConceptKey`.
final class ConceptKeyTests: XCTestCase {
    func key(_ s: String) -> String { ConceptKey(s).rawValue }

    func testCaseIsFolded() {
        XCTAssertEqual(key("Pythagorean Theorem"), "pythagorean theorem")
        XCTAssertEqual(key("ÉQUATIONS"), key("équations"))
    }

    func testMathDelimitersAreDroppedButTheirContentStays() {
        XCTAssertEqual(key("$x^2$ terms"), "x^2 term")
        XCTAssertEqual(key("\\(a+b\\)"), "a+b")
        XCTAssertEqual(key("\\[\\pi\\]"), "\\pi")
    }

    func testLaTeXSpacingAndWhitespaceBecomeOneSpace() {
        XCTAssertEqual(key("a\\,b"), "a b")
        XCTAssertEqual(key("a\\;b\\!c\\ d~e"), "a b c d e")
        XCTAssertEqual(key("a\\quad b\\qquad c"), "a b c")
        XCTAssertEqual(key("unit\t\n rate"), "unit rate")
        XCTAssertEqual(key("\\quadratic"), "\\quadratic", "a longer command is not \\quad")
    }

    func testHyphensBetweenLettersAndUnderscoresBecomeSpaces() {
        XCTAssertEqual(key("Problem-solving"), key("problem solving"))
        XCTAssertEqual(key("problem_solving"), "problem solving")
        XCTAssertEqual(key("Problem–solving"), "problem solving", "en dash")
        XCTAssertEqual(key("x - y"), "x - y", "a spaced minus keeps its meaning")
        XCTAssertEqual(key("1-1 correspondence"), "1-1 correspondence")
        XCTAssertEqual(key("a^2-b^2"), "a^2-b^2")
    }

    func testSurroundingPunctuationIsTrimmed() {
        XCTAssertEqual(key("  \"Unit rate.\" "), "unit rate")
        XCTAssertEqual(key("Ratios;"), "ratio")
        XCTAssertEqual(key("“Mean”"), "mean")
        XCTAssertEqual(key("(a+b)^2"), "(a+b)^2", "brackets are content, not punctuation")
    }

    func testRunsOfSpacesCollapse() {
        XCTAssertEqual(key("  area   of  a circle "), "area of a circle")
    }

    func testSimplePluralsAreSingularised() {
        XCTAssertEqual(key("Properties of Triangles"), key("property of triangle"))
        XCTAssertEqual(key("Classes"), "class")
        XCTAssertEqual(key("Matches"), "match")
        XCTAssertEqual(key("Boxes"), "box")
        XCTAssertEqual(key("Fractions"), "fraction")
        XCTAssertEqual(key("Law of Sines"), key("law of sine"))
    }

    func testWordsThatOnlyLookPluralAreKept() {
        XCTAssertEqual(key("Mathematics"), "mathematics")
        XCTAssertEqual(key("Statistics"), "statistics")
        XCTAssertEqual(key("Analysis"), "analysis", "-is")
        XCTAssertEqual(key("Calculus"), "calculus", "-us")
        XCTAssertEqual(key("Glass"), "glass", "-ss")
        XCTAssertEqual(key("Arithmetic Series"), "arithmetic series")
        XCTAssertEqual(key("gas"), "gas", "words under four letters are left alone")
        XCTAssertEqual(key("x2s"), "x2s", "only words of letters are singularised")
    }

    func testAnOnlyPunctuationNameIsEmpty() {
        XCTAssertTrue(ConceptKey(" ... ").isEmpty)
        XCTAssertTrue(ConceptKey("$$").isEmpty)
    }
}

extension ConceptKeyTests {
    func testPossessivesAreDropped() {
        XCTAssertEqual(key("Euler's formula"), key("Euler formula"))
        XCTAssertEqual(key("Pythagoras' Theorem"), key("pythagoras theorem"))
        XCTAssertEqual(key("Bayes’ theorem"), key("Bayes theorem"))
    }
}
