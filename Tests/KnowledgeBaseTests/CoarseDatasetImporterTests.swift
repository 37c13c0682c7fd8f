import Foundation
import KGTestSupport
import XCTest

@testable import KnowledgeBase

/// The importers of the coarsely labelled evaluation sets, each on a slice of its real file.
final class CoarseDatasetImporterTests: XCTestCase {
    func testMATHTestIsReadWhenItsFileIsNamed() throws {
        let folder = TemporaryFolder()
        let path = folder.write("test.jsonl", try RealData.lines(of: try RealData.file("math", "test.jsonl", sharedOnly: true), [1, 2]))
        let records = try Dataset.math.records(at: path)
        XCTAssertEqual(records.count, 2)
        XCTAssertEqual(records[0].id, "math/test/algebra/1.json")
        XCTAssertEqual(records[0].topics, ["Algebra"])
    }

    func testOlympiadBenchSubfieldIsTheTopicAndSolutionsAreKept() throws {
        let folder = TemporaryFolder()
        folder.write("test.jsonl", try RealData.lines(of: try RealData.file("olympiadbench-math-en", "test.jsonl", sharedOnly: true), [1, 2, 3]))
        let records = try Dataset.olympiadbench.records(at: folder.path)
        XCTAssertEqual(records.count, 3)
        let first = try XCTUnwrap(records.first)
        XCTAssertEqual(first.id, "olympiadbench/1606")
        XCTAssertEqual(first.source, "olympiadbench")
        XCTAssertEqual(first.level, .competition)
        XCTAssertEqual(first.topics, ["Combinatorics"])
        XCTAssertEqual(first.knowledgePoints, [])
        XCTAssertTrue(first.problem?.hasPrefix("Xenia and Sergey play the following game.") ?? false)
        XCTAssertTrue(first.extra["solution"]?.stringValue?.hasPrefix("Sergey can determine Xenia's number in 2") ?? false)
        XCTAssertEqual(first.extra["answer"]?.stringValue, "2")
    }

    func testCollegeMathKeepsEachRowsLicence() throws {
        let folder = TemporaryFolder()
        // Rows 1 (CC BY 3.0), 1001 (bare "Creative Commons License"), 1501 (CC BY-NC-SA 4.0),
        // 2001 (GFDL) and 2149 (a textbook's own no-fee terms).
        folder.write("test.jsonl", try RealData.lines(of: try RealData.file("collegemath", "test.jsonl", sharedOnly: true), [1, 1001, 1501, 2001, 2149]))
        let records = try Dataset.collegemath.records(at: folder.path)
        XCTAssertEqual(records.count, 5)
        let first = records[0]
        XCTAssertEqual(first.id, "collegemath/Beginning_and_Intermediate_Algebra/exercise.0.4.61")
        XCTAssertEqual(first.level, .college)
        XCTAssertEqual(first.topics, ["Algebra"])
        XCTAssertEqual(first.problem, "Simplify: $-10-4(n-5)$")
        XCTAssertEqual(first.extra["answer"]?.stringValue, "$10-4 n$")
        XCTAssertEqual(first.extra["license"]?.stringValue, "Creative Commons Attribution 3.0 Unported License (CC BY 3.0)")
        XCTAssertTrue(records.allSatisfy { $0.extra["license"]?.stringValue?.isEmpty == false })
        XCTAssertEqual(Set(records.map(\.topics[0])).isSubset(of: Set(CollegeMathImporter.topicNames.values)), true)
    }

    func testCollegeMathLicenceSafeKeepsOnlyCCBYRows() throws {
        let folder = TemporaryFolder()
        folder.write("test.jsonl", try RealData.lines(of: try RealData.file("collegemath", "test.jsonl", sharedOnly: true), [1, 1001, 1501, 2001, 2149]))
        let records = try Dataset.collegemath.records(at: folder.path, licenceSafeOnly: true)
        XCTAssertEqual(records.map(\.id), ["collegemath/Beginning_and_Intermediate_Algebra/exercise.0.4.61"])
    }

    func testLicenceSafetyOfEveryLicenceInTheFile() {
        let safe = [
            "Creative Commons Attribution 3.0 Unported License (CC BY 3.0)",
            "Creative Commons License  (CC BY)",
            "Creative Commons Attribution License (CC BY)",
        ]
        let unsafe = [
            "Creative Commons License",
            "Creative Commons Attribution Non-Commercial ShareAlike 4.0 International License (CC BY-NC-SA 4.0)",
            "Creative Commons Attribution-NonCommercial-ShareAlike 3.0 Unported License (CC BY-NC-SA 3.0)",
            "GNU Free Documentation License",
            "The book is copyright (c) by Michael J. Evans and Jeffrey S. Rosenthal. It may be copied and distributed without restriction, provided it is not altered, appropriate attribution is given and no money is charged.",
        ]
        for licence in safe { XCTAssertTrue(CollegeMathImporter.isLicenceSafe(licence), licence) }
        for licence in unsafe { XCTAssertFalse(CollegeMathImporter.isLicenceSafe(licence), licence) }
    }

    func testAMissingSubfieldSaysWhere() throws {
        let folder = TemporaryFolder()
        let path = folder.write("test.jsonl", #"{"id": 9, "question": "Q?"}"# + "\n")
        XCTAssertThrowsError(try Dataset.olympiadbench.records(at: path)) { error in
            XCTAssertEqual("\(error)", "olympiadbench: \(path):1: field 'subfield': missing")
        }
    }
}
