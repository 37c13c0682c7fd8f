import Foundation
import KGTestSupport
import XCTest

@testable import KnowledgeBase

/// The importers of the high-school and college seed sets: TheoremQA, MathOdyssey and the
/// mathematics_dataset sample, each on lines of its real file and on broken lines.
final class HighSchoolCollegeImporterTests: XCTestCase {
    func testTheoremQAKeepsMathsWithoutPicturesTheoremAsKnowledgePoint() throws {
        let folder = TemporaryFolder()
        // Elements 1-3: maths (Lah numbers), maths (inversion theorem), EECS with a picture.
        let path = folder.write("theoremqa_test.json", try RealData.jsonElements(of: try RealData.file("theoremqa", "theoremqa_test.json"), [0, 1, 2]))
        let records = try Dataset.theoremqa.records(at: path)
        XCTAssertEqual(records.map(\.id), ["theoremqa/jianyu_xu/Lah_number_6.json", "theoremqa/mingyin/inversion-theorem1.json"])
        XCTAssertEqual(records[0].topics, ["Combinatorics"])
        XCTAssertEqual(records[0].knowledgePoints, ["Lah number"])
        XCTAssertEqual(records[0].level, .college)
        XCTAssertEqual(records[0].extra["answer"], .number("11760"))
        // "NONE" is no solution.
        XCTAssertNil(records[0].extra["solution"])
        XCTAssertEqual(records[1].topics, ["Mathematical analysis"])

        folder.write("bad.json", #"[{"field": "Math", "id": "x", "Question": "Q?", "subfield": "Algebra"}]"#)
        XCTAssertThrowsError(try Dataset.theoremqa.records(at: folder.path + "/bad.json")) { error in
            let failure = error as? ImportError
            XCTAssertEqual(failure?.field, "theorem", "\(error)")
            XCTAssertEqual(failure?.line, 1, "\(error)")
        }
    }

    func testMathOdysseyLevelsBecomeBandsAndTheLaTeXResidueGoes() throws {
        let folder = TemporaryFolder()
        folder.write("mathodyssey.jsonl", try RealData.lines(of: try RealData.file("mathodyssey", "mathodyssey.jsonl"), [1]))
        let record = try XCTUnwrap(try Dataset.mathodyssey.records(at: folder.path).first)
        XCTAssertEqual(record.id, "mathodyssey/Problem_1")
        XCTAssertEqual(record.level, .competition)
        XCTAssertEqual(record.topics, ["Algebra"])
        let problem = try XCTUnwrap(record.problem)
        XCTAssertTrue(problem.hasSuffix(#"\underline{\hspace{2cm}}."#), problem)
        XCTAssertEqual(record.extra["answer"]?.stringValue, "16")
        XCTAssertTrue(record.extra["solution"]?.stringValue?.hasPrefix("Taking the 15 numbers") ?? false)
        XCTAssertEqual(MathOdysseyImporter.stripResidue("x \\\\\n\\noindent \n"), "x")

        folder.write("bad.jsonl", #"{"id": "P", "question": "Q", "answer": "1", "reasoning": "", "label": "NumberTheory", "level": "middle school"}"#)
        XCTAssertThrowsError(try Dataset.mathodyssey.records(at: folder.path + "/bad.jsonl")) { error in
            XCTAssertEqual((error as? ImportError)?.field, "level", "\(error)")
            XCTAssertTrue("\(error)".contains("college math"), "\(error)")
        }
        folder.write("words.jsonl", #"{"id": "P", "question": "Q", "label": "NumberTheory", "level": "college math"}"#)
        XCTAssertEqual(try Dataset.mathodyssey.records(at: folder.path + "/words.jsonl").first?.topics, ["Number Theory"])
    }

    func testMathematicsDatasetModulesBecomeTopicKnowledgePointAndLevel() throws {
        let folder = TemporaryFolder()
        folder.write(
            "problems.jsonl",
            """
            {"id": "mathematics-dataset/algebra__linear_1d/1", "module": "algebra__linear_1d", "question": "Solve 4*i - 3 = 17 for i.", "answer": "5"}
            {"id": "d/1", "module": "calculus__differentiate", "question": "What is the second derivative of 3*b**2*g + g wrt g?", "answer": "0"}
            {"id": "d/2", "module": "calculus__differentiate", "question": "Differentiate 4*x**2 wrt x.", "answer": "8*x"}
            """)
        let records = try Dataset.mathematicsDataset.records(at: folder.path)
        XCTAssertEqual(records.map(\.topics), [["Linear equations"], ["Derivatives"], ["Derivatives"]])
        XCTAssertEqual(records[0].knowledgePoints, ["Solving a linear equation in one variable"])
        XCTAssertEqual(records.map(\.level), [.highSchool, .college, .college])
        XCTAssertEqual(records[1].knowledgePoints, ["Derivatives of polynomials", "Higher-order derivatives", "Partial derivatives"])
        XCTAssertEqual(records[2].knowledgePoints, ["Derivatives of polynomials"])
        XCTAssertEqual(records[0].extra["answer"]?.stringValue, "5")

        folder.write("bad.jsonl", #"{"id": "x", "module": "arithmetic__add_or_sub", "question": "1+1"}"#)
        XCTAssertThrowsError(try Dataset.mathematicsDataset.records(at: folder.path + "/bad.jsonl")) { error in
            XCTAssertEqual((error as? ImportError)?.field, "module", "\(error)")
            XCTAssertTrue("\(error)".contains("unknown module 'arithmetic__add_or_sub'"), "\(error)")
        }
    }
}
