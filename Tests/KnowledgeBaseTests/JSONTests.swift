import XCTest

@testable import KnowledgeBase

final class JSONTests: XCTestCase {
    func testParsesEveryKindOfValueInOrder() throws {
        let value = try JSONParser.parse(#" {"b": [1, -2.5e3, true, false, null], "a": {"x": "y"}} "#)
        guard case .object(let object) = value else { return XCTFail() }
        XCTAssertEqual(object.members.map(\.key), ["b", "a"])
        XCTAssertEqual(object["b"], .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null]))
        XCTAssertEqual(object["a"], .object(JSONObject([("x", .string("y"))])))
    }

    func testDecodesEscapesAndSurrogatePairs() throws {
        XCTAssertEqual(try JSONParser.parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#), .string("a\"b\\c/d\n\té😀"))
    }

    func testReportsTheColumnOfTheFirstError() {
        let cases: [(String, Int, String)] = [
            (#"{"a": }"#, 7, "expected a value"),
            (#"{"a" 1}"#, 6, "expected ':'"),
            (#"[1, 2"#, 6, "expected ',' or ']'"),
            (#"{"a": 1} x"#, 10, "unexpected text"),
            (#""abc"#, 1, "unterminated string"),
            (#"01"#, 2, "unexpected text"),
            (#"tru"#, 1, "expected true"),
            (#""\x""#, 2, "unknown escape"),
            (#""\ud800""#, 8, "unpaired"),
        ]
        for (text, column, fragment) in cases {
            XCTAssertThrowsError(try JSONParser.parse(text), text) { error in
                guard let error = error as? JSONSyntaxError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.column, column, text)
                XCTAssertTrue(error.message.contains(fragment), "\(text): \(error.message)")
            }
        }
    }

    func testRejectsNestingBeyondTheLimitWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try JSONParser.parse(deep)) { error in
            XCTAssertTrue("\(error)".contains("nesting deeper"))
        }
    }

    func testWriterEscapesAndRoundTrips() throws {
        let original = JSONValue.object(
            JSONObject([
                ("text", .string("quote \" backslash \\ newline \n tab \t bell \u{07} é")),
                ("n", .number("-1.5e-3")),
                ("list", .array([.null, .bool(true)])),
            ]))
        let text = original.serialized
        XCTAssertFalse(text.contains("\n"))
        XCTAssertEqual(try JSONParser.parse(text), original)
    }

    func testDoubleFormattingIsFixedAndShort() {
        XCTAssertEqual(JSONWriter.format(0.375), "0.375")
        XCTAssertEqual(JSONWriter.format(2), "2")
        XCTAssertEqual(JSONWriter.format(-0.1234567), "-0.123457")
        XCTAssertEqual(JSONWriter.format(1.0 / 3.0), "0.333333")
        XCTAssertEqual(JSONWriter.format(.nan), "null")
    }

    func testUTF8ValidationFindsTheFirstBadByte() {
        let cases: [([UInt8], Int?)] = [
            (Array("héllo".utf8), nil),
            ([0x61, 0xFF], 1),
            ([0x61, 0xC3], 1),  // truncated
            ([0xC0, 0xAF], 0),  // overlong
            ([0xED, 0xA0, 0x80], 0),  // surrogate
            ([0xF4, 0x90, 0x80, 0x80], 0),  // beyond U+10FFFF
        ]
        for (bytes, expected) in cases {
            XCTAssertEqual(bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }, expected, "\(bytes)")
        }
    }
}
