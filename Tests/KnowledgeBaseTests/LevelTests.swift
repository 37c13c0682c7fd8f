import XCTest

@testable import KnowledgeBase

final class LevelTests: XCTestCase {
    func testCanonicalNamesAndCommonVariantsParse() {
        let cases: [(String, Level?)] = [
            ("K", .kindergarten), ("kindergarten", .kindergarten), ("grade-1", .grade1), ("Grade 5", .grade5),
            ("5th grade", .grade5), ("1st grade", .grade1), ("grade_8", .grade8), ("high-school", .highSchool),
            ("High School", .highSchool), ("grade 10", .highSchool), ("college", .college),
            ("Competition", .competition), ("olympiad", .competition),
            ("Level 3", nil), ("grade 13", nil), ("", nil), ("expert", nil),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(Level(parsing: text), expected, text)
        }
    }

    func testLevelsAreOrderedFromKindergartenToCompetition() {
        XCTAssertEqual(Level.allCases.first, .kindergarten)
        XCTAssertEqual(Level.allCases.last, .competition)
        XCTAssertLessThan(Level.grade8, Level.highSchool)
        XCTAssertEqual(
            Level.canonicalList, "K, grade-1, grade-2, grade-3, grade-4, grade-5, grade-6, grade-7, grade-8, high-school, college, competition")
    }
}
