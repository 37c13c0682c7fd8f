import Foundation
import KGFuzz
import XCTest

/// A fast seeded subset of `kg-bench fuzz` (which runs a million inputs per parser): every
/// input is accepted or rejected with the parser's own error, none traps.
final class FuzzSubsetTests: XCTestCase {
    func check(_ target: FuzzTarget, inputs: Int) {
        let tally = target.run(seed: 0xF022, range: 0..<inputs)
        XCTAssertEqual(tally.inputs, inputs)
        XCTAssertEqual(tally.unexpected.count, 0, "\(target): \(tally.unexpected.prefix(5))")
        XCTAssertGreaterThan(tally.rejected, 0, "\(target): the generator never made a bad input")
        print("reliability\tfuzz-\(target.rawValue)\t\(tally.inputs)\t\(tally.unexpected.count)\taccepted \(tally.accepted), rejected \(tally.rejected)")
    }

    func testRecordDecoderTakesGeneratedLines() { check(.records, inputs: 5_000) }
    func testQueryParserTakesGeneratedQueries() { check(.query, inputs: 5_000) }
    func testCSVReaderTakesGeneratedFiles() { check(.csv, inputs: 5_000) }
    func testCurriculumReaderTakesGeneratedFiles() { check(.curriculum, inputs: 1_000) }
}
