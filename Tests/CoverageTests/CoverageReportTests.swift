import Foundation
import KGTestSupport
import Sampling
import TextAnalysis
import XCTest

@testable import Coverage
@testable import KnowledgeBase

/// Reports of a small knowledge base whose every figure is worked out by hand.
final class CoverageReportTests: XCTestCase {
    /// Seven problems, one per route (and one in two areas):
    /// p1 explicit 4.NF.A; p2 concepts → 4.G.A; p3 concepts → 4.NF.B and 4.G.A (½ each);
    /// p4 text → COMP.GEO.CIRC; p5 COMP.GEO only; p6 competition only; p7 nowhere.
    /// Area weights: 4.NF.A 1, 4.NF.B ½, 4.G.A 1½, COMP.GEO.CIRC 1, COMP.GEO.TRI 0, COMP.LOGIC 0.
    static let records = """
        {"id": "p1", "level": "grade-4", "topics": ["Fractions"], "knowledge_points": ["Equivalent fractions"], "standard": "4.NF.1"}
        {"id": "p2", "level": "grade-4", "topics": ["Geometry"], "knowledge_points": ["Angles"]}
        {"id": "p3", "level": "grade-4", "topics": ["Fractions"], "knowledge_points": ["Unit fractions", "Angles"]}
        {"id": "p4", "level": "competition", "topics": ["Geometry"], "knowledge_points": [], "problem": "Find the radius of the circle."}
        {"id": "p5", "level": "competition", "topics": ["Geometry"], "knowledge_points": [], "problem": "Find x."}
        {"id": "p6", "level": "competition", "topics": ["Algebra"], "knowledge_points": []}
        {"id": "p7", "topics": ["Stuff"], "knowledge_points": []}
        """

    struct Fixture {
        let folder = TemporaryFolder()
        let context: CoverageContext
        let kb: KnowledgeBase
        let datasetPath: String

        init() throws {
            context = CoverageContext(curriculum: try tinyCurriculum(in: folder), curriculumPath: "tiny.jsonl")
            datasetPath = folder.write("records.jsonl", CoverageReportTests.records + "\n")
            kb = try KnowledgeBase(path: folder.databasePath, create: true)
            _ = try Ingester(knowledgeBase: kb).ingest(files: [datasetPath])
        }
    }

    func testTheKnowledgeBaseReportHasTheHandComputedFigures() throws {
        let fixture = try Fixture()
        let report = try CoverageReport(audit: try fixture.context.audit(knowledgeBase: fixture.kb), target: .uniform)
        XCTAssertEqual(report.problemCounts.total, 7)
        XCTAssertEqual(MappingRoute.allCases.map { report.problems(route: $0) }, [1, 2, 1, 1, 1, 1])
        XCTAssertEqual(report.areas.map(\.code), ["4.NF.A", "4.NF.B", "4.G.A", "COMP.GEO.CIRC", "COMP.GEO.TRI", "COMP.LOGIC"])
        XCTAssertEqual(report.areas.map(\.weight), [1, 0.5, 1.5, 1, 0, 0])
        XCTAssertEqual(report.areas.map(\.share), [0.25, 0.125, 0.375, 0.25, 0, 0])
        XCTAssertEqual(report.areas.map(\.problems), [1, 1, 2, 1, 0, 0])
        // Distinct concepts of each area's problems: {Fractions, Equivalent fractions};
        // {Fractions, Unit fractions, Angles}; those and Geometry; {Geometry}.
        XCTAssertEqual(report.areas.map(\.concepts), [2, 3, 4, 1, 0, 0])
        for row in report.areas { XCTAssertEqual(row.targetShare, 1.0 / 6, accuracy: 1e-12) }
        XCTAssertEqual(report.areas[1].deficit, 1.0 / 6 - 0.125, accuracy: 1e-12)
        XCTAssertEqual(report.areas[4].needed, 1)  // (4/6 − 0) / (5/6) = 0.8 → 1

        let t = report.totals
        XCTAssertEqual(t.areas, 6)
        XCTAssertEqual(t.areasCovered, 4)
        XCTAssertEqual(t.entropyBits, 1.905_639_062_229_566_5, accuracy: 1e-12)
        XCTAssertEqual(t.normalisedEntropy, 0.737_201_820_799_307_1, accuracy: 1e-12)
        XCTAssertEqual(t.gini, 11.0 / 24, accuracy: 1e-12)
        XCTAssertEqual(t.klBits, 0.194_071_587_762_729_26, accuracy: 1e-12)
        // Head: the ⌈1.2⌉ = 2 heaviest areas (1.5 + 1); tail 1.5 of 4.
        XCTAssertEqual(t.longTailShare, 0.375, accuracy: 1e-12)

        XCTAssertEqual(report.bandRows.map(\.code), ["grade-4", "competition"])
        XCTAssertEqual(report.bandRows.map(\.problems), [3, 3])
        XCTAssertEqual(report.bandRows.map(\.unplaced), [0, 1])
        XCTAssertEqual(report.bandRows.map(\.share), [0.75, 0.25])
        XCTAssertEqual(report.bandRows[1].deficit, 0.25, accuracy: 1e-12)
        XCTAssertEqual(report.domains.map(\.code), ["4.NF", "4.G", "COMP.GEO", "COMP.LOGIC"])
        XCTAssertEqual(report.domains.map(\.problems), [2, 2, 2, 0])
        XCTAssertEqual(report.domains.map(\.unplaced), [0, 0, 1, 0])
        XCTAssertEqual(report.domains.map(\.areasCovered), [2, 1, 1, 0])
        // Equal deficits: the domain with the larger deficit first (COMP.LOGIC 1/6 > COMP.GEO 1/12).
        XCTAssertEqual(report.underRepresented.map(\.code), ["COMP.LOGIC", "COMP.GEO.TRI", "4.NF.B"])
    }

