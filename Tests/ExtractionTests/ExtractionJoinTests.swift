import Foundation
import KGTestSupport
import KnowledgeBase
import LLMFormats
import XCTest

@testable import Extraction

final class ExtractionJoinTests: XCTestCase {
    /// A batch output line answering `id` with `content` (or failing with `error`).
    private func resultLine(_ id: String, _ content: String?, status: Int = 200, error: String? = nil, finish: String = "stop") -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("id"); w.string("batch_req_\(id)")
        w.key("custom_id"); w.string(id)
        w.key("response"); w.beginObject()
        w.key("status_code"); w.int(status)
        w.key("body")
        if let content {
            w.beginObject()
            w.key("model"); w.string("test-model")
            w.key("choices"); w.beginArray(); w.beginObject()
            w.key("message"); w.beginObject(); w.key("role"); w.string("assistant"); w.key("content"); w.string(content); w.endObject()
            w.key("finish_reason"); w.string(finish)
            w.endObject(); w.endArray()
            w.key("usage"); w.beginObject(); w.key("prompt_tokens"); w.int(10); w.key("completion_tokens"); w.int(5); w.endObject()
            w.endObject()
        } else {
            w.null()
        }
        w.endObject()
        w.key("error")
        if let error { w.string(error) } else { w.null() }
        w.endObject()
        return w.string
    }

    private let seeds = """
        {"id": "s1", "question": "What is 2 + 3?", "answer": "5", "level": "grade-1"}
        {"id": "s2", "question": "Solve x + 1 = 4.", "source": "algebra-set"}
        {"question": "How many sides has a hexagon?"}
        {"id": "s4", "question": "Factor 12.", "level": "Level 5"}
        {"id": "s5", "question": "Unanswered problem."}
        """

    private func join(results: [String], seeds: String? = nil) throws -> (ExtractionJoin.Summary, [[String: Any]], [[String: Any]]) {
        let folder = TemporaryFolder()
        let seedsPath = folder.write("seeds.jsonl", seeds ?? self.seeds)
        let resultsPath = folder.write("results.jsonl", results.joined(separator: "\n") + "\n")
        let summary = try ExtractionJoin().run(
            results: resultsPath, seeds: seedsPath, output: try OutputFile(path: folder.path + "/records.jsonl"),
            rejects: try OutputFile(path: folder.path + "/rejects.jsonl"))
        func objects(_ name: String) throws -> [[String: Any]] {
            try folder.read(name).split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        }
        return (summary, try objects("records.jsonl"), try objects("rejects.jsonl"))
    }

    func testRecordsFollowSeedOrderWhateverTheAnswerOrder() throws {
        let hexagon = StableID.forText("How many sides has a hexagon?")
        let (summary, records, rejects) = try join(results: [
            resultLine("s4", "```json\n{\"topics\": [\"Number theory\"], \"knowledge_points\": [\"Prime factorisation\"]}\n```"),
            resultLine(hexagon, #"{"Topics": ["Geometry"], "Knowledge Points": ["Polygons", "Counting sides"]}"#),
            resultLine("s2", "Topics: Algebra\nKnowledge points:\n1. Linear equations\n2. Inverse operations"),
            resultLine("s1", #"{"topics": ["Arithmetic"], "knowledge_points": ["Addition"]}"#),
            resultLine("nobody", #"{"topics": ["X"], "knowledge_points": []}"#),
        ])
        XCTAssertEqual(records.map { $0["id"] as? String }, ["s1", "s2", hexagon, "s4"])
        XCTAssertEqual(records[0]["topics"] as? [String], ["Arithmetic"])
        XCTAssertEqual(records[0]["level"] as? String, "grade-1")
        XCTAssertEqual(records[0]["problem"] as? String, "What is 2 + 3?")
        XCTAssertEqual(records[0]["answer"] as? String, "5", "the seed's other fields are kept")
        XCTAssertNil(records[0]["question"], "the text field becomes problem")
        XCTAssertEqual(records[1]["source"] as? String, "algebra-set")
        XCTAssertEqual(records[0]["source"] as? String, "seeds", "a seed without source takes the file's name")
        XCTAssertEqual(records[1]["knowledge_points"] as? [String], ["Linear equations", "Inverse operations"])
        XCTAssertEqual(records[3]["seed_level"] as? String, "Level 5", "a level kg does not know is kept aside, not guessed")
        XCTAssertNil(records[3]["level"])
        XCTAssertEqual((records[0]["extracted"] as? [String: Any])?["model"] as? String, "test-model")
        XCTAssertEqual(rejects.map { $0["custom_id"] as? String }, ["s5"])
        XCTAssertTrue((rejects[0]["reason"] as? String)?.contains("no answer") == true)
        XCTAssertEqual(summary.seeds, 5)
        XCTAssertEqual(summary.parsed, 4)
        XCTAssertEqual(summary.missing, 1)
        XCTAssertEqual(summary.unmatched, 1)
        XCTAssertEqual(summary.repaired, 3)
        XCTAssertEqual(summary.promptTokens, 40)
    }

    func testEverySeedEndsAsARecordOrARejectionWithItsReason() throws {
        let (summary, records, rejects) = try join(results: [
            resultLine("s1", #"{"topics": ["A", "B", "C"], "knowledge_points": ["k1", "k2", "k3", "k4", "k5", "k6", "k7"]}"#),
            resultLine("s2", nil, status: 400, error: "Input validation error: max_tokens too large"),
            resultLine(StableID.forText("How many sides has a hexagon?"), "I'm sorry, I can't help with that."),
            resultLine("s4", #"{"topics": ["Number theory"], "knowledge_po"#, finish: "length"),
            resultLine("s5", ""),
        ])
        XCTAssertEqual(records.count, 1)
        XCTAssertEqual(records[0]["topics"] as? [String], ["A", "B"])
        XCTAssertEqual((records[0]["knowledge_points"] as? [String])?.count, 5)
        XCTAssertEqual(summary.clipped, 1)
        XCTAssertEqual(rejects.count, 4)
        XCTAssertEqual(summary.parsed + summary.rejected + summary.missing, summary.seeds)
        let reasons = rejects.map { $0["reason"] as? String ?? "" }
        XCTAssertTrue(reasons[0].contains("max_tokens too large"), reasons[0])
        XCTAssertTrue(reasons[1].lowercased().contains("refus"), reasons[1])
        XCTAssertTrue(reasons[2].contains("max_tokens"), reasons[2])
        XCTAssertTrue(reasons[3].contains("empty"), reasons[3])
    }

    func testALaterAnswerForTheSameSeedSupersedesAnEarlierFailure() throws {
        let (_, records, rejects) = try join(
            results: [
                resultLine("s1", nil, status: 500, error: "boom"),
                resultLine("s1", #"{"topics": ["Arithmetic"], "knowledge_points": []}"#),
            ], seeds: #"{"id": "s1", "question": "1+1?"}"#)
        XCTAssertEqual(records.count, 1)
        XCTAssertEqual(rejects.count, 0)
    }

    func testAMalformedResultLineStopsTheJoinWithItsLineBeforeWritingAnything() throws {
        let folder = TemporaryFolder()
        let seedsPath = folder.write("seeds.jsonl", seeds)
        let resultsPath = folder.write("results.jsonl", resultLine("s1", "{}") + "\n{\"custom_id\": 7}\n")
        XCTAssertThrowsError(
            try AtomicOutput.write(to: folder.path + "/records.jsonl") { file in
                try ExtractionJoin().run(results: resultsPath, seeds: seedsPath, output: file, rejects: nil)
            }
        ) { error in
            XCTAssertEqual((error as? ResultFileError)?.line, 2)
            XCTAssertTrue("\(error)".contains("custom_id"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/records.jsonl"))
    }

    func testAMalformedSeedLineNamesItsLineAndField() throws {
        let folder = TemporaryFolder()
        let path = folder.write("seeds.jsonl", #"{"id": "a", "question": "ok"}"# + "\n" + #"{"id": "b", "question": 12}"# + "\n")
        let seeds = try SeedFile(path: path)
        XCTAssertNotNil(try seeds.nextSeed())
        XCTAssertThrowsError(try seeds.nextSeed()) { error in
            XCTAssertEqual("\(error)", "\(path):2: field 'question': expected a string, found a number")
        }
    }

    func testTwoSeedsWithOneIdAreAnError() throws {
        let folder = TemporaryFolder()
        let path = folder.write("seeds.jsonl", #"{"id": "a", "question": "x"}"# + "\n\n" + #"{"id": "a", "question": "y"}"# + "\n")
        let seeds = try SeedFile(path: path)
        _ = try seeds.nextSeed()
        XCTAssertThrowsError(try seeds.nextSeed()) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(path):3: field 'id'"), "\(error)")
        }
    }

    func testRequestsCarryTheSeedIdThePromptAndTheSchema() throws {
        let folder = TemporaryFolder()
        let path = folder.write("seeds.jsonl", seeds)
        var builder = ExtractionRequestBuilder(
            template: try PromptTemplate("Problem: {problem}", allowed: PromptTemplate.extractionPlaceholders),
            model: "m")
        builder.responseFormat = .jsonSchema
        let count = try ExtractionRequests.write(seeds: SeedFile(path: path), builder: builder, to: try OutputFile(path: folder.path + "/req.jsonl"))
        XCTAssertEqual(count, 5)
        let lines = folder.read("req.jsonl").split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(lines.map { $0["custom_id"] as? String }, ["s1", "s2", StableID.forText("How many sides has a hexagon?"), "s4", "s5"])
        XCTAssertEqual(lines[0]["method"] as? String, "POST")
        XCTAssertEqual(lines[0]["url"] as? String, "/v1/chat/completions")
        let body = lines[0]["body"] as! [String: Any]
        XCTAssertEqual(body["model"] as? String, "m")
        XCTAssertEqual(body["temperature"] as? Double, 0)
        XCTAssertEqual(((body["messages"] as? [[String: Any]])?.last?["content"]) as? String, "Problem: What is 2 + 3?")
        let format = body["response_format"] as! [String: Any]
        XCTAssertEqual(format["type"] as? String, "json_schema")
        let schema = (format["json_schema"] as! [String: Any])["schema"] as! [String: Any]
        XCTAssertEqual(schema["required"] as? [String], ["topics", "knowledge_points"])
        XCTAssertEqual(schema["additionalProperties"] as? Bool, false)
    }

    func testAnExtractionTemplateRejectsSamplePlaceholders() {
        XCTAssertThrowsError(try PromptTemplate("{topics}", allowed: PromptTemplate.extractionPlaceholders)) { error in
            XCTAssertTrue("\(error)".contains("unknown placeholder {topics}; known: {problem}"), "\(error)")
        }
    }
}

extension ExtractionJoinTests {
    func testAFailureAfterAnAnswerDoesNotHideTheAnswer() throws {
        let folder = TemporaryFolder()
        let seeds = folder.write("seeds.jsonl", #"{"id": "s1", "question": "1+1?"}"# + "\n")
        let answer =
            #"{"custom_id":"s1","response":{"status_code":200,"body":{"choices":[{"message":{"content":"{\"topics\": [\"Arithmetic\"], \"knowledge_points\": []}"}}]}},"error":null}"#
        let failure = #"{"custom_id":"s1","response":null,"error":{"code":"transport","message":"timed out"}}"#
        let results = folder.write("results.jsonl", answer + "\n" + failure + "\n")
        let summary = try ExtractionJoin().run(
            results: results, seeds: seeds, output: try OutputFile(path: folder.path + "/records.jsonl"), rejects: nil)
        XCTAssertEqual(summary.parsed, 1)
        XCTAssertTrue(folder.read("records.jsonl").contains("Arithmetic"))
    }
}
