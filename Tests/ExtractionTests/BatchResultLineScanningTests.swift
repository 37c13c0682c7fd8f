import Foundation
import XCTest

@testable import KnowledgeBase
@testable import LLMFormats

/// The scanning fast path of `BatchResultLine` reads exactly what the full decoder reads,
/// for every line it accepts, and accepts the common shape.
final class BatchResultLineScanningTests: XCTestCase {
    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    private func lines() throws -> [(String, String)] {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("batch-lines.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            guard case .object(let c) = try JSONParser.parse(String(line)) else { throw CocoaError(.coderReadCorrupt) }
            return (c["name"]?.stringValue ?? "?", c["raw"]?.stringValue ?? (c["line"] ?? .null).serialized)
        }
    }

    private func fast(_ text: String) -> BatchResultLine? {
        var text = text
        return text.withUTF8 { BatchResultLine.scanning($0) }
    }

    func testTheFastPathAgreesWithTheFullDecoderOnEveryCorpusLine() throws {
        var taken = 0
        for (name, text) in try lines() {
            guard let scanned = fast(text) else { continue }
            taken += 1
            XCTAssertEqual(scanned, try BatchResultLine(line: text), name)
        }
        XCTAssertGreaterThan(taken, 0, "the common shape takes the fast path")
    }

    func testVariantsOfTheCommonShapeAgreeOrFallBack() throws {
        let base =
            #"{"id":"b1","custom_id":"c1","response":{"status_code":200,"body":{"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"A \"quoted\" \\ answer\n","refusal":null},"finish_reason":"stop"},{"message":{"content":"second"}}],"usage":{"prompt_tokens":3,"completion_tokens":4}}},"error":null}"#
        let variants = [
            base,
            base.replacingOccurrences(of: #""content":"A"#, with: #""content":null,"x":"A"#),
            base.replacingOccurrences(of: #""error":null"#, with: #""error":"engine overloaded""#),
            base.replacingOccurrences(of: #""error":null"#, with: #""error":{"code":"x","message":"y"}"#),
            base.replacingOccurrences(of: #""status_code":200"#, with: #""status_code":500"#),
            base.replacingOccurrences(of: #""custom_id":"c1""#, with: #""custom_id":"c1","custom_id":"c2""#),
            base.replacingOccurrences(of: #""prompt_tokens":3"#, with: #""prompt_tokens":"3","prompt_tokens":5"#),
            base.replacingOccurrences(of: #""model":"m""#, with: #""model":"m","model":"n""#),
            base.replacingOccurrences(of: #"{"id":"b1","#, with: #"{"id":"b1","cust\u006fm_id":"escaped key","#),
            base + " ",
            base + " trailing",
            #"{"custom_id":"c","body":{"choices":[{"message":{"content":"clone"}}]}}"#,
        ]
        for text in variants {
            let full = try? BatchResultLine(line: text)
            if let scanned = fast(text) {
                XCTAssertEqual(scanned, full, text)
            }
        }
        XCTAssertNotNil(fast(base))
        XCTAssertEqual(fast(base)?.content, "A \"quoted\" \\ answer\n")
        XCTAssertNil(fast(variants[4]), "a failed status is left to the full decoder")
        XCTAssertNil(fast(variants[10]), "text after the object is left to the full decoder, which rejects it")
    }
}
