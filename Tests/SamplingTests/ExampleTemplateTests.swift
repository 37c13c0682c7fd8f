import Foundation
import KGTestSupport
import XCTest

@testable import KnowledgeBase
@testable import Sampling

/// Few-shot examples prefer distinct templates: two examples are not the same problem with
/// other numbers while another near problem is there.
final class ExampleTemplateTests: XCTestCase {
    func testTheNearestOfEachTemplateComeFirstAndRepeatsOnlyFillIn() {
        let templates: [String: Int64?] = ["a": 1, "b": 1, "c": 2, "d": nil, "e": 1]
        func pick(_ candidates: [String], _ count: Int) -> [String] {
            SamplingJob.preferringDistinctTemplates(candidates, count: count) { templates[$0]! }
        }
        XCTAssertEqual(pick(["a", "b", "c"], 2), ["a", "c"])
        XCTAssertEqual(pick(["a", "b", "e"], 2), ["a", "b"], "only one template: the nearest repeat fills in")
        XCTAssertEqual(pick(["a", "b", "d", "c"], 3), ["a", "d", "c"], "no key counts as distinct")
        XCTAssertEqual(pick(["a", "b"], 2), ["a", "b"])
        XCTAssertEqual(pick(["b", "a", "c", "e"], 1), ["b"])
    }

    func testSampledExamplesSkipNumberVariantsOfEachOther() throws {
        let folder = TemporaryFolder()
        // Three problems on the same KPs: two differ only in their numbers.
        let lines = [
            #"{"id": "p1", "problem": "Tom has 3 apples and buys 4 more. How many apples does he have?", "topics": ["Addition"], "knowledge_points": ["Adding whole numbers", "Word problems"]}"#,
            #"{"id": "p2", "problem": "Tom has 12 apples and buys 7 more. How many apples does he have?", "topics": ["Addition"], "knowledge_points": ["Adding whole numbers", "Word problems"]}"#,
            #"{"id": "p3", "problem": "A shelf holds 5 books and 6 more are added. How many books are there?", "topics": ["Addition"], "knowledge_points": ["Adding whole numbers", "Word problems"]}"#,
        ]
        let path = folder.write("records.jsonl", lines.joined(separator: "\n") + "\n")
        let kb = try KnowledgeBase(path: folder.databasePath, create: true)
        // A template key that ignores digits: enough to make p1 and p2 one template here.
        kb.templateKey = { text in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text.utf8 where !(0x30...0x39).contains(byte) {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
            return hash
        }
        _ = try Ingester(knowledgeBase: kb).ingest(files: [path])
        XCTAssertEqual(try kb.exampleProblem(externalID: "p1")?.template, try kb.exampleProblem(externalID: "p2")?.template)
        XCTAssertNotEqual(try kb.exampleProblem(externalID: "p1")?.template, try kb.exampleProblem(externalID: "p3")?.template)

        var job = SamplingJob(settings: SamplerSettings(kind: .cooccurrence), options: SampleRunOptions(count: 40, seed: 3))
        job.examples = 2
        let output = folder.path + "/samples.jsonl"
        _ = try job.run(snapshot: try kb.snapshot(), output: try OutputFile(path: output)) { try kb.exampleProblem(externalID: $0) }
        let samples = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(samples.count, 40)
        for line in samples {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard let examples = object["examples"] as? [String], examples.count == 2 else { continue }
            // Whichever of p1 and p2 is nearer, p3 is the other example.
            XCTAssertTrue(examples.contains("p3"), "\(examples)")
        }
    }
}
