import KGTestSupport
import XCTest

@testable import KnowledgeBase

/// Every class of bad line gets an error naming file, line and field, and a failed ingest
/// leaves the knowledge base exactly as it was.
final class BadInputTests: XCTestCase {
    struct Case {
        var name: String
        var line: [UInt8]
        var field: String?
        var problem: (RecordError.Problem) -> Bool
        var messageFragment: String
    }

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    static let cases: [Case] = [
        Case(
            name: "not JSON", line: bytes(#"{"id": "b", "topics": ["A"], "knowledge_points": [}"#), field: nil,
            problem: { if case .invalidJSON(let e) = $0 { return e.column == 51 } else { return false } },
            messageFragment: "not valid JSON at column 51"),
        Case(
            name: "not UTF-8", line: bytes(#"{"id": "b", "topics": [""#) + [0xC3, 0x28] + bytes(#""], "knowledge_points": []}"#), field: nil,
            problem: { $0 == .invalidUTF8(byteOffset: 24) }, messageFragment: "not valid UTF-8"),
        Case(
            name: "not an object", line: bytes(#"["A", "B"]"#), field: nil,
            problem: { $0 == .notAnObject(found: "an array") }, messageFragment: "expected a JSON object"),
        Case(
            name: "missing id", line: bytes(#"{"topics": ["A"], "knowledge_points": []}"#), field: "id",
            problem: { $0 == .missingIDField }, messageFragment: "required field is missing; if the id has another name pass --id-field NAME"),
        Case(
            name: "raw problem", line: bytes(#"{"question": "What is 2+2?", "answer": "4"}"#), field: "topics",
            problem: { $0 == .rawProblem(textField: "question") }, messageFragment: "tag it first with kg tag FILE -o tagged.jsonl"),
        Case(
            name: "missing topics", line: bytes(#"{"id": "b", "knowledge_points": []}"#), field: "topics",
            problem: { $0 == .missingField }, messageFragment: "required field is missing"),
        Case(
            name: "missing knowledge_points", line: bytes(#"{"id": "b", "topics": ["A"]}"#), field: "knowledge_points",
            problem: { $0 == .missingField }, messageFragment: "required field is missing"),
        Case(
            name: "mistyped topics", line: bytes(#"{"id": "b", "topics": "A", "knowledge_points": []}"#), field: "topics",
            problem: { $0 == .wrongType(expected: "an array of strings", found: "a string") },
            messageFragment: "expected an array of strings, found a string"),
        Case(
            name: "mistyped KP element", line: bytes(#"{"id": "b", "topics": ["A"], "knowledge_points": ["x", 3]}"#), field: "knowledge_points[1]",
            problem: { $0 == .wrongType(expected: "a string", found: "a number") }, messageFragment: "expected a string, found a number"),
        Case(
            name: "mistyped id", line: bytes(#"{"id": true, "topics": ["A"], "knowledge_points": []}"#), field: "id",
            problem: { if case .wrongType = $0 { return true } else { return false } }, messageFragment: "found a boolean"),
        Case(
            name: "mistyped level", line: bytes(#"{"id": "b", "level": 5, "topics": ["A"], "knowledge_points": []}"#), field: "level",
            problem: { if case .wrongType = $0 { return true } else { return false } }, messageFragment: "expected a string or null"),
        Case(
            name: "empty topics", line: bytes(#"{"id": "b", "topics": [], "knowledge_points": ["x"]}"#), field: "topics",
            problem: { $0 == .emptyTopics }, messageFragment: "at least one topic"),
        Case(
            name: "empty name", line: bytes(#"{"id": "b", "topics": ["A", " ... "], "knowledge_points": []}"#), field: "topics[1]",
            problem: { $0 == .emptyName(index: 1) }, messageFragment: "empty after normalisation"),
        Case(
            name: "unknown level", line: bytes(#"{"id": "b", "level": "Level 3", "topics": ["A"], "knowledge_points": []}"#), field: "level",
            problem: { $0 == .unknownLevel("Level 3") }, messageFragment: "expected one of K, grade-1"),
        Case(
            name: "name too long", line: bytes(#"{"id": "b", "topics": [""# + String(repeating: "a", count: 400) + #""], "knowledge_points": []}"#),
            field: "topics[0]",
            problem: { if case .nameTooLong = $0 { return true } else { return false } }, messageFragment: "limited to 300"),
        Case(
            name: "absurdly long line",
            line: bytes(#"{"id": "b", "topics": ["A"], "knowledge_points": [], "problem": ""# + String(repeating: "z", count: 3 << 20) + #""}"#),
            field: nil,
            problem: { if case .lineTooLong(let n, _) = $0 { return n > 3 << 20 } else { return false } },
            messageFragment: "raise it with --max-line-bytes"),
    ]

    /// A knowledge base holding two good records, and a file whose line 3 is bad.
    func prepare(_ bad: Case, folder: TemporaryFolder) throws -> (KnowledgeBase, String) {
        let kb = try KnowledgeBase(path: folder.databasePath, create: true)
        let seed = folder.write("seed.jsonl", IngesterTests.handExample)
        _ = try Ingester(knowledgeBase: kb).ingest(files: [seed])
        let input =
            Self.bytes(
                recordLine("n1", topics: ["Calculus"], kps: ["Limits"]) + "\n"
                    + recordLine("p1", topics: ["Changed"], kps: []) + "\n")
            + bad.line + Self.bytes("\n" + recordLine("n2", topics: ["Calculus"], kps: ["Series"]) + "\n")
        return (kb, folder.write("bad.jsonl", bytes: input))
    }

    func testEveryBadLineAbortsWithItsLocationAndFieldAndChangesNothing() throws {
        for bad in Self.cases {
            let folder = TemporaryFolder()
            let (kb, file) = try prepare(bad, folder: folder)
            let before = try kb.contentDump()
            XCTAssertThrowsError(try Ingester(knowledgeBase: kb).ingest(files: [file]), bad.name) { error in
                guard let error = error as? RecordError else { return XCTFail("\(bad.name): \(error)") }
                XCTAssertEqual(error.location, RecordLocation(file: file, line: 3), bad.name)
                XCTAssertEqual(error.field, bad.field, bad.name)
                XCTAssertTrue(bad.problem(error.problem), "\(bad.name): \(error.problem)")
                XCTAssertTrue(error.description.contains(bad.messageFragment), "\(bad.name): \(error)")
                XCTAssertTrue(error.description.hasPrefix("\(file):3"), "\(bad.name): \(error)")
            }
            XCTAssertEqual(try kb.contentDump(), before, "\(bad.name) changed the knowledge base")
        }
    }

    func testSkipBadIngestsTheRestAndCountsEverySkippedLine() throws {
        for bad in Self.cases {
            let folder = TemporaryFolder()
            let (kb, file) = try prepare(bad, folder: folder)
            var rejected: [(RecordError, Int?)] = []
            let ingester = Ingester(knowledgeBase: kb, options: IngestOptions(skipBad: true))
            ingester.onReject = { error, raw in rejected.append((error, raw?.count)) }
            let summary = try ingester.ingest(files: [file])
            XCTAssertEqual(summary.records, 3, bad.name)
            XCTAssertEqual(summary.skipped, 1, bad.name)
            XCTAssertEqual(summary.rejected.map(\.location.line), [3], bad.name)
            XCTAssertEqual(rejected.count, 1, bad.name)
            try kb.assertCountsMatchMentions()
            XCTAssertEqual(try kb.problemCounts()["topic:Calculus"], 2, bad.name)
        }
    }

    func testSkipBadCountsManyBadLines() throws {
        let folder = TemporaryFolder()
        var lines: [String] = []
        for i in 0..<50 {
            lines.append(i % 5 == 0 ? "garbage \(i)" : recordLine("r\(i)", topics: ["T\(i % 3)"], kps: ["K\(i % 7)"]))
        }
        let file = folder.write("mixed.jsonl", lines.joined(separator: "\n"))
        let kb = try KnowledgeBase(path: folder.databasePath, create: true)
        let summary = try Ingester(knowledgeBase: kb, options: IngestOptions(skipBad: true)).ingest(files: [file])
        XCTAssertEqual(summary.skipped, 10)
        XCTAssertEqual(summary.records, 40)
        XCTAssertEqual(summary.rejected.map(\.location.line), stride(from: 1, through: 46, by: 5).map { $0 })
        try kb.assertCountsMatchMentions()
    }
}
