import Extraction
import Foundation
import KnowledgeBase
import LLMFormats
import LLMStandIn

/// `kg-bench extract`: `kg extract parse` lines/s on one core and its memory at two input
/// sizes; `kg generate run` against the stand-in server answering at once: requests/s at
/// concurrency 64 and kg's own CPU time per request.
enum ExtractBenchmark {
    static func run(arguments: [String]) throws {
        let folder = option("--dir", in: arguments) ?? NSTemporaryDirectory()
        let lines = Int(option("--lines", in: arguments) ?? "") ?? 1_000_000
        let requests = Int(option("--requests", in: arguments) ?? "") ?? 20_000
        let concurrency = Int(option("--concurrency", in: arguments) ?? "") ?? 64
        guard let kg = option("--kg", in: arguments) ?? QueryBenchmark.defaultKGPath() else {
            throw BenchError("no kg binary: build it (swift build -c release in the repository) or pass --kg PATH")
        }

        // 1. The answer parser alone, on the shapes of the files below.
        let answers = (0..<100_000).map { answer(for: $0) }
        let parser = ExtractionAnswerParser()
        var accepted = 0
        let (_, parseSeconds) = measure {
            for content in answers { if case .success = parser.parse(content) { accepted += 1 } }
        }
        print(
            String(
                format: "answer parser: %d answers in %.2f s: %@ answers/s (%d accepted)",
                answers.count, parseSeconds, formatRate(Double(answers.count) / parseSeconds) as NSString, accepted))

        // 2. kg extract parse as a process, at a tenth of the size and at full size.
        for size in [lines / 10, lines] {
            let seeds = folder + "/kg-bench-seeds-\(size).jsonl", results = folder + "/kg-bench-results-\(size).jsonl"
            try writeFiles(seeds: seeds, results: results, count: size)
            let output = folder + "/kg-bench-records.jsonl"
            let (status, seconds, cpu, memory) = try child(kg, ["extract", "parse", results, "--seeds", seeds, "-o", output])
            guard status == 0 else { throw BenchError("kg extract parse exited \(status)") }
            print(
                String(
                    format: "kg extract parse: %d result lines (%.0f MB) in %.2f s wall, %.2f s CPU: %@ lines/s per CPU second; peak memory %.0f MiB",
                    size, Double(fileSize(results)) / 1e6, seconds, cpu, formatRate(Double(size) / cpu) as NSString, memory))
            for path in [seeds, results, output] { try? FileManager.default.removeItem(atPath: path) }
        }

        // 3. kg generate run against the stand-in, which answers at once.
        let content = answer(for: 0)
        let server = try StandInServer(threads: 1) { _ in .answer(content: content) }
        defer { server.stop() }
        let requestFile = folder + "/kg-bench-requests.jsonl"
        var text = ""
        for i in 0..<requests {
            text +=
                BatchRequestLine.text(customID: "r\(i)", request: ChatRequest(model: "stand-in", prompt: "Problem \(i): what is \(i) + 1?")) + "\n"
        }
        try text.write(toFile: requestFile, atomically: true, encoding: .utf8)
        let out = folder + "/kg-bench-generated.jsonl"
        try? FileManager.default.removeItem(atPath: out)
        let (status, seconds, cpu, memory) = try child(
            kg,
            [
                "generate", "run", requestFile, "--endpoint", server.baseURL,
                "--concurrency", String(concurrency), "-o", out, "--quiet",
            ])
        guard status == 0 else { throw BenchError("kg generate run exited \(status)") }
        print(
            String(
                format:
                    "kg generate run: %d requests at concurrency %d in %.2f s: %@ requests/s; kg's CPU %.3f ms per request (%.2f s in all); peak memory %.0f MiB",
                requests, concurrency, seconds, formatRate(Double(requests) / seconds) as NSString, cpu * 1000 / Double(requests), cpu, memory))
        for path in [requestFile, out] { try? FileManager.default.removeItem(atPath: path) }
    }

    /// The answer content of request `i`, in the shapes models use: mostly strict JSON,
    /// some fenced, some with prose around it, a few in plain text.
    static func answer(for i: Int) -> String {
        let json =
            #"{"topics": ["Arithmetic", "Ratios and rates"], "knowledge_points": ["Unit rate", "Multi-step word problems", "Percent of a quantity"]}"#
        switch i % 10 {
        case 0...5: return json
        case 6, 7: return "```json\n\(json)\n```"
        case 8: return "Here is the analysis:\n\(json)\nThe problem mainly tests rates."
        default: return "Topics: Arithmetic; Ratios and rates\nKnowledge points:\n1. Unit rate\n2. Multi-step word problems"
        }
    }

    /// `count` seeds and one OpenAI-style output line per seed, in reverse order.
    static func writeFiles(seeds: String, results: String, count: Int) throws {
        let seedFile = try OutputFile(path: seeds), resultFile = try OutputFile(path: results)
        var w = JSONWriter()
        for i in 0..<count {
            w.clear()
            w.beginObject()
            w.key("id"); w.string("seed-\(i)")
            w.key("question"); w.string("A shop sells \(i % 97 + 3) pencils for $\(i % 13 + 2). How much do \(i % 7 + 5) pencils cost?")
            w.key("answer"); w.string("#### \(i % 50)")
            w.endObject()
            w.endLine()
            try seedFile.write(w.bytes)
        }
        for i in stride(from: count - 1, through: 0, by: -1) {
            w.clear()
            w.beginObject()
            w.key("id"); w.string("batch_req_\(i)")
            w.key("custom_id"); w.string("seed-\(i)")
            w.key("response"); w.beginObject()
            w.key("status_code"); w.int(200)
            w.key("request_id"); w.string("req_\(i)")
            w.key("body"); w.beginObject()
            w.key("id"); w.string("chatcmpl-\(i)")
            w.key("object"); w.string("chat.completion")
            w.key("created"); w.int(1_700_000_000)
            w.key("model"); w.string("gpt-4o-mini-2024-07-18")
            w.key("choices"); w.beginArray(); w.beginObject()
            w.key("index"); w.int(0)
            w.key("message"); w.beginObject(); w.key("role"); w.string("assistant"); w.key("content"); w.string(answer(for: i)); w.endObject()
            w.key("finish_reason"); w.string("stop")
            w.endObject(); w.endArray()
            w.key("usage"); w.beginObject(); w.key("prompt_tokens"); w.int(180); w.key("completion_tokens"); w.int(40); w.endObject()
            w.endObject()
            w.endObject()
            w.key("error"); w.null()
            w.endObject()
            w.endLine()
            try resultFile.write(w.bytes)
        }
        try seedFile.close()
        try resultFile.close()
    }

    /// Runs `kg` as a child: exit status, wall seconds, its CPU seconds (user + system)
    /// and its peak memory in MiB.
    static func child(_ kg: String, _ arguments: [String]) throws -> (Int32, Double, Double, Double) {
        // posix_spawn and wait4 rather than Process, which reaps its child itself and would
        // take the resource usage with it.
        var fileActions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([kg] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let started = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, kg, &fileActions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot start \(kg): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let cpu =
            Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
        return (exit, seconds, cpu, Double(usage.ru_maxrss) / 1024)
    }
}
