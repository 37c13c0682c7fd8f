import Coverage
import Foundation
import KnowledgeBase
import Query
import Sampling

/// `kg-bench query`: the example queries of docs/query.md on the default knowledge base and
/// their counterparts on the synthetic 1M-record one — evaluation time (median of repeated
/// runs on a warm evaluator, and the first, cold run), and `kg query` end to end (open the
/// file, load the snapshot, evaluate, format the table), in process and as a `kg` process.
enum QueryBenchmark {
    /// A query of docs/query.md and the same shape of query on the synthetic knowledge base
    /// (whose concepts are "Synthetic Topic N" and "synthetic knowledge point N").
    struct Case {
        var onDefault: String
        var onSynthetic: String
    }

    /// Every example query of docs/query.md, in the order the page shows them.
    static let cases: [Case] = [
        Case(
            onDefault: "topics | top 10 by problems",
            onSynthetic: "topics | top 10 by problems"),
        Case(
            onDefault: "kps | limit 5",
            onSynthetic: "kps | limit 5"),
        Case(
            onDefault: "concepts | top 5 by degree",
            onSynthetic: "concepts | top 5 by degree"),
        Case(
            onDefault: #"topic "number theory""#,
            onSynthetic: #"topic "synthetic topic 17""#),
        Case(
            onDefault: #"kps ~ "probabilty""#,
            onSynthetic: #"kps ~ "knowlege point 4242""#),
        Case(
            onDefault: #"concepts ~ "circle equation""#,
            onSynthetic: #"concepts ~ "topic 99""#),
        Case(
            onDefault: "edges | top 5 by weight",
            onSynthetic: "edges | top 5 by weight"),
        Case(
            onDefault: #"problems | where level = "K" | limit 3"#,
            onSynthetic: #"problems | where level = "K" | limit 3"#),
        Case(
            onDefault: #"kps ~ "pythag" | neighbors topic"#,
            onSynthetic: #"kps ~ "point 4242" | neighbors topic"#),
        Case(
            onDefault: "topics | top 10 by degree | neighbors kp | top 5 by weight",
            onSynthetic: "topics | top 10 by degree | neighbors kp | top 5 by weight"),
        Case(
            onDefault: #"topic "Number Theory" | neighbors kp | where count >= 20 | top 5 by weight"#,
            onSynthetic: #"topic "Synthetic Topic 17" | neighbors kp | where count >= 20 | top 5 by weight"#),
        Case(
            onDefault: #"topic "Number Theory" | neighbors kp | where count >= 10 and not name ~ "factor" | top 5 by weight"#,
            onSynthetic: #"topic "Synthetic Topic 17" | neighbors kp | where count >= 10 and not name ~ "point 1" | top 5 by weight"#),
        Case(
            onDefault: #"topics | where level = "grade-8" | top 5 by problems"#,
            onSynthetic: #"topics | where level = "grade-8" | top 5 by problems"#),
        Case(
            onDefault: #"kps | where source = "mathscale" and (degree >= 6 or count >= 10) | top 5 by count"#,
            onSynthetic: #"kps | where source = "synthetic" and (degree >= 6 or count >= 10) | top 5 by count"#),
        Case(
            onDefault: #"topic "Algebra" | neighbors topic | sort by name | limit 5"#,
            onSynthetic: #"topic "Synthetic Topic 1" | neighbors topic | sort by name | limit 5"#),
        Case(
            onDefault: #"kps | where source = "champ" | top 3 by problems asc"#,
            onSynthetic: #"kps | where source = "synthetic" | top 3 by problems asc"#),
        Case(
            onDefault: #"kp "Pythagorean theorem" | path to "Fractions""#,
            onSynthetic: #"kp "synthetic knowledge point 4242" | path to "Synthetic Topic 9999""#),
        Case(
            onDefault: #"topic "Number Theory" | path to "polynomial division definition""#,
            onSynthetic: #"topic "Synthetic Topic 17" | path to "synthetic knowledge point 4242""#),
        Case(
            onDefault: #"topic "Geometry" | ego 1 | where count >= 5"#,
            onSynthetic: #"topic "Synthetic Topic 9999" | ego 1 | where count >= 5"#),
        Case(
            onDefault: #"topic "Exponents and roots" | ego 1 | where level = "grade-8""#,
            onSynthetic: #"topic "Synthetic Topic 9999" | ego 1 | where level = "grade-8""#),
        Case(
            onDefault: #"topic "Linear equations and functions" | ego 1 kp | where count >= 30"#,
            onSynthetic: #"topic "Synthetic Topic 9999" | ego 1 kp | where count >= 30"#),
        Case(
            onDefault: #"topic "Functions" | ego 2 | top 5 by degree"#,
            onSynthetic: #"topic "Synthetic Topic 9999" | ego 2 | top 5 by degree"#),
        Case(
            onDefault: #"kp "Pythagorean theorem" | problems"#,
            onSynthetic: #"kp "synthetic knowledge point 4242" | problems"#),
        Case(
            onDefault: #"(topic "Functions" union kp "Function Definition") | edges | problems"#,
            onSynthetic: #"(topic "Synthetic Topic 9999" union kp "synthetic knowledge point 4242") | edges | problems"#),
        Case(
            onDefault: #"topics ~ "fraction" | edges | top 5 by weight"#,
            onSynthetic: #"topics ~ "topic 99" | edges | top 5 by weight"#),
        Case(
            onDefault: #"problems | where source = "mathscale" | concepts | top 5 by count"#,
            onSynthetic: #"problems | where level = "K" | concepts | top 5 by count"#),
        Case(
            onDefault: #"(topic "Algebra" | neighbors kp) intersect (topic "Number Theory" | neighbors kp) | top 5 by weight"#,
            onSynthetic: #"(topic "Synthetic Topic 1" | neighbors kp) intersect (topic "Synthetic Topic 2" | neighbors kp) | top 5 by weight"#),
        Case(
            onDefault: #"(topic "Counting" | neighbors kp) except (topic "Combinatorics" | neighbors kp) | top 5 by weight"#,
            onSynthetic: #"(topic "Synthetic Topic 1" | neighbors kp) except (topic "Synthetic Topic 2" | neighbors kp) | top 5 by weight"#),
        Case(
            onDefault: #"(topic "Counting" | neighbors kp) union (topic "Combinatorics" | neighbors kp) | top 5 by weight"#,
            onSynthetic: #"(topic "Synthetic Topic 1" | neighbors kp) union (topic "Synthetic Topic 2" | neighbors kp) | top 5 by weight"#),
        Case(
            onDefault: #"kps ~ "probability" union topics ~ "probability""#,
            onSynthetic: #"kps ~ "point 4242" union topics ~ "topic 42""#),
        Case(
            onDefault: #"topic "Number Theory" | neighbors kp | top 2 by weight"#,
            onSynthetic: #"topic "Synthetic Topic 17" | neighbors kp | top 2 by weight"#),
        Case(
            onDefault: "edges | top 1 by weight",
            onSynthetic: "edges | top 1 by weight"),
        Case(
            onDefault: #"topic "Geometry" | ego 1 | where count >= 50"#,
            onSynthetic: #"topic "Synthetic Topic 9999" | ego 1 | where count >= 50"#),
    ]

    static func run(arguments: [String]) throws {
        let folder = option("--dir", in: arguments) ?? NSTemporaryDirectory()
        let seeds = option("--seeds", in: arguments) ?? repositoryRoot + "/data/seeds"
        let only = option("--only", in: arguments)
        let kg = option("--kg", in: arguments) ?? defaultKGPath()

        if only == nil || only == "default" {
            var path = option("--default-db", in: arguments)
            if path == nil {
                let built = folder + "/kg-bench-query-default.sqlite"
                try BenchmarkKnowledgeBases.buildDefault(at: built, seeds: seeds)
                path = built
            }
            try measure(
                path: path!, label: "default KB", synthetic: false, kg: kg, match: option("--match", in: arguments),
                endToEndRuns: Int(option("--e2e-runs", in: arguments) ?? "") ?? 7)
            if option("--default-db", in: arguments) == nil { removeDatabase(path!) }
        }
        if only == nil || only == "synthetic" {
            let path: String
            if let given = option("--synthetic-db", in: arguments) {
                path = given
            } else {
                path = folder + "/kg-bench-query-synthetic.sqlite"
                try BenchmarkKnowledgeBases.buildSynthetic(at: path, folder: folder)
            }
            try measure(
                path: path, label: "synthetic KB", synthetic: true, kg: kg, match: option("--match", in: arguments),
                endToEndRuns: Int(option("--e2e-runs", in: arguments) ?? "") ?? 1)
            if option("--synthetic-db", in: arguments) == nil { removeDatabase(path) }
        }
        print("peak memory: \(String(format: "%.0f", peakMemoryMiB())) MiB")
    }

    static func measure(path: String, label: String, synthetic: Bool, kg: String?, match: String?, endToEndRuns: Int) throws {
        let kb = try KnowledgeBase(path: path)
        let (withProblems, loadSeconds) = try timed { try kb.snapshot(.problems) }
        let (_, leanSeconds) = try timed { try kb.snapshot(.graph) }
        let (keys, keySeconds) = try timed { try kb.nameKeys() }
        let edgeCount = (withProblems.adjacency.topic.targets.count + withProblems.adjacency.kp.targets.count) / 2
        print("\(label): \(withProblems.problems.count) problems, \(withProblems.nodeCount) concepts, \(edgeCount) edges (\(path))")
        print(String(format: "  snapshot load: %@ with problems, %@ without; name keys %@", ms(loadSeconds), ms(leanSeconds), ms(keySeconds)))
        // As `kg query` builds it: with the store's keys, so names need not be normalised.
        let evaluator = QueryEvaluator(snapshot: withProblems, aliases: keys, keys: try kb.conceptKeys(for: withProblems))
        print(
            "  " + pad("query", 84) + pad("rows", 8, right: true) + pad("cold", 11, right: true) + pad("eval median", 14, right: true)
                + pad("e2e in-proc", 14, right: true) + pad("e2e kg", 11, right: true))
        for c in cases where match.map({ (synthetic ? c.onSynthetic : c.onDefault).contains($0) }) ?? true {
            let text = synthetic ? c.onSynthetic : c.onDefault
            let query = try Query.parse(text)
            let (first, cold) = try timed { try evaluator.evaluate(query) }
            var times: [Double] = []
            var total = 0.0
            while times.count < 3 || (total < 0.5 && times.count < 2_000) {
                let (_, t) = try timed { try evaluator.evaluate(query) }
                times.append(t)
                total += t
            }
            var inProcess: [Double] = []
            for _ in 0..<endToEndRuns {
                let (_, t) = try timed {
                    let kb = try KnowledgeBase(path: path)
                    let result = try QueryEvaluator(knowledgeBase: kb, for: query).evaluate(query)
                    let text = tableText(result)
                    FileHandle.nullDevice.write(Data(text.utf8))
                }
                inProcess.append(t)
            }
            var process: [Double] = []
            if let kg {
                for _ in 0..<endToEndRuns {
                    let (_, t) = try timed { try runKG(kg, ["query", "--db", path, text]) }
                    process.append(t)
                }
            }
            print(
                "  " + pad(abbreviate(text, 82), 84) + pad(String(first.count), 8, right: true) + pad(ms(cold), 11, right: true)
                    + pad(ms(median(times)), 14, right: true) + pad(ms(median(inProcess)), 14, right: true)
                    + pad(process.isEmpty ? "-" : ms(median(process)), 11, right: true))
        }
    }

    /// The table `kg query` prints, formatted the same way (aligned columns, two spaces).
    static func tableText(_ result: QueryResult) -> String {
        var lines: [String] = []
        for table in result.tables {
            if let title = table.title { lines.append(title) }
            var widths = table.header.map(\.count)
            for row in table.rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
            for row in [table.header] + table.rows {
                lines.append(
                    row.enumerated().map { i, cell in
                        let padding = String(repeating: " ", count: widths[i] - cell.count)
                        return table.numericColumns.contains(i) ? padding + cell : cell + padding
                    }.joined(separator: "  "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs `kg` with output to /dev/null. posix_spawn and waitpid rather than Foundation's
    /// `Process`, whose exit polling adds tens of milliseconds on Linux.
    static func runKG(_ kg: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([kg] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        guard posix_spawn(&pid, kg, &actions, nil, argv, envp) == 0 else { throw BenchError("cannot start \(kg)") }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        if status != 0 { throw BenchError("\(kg) \(arguments.joined(separator: " ")) failed (status \(status))") }
    }

    /// `kg` in the same build folder as this benchmark, if it was built.
    static func defaultKGPath() -> String? {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        // Beside kg-bench, or the repository's release build (the benchmarks are a package
        // of their own, so `kg` is not built with them).
        let candidates = [folder.appendingPathComponent("kg").path, repositoryRoot + "/.build/release/kg"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func ms(_ seconds: Double) -> String {
        let milliseconds = seconds * 1000
        return milliseconds < 1
            ? String(format: "%.3f ms", milliseconds)
            : milliseconds < 100 ? String(format: "%.1f ms", milliseconds) : String(format: "%.0f ms", milliseconds)
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }

    static func abbreviate(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}

/// `measure` from Measure.swift under another name: inside `QueryBenchmark`, `measure` means its own method.
private func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    try measure(body)
}
