import Foundation
import KGTestSupport
import LLMStandIn
import XCTest

/// `kg extract` and `kg generate` end to end: the built binary against a stand-in
/// OpenAI-compatible server on 127.0.0.1.
final class ExtractCLITests: XCTestCase {
    /// Answers like a model would, in a shape that depends on the problem (strict, fenced,
    /// chatty, plain text), with concepts read off the problem's words.
    static let modelLike: @Sendable (StandInServer.Request) -> StandInServer.Behaviour = { request in
        let text = request.prompt.lowercased()
        let topic = text.contains("$") ? "Money" : text.contains("%") ? "Percentages" : "Arithmetic"
        var kps = ["Multi-step word problems"]
        if text.contains("half") { kps.append("Fractions of a quantity") }
        if text.contains("hour") || text.contains("minute") { kps.append("Rates and time") }
        if text.contains("each") || text.contains("every") { kps.append("Multiplication as repeated groups") }
        let json = #"{"topics": ["\#(topic)"], "knowledge_points": [\#(kps.map { "\"\($0)\"" }.joined(separator: ", "))]}"#
        switch request.prompt.utf8.count % 4 {
        case 0: return .answer(content: json)
        case 1: return .answer(content: "```json\n\(json)\n```")
        case 2: return .answer(content: "Sure! Here is the analysis:\n\(json)\nLet me know if you need more.")
        default:
            return .answer(
                content: "Topics: \(topic)\nKnowledge points:\n" + kps.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n"))
        }
    }

    /// The first `count` GSM8K train problems, from ../shared/data beside the checkout.
    static func gsm8kSlice(_ count: Int) throws -> String {
        let path = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data/gsm8k/train.jsonl").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw XCTSkip("no \(path)") }
        return text.split(separator: "\n").prefix(count).joined(separator: "\n") + "\n"
    }

    private func objects(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    func testRoundTripFromSeedsThroughTheServerToIngestAndGenerationRequests() throws {
        let folder = TemporaryFolder()
        folder.write("seeds.jsonl", try Self.gsm8kSlice(60))
        let server = try StandInServer(script: Self.modelLike)
        defer { server.stop() }

        // 1. Requests, as a batch API would take them.
        let requests = try KGProcess.run(["extract", "requests", "seeds.jsonl", "--model", "stand-in", "-o", "requests.jsonl"], in: folder.path)
        XCTAssertEqual(requests.status, 0, requests.stderr)
        XCTAssertEqual(objects(folder.read("requests.jsonl")).count, 60)

        // 2. The same requests sent to the server (the batch API's part), then parsed and ingested.
        let sent = try KGProcess.run(
            [
                "generate", "run", "requests.jsonl", "--endpoint", server.baseURL, "-o", "results.jsonl",
                "--concurrency", "8",
            ], in: folder.path)
        XCTAssertEqual(sent.status, 0, sent.stderr)
        XCTAssertTrue(sent.stderr.contains("60 requests: 60 answered, 0 failed"), sent.stderr)
        let parse = try KGProcess.run(
            [
                "extract", "parse", "results.jsonl", "--seeds", "seeds.jsonl", "-o", "records.jsonl",
                "--rejects", "rejects.jsonl", "--ingest", "--json",
            ], in: folder.path)
        XCTAssertEqual(parse.status, 0, parse.stderr)
        let summary = objects(parse.stdout)[0]
        XCTAssertEqual(summary["seeds"] as? Int, 60)
        XCTAssertEqual(summary["parsed"] as? Int, 60)
        XCTAssertEqual(summary["rejected"] as? Int, 0)
        let records = objects(folder.read("records.jsonl"))
        XCTAssertEqual(records.count, 60)
        XCTAssertTrue(records.allSatisfy { ($0["topics"] as? [String])?.isEmpty == false })
        XCTAssertTrue((records[0]["problem"] as? String)?.hasPrefix("Natalia sold clips") == true)
        XCTAssertNotNil(records[0]["answer"], "the seed's solution is kept")

        // 3. The live mode gives the same records.
        let live = try KGProcess.run(
            [
                "extract", "run", "seeds.jsonl", "--endpoint", server.baseURL + "/v1", "--model", "stand-in",
                "-o", "live.jsonl", "--concurrency", "8",
            ], in: folder.path)
        XCTAssertEqual(live.status, 0, live.stderr)
        XCTAssertEqual(folder.read("live.jsonl"), folder.read("records.jsonl"))

        // 4. Sampling from the ingested knowledge base writes generation requests.
        let template = repositoryRoot.appendingPathComponent("data/prompts/mathscale.txt").path
        let sample = try KGProcess.run(
            [
                "sample", "-n", "20", "--seed", "3", "--min-count", "1", "--template", template, "--examples", "1",
                "--format", "openai-batch", "--model", "generator", "--samples-file", "samples.jsonl",
                "-o", "generation.jsonl", "--quiet",
            ], in: folder.path)
        XCTAssertEqual(sample.status, 0, sample.stderr)
        let generation = objects(folder.read("generation.jsonl"))
        let samples = objects(folder.read("samples.jsonl"))
        XCTAssertEqual(generation.count, 20)
        XCTAssertEqual(generation.map { $0["custom_id"] as? String }, samples.map { "sample-\($0["id"] as! Int)" })
        let body = generation[0]["body"] as! [String: Any]
        XCTAssertEqual(body["model"] as? String, "generator")
        let prompt = ((body["messages"] as! [[String: Any]]).last!["content"] as! String)
        XCTAssertTrue(prompt.contains("Topics: ") && prompt.contains(samples[0]["topics_text"] as! String), prompt)

        // 5. And the loop closes: the generation requests go to the server too.
        let generated = try KGProcess.run(
            ["generate", "run", "generation.jsonl", "--endpoint", server.baseURL, "-o", "generated.jsonl"], in: folder.path)
        XCTAssertEqual(generated.status, 0, generated.stderr)
        XCTAssertEqual(
            Set(objects(folder.read("generated.jsonl")).map { $0["custom_id"] as! String }), Set(generation.map { $0["custom_id"] as! String }))
    }

    func testAKilledRunResumesAndEverySeedEndsUpExactlyOnce() throws {
        let folder = TemporaryFolder()
        folder.write("seeds.jsonl", try Self.gsm8kSlice(150))
        let server = try StandInServer(threads: 2) { request in
            if case .answer(let content) = Self.modelLike(request) { return .slowAnswer(content: content, seconds: 0.02) }
            return Self.modelLike(request)
        }
        defer { server.stop() }
        let secret = "sk-kill-test-\(UUID().uuidString)"
        let arguments = [
            "extract", "run", "seeds.jsonl", "--endpoint", server.baseURL, "--model", "stand-in", "-o", "records.jsonl",
            "--concurrency", "6", "--quiet",
        ]
        var random = SystemRandomNumberGenerator()
        var kills = 0
        var finished: KGProcess.Result?
        for _ in 0..<30 {
            let process = Process()
            process.executableURL = KGProcess.executable
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
            process.environment = ProcessInfo.processInfo.environment.merging(["OPENAI_API_KEY": secret]) { $1 }
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 30_000...250_000, using: &random))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                _ = err.fileHandleForReading.readDataToEndOfFile()
                kills += 1
                continue
            }
            process.waitUntilExit()
            finished = KGProcess.Result(
                status: process.terminationStatus, stdout: "",
                stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
            break
        }
        if finished == nil {
            let last = try KGProcess.run(arguments, in: folder.path)
            finished = last
        }
        XCTAssertGreaterThan(kills, 0, "the run must have been killed at least once")
        XCTAssertEqual(finished?.status, 0, finished?.stderr ?? "")
        let results = objects(folder.read("records.jsonl.results.jsonl"))
        let answered = results.filter { ($0["response"] as? [String: Any])?["status_code"] as? Int == 200 }.map { $0["custom_id"] as! String }
        XCTAssertEqual(answered.count, 150, "each seed answered exactly once across \(kills) kills")
        XCTAssertEqual(Set(answered).count, 150)
        let records = objects(folder.read("records.jsonl"))
        XCTAssertEqual(records.count, 150)
        XCTAssertEqual(Set(records.map { $0["id"] as! String }).count, 150)
        for name in ["records.jsonl", "records.jsonl.results.jsonl"] { XCTAssertFalse(folder.read(name).contains(secret)) }
        XCTAssertFalse(finished!.stderr.contains(secret))
        XCTAssertEqual(server.authorizations, ["Bearer " + secret])
    }

