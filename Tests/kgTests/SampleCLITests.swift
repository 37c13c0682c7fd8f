import Foundation
import KGTestSupport
import XCTest

/// A deterministic corpus of 60 records over 8 topics and 12 knowledge points, with levels and
/// problem texts, ingested with `kg ingest` into a scratch folder.
enum SampleCorpus {
    struct Record {
        var id: String
        var level: String?
        var text: String
        var topics: [String]
        var kps: [String]
        /// A worked solution (every third record) or a final answer (the next one).
        var solution: String? = nil
        var answer: String? = nil

        /// The record as `{examples}` shows it.
        var exampleText: String {
            "Problem: \(text)" + (solution.map { "\nSolution: \($0)" } ?? answer.map { "\nAnswer: \($0)" } ?? "")
        }
    }

    static let topicNames = ["A", "B", "C", "D", "E", "F", "G", "H"].map { "Topic \($0)" }
    /// The last name has characters JSON must escape.
    static let kpNames = (1...11).map { "Skill \($0)" } + ["Ratio \"a:b\" θ \\ slash"]
    static let levelChoices: [String?] = ["grade-3", "grade-7", "high-school", "competition", nil]
    /// Level names in canonical order, K first.
    static let canonicalLevels = ["K"] + (1...8).map { "grade-\($0)" } + ["high-school", "college", "competition"]

    static let records: [Record] = {
        var state: UInt64 = 0x1234_5678
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var result: [Record] = []
        for i in 0..<60 {
            var topics = [topicNames[i % 8]]
            for _ in 0..<next(3) {
                let t = topicNames[next(8)]
                if !topics.contains(t) { topics.append(t) }
            }
            var kps = [kpNames[i % 12]]
            for _ in 0..<next(4) {
                let k = kpNames[next(12)]
                if !kps.contains(k) { kps.append(k) }
            }
            result.append(
                Record(
                    id: "p\(i)", level: levelChoices[next(5)],
                    text: "Problem \(i): find \"x\".\nSecond line.", topics: topics, kps: kps,
                    solution: i % 3 == 0 ? "Step 1.\nSo x = \(i)." : nil, answer: i % 3 == 1 ? "x = \(i)" : nil))
        }
        return result
    }()

    static var jsonl: String {
        records.map { r -> String in
            var object: [String: Any] = ["id": r.id, "problem": r.text, "topics": r.topics, "knowledge_points": r.kps]
            if let level = r.level { object["level"] = level }
            if let solution = r.solution { object["solution"] = solution }
            if let answer = r.answer { object["answer"] = answer }
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }.joined(separator: "\n") + "\n"
    }

    /// A scratch folder holding kg.sqlite built from the corpus.
    static func folder() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("corpus.jsonl", jsonl)
        let result = try KGProcess.run(["ingest", "corpus.jsonl"], in: folder.path)
        XCTAssertEqual(result.status, 0, result.stderr)
        return folder
    }

    /// Levels of the records mentioning each concept name.
    static let levelsByName: [String: Set<String>] = {
        var result: [String: Set<String>] = [:]
        for r in records {
            for name in r.topics + r.kps {
                result[name, default: []].formUnion(r.level.map { [$0] } ?? [])
            }
        }
        return result
    }()

    /// The canonical levels at which any of `names` occurs, K first.
    static func levels(of names: [String]) -> [String] {
        let all = names.reduce(into: Set<String>()) { $0.formUnion(levelsByName[$1] ?? []) }
        return canonicalLevels.filter(all.contains)
    }

    /// The records whose KP sets are nearest `kps` by Jaccard similarity (all tied for
    /// first), among records sharing at least one KP.
    static func nearestExamples(to kps: [String]) -> [Record] {
        let query = Set(kps)
        var best: (score: Double, records: [Record])?
        for r in records {
            let shared = Double(query.intersection(r.kps).count)
            guard shared > 0 else { continue }
            let score = shared / (Double(query.count + r.kps.count) - shared)
            if best == nil || score > best!.score {
                best = (score, [r])
            } else if score == best!.score {
                best!.records.append(r)
            }
        }
        return best?.records ?? []
    }
}

