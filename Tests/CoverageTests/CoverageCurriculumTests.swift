import Foundation
import KGTestSupport
import Sampling
import TextAnalysis
import XCTest

@testable import Coverage
@testable import KnowledgeBase

// MARK: - Helpers shared by the coverage tests

/// A small curriculum over two bands: four areas in grade 4 (two clusters of a fractions
/// domain, one of geometry) and competition (two geometry clusters and a domain without
/// clusters).
let tinyCurriculumText = """
    {"curriculum": "Tiny", "version": 1}
    {"kind": "strand", "code": "number", "title": "Number"}
    {"kind": "strand", "code": "geometry", "title": "Geometry"}
    {"code": "4.NF", "kind": "domain", "band": "grade-4", "strand": "number", "title": "Fractions", "labels": ["fractions"]}
    {"code": "4.NF.A", "parent": "4.NF", "kind": "cluster", "band": "grade-4", "title": "Fraction equivalence", "keywords": ["equivalent fraction", "compare fractions"]}
    {"code": "4.NF.A.1", "parent": "4.NF.A", "kind": "standard", "band": "grade-4", "title": "Explain equivalent fractions"}
    {"code": "4.NF.A.1a", "parent": "4.NF.A.1", "kind": "standard", "band": "grade-4", "title": "A sub-standard"}
    {"code": "4.NF.B", "parent": "4.NF", "kind": "cluster", "band": "grade-4", "title": "Unit fractions", "keywords": ["unit fraction", "mixed number"]}
    {"code": "4.G", "kind": "domain", "band": "grade-4", "strand": "geometry", "title": "Geometry", "labels": ["geometry"]}
    {"code": "4.G.A", "parent": "4.G", "kind": "cluster", "band": "grade-4", "title": "Lines and angles", "keywords": ["angle", "parallel lines"]}
    {"code": "COMP.GEO", "kind": "domain", "band": "competition", "strand": "geometry", "title": "Geometry", "labels": ["geometry"]}
    {"code": "COMP.GEO.CIRC", "parent": "COMP.GEO", "kind": "cluster", "band": "competition", "title": "Circles", "keywords": ["circle", "radius", "chord"]}
    {"code": "COMP.GEO.TRI", "parent": "COMP.GEO", "kind": "cluster", "band": "competition", "title": "Triangles", "keywords": ["triangle", "angle bisector"]}
    {"code": "COMP.LOGIC", "kind": "domain", "band": "competition", "strand": "number", "title": "Logic", "keywords": ["knights and knaves"]}
    """

/// The tiny curriculum, read from a file in `folder`.
func tinyCurriculum(in folder: TemporaryFolder) throws -> Curriculum {
    try Curriculum.load(path: folder.write("tiny.jsonl", tinyCurriculumText + "\n"))
}

/// The shipped default curriculum.
let defaultCurriculumPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("data/curriculum/curriculum.jsonl").path

extension Curriculum {
    /// The code of area `index`.
    func areaCode(_ index: Int) -> String { nodes[areas[index]].code }
    func areaCodes(_ indices: [Int]) -> [String] { indices.map(areaCode) }
}

// MARK: - Tests

final class CoverageCurriculumTests: XCTestCase {
    func testAreasAreClustersAndDomainsWithoutClusters() throws {
        let folder = TemporaryFolder()
        let curriculum = try tinyCurriculum(in: folder)
        XCTAssertEqual(curriculum.name, "Tiny")
        XCTAssertEqual(
            curriculum.areaCodes(Array(curriculum.areas.indices)),
            ["4.NF.A", "4.NF.B", "4.G.A", "COMP.GEO.CIRC", "COMP.GEO.TRI", "COMP.LOGIC"])
        XCTAssertEqual(curriculum.bands, [.grade4, .competition])
        let standard = try XCTUnwrap(curriculum.node(forCode: "4.NF.A.1a"))
        XCTAssertEqual(curriculum.area(of: standard).map(curriculum.areaCode), "4.NF.A")
        XCTAssertNil(curriculum.area(of: try XCTUnwrap(curriculum.node(forCode: "4.NF"))))
        XCTAssertEqual(
            curriculum.areaCodes(curriculum.areas(under: try XCTUnwrap(curriculum.node(forCode: "COMP.GEO")))),
            ["COMP.GEO.CIRC", "COMP.GEO.TRI"])
        XCTAssertEqual(curriculum.strand(of: standard), "number")
        XCTAssertEqual(curriculum.columns.map(\.code), ["number", "geometry"])
    }

