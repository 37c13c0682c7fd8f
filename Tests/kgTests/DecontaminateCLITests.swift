import Foundation
import KGTestSupport
import XCTest

final class DecontaminateCLITests: XCTestCase {
    var benchmarks: String { KGProcess.repositoryRoot.appendingPathComponent("data/benchmarks").path }

    /// Lines of the shipped benchmark files, as they are.
    func benchmarkLine(_ file: String, _ number: Int) throws -> String {
        let text = try String(contentsOfFile: benchmarks + "/" + file, encoding: .utf8)
        return String(text.split(separator: "\n")[number - 1])
    }

    func testPlantedCopiesAreFlaggedAndDroppedAndUnrelatedProblemsKept() throws {
        let folder = TemporaryFolder()
        let gsm8k = try JSONSerialization.jsonObject(with: Data(try benchmarkLine("gsm8k/test.jsonl", 10).utf8)) as! [String: Any]
        let math = try JSONSerialization.jsonObject(with: Data(try benchmarkLine("math/test.jsonl", 100).utf8)) as! [String: Any]
        func line(_ id: String, _ text: String) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: ["id": id, "problem": text], options: [.sortedKeys]), as: UTF8.self)
        }
        let clean1 = try line("new1", "Tom buys 3 notebooks for $2 each and a pen for $1. How much does he spend in total?")
        let clean2 = try line("new2", "A square garden has a perimeter of 36 meters. What is its area in square meters?")
        let input = [
            try line("copy-gsm8k", gsm8k["problem"] as! String), clean1,
            try line("copy-math", math["problem"] as! String), clean2,
        ]
        folder.write("gen.jsonl", input.joined(separator: "\n") + "\n")
        let result = try KGProcess.run(["decontaminate", "gen.jsonl", "--against", benchmarks, "--drop", "clean.jsonl", "--json"], in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(folder.read("clean.jsonl"), clean1 + "\n" + clean2 + "\n")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(report["flagged"] as? Int, 2)
        let flagged = report["flagged_problems"] as! [[String: Any]]
        XCTAssertEqual(flagged.map { $0["id"] as? String }, ["copy-gsm8k", "copy-math"])
        let firstMatch = (flagged[0]["matches"] as! [[String: Any]])[0]
        XCTAssertEqual(firstMatch["rule"] as? String, "exact")
        XCTAssertEqual(firstMatch["test_id"] as? String, gsm8k["id"] as? String)
        XCTAssertEqual(firstMatch["benchmark"] as? String, "gsm8k/test")
        let secondMatch = (flagged[1]["matches"] as! [[String: Any]])[0]
        XCTAssertEqual(secondMatch["test_id"] as? String, math["id"] as? String)
        let perBenchmark = report["benchmarks"] as! [[String: Any]]
        XCTAssertEqual(perBenchmark.map { $0["test_problems"] as? Int }, [1319, 5000])
    }

    func testGenerationOutputIsReadThroughADottedTextField() throws {
        let folder = TemporaryFolder()
        let gsm8k = try JSONSerialization.jsonObject(with: Data(try benchmarkLine("gsm8k/test.jsonl", 3).utf8)) as! [String: Any]
        func answerLine(_ customID: String, _ content: String) throws -> String {
            let body: [String: Any] = ["choices": [["index": 0, "message": ["role": "assistant", "content": content], "finish_reason": "stop"]]]
            let line: [String: Any] = ["id": "kg-1", "custom_id": customID, "response": ["status_code": 200, "body": body], "error": NSNull()]
            return String(decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self)
        }
        folder.write(
            "generated.jsonl",
            [try answerLine("sample-0", gsm8k["problem"] as! String), try answerLine("sample-1", "What is the area of a circle of radius 3?")]
                .joined(separator: "\n"))
        let result = try KGProcess.run(
            ["decontaminate", "generated.jsonl", "--text-field", "response.body.choices.0.message.content", "--against", benchmarks, "--json"],
            in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let flagged = report["flagged_problems"] as! [[String: Any]]
        XCTAssertEqual(flagged.map { $0["id"] as? String }, ["sample-0"])
    }

    func testAMalformedLineNamesFileLineAndFieldAndWritesNothing() throws {
        let folder = TemporaryFolder()
        folder.write("gen.jsonl", "{\"problem\": \"Tom has 3 apples.\"}\n{\"problem\": \"Ann\"\n")
        let result = try KGProcess.run(["decontaminate", "gen.jsonl", "--against", benchmarks, "--drop", "clean.jsonl"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("gen.jsonl:2: not valid JSON"), result.stderr)
        XCTAssertTrue(result.stderr.contains("Nothing was written"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/clean.jsonl"))
    }

    func testTheKnowledgeBaseItselfCanBeChecked() throws {
        let folder = TemporaryFolder()
        let gsm8k = try JSONSerialization.jsonObject(with: Data(try benchmarkLine("gsm8k/test.jsonl", 1).utf8)) as! [String: Any]
        let copy = (gsm8k["problem"] as! String).replacingOccurrences(of: "16 eggs", with: "18 eggs")
        let record: [String: Any] = ["id": "seed-1", "problem": copy, "topics": ["Arithmetic"], "knowledge_points": []]
        let other: [String: Any] = ["id": "seed-2", "problem": "What is the area of a circle of radius 3?", "topics": ["Geometry"], "knowledge_points": []]
        let lines = try [record, other].map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        folder.write("r.jsonl", lines.joined(separator: "\n"))
        XCTAssertEqual(try KGProcess.run(["ingest", "r.jsonl"], in: folder.path).status, 0)
        let result = try KGProcess.run(["decontaminate", "--kb", "--against", benchmarks + "/gsm8k"], in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("problems 2, flagged 1, clean 1"), result.stdout)
        XCTAssertTrue(result.stdout.contains("kb:kg.sqlite seed-1: template gsm8k/test/1"), result.stdout)
    }
}
