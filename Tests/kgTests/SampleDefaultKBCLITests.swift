import Foundation
import KGTestSupport
import XCTest

/// `kg sample` on the default knowledge base built from the repository's data/seeds: the
/// quickstart's samples and the KP fallback's effect on the shipped data.
final class SampleDefaultKBCLITests: XCTestCase {
    /// One default knowledge base for the tests of this class.
    static let shared: TemporaryFolder = {
        let folder = TemporaryFolder()
        let seeds = KGProcess.repositoryRoot.appendingPathComponent("data/seeds").path
        let result = try! KGProcess.run(["init", "--default", "--seeds", seeds], in: folder.path)
        precondition(result.status == 0, result.stderr)
        return folder
    }()

    func report(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let result = try KGProcess.run(["sample"] + arguments + ["-o", "/dev/null", "--report", "report.json"], in: Self.shared.path)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(Self.shared.read("report.json").utf8)) as? [String: Any], file: file, line: line)
    }

    func testTheQuickstartsFiveSamplesHaveMoreThanOneKPEachOnAverage() throws {
        let result = try KGProcess.run(["sample", "-n", "5", "--seed", "1"], in: Self.shared.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        let kps = try result.stdout.split(separator: "\n").map { line -> Int in
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try XCTUnwrap(object["knowledge_points"] as? [String]).count
        }
        XCTAssertEqual(kps.count, 5)
        XCTAssertGreaterThan(Double(kps.reduce(0, +)) / 5, 1, "KPs per sample: \(kps)")
        XCTAssertTrue(result.stderr.contains("5 samples"), result.stderr)
    }

    /// The default rule takes the KP steps the paper's walk cannot take on this data, and its KP
    /// pairs are no less plausible.
    func testTheTopicFallbackLengthensTheWalksWithoutLoweringPlausibility() throws {
        let paper = try report(["-n", "3000", "--seed", "11", "--kp-fallback", "none"])
        let topic = try report(["-n", "3000", "--seed", "11"])
        func number(_ report: [String: Any], _ key: String) throws -> Double { try XCTUnwrap(report[key] as? Double, key) }
        XCTAssertLessThan(try number(paper, "mean_knowledge_points"), 1.6)
        XCTAssertGreaterThan(try number(topic, "mean_knowledge_points"), 2.5)
        XCTAssertGreaterThan(try number(topic, "novelty"), 2 * (try number(paper, "novelty")))
        XCTAssertGreaterThan(try number(topic, "distinct_share"), try number(paper, "distinct_share"))
        XCTAssertGreaterThanOrEqual(try number(topic, "kp_pair_plausibility"), try number(paper, "kp_pair_plausibility"))
        XCTAssertGreaterThan(try number(topic, "kp_pair_plausibility"), 0.9)
    }
}