    func testBothCommonCoreNotationsFindTheSameStandard() throws {
        let folder = TemporaryFolder()
        let curriculum = try tinyCurriculum(in: folder)
        let current = try XCTUnwrap(curriculum.node(forCode: "4.NF.A.1"))
        for code in ["4.NF.1", "4.nf.a.1", "CCSS.MATH.CONTENT.4.NF.A.1", "Math.4.NF.1", "4.NF.A.1-variant"] {
            XCTAssertEqual(curriculum.node(forCode: code), current, code)
        }
        let sub = try XCTUnwrap(curriculum.node(forCode: "4.NF.A.1a"))
        for code in ["4.NF.1a", "4.NF.1.a", "4.NF.A.1.a", "4.NF.A.1A"] {
            XCTAssertEqual(curriculum.node(forCode: code), sub, code)
        }
        // An unknown standard falls back to its cluster, then its domain.
        XCTAssertEqual(curriculum.nearestNode(forCode: "4.NF.A.9"), curriculum.node(forCode: "4.NF.A"))
        XCTAssertEqual(curriculum.nearestNode(forCode: "4.NF.Z.9"), curriculum.node(forCode: "4.NF"))
        XCTAssertNil(curriculum.nearestNode(forCode: "9.XX.A.1"))
    }

    func testCodeKeysNormaliseKindergartenHighSchoolAndSubStandards() {
        XCTAssertEqual(CCSSCode.key("0.CC.1"), "K.CC.1")
        XCTAssertEqual(CCSSCode.key("K.CC.A.1"), "K.CC.A.1")
        XCTAssertEqual(CCSSCode.key("HSA-SSE.A.1"), "A-SSE.A.1")
        XCTAssertEqual(CCSSCode.key("CCSS.Math.Content.HSA.SSE.A.1"), "A-SSE.A.1")
        XCTAssertEqual(CCSSCode.key("6.NS.6.a"), "6.NS.6a")
        XCTAssertEqual(CCSSCode.key("A-SSE.1A"), "A-SSE.1a")
        XCTAssertEqual(CCSSCode.key("3.MD.D.8-triangle"), "3.MD.D.8")
        XCTAssertEqual(CCSSCode.key("6.RP.A"), "6.RP.A")
        XCTAssertEqual(CCSSCode.olderNotation("6.RP.A.1"), "6.RP.1")
        XCTAssertEqual(CCSSCode.olderNotation("A-SSE.A.1a"), "A-SSE.1a")
        XCTAssertEqual(CCSSCode.olderNotation("K.CC.B.4c"), "K.CC.4c")
        XCTAssertNil(CCSSCode.olderNotation("6.RP.1"))
        XCTAssertNil(CCSSCode.olderNotation("6.RP.A"))
    }

    func testAnOlderNotationCurriculumAnswersCurrentCodesOfKindergarten() throws {
        let folder = TemporaryFolder()
        let path = folder.write(
            "old.jsonl",
            """
            {"code": "K.CC", "kind": "domain", "band": "K", "title": "Counting"}
            {"code": "K.CC.A", "parent": "K.CC", "kind": "cluster", "band": "K", "title": "Count sequence"}
            {"code": "K.CC.1", "parent": "K.CC.A", "kind": "standard", "band": "kindergarten", "title": "Count to 100"}
            """)
        let curriculum = try Curriculum.load(path: path)
        let node = try XCTUnwrap(curriculum.node(forCode: "0.CC.1"))
        XCTAssertEqual(curriculum.nodes[node].code, "K.CC.1")
        XCTAssertEqual(curriculum.nodes[node].band, .kindergarten)
        XCTAssertEqual(curriculum.name, "old.jsonl")
    }

    func testChildrenMayComeBeforeTheirParents() throws {
        let folder = TemporaryFolder()
        let path = folder.write(
            "order.jsonl",
            """
            {"code": "X.A.1", "parent": "X.A", "kind": "standard", "band": "college", "title": "S"}
            {"code": "X.A", "parent": "X", "kind": "cluster", "band": "college", "title": "C"}
            {"code": "X", "kind": "domain", "band": "college", "title": "D"}
            """)
        let curriculum = try Curriculum.load(path: path)
        XCTAssertEqual(curriculum.nodes.map(\.code), ["X", "X.A", "X.A.1"])
        XCTAssertEqual(curriculum.areaCodes(Array(curriculum.areas.indices)), ["X.A"])
    }

