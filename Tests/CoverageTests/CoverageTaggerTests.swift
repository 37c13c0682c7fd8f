import Foundation
import KGTestSupport
import Sampling
import TextAnalysis
import XCTest

@testable import Coverage
@testable import KnowledgeBase

/// `kg tag`'s engine on hand-written problems.
final class CoverageTaggerTests: XCTestCase {
    func tagger(_ folder: TemporaryFolder, kps: [String] = [], configure: (inout ProblemTagger.Options) -> Void = { _ in }) throws -> ProblemTagger {
        var options = ProblemTagger.Options()
        configure(&options)
        return ProblemTagger(keywords: AreaKeywords(curriculum: try tinyCurriculum(in: folder)), knowledgePoints: kps, options: options)
    }

    func testHandWrittenProblemsGetTheirAreasInTheirBand() throws {
        let folder = TemporaryFolder()
        let tagger = try tagger(folder)
        let c = tagger.keywords.curriculum
        var tags = tagger.tag(text: "A chord of length 6 is 4 units from the centre. Find the radius of the circle.", level: .competition)
        XCTAssertEqual(c.areaCodes(tags.areas), ["COMP.GEO.CIRC"])
        XCTAssertEqual(tags.scores, [3])
        tags = tagger.tag(text: "Which two of these are equivalent fractions: 2/4, 3/6, 4/9?", level: .grade4)
        XCTAssertEqual(c.areaCodes(tags.areas), ["4.NF.A"])
        // A keyword of another band does not count.
        XCTAssertEqual(tagger.tag(text: "Draw a circle.", level: .grade4).areas, [])
        // Two areas close in score are both kept, best first.
        tags = tagger.tag(text: "Triangle ABC has an angle bisector AD; the circle of radius 5 through A has a chord BC.", level: .competition)
        XCTAssertEqual(c.areaCodes(tags.areas), ["COMP.GEO.CIRC", "COMP.GEO.TRI"])
        XCTAssertEqual(tags.scores, [3, 3])
        // One far behind the best is not.
        tags = tagger.tag(text: "Triangle ABC has an angle bisector AD and lies in a circle.", level: .competition)
        XCTAssertEqual(c.areaCodes(tags.areas), ["COMP.GEO.TRI"])
    }

    func testTheBandIsGuessedByKeywordsWhenNoneIsGiven() throws {
        let folder = TemporaryFolder()
        let tagger = try tagger(folder)
        var tags = tagger.tag(text: "Knights and knaves: A says B lies.", level: nil)
        XCTAssertEqual(tags.band, .competition)
        XCTAssertTrue(tags.bandGuessed)
        XCTAssertEqual(tagger.keywords.curriculum.areaCodes(tags.areas), ["COMP.LOGIC"])
        tags = tagger.tag(text: "How many unit fractions add up to a mixed number?", level: nil)
        XCTAssertEqual(tags.band, .grade4)
        let fixed = try self.tagger(folder) { $0.level = .competition }
        XCTAssertEqual(fixed.tag(text: "How many unit fractions?", level: .grade4).band, .competition)
        let noGuess = try self.tagger(folder) { $0.guessBand = false }
        XCTAssertNil(noGuess.tag(text: "Knights and knaves", level: nil).band)
        XCTAssertEqual(noGuess.tag(text: "Knights and knaves", level: nil).areas, [])
    }

    func testKnownKnowledgePointsAreFoundWholeLongestFirstInTextOrder() throws {
        let folder = TemporaryFolder()
        let tagger = try tagger(folder, kps: ["Power of a point", "Inscribed angle theorem", "Angle", "Point", "Circle area"])
        // Single short common words are not used as KP names.
        XCTAssertEqual(tagger.knowledgePointNames, ["Power of a point", "Inscribed angle theorem", "Circle area"])
        let tags = tagger.tag(text: "By the inscribed angle theorem and the power of a point, find the circle area.", level: .competition)
        XCTAssertEqual(
            tags.knowledgePoints.map { tagger.knowledgePointNames[$0] },
            ["Inscribed angle theorem", "Power of a point", "Circle area"])
    }