/// The keys of a JSON object's top level, in the order they appear.
func topLevelJSONKeys(_ text: String) -> [String] {
    var keys: [String] = []
    var depth = 0, inString = false, escaped = false
    var current = "", lastString = ""
    for ch in text {
        if inString {
            if escaped {
                escaped = false; current.append(ch)
            } else if ch == "\\" {
                escaped = true
            } else if ch == "\"" {
                inString = false; lastString = current
            } else {
                current.append(ch)
            }
            continue
        }
        switch ch {
        case "\"": inString = true; current = ""
        case "{", "[": depth += 1
        case "}", "]": depth -= 1
        case ":": if depth == 1 { keys.append(lastString) }
        default: break
        }
    }
    return keys
}

final class SampleCLITests: XCTestCase {
    static let baseKeys = ["id", "sampler", "seed", "topics", "knowledge_points", "topics_text", "knowledge_points_text", "walk", "levels"]

    func lines(_ stdout: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        if !stdout.isEmpty { XCTAssertTrue(stdout.hasSuffix("\n"), "output does not end with a newline", file: file, line: line) }
        return stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    func object(_ line: String, file: StaticString = #filePath, lineNumber: UInt = #line) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try XCTUnwrap(value as? [String: Any], "not a JSON object: \(line)", file: file, line: lineNumber)
    }

    func idOf(_ line: String) throws -> Int {
        try XCTUnwrap(object(line)["id"] as? Int)
    }

    func sample(_ arguments: [String], in folder: TemporaryFolder, file: StaticString = #filePath, line: UInt = #line) throws -> KGProcess.Result {
        let result = try KGProcess.run(["sample", "--min-count", "1"] + arguments, in: folder.path)
        XCTAssertEqual(result.status, 0, "kg sample \(arguments): \(result.stderr)", file: file, line: line)
        return result
    }

    // MARK: 12. Reproducibility

    func testSameSeedAndOptionsGiveByteIdenticalOutputAcrossProcesses() throws {
        let folder = try SampleCorpus.folder()
        for sampler in ["mathscale", "cooccurrence", "uniform"] {
            let arguments = ["-n", "300", "--seed", "11", "--sampler", sampler, "--quiet"]
            let first = try sample(arguments, in: folder)
            let second = try sample(arguments, in: folder)
            XCTAssertEqual(lines(first.stdout).count, 300, sampler)
            XCTAssertEqual(first.stdout, second.stdout, "\(sampler): two runs differ")
            XCTAssertEqual(first.stderr, "", "\(sampler): --quiet still printed \(first.stderr)")
            let other = try sample(["-n", "300", "--seed", "12", "--sampler", sampler, "--quiet"], in: folder)
            XCTAssertNotEqual(first.stdout, other.stdout, "\(sampler): seeds 11 and 12 give the same output")
            // -o writes the same bytes.
            let toFile = try sample(arguments + ["-o", "out.jsonl"], in: folder)
            XCTAssertEqual(toFile.stdout, "")
            XCTAssertEqual(try String(contentsOfFile: folder.path + "/out.jsonl", encoding: .utf8), first.stdout, sampler)
        }
    }

    // MARK: 13. Shards

    func testShardOutputsTogetherEqualTheUnshardedRun() throws {
        let folder = try SampleCorpus.folder()
        let cases: [[String]] = [
            ["--sampler", "mathscale"], ["--sampler", "cooccurrence"], ["--sampler", "uniform"],
            ["--sampler", "mathscale", "--unique"], ["--sampler", "mathscale", "--start", "frequency", "--weight", "log"],
        ]
        for options in cases {
            let common = ["-n", "200", "--seed", "7", "--quiet"] + options
            let whole = lines(try sample(common, in: folder).stdout)
            XCTAssertEqual(whole.count, 200, "\(options)")
            var parts: [String] = []
            for k in 0..<3 {
                let part = lines(try sample(common + ["--shard", "\(k)/3"], in: folder).stdout)
                for line in part { XCTAssertEqual(try idOf(line) % 3, k, "\(options): shard \(k) wrote \(line)") }
                XCTAssertFalse(part.isEmpty)
                parts += part
            }
            let sortedParts = try parts.map { (try idOf($0), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
            let sortedWhole = try whole.map { (try idOf($0), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
            XCTAssertEqual(sortedParts, sortedWhole, "\(options): shards differ from the unsharded run")
        }
    }

    // MARK: 14. Bad options

    func assertFails(
        _ arguments: [String], in folder: TemporaryFolder, mentioning fragments: [String],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let result = try KGProcess.run(["sample"] + arguments, in: folder.path)
        XCTAssertNotEqual(result.status, 0, "kg sample \(arguments) succeeded", file: file, line: line)
        XCTAssertEqual(result.stdout, "", "kg sample \(arguments) wrote samples", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(
                result.stderr.contains(fragment), "kg sample \(arguments): stderr lacks \(fragment.debugDescription): \(result.stderr)",
                file: file, line: line)
        }
    }

    func testBadOptionsFailWithAClearMessage() throws {
        let folder = try SampleCorpus.folder()
        try assertFails(["--min-count", "1", "-n", "-1"], in: folder, mentioning: ["-n"])
        try assertFails(["--min-count", "1", "-n=-1"], in: folder, mentioning: ["-n must be 0 or more"])
        try assertFails(["--min-count", "1", "--shard", "3/2"], in: folder, mentioning: ["--shard", "3/2"])
        try assertFails(["--min-count", "1", "--shard", "1/0"], in: folder, mentioning: ["--shard", "1/0"])
        try assertFails(["--min-count", "1", "--shard", "half"], in: folder, mentioning: ["--shard", "half"])
        try assertFails(["--min-count", "1", "--sampler", "nope"], in: folder, mentioning: ["nope", "mathscale", "cooccurrence", "uniform"])
        try assertFails(["--min-count", "1", "--kp-steps", "4...1"], in: folder, mentioning: ["4...1", "--kp-steps"])
        try assertFails(["--min-count", "1", "--topic-steps", "x"], in: folder, mentioning: ["--topic-steps"])
        try assertFails(["--min-count", "1", "--level", "nonsense"], in: folder, mentioning: ["nonsense", "--level"])
        try assertFails(["--min-count", "1", "--temperature", "0"], in: folder, mentioning: ["--temperature"])
        try assertFails(["--min-count", "1", "--weight", "cubic"], in: folder, mentioning: ["cubic", "--weight"])
        // A level no concept occurs at leaves an empty pool.
        try assertFails(["--min-count", "1", "--level", "K"], in: folder, mentioning: ["no topics to sample from", "--level K"])

        folder.write("bad.txt", "Topics: {topics}\nKPs: {knowlege_points}\n")
        try assertFails(
            ["--min-count", "1", "--template", "bad.txt", "-o", "never.jsonl"], in: folder,
            mentioning: ["bad.txt", "line 2, column 6", "unknown placeholder {knowlege_points}"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/never.jsonl"), "a failed run left an output file")
        try assertFails(["--min-count", "1", "--template", "missing.txt"], in: folder, mentioning: ["missing.txt"])

        let created = try KGProcess.run(["init", "--db", "empty.sqlite"], in: folder.path)
        XCTAssertEqual(created.status, 0, created.stderr)
        try assertFails(["--db", "empty.sqlite"], in: folder, mentioning: ["empty.sqlite", "holds no problems"])
        try assertFails(["--db", "absent.sqlite"], in: folder, mentioning: ["absent.sqlite"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/absent.sqlite"), "sample created a knowledge base")
    }

    // MARK: 15. Output format

    func testEveryLineHasTheDocumentedKeysInOrderAndConsistentValues() throws {
        let folder = try SampleCorpus.folder()
        var kpsSeen = Set<String>()
        for sampler in ["mathscale", "cooccurrence", "uniform"] {
            let output = lines(try sample(["-n", "150", "--seed", "5", "--sampler", sampler, "--quiet"], in: folder).stdout)
            XCTAssertEqual(output.count, 150)
            for (index, line) in output.enumerated() {
                XCTAssertEqual(topLevelJSONKeys(line), Self.baseKeys, line)
                let o = try object(line)
                XCTAssertEqual(o.count, Self.baseKeys.count)
                XCTAssertEqual(o["id"] as? Int, index)
                XCTAssertEqual(o["sampler"] as? String, sampler)
                XCTAssertEqual(o["seed"] as? Int, 5)
                let topics = try XCTUnwrap(o["topics"] as? [String], line)
                let kps = try XCTUnwrap(o["knowledge_points"] as? [String], line)
                let walk = try XCTUnwrap(o["walk"] as? [String], line)
                XCTAssertFalse(topics.isEmpty, line)
                XCTAssertTrue(Set(topics).isSubset(of: SampleCorpus.topicNames), line)
                XCTAssertTrue(Set(kps).isSubset(of: SampleCorpus.kpNames), line)
                XCTAssertEqual(o["topics_text"] as? String, topics.joined(separator: "; "), line)
                XCTAssertEqual(o["knowledge_points_text"] as? String, kps.joined(separator: "; "), line)
                // The samplers choose their topics before their KPs, but for the bridging topics
                // of the MathScale walk's KP fallback, which come between the KPs they lead to.
                XCTAssertEqual(walk.filter(Set(topics).contains), topics, line)
                XCTAssertEqual(walk.filter(Set(kps).contains), kps, line)
                if sampler != "mathscale" { XCTAssertEqual(walk, topics + kps, line) }
                XCTAssertEqual(Set(walk).count, walk.count, line)
                XCTAssertEqual(o["levels"] as? [String], SampleCorpus.levels(of: walk), line)
                kpsSeen.formUnion(kps)
            }
        }
        // The name with a quote, a backslash and a non-ASCII letter was written (and parsed back).
        XCTAssertTrue(kpsSeen.contains(SampleCorpus.kpNames.last!), "\(kpsSeen)")
    }

    /// From A the paper's walk is always [A, B] + x; from B it is [B, A] + x or y: two
    /// combinations, and a third, {x, y}, that --unique reaches by extending a repeat.
    func testUniqueStopsWithAWarningWhenTheGraphRunsOut() throws {
        let folder = TemporaryFolder()
        folder.write(
            "tiny.jsonl",
            """
            {"id": "a", "topics": ["Topic A", "Topic B"], "knowledge_points": ["Skill x"]}
            {"id": "b", "topics": ["Topic A"], "knowledge_points": ["Skill y"]}

            """)
        XCTAssertEqual(try KGProcess.run(["ingest", "tiny.jsonl"], in: folder.path).status, 0)
        let result = try sample(["-n", "10", "--seed", "2", "--unique", "--quiet", "--kp-fallback", "none"], in: folder)
        let output = lines(result.stdout)
        XCTAssertEqual(output.count, 3)
        var combinations = Set<[String]>()
        for line in output {
            let o = try object(line)
            combinations.insert((try XCTUnwrap(o["topics"] as? [String])).sorted() + ["|"] + (try XCTUnwrap(o["knowledge_points"] as? [String])).sorted())
        }
        XCTAssertEqual(
            combinations,
            [["Topic A", "Topic B", "|", "Skill x"], ["Topic A", "Topic B", "|", "Skill y"], ["Topic A", "Topic B", "|", "Skill x", "Skill y"]])
        XCTAssertTrue(result.stderr.contains("only 3 unique combinations"), result.stderr)
    }

    func testTemplateAndExamplesAddExamplesAndPrompt() throws {
        let folder = try SampleCorpus.folder()
        folder.write("prompt.txt", "Write about {topics}.\nUse {knowledge_points} ({levels}).\n{{\"json\": true}}\n{examples}\nEnd")
        let output = lines(try sample(["-n", "80", "--seed", "3", "--quiet", "--template", "prompt.txt", "--examples", "1"], in: folder).stdout)
        XCTAssertEqual(output.count, 80)
        let texts = Dictionary(uniqueKeysWithValues: SampleCorpus.records.map { ($0.id, $0.exampleText) })
        var solutions = 0, answers = 0
        for line in output {
            XCTAssertEqual(topLevelJSONKeys(line), Self.baseKeys + ["examples", "prompt"], line)
            let o = try object(line)
            let topics = try XCTUnwrap(o["topics"] as? [String])
            let kps = try XCTUnwrap(o["knowledge_points"] as? [String])
            let levels = try XCTUnwrap(o["levels"] as? [String])
            let examples = try XCTUnwrap(o["examples"] as? [String], line)
            // One of the equally near records, chosen by the sample's seed.
            let nearest = SampleCorpus.nearestExamples(to: kps).map(\.id)
            XCTAssertEqual(examples.count, nearest.isEmpty ? 0 : 1, line)
            if let example = examples.first {
                XCTAssertTrue(nearest.contains(example), "nearest examples for \(kps): \(nearest), not \(example)")
                if texts[example]?.contains("\nSolution: ") == true { solutions += 1 }
                if texts[example]?.contains("\nAnswer: ") == true { answers += 1 }
            }
            let block = examples.enumerated().map { "Example \($0.offset + 1):\n\(texts[$0.element] ?? "?")" }.joined(separator: "\n\n")
            // A line whose placeholders are all empty is left out.
            var promptLines = ["Write about \(topics.joined(separator: "; "))."]
            let kpText = kps.joined(separator: "; "), levelText = levels.joined(separator: ", ")
            if !kps.isEmpty || !levels.isEmpty { promptLines.append("Use \(kpText) (\(levelText)).") }
            promptLines.append("{\"json\": true}")
            if !block.isEmpty { promptLines.append(block) }
            promptLines.append("End")
            let prompt = promptLines.joined(separator: "\n")
            XCTAssertEqual(o["prompt"] as? String, prompt, line)
        }
        XCTAssertGreaterThan(solutions, 0, "examples carry their solutions")
        XCTAssertGreaterThan(answers, 0, "or their answers")
        // --examples without --template: ids only, no prompt.
        let idsOnly = lines(try sample(["-n", "30", "--seed", "3", "--quiet", "--examples", "2"], in: folder).stdout)
        for line in idsOnly {
            XCTAssertEqual(topLevelJSONKeys(line), Self.baseKeys + ["examples"], line)
            let examples = try XCTUnwrap(try object(line)["examples"] as? [String])
            XCTAssertTrue(examples.count <= 2 && Set(examples).isSubset(of: Set(texts.keys)), line)
            let kps = try XCTUnwrap(try object(line)["knowledge_points"] as? [String])
            let nearest = SampleCorpus.nearestExamples(to: kps).map(\.id)
            if !nearest.isEmpty { XCTAssertTrue(nearest.contains(examples.first ?? ""), line) }
        }
        // The same samples with and without the extras.
        let plain = lines(try sample(["-n", "80", "--seed", "3", "--quiet"], in: folder).stdout)
        for (a, b) in zip(plain, output) {
            let x = try object(a), y = try object(b)
            XCTAssertEqual(x["walk"] as? [String], y["walk"] as? [String])
        }
    }

    func testReportFileHoldsTheDiversityFiguresOfTheSamples() throws {
        let folder = try SampleCorpus.folder()
        let result = try sample(["-n", "400", "--seed", "4", "--report", "report.json"], in: folder)
        XCTAssertEqual(result.stderr, "", "with --report the figures go to the file, not stderr")
        let output = lines(result.stdout)
        let text = try String(contentsOfFile: folder.path + "/report.json", encoding: .utf8)
        XCTAssertEqual(
            topLevelJSONKeys(text),
            [
                "samples", "distinct_combinations", "distinct_share", "novelty", "topic_coverage", "kp_coverage",
                "topic_entropy", "mean_topics", "mean_knowledge_points", "samples_without_knowledge_points", "kp_pairs", "kp_pair_plausibility",
            ])
        let report = try object(text)
        // A KP pair is plausible when the two co-occur in a record, or some topic co-occurs with each.
        var cooccurring = Set<[String]>(), topicsOfKP: [String: Set<String>] = [:]
        for record in SampleCorpus.records {
            for a in record.kps {
                topicsOfKP[a, default: []].formUnion(record.topics)
                for b in record.kps where a < b { cooccurring.insert([a, b]) }
            }
        }
        var pairs = 0, plausible = 0

        // The same figures, computed from the samples and the corpus.
        var combinations = Set<[String]>(), topicFrequency: [String: Int] = [:], kpsSeen = Set<String>()
        var novel = 0, topicTotal = 0, kpTotal = 0
        let seedKPSets = Set(SampleCorpus.records.map { Set($0.kps) })
        for line in output {
            let o = try object(line)
            let topics = try XCTUnwrap(o["topics"] as? [String]), kps = try XCTUnwrap(o["knowledge_points"] as? [String])
            combinations.insert(topics.sorted() + ["|"] + kps.sorted())
            for t in topics { topicFrequency[t, default: 0] += 1 }
            kpsSeen.formUnion(kps)
            if !seedKPSets.contains(Set(kps)) { novel += 1 }
            topicTotal += topics.count
            kpTotal += kps.count
            for (i, a) in kps.enumerated() {
                for b in kps[(i + 1)...] {
                    pairs += 1
                    if cooccurring.contains([min(a, b), max(a, b)]) || !topicsOfKP[a, default: []].isDisjoint(with: topicsOfKP[b, default: []]) {
                        plausible += 1
                    }
                }
            }
        }
        let entropy =
            topicFrequency.values.reduce(0.0) { sum, n in
                let p = Double(n) / Double(topicTotal)
                return sum - p * log(p)
            } / log(Double(SampleCorpus.topicNames.count))
        XCTAssertEqual(report["samples"] as? Int, 400)
        XCTAssertEqual(report["distinct_combinations"] as? Int, combinations.count)
        func number(_ key: String) throws -> Double { try XCTUnwrap(report[key] as? Double ?? (report[key] as? Int).map(Double.init), key) }
        XCTAssertEqual(try number("novelty"), Double(novel) / 400, accuracy: 1e-5)
        XCTAssertEqual(try number("topic_coverage"), Double(topicFrequency.count) / 8, accuracy: 1e-5)
        XCTAssertEqual(try number("kp_coverage"), Double(kpsSeen.count) / 12, accuracy: 1e-5)
        XCTAssertEqual(try number("topic_entropy"), entropy, accuracy: 1e-5)
        XCTAssertEqual(try number("mean_topics"), Double(topicTotal) / 400, accuracy: 1e-5)
        XCTAssertEqual(try number("mean_knowledge_points"), Double(kpTotal) / 400, accuracy: 1e-5)
        XCTAssertEqual(try number("distinct_share"), Double(combinations.count) / 400, accuracy: 1e-5)
        XCTAssertEqual(report["kp_pairs"] as? Int, pairs)
        XCTAssertEqual(try number("kp_pair_plausibility"), Double(plausible) / Double(pairs), accuracy: 1e-5)
        XCTAssertGreaterThan(pairs, 100)
        // The figures are not trivial on this corpus.
        XCTAssertGreaterThan(combinations.count, 50)
        XCTAssertGreaterThan(novel, 0)

        // Without --report and --quiet the summary goes to stderr.
        let noisy = try sample(["-n", "20", "--seed", "4"], in: folder)
        XCTAssertTrue(noisy.stderr.contains("20 samples"), noisy.stderr)
        XCTAssertEqual(noisy.stdout, output.prefix(20).map { $0 + "\n" }.joined())
    }
}
