import Foundation
import KGTestSupport
import XCTest

/// `kg coverage`, `kg tag` and `kg sample --boost` run as a user would, on the default
/// knowledge base built from the repository's data/seeds.
final class CoverageCLITests: XCTestCase {
    /// One default knowledge base for all the tests of this class (building it takes a few seconds).
    static let shared: TemporaryFolder = {
        let folder = TemporaryFolder()
        let seeds = KGProcess.repositoryRoot.appendingPathComponent("data/seeds").path
        let result = try! KGProcess.run(["init", "--default", "--seeds", seeds, "--db", "kb.sqlite"], in: folder.path)
        precondition(result.status == 0, result.stderr)
        return folder
    }()

    var folder: String { CoverageCLITests.shared.path }

    static let canonicalBands = ["K"] + (1...8).map { "grade-\($0)" } + ["high-school", "college", "competition"]

    func testCoverageJSONOfTheDefaultKnowledgeBaseNamesEveryBandFromKToCompetition() throws {
        // No --curriculum: kg finds data/curriculum next to its checkout.
        let result = try KGProcess.run(["coverage", "--db", "kb.sqlite", "--json"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let bands = try XCTUnwrap(report["bands"] as? [[String: Any]])
        XCTAssertEqual(bands.map { $0["band"] as? String }, CoverageCLITests.canonicalBands)
        func problems(_ band: String) -> Int { bands.first { $0["band"] as? String == band }?["problems"] as? Int ?? -1 }
        for band in ["K", "grade-1", "grade-5", "grade-8", "competition"] { XCTAssertGreaterThan(problems(band), 0, band) }
        // Every band from K to competition has problems: high school and college from
        // mathematics_dataset, MathOdyssey and TheoremQA.
        for band in CoverageCLITests.canonicalBands { XCTAssertGreaterThan(problems(band), 0, band) }
        XCTAssertGreaterThan(problems("high-school"), 2_000)
        XCTAssertGreaterThan(problems("college"), 500)
        let problemCounts = try XCTUnwrap(report["problems"] as? [String: Any])
        XCTAssertEqual(problemCounts["total"] as? Int, 27_128)
        XCTAssertGreaterThan(problemCounts["explicit"] as? Int ?? 0, 12_000)
        let totals = try XCTUnwrap(report["totals"] as? [String: Any])
        for key in ["areas", "areas_covered", "entropy_bits", "normalized_entropy", "gini", "kl_bits", "long_tail_share"] {
            XCTAssertNotNil(totals[key], key)
        }
        let gaps = try XCTUnwrap(report["under_represented"] as? [[String: Any]])
        XCTAssertEqual(gaps.first?["band"] as? String, "high-school")
        // The same knowledge base gives the same bytes.
        XCTAssertEqual(try KGProcess.run(["coverage", "--db", "kb.sqlite", "--json"], in: folder).stdout, result.stdout)
    }

    func testTheTableAndTheChart() throws {
        let result = try KGProcess.run(["coverage", "--db", "kb.sqlite", "--chart", "coverage.svg", "--top", "5"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        for text in ["coverage of knowledge base kb.sqlite", "entropy", "Gini", "KL", "long tail", "most under-represented", "competition"] {
            XCTAssertTrue(result.stdout.contains(text), text)
        }
        let svg = try String(contentsOfFile: folder + "/coverage.svg", encoding: .utf8)
        XCTAssertTrue(svg.hasPrefix("<svg"))
        for band in CoverageCLITests.canonicalBands { XCTAssertTrue(svg.contains(">\(band)<"), band) }
        let bad = try KGProcess.run(["coverage", "--db", "kb.sqlite", "--chart", "coverage.png"], in: folder)
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains(".svg"), bad.stderr)
    }

    func testUnmappedListsConceptsNoRulePlaces() throws {
        let result = try KGProcess.run(["coverage", "--db", "kb.sqlite", "--unmapped"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("kind"), result.stdout)
        XCTAssertTrue(result.stderr.contains("concepts map to no area"), result.stderr)
    }

    func testTagThenCoverageOfTheTaggedDatasetAgainstTheSeeds() throws {
        let scratch = TemporaryFolder()
        scratch.write(
            "problems.jsonl",
            """
            {"question": "Find the remainder when 2^100 is divided by 7.", "answer": "2"}
            {"question": "How many ways can 5 books be arranged on a shelf?"}
            {"question": "A circle has radius 3. What is its area?"}
            {"question": "What is the weather today?"}
            """)
        let db = folder + "/kb.sqlite"
        let tag = try KGProcess.run(
            ["tag", "problems.jsonl", "--method", "keywords", "--level", "competition", "--db", db, "-o", "tagged.jsonl"], in: scratch.path)
        XCTAssertEqual(tag.status, 0, tag.stderr)
        XCTAssertTrue(tag.stderr.contains("tagged 4 problems"), tag.stderr)
        let lines = try String(contentsOfFile: scratch.path + "/tagged.jsonl", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 4)
        let records = try lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        XCTAssertEqual(records.map { $0["areas"] as? [String] }, [["COMP.NT.MOD"], ["COMP.COMB.COUNT"], ["COMP.GEO.CIRC"], []])
        XCTAssertEqual(records[0]["answer"] as? String, "2")
        XCTAssertEqual(records[3]["topics"] as? [String], ["Untagged"])
        XCTAssertEqual(records[0]["id"] as? String, "problems/1")

        // The tagged file is a dataset kg coverage reads, side by side with another.
        scratch.write("seeds.jsonl", #"{"id": "s1", "level": "competition", "topics": ["Number theory"], "knowledge_points": ["Remainders"]}"#)
        let coverage = try KGProcess.run(
            [
                "coverage", "--dataset", "tagged.jsonl", "--against", "seeds.jsonl", "--band", "competition",
                "--json", "--chart", "vs.svg",
            ], in: scratch.path)
        XCTAssertEqual(coverage.status, 0, coverage.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(coverage.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((report["problems"] as? [String: Any])?["explicit"] as? Int, 3)
        // The untagged record has the band --level gave it, and no area.
        XCTAssertEqual((report["problems"] as? [String: Any])?["band_only"] as? Int, 1)
        XCTAssertEqual(((report["against"] as? [String: Any])?["problems"] as? [String: Any])?["concepts"] as? Int, 1)
        XCTAssertNotNil(report["comparison"] as? [[String: Any]])
        XCTAssertTrue(try String(contentsOfFile: scratch.path + "/vs.svg", encoding: .utf8).contains("B: Coverage of the dataset seeds.jsonl"))
    }

    func testTagByNeighboursIsReproducibleWithConfidencesAndNeighbours() throws {
        let scratch = TemporaryFolder()
        scratch.write(
            "problems.jsonl",
            """
            {"question": "Solve 3*x + 5 = 20 for x.", "answer": "5"}
            {"question": "What is the derivative of x**3 + 2*x wrt x?"}
            {"question": "Janet has 16 eggs. She eats 3 and sells the rest for $2 each. How much does she make?"}
            {"question": "xyzzy plugh"}
            """)
        let db = folder + "/kb.sqlite"
        let first = try KGProcess.run(["tag", "problems.jsonl", "--db", db, "--method", "neighbours", "--explain", "-o", "a.jsonl"], in: scratch.path)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains("tagged 4 problems"), first.stderr)
        let second = try KGProcess.run(
            ["tag", "problems.jsonl", "--db", db, "--method", "neighbours", "--explain", "--threads", "1", "-o", "b.jsonl"], in: scratch.path)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(scratch.read("a.jsonl"), scratch.read("b.jsonl"))
        let records = try scratch.read("a.jsonl").split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        XCTAssertEqual(records.count, 4)
        // The linear equation is tagged like the generated algebra problems it resembles.
        XCTAssertEqual(records[0]["topics"] as? [String], ["Linear equations"])
        XCTAssertEqual(records[0]["level"] as? String, "high-school")
        XCTAssertEqual(records[1]["level"] as? String, "college")
        XCTAssertEqual((records[1]["knowledge_points"] as? [String])?.first, "Derivatives of polynomials")
        for record in records.prefix(3) {
            let tagged = try XCTUnwrap(record["tagged"] as? [String: Any])
            XCTAssertEqual(tagged["method"] as? String, "neighbours")
            XCTAssertEqual(tagged["band"] as? String, "voted")
            let confidence = try XCTUnwrap(tagged["confidence"] as? [String: Any])
            XCTAssertEqual((confidence["topics"] as? [Double])?.count, (record["topics"] as? [String])?.count)
            XCTAssertEqual((confidence["knowledge_points"] as? [Double])?.count, (record["knowledge_points"] as? [String])?.count)
            XCTAssertEqual((confidence["areas"] as? [Double])?.count, (record["areas"] as? [String])?.count)
            XCTAssertEqual((tagged["neighbours"] as? [[String: Any]])?.count, 20)
        }
        XCTAssertEqual(records[0]["answer"] as? String, "5")
        XCTAssertEqual(records[3]["topics"] as? [String], ["Untagged"])
        XCTAssertEqual(records[3]["areas"] as? [String], [])

        // Both methods, the default with a knowledge base: the vote, plus the KP names found in the text.
        let both = try KGProcess.run(["tag", "problems.jsonl", "--db", db], in: scratch.path)
        XCTAssertEqual(both.status, 0, both.stderr)
        XCTAssertTrue(both.stdout.contains(#""method":"both""#), both.stdout)

        // A malformed line stops the run with its file and line.
        scratch.write("bad.jsonl", #"{"question": "Solve 2*x = 4."}"# + "\n" + #"{"question": 7}"#)
        let bad = try KGProcess.run(["tag", "bad.jsonl", "--db", db], in: scratch.path)
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("bad.jsonl:2"), bad.stderr)
        // Without a knowledge base the default falls back to keywords and says so; asked for, neighbours is an error.
        let none = try KGProcess.run(["tag", "problems.jsonl", "--no-kps"], in: scratch.path)
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertTrue(none.stderr.contains("--method keywords"), none.stderr)
        let asked = try KGProcess.run(["tag", "problems.jsonl", "--method", "neighbours"], in: scratch.path)
        XCTAssertNotEqual(asked.status, 0)
        XCTAssertTrue(asked.stderr.contains("kg init --default"), asked.stderr)
        // A knowledge base without problem texts: the same fallback, and the same error when asked.
        scratch.write("labels.jsonl", #"{"id": "a", "topics": ["Fractions"], "knowledge_points": []}"#)
        XCTAssertEqual(try KGProcess.run(["ingest", "labels.jsonl", "--db", "labels.sqlite"], in: scratch.path).status, 0)
        let textless = try KGProcess.run(["tag", "problems.jsonl", "--db", "labels.sqlite", "--no-kps"], in: scratch.path)
        XCTAssertEqual(textless.status, 0, textless.stderr)
        XCTAssertTrue(textless.stderr.contains("no problems with text to tag from: tagging by curriculum keywords"), textless.stderr)
        let textlessAsked = try KGProcess.run(["tag", "problems.jsonl", "--db", "labels.sqlite", "--method", "both"], in: scratch.path)
        XCTAssertNotEqual(textlessAsked.status, 0)
        XCTAssertTrue(textlessAsked.stderr.contains("--method keywords"), textlessAsked.stderr)
    }

    func testEvaluateReportsBothMethodsOnAStableSplit() throws {
        let args = ["tag", "--evaluate", "--db", "kb.sqlite", "--hold-out", "0.05", "--json"]
        let first = try KGProcess.run(args, in: folder)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(try KGProcess.run(args, in: folder).stdout, first.stdout)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let heldOut = try XCTUnwrap(report["held_out"] as? Int)
        XCTAssertEqual(Double(heldOut) / 27_128, 0.05, accuracy: 0.01)
        let all = try XCTUnwrap(report["all"] as? [String: Any])
        let neighbours = try XCTUnwrap(all["neighbours"] as? [String: Any])
        let keywords = try XCTUnwrap(all["keywords"] as? [String: Any])
        XCTAssertEqual(neighbours["problems"] as? Int, heldOut)
        XCTAssertGreaterThan(neighbours["topic_top1"] as? Double ?? 0, 0.6)
        // On the same split the neighbours place problems in their areas far more often.
        XCTAssertGreaterThan(neighbours["area_top1"] as? Double ?? 0, (keywords["area_top1"] as? Double ?? 1) + 0.3)
        let sources = try XCTUnwrap(report["sources"] as? [[String: Any]]).compactMap { $0["group"] as? String }
        XCTAssertEqual(sources, sources.sorted())
        XCTAssertTrue(sources.contains("mathcamps"), "\(sources)")
        let text = try KGProcess.run(["tag", "--evaluate", "--db", "kb.sqlite", "--hold-out", "0.05"], in: folder)
        XCTAssertTrue(text.stdout.hasPrefix("tagging evaluation: \(heldOut) problems held out"), text.stdout)
        let files = try KGProcess.run(["tag", "--evaluate", "x.jsonl"], in: folder)
        XCTAssertNotEqual(files.status, 0)
        XCTAssertTrue(files.stderr.contains("name no files"), files.stderr)
        for (arguments, message) in [
            (["--evaluate", "--hold-out", "1.5"], "--hold-out must be between 0 and 1"),
            (["--evaluate", "--min-confidence", "2"], "--min-confidence must be between 0 and 1"),
            (["--evaluate", "--neighbours", "0"], "--neighbours must be 1 or more"),
            (["x.jsonl", "--json"], "--json goes with --evaluate"),
        ] {
            let bad = try KGProcess.run(["tag", "--db", "kb.sqlite"] + arguments, in: folder)
            XCTAssertNotEqual(bad.status, 0, "\(arguments)")
            XCTAssertTrue(bad.stderr.contains(message), bad.stderr)
        }
        let kps = try KGProcess.run(["init", "--tag-kps", "--db", "other.sqlite"], in: folder)
        XCTAssertNotEqual(kps.status, 0)
        XCTAssertTrue(kps.stderr.contains("--tag-kps goes with --default"), kps.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/other.sqlite"))
    }

    func testMalformedInputsFailWithTheirFileAndLine() throws {
        let scratch = TemporaryFolder()
        scratch.write(
            "bad.jsonl", #"{"id": "a", "topics": ["T"], "knowledge_points": []}"# + "\n" + #"{"id": "b", "topics": "T", "knowledge_points": []}"#)
        var result = try KGProcess.run(["coverage", "--dataset", "bad.jsonl"], in: scratch.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("bad.jsonl:2: field 'topics': expected an array of strings"), result.stderr)
        XCTAssertTrue(result.stderr.contains("kg tag"), result.stderr)

        scratch.write(
            "curriculum.jsonl",
            #"{"code": "D", "kind": "domain", "band": "grade-2", "title": "D"}"# + "\n"
                + #"{"code": "D.A", "parent": "D", "kind": "cluster", "band": "year 2", "title": "A"}"#)
        result = try KGProcess.run(["coverage", "--db", folder + "/kb.sqlite", "--curriculum", "curriculum.jsonl"], in: scratch.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("curriculum curriculum.jsonl:2: field 'band': unknown band 'year 2'"), result.stderr)

        scratch.write("raw.jsonl", #"{"body": "no text field here"}"#)
        result = try KGProcess.run(["tag", "raw.jsonl", "--no-kps"], in: scratch.path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("raw.jsonl:1"), result.stderr)
        XCTAssertTrue(result.stderr.contains("--text-field"), result.stderr)
        result = try KGProcess.run(["tag", "raw.jsonl", "--no-kps", "--text-field", "body"], in: scratch.path)
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testBoostAutoChangesSamplingReproduciblyAndRaisesAreaEntropy() throws {
        let base = ["sample", "--db", "kb.sqlite", "-n", "3000", "--seed", "3"]
        let plain = try KGProcess.run(base + ["-o", "plain.jsonl"], in: folder)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let boosted = try KGProcess.run(base + ["--boost", "auto", "-o", "boosted.jsonl"], in: folder)
        XCTAssertEqual(boosted.status, 0, boosted.stderr)
        let again = try KGProcess.run(base + ["--boost", "auto", "-o", "again.jsonl"], in: folder)
        let read = { (name: String) in try String(contentsOfFile: self.folder + "/" + name, encoding: .utf8) }
        XCTAssertNotEqual(try read("plain.jsonl"), try read("boosted.jsonl"))
        XCTAssertEqual(try read("boosted.jsonl"), try read("again.jsonl"))
        XCTAssertEqual(boosted.stderr, again.stderr)
        // "normalised entropy A → B": the calibrated pilot beats the unboosted one.
        let line = try XCTUnwrap(boosted.stderr.split(separator: "\n").first { $0.hasPrefix("boost auto") })
        let numbers = line.components(separatedBy: "normalised entropy ")[1].components(separatedBy: " ")
        let before = try XCTUnwrap(Double(numbers[0])), after = try XCTUnwrap(Double(numbers[2]))
        XCTAssertGreaterThan(after, before, String(line))

        // A coverage report steers sampling too.
        let report = try KGProcess.run(["coverage", "--db", "kb.sqlite", "--json"], in: folder)
        try Data(report.stdout.utf8).write(to: URL(fileURLWithPath: folder + "/coverage.json"))
        let fromFile = try KGProcess.run(base + ["--boost", "coverage.json", "-o", "file.jsonl"], in: folder)
        XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
        XCTAssertTrue(fromFile.stderr.contains("boost from coverage.json"), fromFile.stderr)
        XCTAssertNotEqual(try read("plain.jsonl"), try read("file.jsonl"))

        let invalid = try KGProcess.run(base + ["--boost-strength", "2"], in: folder)
        XCTAssertNotEqual(invalid.status, 0)
        XCTAssertTrue(invalid.stderr.contains("only apply with --boost"), invalid.stderr)
        let notReport = try KGProcess.run(base + ["--boost", "plain.jsonl"], in: folder)
        XCTAssertNotEqual(notReport.status, 0)
        XCTAssertTrue(notReport.stderr.contains("kg coverage --json"), notReport.stderr)
    }
}