    func testFailuresSayWhatAndWhereAndKeepWhatWasWritten() throws {
        let folder = TemporaryFolder()
        folder.write("seeds.jsonl", #"{"id": "a", "question": "1 + 1?"}"# + "\n" + #"{"id": "b", "question": ["not", "text"]}"# + "\n")
        let badSeed = try KGProcess.run(["extract", "requests", "seeds.jsonl", "--model", "m", "-o", "requests.jsonl"], in: folder.path)
        XCTAssertNotEqual(badSeed.status, 0)
        XCTAssertTrue(badSeed.stderr.contains("seeds.jsonl:2: field 'question': expected a string, found an array"), badSeed.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/requests.jsonl"), "no half-written file")

        folder.write("good.jsonl", #"{"id": "a", "question": "1 + 1?"}"# + "\n")
        folder.write("results.jsonl", #"{"custom_id": "a", "response": {"status_code": 200, "body": {}}}"# + "\nnot json\n")
        folder.write("records.jsonl", "earlier output\n")
        let badResult = try KGProcess.run(["extract", "parse", "results.jsonl", "--seeds", "good.jsonl", "-o", "records.jsonl"], in: folder.path)
        XCTAssertNotEqual(badResult.status, 0)
        XCTAssertTrue(badResult.stderr.contains("results.jsonl:2: batch output line is not JSON"), badResult.stderr)
        XCTAssertEqual(folder.read("records.jsonl"), "earlier output\n", "an earlier output is left as it was")

        let server = try StandInServer { _ in .dropConnection }
        let port = server.port
        server.stop()
        let unreachable = try KGProcess.run(
            [
                "extract", "run", "good.jsonl", "--endpoint", "http://127.0.0.1:\(port)", "--model", "m",
                "-o", "live.jsonl", "--max-attempts", "2",
            ], in: folder.path)
        XCTAssertNotEqual(unreachable.status, 0)
        XCTAssertTrue(unreachable.stderr.contains("cannot reach http://127.0.0.1:\(port)/v1/chat/completions"), unreachable.stderr)

        let refusing = try StandInServer { _ in .status(401, message: "Incorrect API key provided") }
        defer { refusing.stop() }
        let unauthorized = try KGProcess.run(
            [
                "extract", "run", "good.jsonl", "--endpoint", refusing.baseURL, "--model", "m",
                "-o", "live.jsonl", "--api-key-env", "KG_TEST_NO_SUCH_KEY",
            ], in: folder.path)
        XCTAssertNotEqual(unauthorized.status, 0)
        XCTAssertTrue(unauthorized.stderr.contains("answered 401") && unauthorized.stderr.contains("$KG_TEST_NO_SUCH_KEY"), unauthorized.stderr)

        let full = try KGProcess.run(["extract", "requests", "good.jsonl", "--model", "m", "-o", "/dev/full"], in: folder.path)
        XCTAssertNotEqual(full.status, 0)
        XCTAssertTrue(full.stderr.contains("No space left on device"), full.stderr)
    }
}

extension ExtractCLITests {
    func testOptionsThatNameOneFileTwiceAreRefusedBeforeAnythingIsRead() throws {
        let folder = TemporaryFolder()
        folder.write("seeds.jsonl", #"{"id": "a", "question": "1 + 1?"}"# + "\n")
        folder.write("results.jsonl", "")
        let parse = try KGProcess.run(
            ["extract", "parse", "results.jsonl", "--seeds", "seeds.jsonl", "-o", "out.jsonl", "--rejects", "./seeds.jsonl"], in: folder.path)
        XCTAssertNotEqual(parse.status, 0)
        XCTAssertTrue(parse.stderr.contains("--seeds and --rejects name the same file"), parse.stderr)
        XCTAssertEqual(folder.read("seeds.jsonl"), #"{"id": "a", "question": "1 + 1?"}"# + "\n")
        let run = try KGProcess.run(
            ["extract", "run", "seeds.jsonl", "--endpoint", "http://127.0.0.1:9", "--model", "m", "-o", "x.jsonl", "--results", "x.jsonl"],
            in: folder.path)
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("--results and -o name the same file"), run.stderr)
    }
}
