import Coverage
import Foundation
import KnowledgeBase
import Sampling

/// `kg-bench sample`: combinations/s in memory and as JSONL to a file, single thread, on the
/// default knowledge base and on the synthetic 1M-record one.
enum SampleBenchmark {
    static func run(arguments: [String]) throws {
        let folder = option("--dir", in: arguments) ?? NSTemporaryDirectory()
        let samples = Int(option("--samples", in: arguments) ?? "") ?? 2_000_000
        let seeds = option("--seeds", in: arguments) ?? repositoryRoot + "/data/seeds"

        let only = option("--only", in: arguments)
        let samplers = option("--sampler", in: arguments).map { [$0] } ?? ["mathscale", "cooccurrence", "uniform"]
        let kpFallbacks = try (option("--kp-fallback", in: arguments) ?? "\(SamplerSettings().kpFallback.rawValue),none")
            .split(separator: ",").map { name in
                guard let rule = KPFallback(rawValue: String(name)) else { throw BenchError("unknown --kp-fallback \(name)") }
                return rule
            }
        // The default knowledge base.
        if only == nil || only == "default" {
            let defaultPath = folder + "/kg-bench-default.sqlite"
            let problems = try BenchmarkKnowledgeBases.buildDefault(at: defaultPath, seeds: seeds)
            try measureKnowledgeBase(
                try KnowledgeBase(path: defaultPath), label: "default KB (\(problems) problems)", samples: samples, samplers: samplers, kpFallbacks: kpFallbacks, folder: folder
            )
            removeDatabase(defaultPath)
        }
        if only == "default" { return }

        // The synthetic 1M-record knowledge base.
        let syntheticPath: String
        if let given = option("--synthetic-db", in: arguments) {
            syntheticPath = given
        } else {
            syntheticPath = folder + "/kg-bench-synthetic.sqlite"
            try BenchmarkKnowledgeBases.buildSynthetic(at: syntheticPath, folder: folder)
        }
        try measureKnowledgeBase(
            try KnowledgeBase(path: syntheticPath), label: "synthetic KB (1M problems)", samples: samples, samplers: samplers, kpFallbacks: kpFallbacks, folder: folder)
        if option("--synthetic-db", in: arguments) == nil { removeDatabase(syntheticPath) }
        print("peak memory: \(String(format: "%.0f", peakMemoryMiB())) MiB")
    }

    static func measureKnowledgeBase(
        _ kb: KnowledgeBase, label: String, samples: Int, samplers: [String], kpFallbacks: [KPFallback], folder: String
    ) throws {
        let (snapshot, loadSeconds) = try measure { try kb.snapshot() }
        print(
            "\(label): snapshot of \(snapshot.nodeCount) concepts, \((snapshot.adjacency.topic.targets.count + snapshot.adjacency.kp.targets.count) / 2) edges loaded in \(String(format: "%.2f", loadSeconds)) s"
        )
        // The MathScale walk under each rule asked for (default: the default rule, then the paper's walk).
        var runs: [(name: String, settings: SamplerSettings)] = []
        for kind in SamplerKind.allCases where samplers.contains(kind.rawValue) {
            guard kind == .mathscale else {
                runs.append((kind.rawValue, SamplerSettings(kind: kind)))
                continue
            }
            for fallback in kpFallbacks {
                var settings = SamplerSettings(kind: kind)
                settings.kpFallback = fallback
                runs.append((fallback == SamplerSettings().kpFallback ? kind.rawValue : "\(kind.rawValue) --kp-fallback \(fallback.rawValue)", settings))
            }
        }
        for (label, settings) in runs {
            let name = settings.kind.rawValue
            let graph = settings.graph(snapshot: snapshot)
            let options = SampleRunOptions(count: samples, seed: 1)
            // In memory: draw and touch every combination. The first pass also builds the
            // alias tables it needs (lazily); the second finds them built.
            var checksum = 0
            let (_, coldSeconds) = try measure {
                _ = try settings.run(on: graph, options) { _, c in checksum &+= c.walk.count }
            }
            checksum = 0
            let (_, memorySeconds) = try measure {
                _ = try settings.run(on: graph, options) { _, c in checksum &+= c.walk.count }
            }
            // To a JSONL file.
            let path = folder + "/kg-bench-samples.jsonl"
            let file = try OutputFile(path: path)
            let writer = SampleWriter(snapshot: snapshot, samplerName: name, seed: 1)
            let (_, fileSeconds) = try measure {
                _ = try settings.run(on: graph, options) { id, c in
                    writer.format(id: id, combination: c)
                    try writer.write(to: file)
                }
                try file.close()
            }
            let bytes = fileSize(path)
            try? FileManager.default.removeItem(atPath: path)
            // The same lines to /dev/null: the formatter without the disk.
            let sink = try OutputFile(path: "/dev/null")
            let (_, formatSeconds) = try measure {
                _ = try settings.run(on: graph, options) { id, c in
                    writer.format(id: id, combination: c)
                    try writer.write(to: sink)
                }
                try sink.close()
            }
            print(
                String(
                    format:
                        "  %@ %d samples: in memory %.2f s first pass (%@/s, builds tables), %.2f s (%@/s, %.2f concepts each); JSONL file %.2f s (%@/s, %.0f MB); JSONL to /dev/null %.2f s (%@/s)",
                    label.padding(toLength: 29, withPad: " ", startingAt: 0) as NSString, samples,
                    coldSeconds, formatRate(Double(samples) / coldSeconds) as NSString,
                    memorySeconds, formatRate(Double(samples) / memorySeconds) as NSString,
                    Double(checksum) / Double(samples), fileSeconds,
                    formatRate(Double(samples) / fileSeconds) as NSString, Double(bytes) / 1e6,
                    formatSeconds, formatRate(Double(samples) / formatSeconds) as NSString))
        }
    }
}
