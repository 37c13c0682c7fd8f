import Foundation
import KGTestSupport
import XCTest

/// `kg sample --format openai-batch|chat` run as a user would, without --template: the shipped
/// MathScale prompt, with no empty section.
final class SampleRequestsCLITests: XCTestCase {
    func objects(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        XCTAssertTrue(text.hasSuffix("\n"), "output does not end with a newline", file: file, line: line)
        return try text.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], String($0), file: file, line: line)
        }
    }

    /// Checks one prompt against its sample: the default template's sections, none of them empty.
    func assertPrompt(_ prompt: String, sample: [String: Any], file: StaticString = #filePath, line: UInt = #line) throws {
        let kps = try XCTUnwrap(sample["knowledge_points"] as? [String])
        let levels = try XCTUnwrap(sample["levels"] as? [String])
        XCTAssertTrue(prompt.hasPrefix("You are a math teacher."), prompt, file: file, line: line)
        XCTAssertTrue(prompt.contains("\nTopics: \(sample["topics_text"] as! String)\n"), prompt, file: file, line: line)
        XCTAssertEqual(prompt.contains("\nKnowledge points: \(kps.joined(separator: "; "))\n"), !kps.isEmpty, prompt, file: file, line: line)
        XCTAssertEqual(prompt.contains("Knowledge points:"), !kps.isEmpty, prompt, file: file, line: line)
        XCTAssertEqual(prompt.contains("\nLevels where these concepts appear: \(levels.joined(separator: ", "))\n"), !levels.isEmpty, prompt, file: file, line: line)
        XCTAssertEqual(prompt.contains("Levels where"), !levels.isEmpty, prompt, file: file, line: line)
        XCTAssertFalse(prompt.contains("\n\n\n"), prompt, file: file, line: line)
        for text in prompt.split(separator: "\n") { XCTAssertFalse(text.hasSuffix(": "), prompt, file: file, line: line) }
    }

    func testOpenAIBatchWithoutATemplateWritesValidRequestLinesFromTheShippedPrompt() throws {
        let folder = try SampleCorpus.folder()
        // Concepts no record gives a level, and a topic without KPs: samples without levels or KPs.
        folder.write(
            "unlevelled.jsonl",
            """
            {"id": "u1", "topics": ["Topic U", "Topic V"], "knowledge_points": ["Skill u"]}
            {"id": "u2", "topics": ["Topic U"], "knowledge_points": ["Skill u", "Skill v"]}
            {"id": "u3", "topics": ["Topic W"], "knowledge_points": []}

            """)
        let ingested = try KGProcess.run(["ingest", "unlevelled.jsonl"], in: folder.path)
        XCTAssertEqual(ingested.status, 0, ingested.stderr)
        let result = try KGProcess.run(
            [
                "sample", "--min-count", "1", "-n", "60", "--seed", "4", "--format", "openai-batch", "--model", "generator",
                "--samples-file", "samples.jsonl", "-o", "requests.jsonl", "--quiet",
            ], in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        let requests = try objects(folder.read("requests.jsonl"))
        let samples = try objects(folder.read("samples.jsonl"))
        XCTAssertEqual(requests.count, 60)
        XCTAssertEqual(samples.count, 60)
        var withoutLevels = 0, withoutKPs = 0
        for (request, sample) in zip(requests, samples) {
            XCTAssertEqual(request["custom_id"] as? String, "sample-\(sample["id"] as! Int)")
            XCTAssertEqual(request["method"] as? String, "POST")
            XCTAssertEqual(request["url"] as? String, "/v1/chat/completions")
            let body = try XCTUnwrap(request["body"] as? [String: Any])
            XCTAssertEqual(body["model"] as? String, "generator")
            let messages = try XCTUnwrap(body["messages"] as? [[String: Any]])
            XCTAssertEqual(messages.count, 1)
            XCTAssertEqual(messages[0]["role"] as? String, "user")
            try assertPrompt(try XCTUnwrap(messages[0]["content"] as? String), sample: sample)
            if (sample["levels"] as? [String])?.isEmpty == true { withoutLevels += 1 }
            if (sample["knowledge_points"] as? [String])?.isEmpty == true { withoutKPs += 1 }
        }
        // Samples without levels and without KPs occur, and their prompts leave those sections out.
        XCTAssertGreaterThan(withoutLevels, 0)
        XCTAssertGreaterThan(withoutKPs, 0)
    }

    func testChatWithoutATemplateUsesTheShippedPromptWithExamples() throws {
        let folder = try SampleCorpus.folder()
        let result = try KGProcess.run(
            ["sample", "--min-count", "1", "-n", "20", "--seed", "9", "--format", "chat", "--examples", "1", "--samples-file", "samples.jsonl", "--quiet"],
            in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = try objects(result.stdout)
        let samples = try objects(folder.read("samples.jsonl"))
        XCTAssertEqual(lines.count, 20)
        for (line, sample) in zip(lines, samples) {
            let messages = try XCTUnwrap(line["messages"] as? [[String: Any]])
            let prompt = try XCTUnwrap(messages.last?["content"] as? String)
            try assertPrompt(prompt, sample: sample)
            let examples = try XCTUnwrap(sample["examples"] as? [String])
            XCTAssertEqual(prompt.contains("Example 1:\nProblem: Problem "), !examples.isEmpty, prompt)
            // The example's solution or answer follows it, where its record has one.
            if let id = examples.first, let record = SampleCorpus.records.first(where: { $0.id == id }) {
                XCTAssertTrue(prompt.contains("Example 1:\n" + record.exampleText + "\n"), prompt)
            }
        }
    }

    func testAMissingTemplateFileIsStillAnError() throws {
        let folder = try SampleCorpus.folder()
        let result = try KGProcess.run(["sample", "--min-count", "1", "--format", "chat", "--template", "absent.txt"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("absent.txt"), result.stderr)
    }
}