    func testTaggedLinesAreExtractionRecordsThatKeepTheOtherFields() throws {
        let folder = TemporaryFolder()
        let tagger = try tagger(folder, kps: ["Angle bisector theorem"]) { $0.explain = true }
        var writer = JSONWriter()
        let line = #"{"id": 7, "question": "Use the angle bisector theorem in triangle ABC.", "answer": "4", "level": "competition"}"#
        var bytes = Array(line.utf8)
        let result = try bytes.withUnsafeBufferPointer {
            try tagger.tagLine($0, location: RecordLocation(file: "in.jsonl", line: 3), stem: "in", writer: &writer)
        }
        XCTAssertTrue(result.written)
        XCTAssertEqual(
            writer.string,
            #"{"id":"7","source":"in","level":"competition","topics":["Triangles"],"#
                + #""knowledge_points":["Angle bisector theorem"],"problem":"Use the angle bisector theorem in triangle ABC.","#
                + #""areas":["COMP.GEO.TRI"],"tagged":{"by":"kg tag","band":"given","scores":[3],"#
                + #""keywords":["angle bisector","triangle"]},"answer":"4"}"# + "\n")
        // The record reads back as an extraction record with the areas kept as an extra field.
        bytes = Array(writer.bytes.dropLast())
        let record = try bytes.withUnsafeBufferPointer { try RecordDecoder().decode($0, at: RecordLocation(file: "t", line: 1)) }
        XCTAssertEqual(record.topics, ["Triangles"])
        XCTAssertEqual(record.extra["areas"], .array([.string("COMP.GEO.TRI")]))
    }

    func testUntaggedRecordsAreKeptWithAnUntaggedTopicOrDropped() throws {
        let folder = TemporaryFolder()
        let input = folder.write(
            "in.jsonl",
            """
            {"problem": "What is the weather like?"}
            {"problem": "Find the radius of the circle.", "level": "competition"}

            """)
        let kept = folder.path + "/kept.jsonl", dropped = folder.path + "/dropped.jsonl"
        let keep = try tagger(folder)
        var summary = try keep.run(files: [input], output: try OutputFile(path: kept), threads: 2)
        XCTAssertEqual(summary.records, 2)
        XCTAssertEqual(summary.tagged, 1)
        XCTAssertEqual(summary.untagged, 1)
        let lines = try String(contentsOfFile: kept, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasPrefix(#"{"id":"in/1","source":"in","topics":["Untagged"],"knowledge_points":[]"#), String(lines[0]))
        XCTAssertTrue(lines[1].contains(#""areas":["COMP.GEO.CIRC"]"#), String(lines[1]))
        let drop = try tagger(folder) { $0.untagged = .drop }
        summary = try drop.run(files: [input], output: try OutputFile(path: dropped), threads: 1)
        XCTAssertEqual(summary.dropped, 1)
        XCTAssertEqual(try String(contentsOfFile: dropped, encoding: .utf8).split(separator: "\n").count, 1)
    }

    func testOneThreadAndTwoThreadsWriteTheSameBytes() throws {
        let folder = TemporaryFolder()
        let texts = [
            "Find the radius of the circle.", "Equivalent fractions", "nothing here", "Knights and knaves",
            "A triangle and its angle bisector", "Unit fractions and a mixed number",
        ]
        let input = folder.write("in.jsonl", (0..<3_000).map { #"{"problem": "\#(texts[$0 % texts.count]) \#($0)"}"# }.joined(separator: "\n"))
        let tagger = try tagger(folder)
        var outputs: [String] = []
        for threads in [1, 2] {
            let path = folder.path + "/out\(threads).jsonl"
            _ = try tagger.run(files: [input], output: try OutputFile(path: path), threads: threads)
            outputs.append(try String(contentsOfFile: path, encoding: .utf8))
        }
        XCTAssertEqual(outputs[0], outputs[1])
        XCTAssertEqual(outputs[0].split(separator: "\n").count, 3_000)
    }

    func testAMalformedProblemLineStopsTheRunWithItsLine() throws {
        let folder = TemporaryFolder()
        let cases: [(String, String)] = [
            (#"{"problem": "ok"}"# + "\n" + #"{"problem": "broken"#, "in.jsonl:2: not valid JSON"),
            (
                #"{"problem": "ok"}"# + "\n" + #"{"text_of_it": "no text field"}"#,
                "in.jsonl:2: no problem text: the line has none of the fields problem, question, text, statement, prompt; its text fields are text_of_it. Name the one that holds the problem with --text-field (e.g. --text-field text_of_it)"
            ),
            (#"{"problem": "ok"}"# + "\n" + #"{"problem": 42}"#, "in.jsonl:2: field 'problem': expected a string"),
            ("[1]", "in.jsonl:1: expected a JSON object per line"),
        ]
        for (text, message) in cases {
            let input = folder.write("in.jsonl", text + "\n")
            XCTAssertThrowsError(try tagger(folder).run(files: [input], output: try OutputFile(path: folder.path + "/out.jsonl"))) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error) should contain \(message)")
            }
        }
    }
}
