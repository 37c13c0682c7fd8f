import Coverage
import Foundation
import KnowledgeBase
import Sampling

/// `kg-bench coverage`: `kg tag` throughput, a coverage audit of 1M tagged records, and the
/// boost experiment — the normalised entropy of sampled curriculum areas on the default
/// knowledge base, without and with `--boost auto`.
enum CoverageBenchmark {
    static func run(arguments: [String]) throws {
        let folder = option("--dir", in: arguments) ?? NSTemporaryDirectory()
        let repository = repositoryRoot
        let seeds = option("--seeds", in: arguments) ?? repository + "/data/seeds"
        let curriculumPath = option("--curriculum", in: arguments) ?? repository + "/" + Curriculum.defaultRelativePath
        let problems = Int(option("--problems", in: arguments) ?? "") ?? 200_000
        let records = Int(option("--records", in: arguments) ?? "") ?? 1_000_000
        let samples = Int(option("--samples", in: arguments) ?? "") ?? 100_000
        let curriculum = try Curriculum.load(path: curriculumPath)
        print("curriculum: \(curriculum.areas.count) areas in \(curriculum.bands.count) bands (\(curriculumPath))")

        // The default knowledge base: KP names for tagging, and the boost experiment.
        let kbPath = folder + "/kg-bench-coverage.sqlite"
        removeDatabase(kbPath)
        let seedRecords = try DefaultKnowledgeBase.records(seedsFolder: seeds)
        let kb = try KnowledgeBase(path: kbPath, create: true)
        _ = try Ingester(knowledgeBase: kb).ingest(records: seedRecords)
        defer { removeDatabase(kbPath) }

        // 1. Tagging throughput: the seed problems' texts, repeated to `problems` lines.
        let texts = seedRecords.compactMap(\.problem)
        let input = folder + "/kg-bench-coverage-problems.jsonl"
        let tagged = folder + "/kg-bench-coverage-tagged.jsonl"
        defer { for path in [input, tagged] { try? FileManager.default.removeItem(atPath: path) } }
        try writeLines(to: input, count: problems) { i, w in
            w.beginObject(); w.key("id"); w.string("p\(i)"); w.key("problem"); w.string(texts[i % texts.count]); w.endObject()
        }
        let kps = try kb.concepts(kind: .kp, minimumProblems: 1).map(\.name)
        let tagger = ProblemTagger(keywords: AreaKeywords(curriculum: curriculum), knowledgePoints: kps)
        print(
            "tagging \(problems) problems (\(texts.count) distinct seed texts, \(String(format: "%.0f", Double(fileSize(input)) / 1e6)) MB), "
                + "\(tagger.keywords.keywords.count) keyword patterns + \(tagger.knowledgePointNames.count) KP names:")
        for threads in [1, ProcessInfo.processInfo.activeProcessorCount].filter({ $0 >= 1 }).uniqued() {
            let output = try OutputFile(path: tagged)
            let (summary, seconds) = try measure { try tagger.run(files: [input], output: output, threads: threads) }
            try output.close()
            print(
                String(
                    format: "  %d thread%@: %.2f s, %@ problems/s (%d tagged with areas, %d without)", threads, threads == 1 ? "" : "s",
                    seconds, formatRate(Double(summary.records) / seconds) as NSString, summary.tagged, summary.untagged))
        }

        // 2. A coverage audit of `records` tagged records.
        let million = folder + "/kg-bench-coverage-million.jsonl"
        defer { try? FileManager.default.removeItem(atPath: million) }
        let taggedLines = try String(contentsOfFile: tagged, encoding: .utf8).split(separator: "\n").map(String.init)
        try writeRaw(to: million, count: records) { i in
            // A distinct id per line: the tagged line with its id rewritten.
            let line = taggedLines[i % taggedLines.count]
            guard let end = line.range(of: "\",\"source\"") else { return line }
            return "{\"id\":\"r\(i)" + line[end.lowerBound...]
        }
        let context = CoverageContext(curriculum: curriculum, curriculumPath: curriculumPath)
        let (audit, auditSeconds) = try measure { try context.audit(datasetPath: million) }
        let (report, reportSeconds) = try measure { try CoverageReport(audit: audit, target: .uniform) }
        print(
            String(
                format: "coverage audit of %d tagged records (%.0f MB): %.2f s read and placed (%@ records/s), %.3f s report; "
                    + "%d areas covered of %d, normalised entropy %.3f", records, Double(fileSize(million)) / 1e6, auditSeconds,
                formatRate(Double(records) / auditSeconds) as NSString, reportSeconds, report.totals.areasCovered, report.totals.areas,
                report.totals.normalisedEntropy))
        let (kbAudit, kbSeconds) = try measure { try context.audit(knowledgeBase: kb, keepProfiles: true) }
        let kbReport = try CoverageReport(audit: kbAudit, target: .uniform)
        print(
            String(
                format: "coverage audit of the default knowledge base (%d problems): %.2f s; %d of %d areas covered, normalised entropy %.3f",
                kbReport.problemCounts.total, kbSeconds, kbReport.totals.areasCovered, kbReport.totals.areas, kbReport.totals.normalisedEntropy))

        // 3. The boost experiment.
        let snapshot = try kb.snapshot()
        let profiles = ConceptAreaProfiles(audit: kbAudit)
        let target = curriculum.areas.map { _ in 1 / Double(curriculum.areas.count) }
        let reachable = profiles.reachable.filter { $0 }.count
        print(
            "boost experiment: \(samples) samples per run, seed 1 (pilot runs use their own stream), uniform target; "
                + "\(reachable) of \(curriculum.areas.count) areas reachable (have a concept), so normalised entropy over all areas "
                + "is at most \(String(format: "%.3f", log2(Double(reachable)) / log2(Double(curriculum.areas.count)))):")
        for kind in SamplerKind.allCases {
            let name = kind.rawValue
            let settings = SamplerSettings(kind: kind)
            func sampled(_ boost: SamplingBoost?, count: Int, seed: UInt64) throws -> SampledAreaTally {
                var tally = SampledAreaTally(profiles: profiles)
                let graph = settings.graph(snapshot: snapshot, boost: boost?.logMultipliers)
                _ = try settings.run(on: graph, SampleRunOptions(count: count, seed: seed)) { _, c in tally.add(c) }
                return tally
            }
            let before = try sampled(nil, count: samples, seed: 1)
            let calibration = BoostCalibration()
            let ((boost, _), calibrateSeconds) = try measure {
                try calibration.calibrate(profiles: profiles, target: target, seed: 1) { b, s, emit in
                    let graph = settings.graph(snapshot: snapshot, boost: b?.logMultipliers)
                    _ = try settings.run(on: graph, SampleRunOptions(count: calibration.pilotSamples, seed: s)) { _, c in emit(c) }
                }
            }
            let after = try sampled(boost, count: samples, seed: 1)
            let klBefore = CoverageMetrics.klBits(target: target, observed: before.weights)
            let klAfter = CoverageMetrics.klBits(target: target, observed: after.weights)
            print(
                String(
                    format: "  %@ normalised entropy of sampled areas %.3f → %.3f (%+.3f; over reachable areas %.3f → %.3f), "
                        + "KL(target ‖ sampled) %.2f → %.2f bits, areas sampled %d → %d; calibration %.2f s",
                    name.padding(toLength: 12, withPad: " ", startingAt: 0) as NSString, before.normalisedEntropy, after.normalisedEntropy,
                    after.normalisedEntropy - before.normalisedEntropy, before.normalisedEntropyOverReachable,
                    after.normalisedEntropyOverReachable, klBefore, klAfter, before.areasCovered, after.areasCovered, calibrateSeconds))
        }
        print("peak memory: \(String(format: "%.0f", peakMemoryMiB())) MiB")
    }

    /// Writes `count` JSON lines built by `body`.
    static func writeLines(to path: String, count: Int, _ body: (Int, inout JSONWriter) -> Void) throws {
        let file = try OutputFile(path: path)
        var writer = JSONWriter()
        for i in 0..<count {
            body(i, &writer)
            writer.endLine()
            if writer.bytes.count > 1 << 20 {
                try file.write(writer.bytes)
                writer.clear()
            }
        }
        try file.write(writer.bytes)
        try file.close()
    }

    /// Writes `count` lines given as text.
    static func writeRaw(to path: String, count: Int, _ line: (Int) -> String) throws {
        let file = try OutputFile(path: path)
        for i in 0..<count {
            try file.write(line(i))
            try file.write([0x0A])
        }
        try file.close()
    }
}

extension Array where Element: Hashable {
    /// The elements without repeats, in first-seen order.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
