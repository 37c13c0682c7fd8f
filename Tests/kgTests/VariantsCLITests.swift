import Foundation
import KGTestSupport
import XCTest

final class VariantsCLITests: XCTestCase {
    /// The first three lines of GSM8K test, as they are.
    let lines = """
        {"question": "Janet\\u2019s ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes muffins for her friends every day with four. She sells the remainder at the farmers' market daily for $2 per fresh duck egg. How much in dollars does she make every day at the farmers' market?", "answer": "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\\nShe makes 9 * 2 = $<<9*2=18>>18 every day at the farmer\\u2019s market.\\n#### 18"}
        {"question": "A robe takes 2 bolts of blue fiber and half that much white fiber.  How many bolts in total does it take?", "answer": "It takes 2/2=<<2/2=1>>1 bolt of white fiber\\nSo the total amount of fabric is 2+1=<<2+1=3>>3 bolts of fabric\\n#### 3"}
        {"question": "Josh decides to try flipping a house.  He buys a house for $80,000 and then puts in $50,000 in repairs.  This increased the value of the house by 150%.  How much profit did he make?", "answer": "The cost of the house and repairs came out to 80,000+50,000=$<<80000+50000=130000>>130,000\\nHe increased the value of the house by 80,000*1.5=<<80000*1.5=120000>>120,000\\nSo the new value of the house is 120,000+80,000=$<<120000+80000=200000>>200,000\\nSo he made a profit of 200,000-130,000=$<<200000-130000=70000>>70,000\\n#### 70000"}
        """

    func testVariantsAreReproducibleAndReportWhatCouldNotBeDecoupled() throws {
        let folder = TemporaryFolder()
        folder.write("g.jsonl", lines)
        let first = try KGProcess.run(["variants", "g.jsonl", "--per", "2", "--seed", "5", "-o", "v.jsonl", "--report", "r.json"], in: folder.path)
        XCTAssertEqual(first.status, 0, first.stderr)
        let output = folder.read("v.jsonl")
        let variants = try output.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(variants.count, 4, output)
        XCTAssertEqual(variants.map { $0["line"] as? Int }, [1, 1, 2, 2])
        XCTAssertEqual(variants[0]["original_answer"] as? String, "18")
        XCTAssertEqual(variants[0]["id"] as? String, "g.jsonl:1/v1")
        let report = try JSONSerialization.jsonObject(with: Data(folder.read("r.json").utf8)) as! [String: Any]
        XCTAssertEqual(report["problems"] as? Int, 3)
        XCTAssertEqual(report["decoupled"] as? Int, 2)
        // Josh's 1.5 is 150% written another way: not a number of the problem.
        XCTAssertEqual((report["not_decoupled"] as? [String: Int])?["operand not in the problem"], 1)
        XCTAssertTrue(first.stderr.contains("3 problems, 2 decoupled"), first.stderr)

        XCTAssertEqual(try KGProcess.run(["variants", "g.jsonl", "--per", "2", "--seed", "5", "-o", "w.jsonl"], in: folder.path).status, 0)
        XCTAssertEqual(folder.read("w.jsonl"), output)
        XCTAssertEqual(try KGProcess.run(["variants", "g.jsonl", "--per", "2", "--seed", "6", "-o", "x.jsonl"], in: folder.path).status, 0)
        XCTAssertNotEqual(folder.read("x.jsonl"), output)
    }
}
