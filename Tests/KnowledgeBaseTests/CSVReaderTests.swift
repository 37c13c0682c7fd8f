import XCTest

@testable import KnowledgeBase

final class CSVReaderTests: XCTestCase {
    func records(_ text: String) throws -> [CSVRecord] {
        try CSVReader.records(bytes: Array(text.utf8), path: "t.csv")
    }

    func assertCSVError(
        _ text: String, line: Int, column: Int, containing message: String,
        file: StaticString = #filePath, line testLine: UInt = #line
    ) {
        do {
            _ = try records(text)
            XCTFail("expected a CSVError", file: file, line: testLine)
        } catch let error as CSVError {
            XCTAssertEqual(error.line, line, "\(error)", file: file, line: testLine)
            XCTAssertEqual(error.column, column, "\(error)", file: file, line: testLine)
            XCTAssertTrue(error.message.contains(message), "\(error)", file: file, line: testLine)
            XCTAssertTrue(error.description.hasPrefix("t.csv:\(line):\(column): "), "\(error)", file: file, line: testLine)
        } catch {
            XCTFail("expected a CSVError, got \(error)", file: file, line: testLine)
        }
    }

    func testFieldsAreSplitOnCommasAndRecordsOnLineBreaks() throws {
        XCTAssertEqual(
            try records("a,b,c\n1,2,3\n"),
            [
                CSVRecord(fields: ["a", "b", "c"], line: 1), CSVRecord(fields: ["1", "2", "3"], line: 2),
            ])
    }

    func testCRLFLineBreaksAreOneBreak() throws {
        XCTAssertEqual(try records("a,b\r\n1,2\r\n"), [CSVRecord(fields: ["a", "b"], line: 1), CSVRecord(fields: ["1", "2"], line: 2)])
    }

    func testQuotedFieldsHoldCommasDoubledQuotesAndLineBreaks() throws {
        let parsed = try records("\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,\"\",\"\"\"\"\n")
        XCTAssertEqual(
            parsed,
            [
                CSVRecord(fields: ["x, y", "say \"hi\"", "two\nlines"], line: 1),
                CSVRecord(fields: ["next", "", "\""], line: 3),
            ])
    }

    func testALineBreakInsideAQuotedFieldIsKeptAsWritten() throws {
        XCTAssertEqual(try records("\"a\r\nb\",c\r\n").first?.fields, ["a\r\nb", "c"])
    }

    func testEmptyFieldsAndAMissingFinalLineBreakAreFine() throws {
        XCTAssertEqual(try records(",a,\nb,,"), [CSVRecord(fields: ["", "a", ""], line: 1), CSVRecord(fields: ["b", "", ""], line: 2)])
    }

    func testBlankLinesAndAByteOrderMarkAreSkipped() throws {
        XCTAssertEqual(
            try CSVReader.records(bytes: [0xEF, 0xBB, 0xBF] + Array("a,b\n\n\r\n1,2\n\n".utf8)),
            [
                CSVRecord(fields: ["a", "b"], line: 1), CSVRecord(fields: ["1", "2"], line: 4),
            ])
    }

    func testNonASCIITextIsDecodedAsUTF8() throws {
        XCTAssertEqual(try records("Number and Operations—Fractions,数论\n").first?.fields, ["Number and Operations—Fractions", "数论"])
    }

    func testAQuoteInsideAnUnquotedFieldIsAnError() {
        assertCSVError("a,b\nsay \"hi\",c\n", line: 2, column: 5, containing: "quote inside an unquoted field")
    }

    func testTextAfterAClosingQuoteIsAnError() {
        assertCSVError("a\n\"one\ntwo\"x,b\n", line: 3, column: 5, containing: "after the closing quote")
    }

    func testAnUnclosedQuoteIsReportedWhereItOpens() {
        assertCSVError("a,b\n1,\"open\n\nstill open", line: 2, column: 3, containing: "never closed")
    }

    func testInvalidUTF8IsReportedWithItsLine() {
        do {
            _ = try CSVReader.records(bytes: Array("a,b\nc,".utf8) + [0xFF] + Array("\n".utf8), path: "t.csv")
            XCTFail("expected a CSVError")
        } catch let error as CSVError {
            XCTAssertEqual(error.line, 2)
            XCTAssertEqual(error.column, 3)
            XCTAssertTrue(error.message.contains("UTF-8"))
        } catch {
            XCTFail("expected a CSVError, got \(error)")
        }
    }

    func testTheReaderStreamsRecordsOneAtATime() throws {
        var reader = try CSVReader(bytes: Array("a\nb\n".utf8))
        XCTAssertEqual(try reader.next()?.fields, ["a"])
        XCTAssertEqual(try reader.next()?.fields, ["b"])
        XCTAssertNil(try reader.next())
        XCTAssertNil(try reader.next())
    }
}
