import Foundation
import KGTestSupport
import XCTest

final class RenderCLITests: XCTestCase {
    static let records = """
        {"id": "1", "topics": ["Geometry"], "knowledge_points": ["Area", "Perimeter"]}
        {"id": "2", "topics": ["Geometry", "Algebra"], "knowledge_points": ["Area"]}
        {"id": "3", "topics": ["Algebra"], "knowledge_points": ["Slope", "Area"]}
        """

    func makeKnowledgeBase() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("r.jsonl", Self.records)
        let ingest = try KGProcess.run(["ingest", "r.jsonl"], in: folder.path)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        return folder
    }

    func testRendersAQueryAsDOTSVGAndPNGByExtension() throws {
        let folder = try makeKnowledgeBase()
        for name in ["g.dot", "g.svg", "g.png"] {
            let result = try KGProcess.run(["render", "topic \"Geometry\" | ego 1", "-o", name], in: folder.path)
            XCTAssertEqual(result.status, 0, result.stderr)
            // Geometry and its neighbours Area, Perimeter, Algebra; Slope is two hops away.
            XCTAssertTrue(result.stderr.contains("4 concepts, 5 edges"), result.stderr)
        }
        let dot = try String(contentsOfFile: folder.path + "/g.dot", encoding: .utf8)
        XCTAssertTrue(dot.hasPrefix("graph \"kg\" {"), dot)
        let svg = try String(contentsOfFile: folder.path + "/g.svg", encoding: .utf8)
        XCTAssertTrue(svg.contains("<svg"))
        let png = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/g.png"))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        // DOT is byte-identical across runs.
        XCTAssertEqual(try KGProcess.run(["render", "topic \"Geometry\" | ego 1", "-o", "h.dot"], in: folder.path).status, 0)
        XCTAssertEqual(try String(contentsOfFile: folder.path + "/h.dot", encoding: .utf8), dot)
    }

    func testMaxNodesKeepsTheStrongestAndSaysHowManyWereDropped() throws {
        let folder = try makeKnowledgeBase()
        let result = try KGProcess.run(["render", "concepts", "--max-nodes", "2", "-o", "top.dot"], in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("3 more not drawn"), result.stderr)
        let dot = try String(contentsOfFile: folder.path + "/top.dot", encoding: .utf8)
        // Area has 3 problems; Geometry and Algebra 2 each and equal co-occurrence (4), so the
        // name decides: Algebra.
        XCTAssertTrue(dot.contains("label=<Area<BR/>"), dot)
        XCTAssertTrue(dot.contains("label=<Algebra<BR/>"), dot)
        XCTAssertFalse(dot.contains("label=<Geometry<BR/>"), dot)
    }

    func testAnEmptyResultIsAClearErrorAndWritesNoFile() throws {
        let folder = try makeKnowledgeBase()
        let result = try KGProcess.run(["render", "kps | where count > 100", "-o", "empty.svg"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("nothing to draw"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/empty.svg"))
    }

    func testAnUnwritableOutputIsAClearError() throws {
        let folder = try makeKnowledgeBase()
        let result = try KGProcess.run(["render", "--overview", "-o", "no/such/folder/map.svg"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("cannot write no/such/folder/map.svg"), result.stderr)
    }

    func testAnUnknownExtensionAsksForAFormat() throws {
        let folder = try makeKnowledgeBase()
        let result = try KGProcess.run(["render", "--overview", "-o", "map.jpeg"], in: folder.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("--format"), result.stderr)
    }

    func testTheOverviewDrawsTopicsWithTheirKnowledgePoints() throws {
        let folder = try makeKnowledgeBase()
        let result = try KGProcess.run(["render", "--overview", "--kps-per-topic", "1", "-o", "map.dot"], in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        let dot = try String(contentsOfFile: folder.path + "/map.dot", encoding: .utf8)
        // Two topics, each with its strongest KP (Area for both), and their link.
        XCTAssertTrue(result.stderr.contains("3 concepts, 3 edges"), result.stderr)
        XCTAssertTrue(dot.contains("rankdir=\"LR\""), "the overview uses dot: \(dot)")
    }

    /// The same knowledge base gives the same overview SVG, byte for byte, run after run.
    func testTheOverviewOfTheDefaultKnowledgeBaseIsTheSameSVGEveryTime() throws {
        let folder = TemporaryFolder()
        let built = try KGProcess.run(["init", "--default"], in: folder.path)
        XCTAssertEqual(built.status, 0, built.stderr)
        for name in ["a.svg", "b.svg", "c.svg"] {
            let result = try KGProcess.run(["render", "--overview", "-o", name], in: folder.path)
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        let a = folder.read("a.svg")
        XCTAssertTrue(a.contains("<svg"), a)
        XCTAssertEqual(a, folder.read("b.svg"))
        XCTAssertEqual(a, folder.read("c.svg"))
    }
}

extension RenderCLITests {
    /// Writing to a device or pipe (a FIFO here, /dev/null in a script) writes through it; it
    /// is never replaced by a renamed file (which, as root, would destroy /dev/null).
    func testRenderCoverageAndImportWriteThroughAPipeWithoutReplacingIt() throws {
        let folder = try makeKnowledgeBase()
        let svg = folder.path + "/out.svg", jsonl = folder.path + "/out.jsonl"
        for (index, (fifo, arguments)) in [
            (svg, ["render", "--overview", "-o", svg]),
            (svg, ["coverage", "--chart", svg]),
            (jsonl, ["import", "mathscale", repositoryRoot.appendingPathComponent("data/seeds/mathscale-extraction-sample").path, "-o", jsonl]),
        ].enumerated() {
            XCTAssertEqual(mkfifo(fifo, 0o644), 0)
            let reader = Process()
            reader.executableURL = URL(fileURLWithPath: "/bin/sh")
            // Bounded: a kg that fails before opening the pipe must not leave the reader waiting.
            reader.arguments = ["-c", "timeout 30 cat '\(fifo)' > '\(folder.path)/read-\(index).txt'"]
            try reader.run()
            let result = try KGProcess.run(arguments, in: folder.path)
            reader.waitUntilExit()
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
            var info = stat()
            XCTAssertEqual(lstat(fifo, &info), 0)
            XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO, "\(arguments[0]) replaced the pipe")
            XCTAssertFalse(folder.read("read-\(index).txt").isEmpty, "\(arguments[0]) wrote nothing through the pipe")
            unlink(fifo)
        }
    }
}
