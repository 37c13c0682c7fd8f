import Foundation
import KnowledgeBase
import Sampling

/// `kg-bench quality`: what the samplers' combinations are worth, as `kg sample`'s report
/// measures it — KPs and topics per sample, novelty, distinct samples, plausible KP pairs —
/// for every sampler (and every `--kp-fallback` of the MathScale walk) side by side, on the
/// default knowledge base and on knowledge bases built from single datasets.
enum QualityBenchmark {
    /// A sampler column of the table.
    struct Column {
        var label: String
        var settings: SamplerSettings
    }

    static func run(arguments: [String]) throws {
        let folder = option("--dir", in: arguments) ?? NSTemporaryDirectory()
        let samples = Int(option("--samples", in: arguments) ?? "") ?? 10_000
        let seed = UInt64(option("--seed", in: arguments) ?? "") ?? 11
        let seeds = option("--seeds", in: arguments) ?? repositoryRoot + "/data/seeds"
        let shared = option("--shared-data", in: arguments) ?? repositoryRoot + "/../shared/data"
        let only = option("--only", in: arguments)
        let minimumProblems = Int(option("--min-count", in: arguments) ?? "") ?? SamplerSettings().minimumProblems

        var columns: [Column] = KPFallback.allCases.map { fallback in
            var settings = SamplerSettings(kind: .mathscale)
            settings.kpFallback = fallback
            return Column(label: "mathscale \(fallback.rawValue)", settings: settings)
        }
        columns += [SamplerKind.cooccurrence, .uniform].map { Column(label: $0.rawValue, settings: SamplerSettings(kind: $0)) }
        for i in columns.indices { columns[i].settings.minimumProblems = minimumProblems }
        print("\(samples) draws, --seed \(seed), --min-count \(minimumProblems), default options but the sampler and --kp-fallback (default: \(SamplerSettings().kpFallback.rawValue))")

        let path = folder + "/kg-bench-quality.sqlite"
        if only == nil || only == "default" {
            let problems = try BenchmarkKnowledgeBases.buildDefault(at: path, seeds: seeds)
            try table(path: path, label: "default KB (\(problems) problems, kg init --default)", columns: columns, samples: samples, seed: seed)
        }
        let datasets: [(name: String, dataset: Dataset, path: String)] = [
            ("tal-scq5k", .talSCQ5K, shared + "/tal-scq5k"),
            ("mathscale", .mathscale, shared + "/mathscale-extraction-sample"),
        ]
        for (name, dataset, datasetPath) in datasets where only == nil || only == name {
            guard FileManager.default.fileExists(atPath: datasetPath) else {
                print("\n\(name): \(datasetPath) not found (give --shared-data DIR); skipped")
                continue
            }
            removeDatabase(path)
            let records = try dataset.records(at: datasetPath)
            let kb = try KnowledgeBase(path: path, create: true)
            _ = try Ingester(knowledgeBase: kb).ingest(records: records)
            try kb.checkpoint()
            try table(path: path, label: "\(name) KB (\(records.count) problems, kg import \(name) \(datasetPath))", columns: columns, samples: samples, seed: seed)
        }
        removeDatabase(path)
    }

    static func table(path: String, label: String, columns: [Column], samples: Int, seed: UInt64) throws {
        let snapshot = try KnowledgeBase(path: path).snapshot()
        let kpsPerProblem = Double(snapshot.problems.reduce(0) { $0 + $1.knowledgePoints.count }) / Double(max(1, snapshot.problems.count))
        let kpEdges = snapshot.nodes(ofKind: .kp).reduce(0) { $0 + snapshot.adjacency.kp.range(of: Int($1)).count } / 2
        let pool = columns[0].settings.graph(snapshot: snapshot)
        print(
            "\n\(label): \(snapshot.nodes(ofKind: .topic).count) topics, \(snapshot.nodes(ofKind: .kp).count) KPs, \(kpEdges) KP–KP edges, "
                + "\(String(format: "%.2f", kpsPerProblem)) KPs per problem; pool (--min-count \(columns[0].settings.minimumProblems)): "
                + "\(pool.pool(.topic).count) topics, \(pool.pool(.kp).count) KPs")
        var reports: [SamplingReport] = []
        var seconds: [Double] = []
        for column in columns {
            let graph = column.settings.graph(snapshot: snapshot)
            var builder = SamplingReportBuilder(graph: graph)
            let (_, elapsed) = try measure {
                _ = try column.settings.run(on: graph, SampleRunOptions(count: samples, seed: seed)) { _, c in builder.add(c) }
            }
            reports.append(builder.report)
            seconds.append(elapsed)
        }
        func percent(_ x: Double?) -> String { x.map { String(format: "%.1f%%", $0 * 100) } ?? "–" }
        let rows: [(String, (SamplingReport) -> String)] = [
            ("KPs per sample", { String(format: "%.2f", $0.meanKnowledgePoints) }),
            ("topics per sample", { String(format: "%.2f", $0.meanTopics) }),
            ("KP set in no seed problem (novelty)", { percent($0.novelty) }),
            ("distinct samples", { percent($0.distinctShare) }),
            ("plausible KP pairs", { percent($0.kpPairPlausibility) }),
            ("KP pairs", { "\($0.kpPairs)" }),
            ("KP coverage", { percent($0.kpCoverage) }),
        ]
        print("| figure | " + columns.map(\.label).joined(separator: " | ") + " |")
        print("|---|" + String(repeating: "---|", count: columns.count))
        for (name, value) in rows {
            print("| \(name) | " + reports.map(value).joined(separator: " | ") + " |")
        }
        print("| seconds (draws and report) | " + seconds.map { String(format: "%.2f", $0) }.joined(separator: " | ") + " |")
    }
}