    func testADatasetFileGivesTheSameAreasAsTheKnowledgeBase() throws {
        let fixture = try Fixture()
        let fromKB = try CoverageReport(audit: try fixture.context.audit(knowledgeBase: fixture.kb), target: .uniform)
        for threads in [1, 2] {
            let fromFile = try CoverageReport(audit: try fixture.context.audit(datasetPath: fixture.datasetPath, threads: threads), target: .uniform)
            XCTAssertEqual(fromFile.areas, fromKB.areas)
            XCTAssertEqual(fromFile.problemCounts.byRoute, fromKB.problemCounts.byRoute)
            XCTAssertEqual(fromFile.sourceKind, .dataset)
        }
    }

    func testUnmappedConceptsAreThoseNoRuleOrLabelPlaces() throws {
        let fixture = try Fixture()
        let audit = try fixture.context.audit(knowledgeBase: fixture.kb)
        XCTAssertEqual(audit.unmappedConcepts().map(\.name), ["Algebra", "Stuff"])
        XCTAssertEqual(audit.unmappedConcepts().first?.levels, [.competition])
    }

    func testBandSelectionAndTargetFiles() throws {
        let fixture = try Fixture()
        let audit = try fixture.context.audit(knowledgeBase: fixture.kb)
        let competition = try CoverageReport(audit: audit, target: .uniform, bands: [.competition])
        XCTAssertEqual(competition.areas.map(\.code), ["COMP.GEO.CIRC", "COMP.GEO.TRI", "COMP.LOGIC"])
        XCTAssertEqual(competition.areas.map(\.share), [1, 0, 0])
        XCTAssertEqual(competition.problemCounts.weightOutsideBands, 3, accuracy: 1e-12)

        // A band weight spreads over its areas, a domain weight over its clusters.
        let target = fixture.folder.write(
            "target.jsonl",
            """
            {"code": "grade-4", "weight": 3}
            {"code": "COMP.GEO", "weight": 1}
            """)
        let weighted = try CoverageReport(audit: audit, target: .file(target))
        XCTAssertEqual(weighted.areas.map(\.targetShare), [0.25, 0.25, 0.25, 0.125, 0.125, 0])
        XCTAssertEqual(weighted.areas[5].deficit, 0)

        for (text, field, message) in [
            (#"{"code": "9.ZZ", "weight": 1}"#, "code", "neither a band"),
            (#"{"code": "grade-4", "weight": -1}"#, "weight", "must be 0 or more"),
            (#"{"code": "grade-4", "weight": "lots"}"#, "weight", "expected a number"),
        ] {
            let bad = fixture.folder.write("bad-target.jsonl", #"{"code": "competition", "weight": 1}"# + "\n" + text + "\n")
            XCTAssertThrowsError(try CoverageReport(audit: audit, target: .file(bad))) { error in
                guard let failure = error as? CoverageInputError else { return XCTFail("\(error)") }
                XCTAssertEqual(failure.line, 2)
                XCTAssertEqual(failure.field, field)
                XCTAssertTrue(failure.message.contains(message), "\(failure)")
            }
        }
    }

    func testTheJSONIsDeterministicAndCarriesTheComparison() throws {
        let fixture = try Fixture()
        let report = try CoverageReport(audit: try fixture.context.audit(knowledgeBase: fixture.kb), target: .uniform)
        let other = try CoverageReport(
            audit: try fixture.context.audit(datasetPath: fixture.datasetPath), target: .uniform,
            bands: [])
        let text = report.jsonText(top: 2, against: other)
        XCTAssertEqual(text, report.jsonText(top: 2, against: other))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual((object["problems"] as? [String: Any])?["unmapped"] as? Int, 1)
        XCTAssertEqual((object["totals"] as? [String: Any])?["areas_covered"] as? Int, 4)
        XCTAssertEqual((object["under_represented"] as? [[String: Any]])?.map { $0["code"] as? String }, ["COMP.LOGIC", "COMP.GEO.TRI"])
        XCTAssertEqual((object["bands"] as? [[String: Any]])?.map { $0["band"] as? String }, ["grade-4", "competition"])
        XCTAssertNotNil(object["against"] as? [String: Any])
        let comparison = try XCTUnwrap(object["comparison"] as? [[String: Any]])
        XCTAssertEqual(comparison.count, 6)
        XCTAssertEqual((comparison[2]["delta"] as? NSNumber)?.doubleValue, 0)
        XCTAssertNil((object["against"] as? [String: Any])?["against"])
    }

    func testADatasetAuditReportsProgressUpToEveryRecordAndByte() throws {
        let fixture = try Fixture()
        let text = (1...50).map { #"{"id": "p\#($0)", "topics": ["Fractions"], "knowledge_points": []}"# }.joined(separator: "\n") + "\n"
        let path = fixture.folder.write("progress.jsonl", text)
        var calls: [(records: Int, bytes: Int, total: Int?)] = []
        _ = try fixture.context.audit(datasetPath: path) { calls.append(($0, $1, $2)) }
        let last = try XCTUnwrap(calls.last)
        XCTAssertEqual(last.records, 50)
        XCTAssertEqual(last.bytes, text.utf8.count)
        XCTAssertEqual(last.total, text.utf8.count)
    }

    func testAMalformedDatasetLineIsReportedWithItsLine() throws {
        let fixture = try Fixture()
        for (text, message) in [
            (
                #"{"id": "a", "topics": ["T"], "knowledge_points": []}"# + "\n" + #"{"id": "b", "topics": [], "knowledge_points": []}"#,
                ":2: field 'topics': expected at least one topic"
            ),
            (#"{"id": "a", "topics": ["T"], "knowledge_points": []}"# + "\n\n" + #"{"id": "b", "topics": ["T"]"#, ":3: not valid JSON"),
            (#"{"problem": "raw text, not a record"}"#, ":1: field 'topics': this is a raw problem (its text is in 'problem')"),
        ] {
            let path = fixture.folder.write("bad.jsonl", text + "\n")
            XCTAssertThrowsError(try fixture.context.audit(datasetPath: path)) { error in
                XCTAssertTrue(error is RecordError, "\(error)")
                XCTAssertTrue("\(error)".contains("bad.jsonl" + message), "\(error) should contain \(message)")
            }
        }
    }

    func testTheChartIsWellFormedSVGWithARowPerBandAndAColumnPerStrand() throws {
        let fixture = try Fixture()
        let report = try CoverageReport(audit: try fixture.context.audit(knowledgeBase: fixture.kb), target: .uniform)
        let svg = CoverageChart(report: report, against: report).svg
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        // Well-formed enough for any viewer: one root, every text closed, every & an entity.
        XCTAssertEqual(svg.components(separatedBy: "<svg").count, 2)
        XCTAssertTrue(svg.hasSuffix("</svg>\n"))
        XCTAssertEqual(svg.components(separatedBy: "<text ").count, svg.components(separatedBy: "</text>").count)
        for piece in svg.components(separatedBy: "&").dropFirst() {
            XCTAssertTrue(["amp;", "lt;", "gt;", "quot;"].contains { piece.hasPrefix($0) }, String(piece.prefix(12)))
        }
        for text in [">grade-4<", ">competition<", ">Number<", ">Geometry<", "A: Coverage of the knowledge base", "B: Coverage"] {
            XCTAssertTrue(svg.contains(text), text)
        }
        // An empty cell is hatched and says so.
        XCTAssertTrue(svg.contains("url(#empty)"))
        XCTAssertTrue(svg.contains(">0 · 1 area<"))
        XCTAssertEqual(svg, CoverageChart(report: report, against: report).svg)
    }
}
