import Foundation
import KnowledgeBase
import TextAnalysis

/// `kg-bench dedup`: number masking, decontamination against GSM8K+MATH test, and MinHash
/// deduplication, on synthetic generated problems made from GSM8K and MATH train texts.
enum DedupBenchmark {
    static func run(arguments: [String]) throws {
        let count = Int(option("--problems", in: arguments) ?? "") ?? 1_000_000
        let folder = option("--dir", in: arguments) ?? NSTemporaryDirectory() + "kg-bench-dedup"
        let threads = Int(option("--threads", in: arguments) ?? "") ?? ProcessInfo.processInfo.activeProcessorCount
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let data = option("--data", in: arguments) ?? repositoryRoot + "/../shared/data"
        let input = folder + "/generated-\(count).jsonl"
        if !FileManager.default.fileExists(atPath: input) {
            let (_, seconds) = try measure { try writeSynthetic(count: count, to: input, data: data) }
            print("wrote \(count) synthetic problems to \(input) (\(fileSize(input) / 1_000_000) MB) in \(String(format: "%.1f", seconds)) s")
        }
        print("threads \(threads)")

        let (problems, loadSeconds) = try measure { try ProblemCollection(files: [input]) }
        print("load: \(problems.count) problems in \(String(format: "%.2f", loadSeconds)) s (\(formatRate(Double(problems.count) / loadSeconds))/s), peak memory \(String(format: "%.0f", peakMemoryMiB())) MiB")

        // Masking, one thread.
        let masker = NumberMasker()
        var checksum: UInt64 = 0
        let (_, keySeconds) = measure {
            for i in 0..<problems.count { checksum &+= problems.withText(i) { masker.key(ofBytes: $0) } }
        }
        let maskCount = min(problems.count, 200_000)
        var values = 0
        let (_, maskSeconds) = measure {
            for i in 0..<maskCount { values += masker.mask(problems.text(i)).values.count }
        }
        print("masking, 1 thread: template key \(formatRate(Double(problems.count) / keySeconds)) problems/s; "
            + "full template (text + values) \(formatRate(Double(maskCount) / maskSeconds)) problems/s "
            + "(\(values) numbers in \(maskCount) problems; checksum \(checksum % 1000))")

        // Decontamination against the shipped GSM8K + MATH test.
        let (index, indexSeconds) = try measure {
            ContaminationIndex(benchmarks: try BenchmarkSet(path: repositoryRoot + "/data/benchmarks"), rules: ContaminationRules())
        }
        let (report, checkSeconds) = measure { ContaminationReport(checking: problems, against: index, threads: threads) }
        print("decontaminate (rules: \(index.rules.names.joined(separator: ", "))): index of \(index.benchmarks.problems.count) test problems in \(String(format: "%.2f", indexSeconds)) s; "
            + "\(problems.count) problems checked in \(String(format: "%.2f", checkSeconds)) s (\(formatRate(Double(problems.count) / checkSeconds))/s), "
            + "load + check \(String(format: "%.2f", loadSeconds + indexSeconds + checkSeconds)) s; flagged \(report.flagged) "
            + "(" + report.byRule.map { "\($0.rule) \($0.flagged)" }.joined(separator: ", ") + "); peak memory \(String(format: "%.0f", peakMemoryMiB())) MiB")

        // MinHash deduplication.
        var options = NearDuplicateFinder.Options()
        options.threads = threads
        let (result, dedupSeconds) = measure { NearDuplicateFinder(options: options).run(problems) }
        print("dedup (exact, template, minhash 5-grams 256 perms 25x10 0.7): \(problems.count) problems in \(String(format: "%.2f", dedupSeconds)) s "
            + "(\(formatRate(Double(problems.count) / dedupSeconds))/s); \(result.clusters.count) clusters, \(result.dropped) duplicates ("
            + DedupMethod.allCases.map { "\($0.rawValue) \(result.droppedByReason[$0] ?? 0)" }.joined(separator: ", ")
            + "); peak memory \(String(format: "%.0f", peakMemoryMiB())) MiB")
        var minhashOnly = options
        minhashOnly.methods = [.minhash]
        let (onlyResult, onlySeconds) = measure { NearDuplicateFinder(options: minhashOnly).run(problems) }
        print("dedup, minhash only: \(String(format: "%.2f", onlySeconds)) s, \(onlyResult.dropped) duplicates in \(onlyResult.clusters.count) clusters")

        if let sideBySide = option("--datasketch", in: arguments).flatMap(Int.init) {
            try compareWithDatasketch(count: sideBySide, folder: folder, data: data)
        }
    }

    /// kg's MinHash dedup and datasketch's MinHashLSH (Benchmarks/scripts/compare-datasketch.sh)
    /// on the same first `count` synthetic problems.
    static func compareWithDatasketch(count: Int, folder: String, data: String) throws {
        let input = folder + "/generated-\(count).jsonl"
        if !FileManager.default.fileExists(atPath: input) { try writeSynthetic(count: count, to: input, data: data) }
        let problems = try ProblemCollection(files: [input])
        var options = NearDuplicateFinder.Options()
        options.methods = [.minhash]
        for threads in [1, ProcessInfo.processInfo.activeProcessorCount] {
            options.threads = threads
            let (result, seconds) = measure { NearDuplicateFinder(options: options).run(problems) }
            print("kg (minhash only, \(threads) thread\(threads == 1 ? "" : "s")) \(problems.count) problems in \(String(format: "%.2f", seconds)) s "
                + "(\(formatRate(Double(problems.count) / seconds))/s), \(result.dropped) duplicates")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [repositoryRoot + "/Benchmarks/scripts/compare-datasketch.sh", input, String(count)]
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 { print("datasketch: the comparison script failed (status \(process.terminationStatus))") }
    }

    /// Synthetic "generated" problems: a GSM8K or MATH train problem with new numbers, and
    /// for most of them a word changed and a word inserted, so that some are near-duplicates
    /// of one another and most are not.
    static func writeSynthetic(count: Int, to path: String, data: String) throws {
        var bases: [String] = []
        for file in ["gsm8k/train.jsonl", "math/train.jsonl"] {
            try ProblemLines.forEach(path: data + "/" + file) { bases.append($0.text) }
        }
        let masker = NumberMasker()
        let templates = bases.map { masker.mask($0).text }
        let vocabulary = ["red", "new", "small", "large", "extra", "local", "young", "old", "daily", "whole", "quick", "exact", "total", "final"]
        var random = SplitMix64(seed: 13)
        let file = try OutputFile(path: path)
        var w = JSONWriter()
        for i in 0..<count {
            var words = fill(templates[random.nextInt(below: templates.count)], &random).split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            if random.nextInt(below: 10) < 8, words.count > 3 {
                words[random.nextInt(below: words.count)] = vocabulary[random.nextInt(below: vocabulary.count)]
                words.insert(vocabulary[random.nextInt(below: vocabulary.count)], at: random.nextInt(below: words.count))
            }
            w.beginObject()
            w.key("id"); w.string("gen-\(i)")
            w.key("problem"); w.string(words.joined(separator: " "))
            w.endObject()
            w.endLine()
            if w.bytes.count > 1 << 20 { try file.write(w.bytes); w.clear() }
        }
        try file.write(w.bytes)
        try file.close()
    }

    /// The template with every `{kindN}` placeholder replaced by a random number.
    static func fill(_ template: String, _ random: inout SplitMix64) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), NumberKind.allCases.contains(where: { after[..<close].hasPrefix($0.rawValue) }),
                after[..<close].last?.isNumber == true
            {
                out += String(1 + random.nextInt(below: 200))
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        return out + rest
    }
}