    func testAMalformedCurriculumLineIsReportedWithItsLineAndField() throws {
        let folder = TemporaryFolder()
        let domain = #"{"code": "D", "kind": "domain", "band": "grade-2", "title": "Domain"}"#
        let cases: [(String, Int, String?, String)] = [
            (domain + "\n{\"code\": \"D.A\", \"kind\": \"cluster\"", 2, nil, "not valid JSON"),
            (
                domain + "\n" + #"{"code": "D.A", "parent": "D", "kind": "cluster", "band": "grade 13", "title": "x"}"#, 2, "band",
                "unknown band 'grade 13'"
            ),
            (
                domain + "\n" + #"{"code": "D.A", "parent": "E", "kind": "cluster", "band": "grade-2", "title": "x"}"#, 2, "parent",
                "no node has the code 'E'"
            ),
            (domain + "\n" + #"{"code": "D", "kind": "domain", "band": "grade-2", "title": "Again"}"#, 2, "code", "also defined on line 1"),
            (
                domain + "\n" + #"{"code": "D.A", "parent": "D", "kind": "cluster", "band": "grade-3", "title": "x"}"#, 2, "band",
                "differs from the band of its parent"
            ),
            (
                domain + "\n" + #"{"code": "D.1", "parent": "D", "kind": "standard", "band": "grade-2", "title": "x"}"#, 2, "parent",
                "must be a cluster or standard"
            ),
            (domain + "\n" + #"{"code": "D.A", "kind": "cluster", "band": "grade-2", "title": "x"}"#, 2, "parent", "needs the code of its domain"),
            (domain + "\n" + #"{"code": "D.A", "parent": "D", "kind": "topic", "band": "grade-2", "title": "x"}"#, 2, "kind", "unknown kind 'topic'"),
            (
                domain + "\n" + #"{"code": "D.A", "parent": "D", "kind": "cluster", "band": "grade-2", "title": "x", "keywords": "angle"}"#, 2,
                "keywords", "expected an array of strings"
            ),
            (domain + "\n[1, 2]", 2, nil, "expected a JSON object per line"),
            (#"{"code": "D", "kind": "domain", "band": "grade-2"}"#, 1, "title", "missing"),
        ]
        for (text, line, field, message) in cases {
            let path = folder.write("bad.jsonl", text + "\n")
            XCTAssertThrowsError(try Curriculum.load(path: path), message) { error in
                guard let failure = error as? CoverageInputError else { return XCTFail("\(error)") }
                XCTAssertEqual(failure.line, line, "\(failure)")
                XCTAssertEqual(failure.field, field, "\(failure)")
                XCTAssertTrue(failure.description.contains(message), "\(failure) should say \(message)")
                XCTAssertTrue(failure.description.hasPrefix("curriculum \(path):\(line)"), "\(failure)")
            }
        }
        let empty = folder.write("empty.jsonl", #"{"curriculum": "Nothing"}"# + "\n")
        XCTAssertThrowsError(try Curriculum.load(path: empty)) { error in
            XCTAssertTrue("\(error)".contains("defines no areas"), "\(error)")
        }
    }

    func testTheDefaultCurriculumCoversEveryBand() throws {
        let curriculum = try Curriculum.load(path: defaultCurriculumPath)
        XCTAssertEqual(curriculum.bands, Level.allCases)
        // Common Core clusters K-8 and high school, college and competition areas.
        XCTAssertEqual(curriculum.areas(in: .kindergarten).count, 9)
        XCTAssertEqual(curriculum.areas(in: .grade6).count, 10)
        XCTAssertEqual(curriculum.areas(in: .highSchool).count, 54)
        XCTAssertGreaterThan(curriculum.areas(in: .college).count, 20)
        XCTAssertGreaterThan(curriculum.areas(in: .competition).count, 30)
        // Both notations and grade 0 reach the same standard.
        let node = try XCTUnwrap(curriculum.node(forCode: "6.RP.A.1"))
        XCTAssertEqual(curriculum.node(forCode: "6.RP.1"), node)
        XCTAssertEqual(curriculum.node(forCode: "0.CC.1"), curriculum.node(forCode: "K.CC.A.1"))
        XCTAssertEqual(curriculum.node(forCode: "HSA-SSE.A.1"), curriculum.node(forCode: "A-SSE.1"))
        // Every domain names a strand the file defines.
        let strands = Set(curriculum.strands.map(\.code))
        for domain in curriculum.domains { XCTAssertTrue(strands.contains(curriculum.nodes[domain].strand ?? ""), curriculum.nodes[domain].code) }
    }
}
