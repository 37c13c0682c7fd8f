import Foundation
import KnowledgeBase

/// `kg-bench startup`: every graph command end to end as a fresh `kg` process (median of
/// `--runs`, warm page cache), on the default and the synthetic 1M-problem knowledge base,
/// side by side: the `kg` under test with its snapshot file, the same `kg` with
/// `KG_SNAPSHOT=off` (the graph read from SQLite on every call), and — with `--before PATH` —
/// an earlier `kg` binary. Also the snapshot's build time and size.
enum StartupBenchmark {
    struct Command {
        var label: String
        var onDefault: [String]
        var onSynthetic: [String]
    }

    static let commands: [Command] = [
        Command(
            label: "query one-hop top 5",
            onDefault: ["query", #"topic "Number Theory" | neighbors kp | top 5 by weight"#],
            onSynthetic: ["query", #"topic "Synthetic Topic 17" | neighbors kp | top 5 by weight"#]),
        Command(label: "query topics top 10", onDefault: ["query", "topics | top 10 by problems"], onSynthetic: ["query", "topics | top 10 by problems"]),
        Command(label: "sample -n 10", onDefault: ["sample", "-n", "10", "--seed", "1"], onSynthetic: ["sample", "-n", "10", "--seed", "1"]),
        Command(
            label: "sample -n 10 --examples 2", onDefault: ["sample", "-n", "10", "--seed", "1", "--examples", "2"],
            onSynthetic: ["sample", "-n", "10", "--seed", "1", "--examples", "2"]),
        Command(
            label: "render ego (≤100 nodes) SVG",
            onDefault: ["render", #"topic "Geometry" | ego 1"#, "--max-nodes", "100", "-o", "/dev/null", "--format", "svg"],
            onSynthetic: ["render", #"topic "Synthetic Topic 17" | ego 1"#, "--max-nodes", "100", "-o", "/dev/null", "--format", "svg"]),
        Command(label: "render --overview SVG", onDefault: ["render", "--overview", "-o", "/dev/null", "--format", "svg"], onSynthetic: []),
        Command(label: "stats", onDefault: ["stats"], onSynthetic: ["stats"]),
        Command(label: "coverage", onDefault: ["coverage"], onSynthetic: []),
    ]

    static func run(arguments: [String]) throws {
        guard let kg = option("--kg", in: arguments) ?? QueryBenchmark.defaultKGPath() else {
            throw BenchError("no kg binary: build it (swift build -c release) or pass --kg PATH")
        }
        let before = option("--before", in: arguments)
        let runs = Int(option("--runs", in: arguments) ?? "") ?? 20
        // The columns without a snapshot take seconds a run on the 1M KB: fewer runs there.
        let baselineRuns = Int(option("--baseline-runs", in: arguments) ?? "") ?? runs
        let folder = option("--dir", in: arguments) ?? NSTemporaryDirectory()
        let seeds = option("--seeds", in: arguments) ?? repositoryRoot + "/data/seeds"
        let only = option("--only", in: arguments)
        print(
            "kg under test: \(kg)" + (before.map { "; before: \($0)" } ?? "")
                + "; median of \(runs) runs (\(baselineRuns) for the columns without a snapshot), warm page cache")

        if only == nil || only == "default" {
            let path = option("--default-db", in: arguments) ?? folder + "/kg-bench-startup-default.sqlite"
            if option("--default-db", in: arguments) == nil { try BenchmarkKnowledgeBases.buildDefault(at: path, seeds: seeds) }
            // An earlier kg may not read this kg's schema: it gets a knowledge base of its own making.
            var beforePath: String?
            if let before {
                beforePath = folder + "/kg-bench-startup-default-before.sqlite"
                removeDatabase(beforePath!)
                try run(before, ["init", "--default", "--db", beforePath!], environment: ["KG_DATA": repositoryRoot + "/data"])
            }
            try measure(
                label: "default KB", path: path, synthetic: false, kg: kg, before: before, beforePath: beforePath, runs: runs,
                baselineRuns: baselineRuns)
            if let beforePath { removeDatabase(beforePath) }
            if option("--default-db", in: arguments) == nil { removeDatabase(path) }
        }
        if only == nil || only == "synthetic" {
            let path = option("--synthetic-db", in: arguments) ?? folder + "/kg-bench-startup-synthetic.sqlite"
            if option("--synthetic-db", in: arguments) == nil { try BenchmarkKnowledgeBases.buildSynthetic(at: path, folder: folder) }
            try measure(
                label: "synthetic 1M KB", path: path, synthetic: true, kg: kg, before: option("--before-synthetic-db", in: arguments) == nil ? nil : before,
                beforePath: option("--before-synthetic-db", in: arguments), runs: runs, baselineRuns: baselineRuns)
            if option("--synthetic-db", in: arguments) == nil { removeDatabase(path) }
        }
    }

    static func measure(
        label: String, path: String, synthetic: Bool, kg: String, before: String?, beforePath: String?, runs: Int, baselineRuns: Int
    ) throws {
        let kb = try KnowledgeBase(path: path)
        let stats = try kb.statistics(top: 0)
        print("\n\(label): \(stats.problems) problems, \(stats.topics + stats.kps) concepts, \(stats.edges.total) edges (\(path))")
        // The snapshot: built from the store and saved, as `kg snapshot --rebuild` does.
        var builds: [Double] = []
        for _ in 0..<3 {
            let (_, seconds) = try elapsed { try run(kg, ["snapshot", "--rebuild", "--db", path], environment: [:]) }
            builds.append(seconds)
        }
        print(
            "  snapshot: \(String(format: "%.1f", Double(fileSize(kb.snapshotPath)) / 1_048_576)) MiB, "
                + "kg snapshot --rebuild \(QueryBenchmark.ms(QueryBenchmark.median(builds))) (median of 3, process included)")
        var header = "  " + QueryBenchmark.pad("command", 32) + QueryBenchmark.pad("snapshot file", 15, right: true)
            + QueryBenchmark.pad("KG_SNAPSHOT=off", 17, right: true)
        if before != nil && beforePath != nil { header += QueryBenchmark.pad("before", 12, right: true) }
        print(header)
        for command in commands {
            let arguments = (synthetic ? command.onSynthetic : command.onDefault)
            guard !arguments.isEmpty else { continue }
            let withDB = arguments + ["--db", path]
            var line = "  " + QueryBenchmark.pad(command.label, 32)
            line += QueryBenchmark.pad(QueryBenchmark.ms(try median(kg, withDB, [:], runs)), 15, right: true)
            line += QueryBenchmark.pad(QueryBenchmark.ms(try median(kg, withDB, ["KG_SNAPSHOT": "off"], baselineRuns)), 17, right: true)
            if let before, let beforePath {
                let beforeArguments = arguments + ["--db", beforePath]
                line += QueryBenchmark.pad(QueryBenchmark.ms(try median(before, beforeArguments, [:], baselineRuns)), 12, right: true)
            }
            print(line)
        }
    }

    /// The median wall time of `runs` runs, after one warm-up run.
    static func median(_ kg: String, _ arguments: [String], _ environment: [String: String], _ runs: Int) throws -> Double {
        try run(kg, arguments, environment: environment)
        var times: [Double] = []
        for _ in 0..<runs {
            let (_, seconds) = try elapsed { try run(kg, arguments, environment: environment) }
            times.append(seconds)
        }
        return QueryBenchmark.median(times)
    }

    static func run(_ kg: String, _ arguments: [String], environment: [String: String]) throws {
        try QueryBenchmark.runKG(kg, arguments, environment: environment)
    }
}

/// `measure` from Measure.swift under another name: inside `StartupBenchmark`, `measure` means its own method.
private func elapsed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    try measure(body)
}
