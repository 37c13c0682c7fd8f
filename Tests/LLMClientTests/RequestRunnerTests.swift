import Foundation
import KGTestSupport
import LLMFormats
import LLMStandIn
import XCTest

@testable import KnowledgeBase
@testable import LLMClient

/// The live client against a real HTTP server on 127.0.0.1 that answers as each test says.
final class RequestRunnerTests: XCTestCase {
    let answer = #"{"topics": ["Arithmetic"], "knowledge_points": ["Addition"]}"#

    private func requests(_ count: Int, prefix: String = "q") -> [PendingRequest] {
        (0..<count).map { i in
            var w = JSONWriter()
            ChatRequest(model: "stand-in", prompt: "\(prefix) \(i)").writeBody(to: &w)
            return PendingRequest(customID: "\(prefix)-\(i)", body: w.bytes)
        }
    }

    private func runner(_ server: StandInServer, concurrency: Int = 4, key: String? = nil, timeout: Double = 5) throws -> RequestRunner {
        let client = ChatClient(endpoint: try ChatEndpoint(server.baseURL, apiKey: key), connections: concurrency, timeout: timeout)
        var runner = RequestRunner(client: client, concurrency: concurrency)
        runner.retry.initialDelay = 0.01
        runner.retry.maximumDelay = 0.05
        return runner
    }

    private func lines(_ path: String) throws -> [BatchResultLine] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { try BatchResultLine(line: String($0)) }
    }

    func testEveryRequestIsAnsweredOnceWithItsContentAndUsage() async throws {
        let server = try StandInServer { [answer] _ in .answer(content: answer) }
        defer { server.stop() }
        let folder = TemporaryFolder()
        let journal = try ResultJournal(path: folder.path + "/results.jsonl")
        let runner = try runner(server, concurrency: 8)
        let report = try await runner.run(requests(50), journal: journal)
        await runner.client.shutdown()
        XCTAssertEqual(report.answered, 50)
        XCTAssertEqual(report.failed, 0)
        XCTAssertEqual(report.promptTokens, 50 * 40)
        XCTAssertEqual(report.completionTokens, 50 * 12)
        let written = try lines(folder.path + "/results.jsonl")
        XCTAssertEqual(Set(written.map(\.customID)), Set((0..<50).map { "q-\($0)" }))
        XCTAssertEqual(written.count, 50)
        XCTAssertTrue(written.allSatisfy { $0.statusCode == 200 && $0.content == answer && $0.error == nil })
    }

    func testRateLimitsAreRetriedAfterTheServersRetryAfter() async throws {
        // Each prompt is refused once with 429 and Retry-After: 1, then answered.
        let server = try StandInServer { [answer] request in
            request.previousAttempts == 0 ? .tooManyRequests(retryAfter: 1) : .answer(content: answer)
        }
        defer { server.stop() }
        let folder = TemporaryFolder()
        let runner = try runner(server, concurrency: 4)
        let started = Date()
        let report = try await runner.run(requests(4), journal: try ResultJournal(path: folder.path + "/r.jsonl"))
        await runner.client.shutdown()
        XCTAssertEqual(report.answered, 4)
        XCTAssertEqual(report.retries, 4)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.95, "Retry-After: 1 must be waited for")
        XCTAssertEqual(server.requestCount, 8)
    }

    func testServerErrorsDroppedConnectionsAndTimeoutsAreRetried() async throws {
        let server = try StandInServer { [answer] request in
            switch (request.prompt.last!, request.previousAttempts) {
            case ("0", 0): return .status(500, message: "engine crashed")
            case ("1", 0): return .dropConnection
            case ("2", 0): return .slowAnswer(content: answer, seconds: 3)  // past the 1 s timeout
            case ("3", 0), ("3", 1): return .status(503, message: "overloaded")
            default: return .answer(content: answer)
            }
        }
        defer { server.stop() }
        let folder = TemporaryFolder()
        let runner = try runner(server, concurrency: 4, timeout: 1)
        let report = try await runner.run(requests(4), journal: try ResultJournal(path: folder.path + "/r.jsonl"))
        await runner.client.shutdown()
        XCTAssertEqual(report.answered, 4)
        XCTAssertEqual(report.failed, 0)
        XCTAssertEqual(report.retries, 5)
    }

    func testARequestThatKeepsFailingIsWrittenAsFailedAndRetriedByTheNextRun() async throws {
        let server = try StandInServer { [answer] request in
            request.prompt == "q 1" && request.previousAttempts < 3 ? .status(500, message: "boom") : .answer(content: answer)
        }
        defer { server.stop() }
        let folder = TemporaryFolder()
        let path = folder.path + "/r.jsonl"
        var runner = try runner(server, concurrency: 2)
        runner.retry.maximumAttempts = 2
        let first = try await runner.run(requests(3), journal: try ResultJournal(path: path))
        XCTAssertEqual(first.answered, 2)
        XCTAssertEqual(first.failed, 1)
        XCTAssertEqual(try lines(path).first { $0.customID == "q-1" }?.error, "500: boom")
        // The rerun sends only the failed one, and its answer supersedes the failure.
        let second = try await runner.run(requests(3), journal: try ResultJournal(path: path))
        await runner.client.shutdown()
        XCTAssertEqual(second.resumed, 2)
        XCTAssertEqual(second.answered, 1)
        XCTAssertEqual(try lines(path).last?.customID, "q-1")
        XCTAssertNil(try lines(path).last?.error)
    }

    func testUnauthorizedStopsTheRunAndTheKeyIsSentButNeverShown() async throws {
        let secret = "sk-test-\(UUID().uuidString)"
        let server = try StandInServer { _ in .status(401, message: "Incorrect API key provided") }
        defer { server.stop() }
        let folder = TemporaryFolder()
        let runner = try runner(server, concurrency: 2, key: secret)
        do {
            _ = try await runner.run(requests(10), journal: try ResultJournal(path: folder.path + "/r.jsonl"))
            XCTFail("a 401 must stop the run")
        } catch let error as RunError {
            guard case .unauthorized(_, 401, _, _, true) = error else { return XCTFail("\(error)") }
            XCTAssertFalse(error.description.contains(secret))
            XCTAssertTrue(error.description.contains("OPENAI_API_KEY"), error.description)
        }
        await runner.client.shutdown()
        XCTAssertEqual(server.authorizations, ["Bearer " + secret])
        XCTAssertFalse(folder.read("r.jsonl").contains(secret))
        XCTAssertLessThan(server.requestCount, 10, "no request is sent after the run stopped")
    }

    func testAnUnreachableEndpointFailsWithItsAddress() async throws {
        // A port nothing listens on: bind a server, note its port, stop it.
        let server = try StandInServer { _ in .dropConnection }
        let port = server.port
        server.stop()
        let folder = TemporaryFolder()
        let client = ChatClient(endpoint: try ChatEndpoint("http://127.0.0.1:\(port)/v1", apiKey: nil), connections: 2, timeout: 2)
        var runner = RequestRunner(client: client, concurrency: 2)
        runner.retry.initialDelay = 0.01
        runner.retry.maximumAttempts = 2
        do {
            _ = try await runner.run(requests(5), journal: try ResultJournal(path: folder.path + "/r.jsonl"))
            XCTFail("an unreachable endpoint must stop the run")
        } catch let error as RunError {
            guard case .unreachable(let url, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(url, "http://127.0.0.1:\(port)/v1/chat/completions")
        }
        await client.shutdown()
    }

    private let chat: JSONValue = try! JSONParser.parse(#"{"choices": [{"message": {"content": "x"}, "finish_reason": "stop"}]}"#)

    func testAJournalCutByAKillKeepsItsWholeLinesOnly() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/r.jsonl"
        let whole = #"{"id":"a","custom_id":"q-0","response":{"status_code":200,"body":{"choices":[{"message":{"content":"x"}}]}},"error":null}"#
        folder.write("r.jsonl", whole + "\n" + #"{"id":"b","custom_id":"q-1","respo"#)
        let journal = try ResultJournal(path: path)
        XCTAssertTrue(journal.isDone("q-0", body: []), "a line from another tool (no kg_request) counts for any request")
        XCTAssertFalse(journal.isDone("q-1", body: []))
        try journal.append(customID: "q-1", request: Array("{}".utf8), status: 200, body: chat, error: nil)
        try journal.close()
        let text = folder.read("r.jsonl")
        XCTAssertEqual(text.split(separator: "\n").count, 2)
        XCTAssertTrue(text.hasPrefix(whole + "\n{\"id\":\"kg-2\",\"custom_id\":\"q-1\""), text)
    }

    func testAWholeLastLineWithoutANewlineIsKeptAndFinished() throws {
        let folder = TemporaryFolder()
        let whole = #"{"custom_id":"q-0","response":{"status_code":200,"body":{"choices":[{"message":{"content":"x"}}]}},"error":null}"#
        folder.write("r.jsonl", whole)
        let journal = try ResultJournal(path: folder.path + "/r.jsonl")
        XCTAssertTrue(journal.isDone("q-0", body: []))
        try journal.append(customID: "q-1", request: [], status: 200, body: chat, error: nil)
        XCTAssertEqual(folder.read("r.jsonl").split(separator: "\n").count, 2)
    }

    func testAnswersForAnotherRequestBodyAreSentAgain() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/r.jsonl"
        do {
            let journal = try ResultJournal(path: path)
            try journal.append(customID: "q-0", request: Array("model A".utf8), status: 200, body: chat, error: nil)
        }
        let reopened = try ResultJournal(path: path)
        XCTAssertTrue(reopened.isDone("q-0", body: Array("model A".utf8)))
        XCTAssertFalse(reopened.isDone("q-0", body: Array("model B".utf8)), "a changed request is not answered by the old answer")
        XCTAssertEqual(reopened.staleAnswers, 1)
    }

    func testA2xxThatIsNoChatCompletionIsWrittenAsFailedOnOneLine() throws {
        let folder = TemporaryFolder()
        let journal = try ResultJournal(path: folder.path + "/r.jsonl")
        try journal.append(customID: "q-0", request: [], status: 200, body: .array([]), error: nil)
        let pretty = try JSONParser.parse("{\n  \"choices\": [\n {\"message\": {\"content\": \"two\\nlines\"}}\n ]\n}\n")
        try journal.append(customID: "q-1", request: [], status: 200, body: pretty, error: nil)
        let lines = try self.lines(folder.path + "/r.jsonl")
        XCTAssertEqual(lines.count, 2, "a pretty-printed answer is still one line")
        XCTAssertTrue(lines[0].error?.contains("not a chat completion") == true, "\(lines[0])")
        XCTAssertFalse(journal.isAnswered("q-0"))
        XCTAssertEqual(lines[1].content, "two\nlines")
        XCTAssertTrue(journal.isAnswered("q-1"))
    }

    func testOneRunAtATimeWritesAJournal() throws {
        let folder = TemporaryFolder()
        let first = try ResultJournal(path: folder.path + "/r.jsonl")
        XCTAssertThrowsError(try ResultJournal(path: folder.path + "/r.jsonl")) { error in
            XCTAssertTrue("\(error)".contains("another kg run is writing it"), "\(error)")
        }
        _ = first
    }

    func testTheStopMessageCarriesWhatTheServerSaid() async throws {
        let server = try StandInServer { _ in .status(404, message: "The model `gpt-5-nano` does not exist") }
        defer { server.stop() }
        let folder = TemporaryFolder()
        let runner = try runner(server, concurrency: 1)
        do {
            _ = try await runner.run(requests(2), journal: try ResultJournal(path: folder.path + "/r.jsonl"))
            XCTFail("a 404 must stop the run")
        } catch let error as RunError {
            XCTAssertTrue(error.description.contains("does not exist"), error.description)
        }
        await runner.client.shutdown()
    }

    func testRetryAfterIsReadInSecondsMillisecondsAndDates() {
        XCTAssertEqual(RetryPolicy.retryAfter(milliseconds: nil, value: "3"), 3)
        XCTAssertEqual(RetryPolicy.retryAfter(milliseconds: "250", value: "3"), 0.25)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        XCTAssertEqual(RetryPolicy.retryAfter(milliseconds: nil, value: "Tue, 14 Nov 2023 22:13:30 GMT", now: now)!, 10, accuracy: 0.5)
        XCTAssertNil(RetryPolicy.retryAfter(milliseconds: nil, value: "soon"))
        var policy = RetryPolicy()
        var random = SplitMix64(seed: 1)
        XCTAssertEqual(policy.delay(afterAttempt: 1, retryAfter: 500, random: &random), 120)
        policy.maximumDelay = 8
        for attempt in 1...10 {
            let wait = policy.delay(afterAttempt: attempt, retryAfter: nil, random: &random)
            let base = min(0.5 * pow(2, Double(attempt - 1)), 8)
            XCTAssertTrue(wait <= base && wait >= base * 0.75, "attempt \(attempt): \(wait)")
        }
        XCTAssertTrue(RetryPolicy.isRetryable(status: 429) && RetryPolicy.isRetryable(status: 503) && !RetryPolicy.isRetryable(status: 400))
    }

    func testEndpointsAreCompletedToTheChatCompletionsPath() throws {
        XCTAssertEqual(try ChatEndpoint("http://127.0.0.1:8000", apiKey: nil).url, "http://127.0.0.1:8000/v1/chat/completions")
        XCTAssertEqual(try ChatEndpoint("http://h/v1/", apiKey: nil).url, "http://h/v1/chat/completions")
        XCTAssertEqual(try ChatEndpoint("https://h/v1/chat/completions", apiKey: "k").url, "https://h/v1/chat/completions")
        XCTAssertEqual(try ChatEndpoint("https://h/v1", apiKey: "secret").description, "https://h/v1/chat/completions")
        XCTAssertThrowsError(try ChatEndpoint("127.0.0.1:8000", apiKey: nil))
    }

    func testARedirectStopsTheRunAndSaysWhatToGive() async throws {
        let server = try StandInServer { _ in .status(301, message: "Moved Permanently") }
        defer { server.stop() }
        let folder = TemporaryFolder()
        let runner = try runner(server, concurrency: 1)
        do {
            _ = try await runner.run(requests(2), journal: try ResultJournal(path: folder.path + "/r.jsonl"))
            XCTFail("a redirect must stop the run")
        } catch let error as RunError {
            guard case .redirected(_, 301) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(error.description.contains("--endpoint"), error.description)
        }
        await runner.client.shutdown()
    }

    func testAKeyAServerEchoesIsRedactedFromWhatKgWrites() async throws {
        let secret = "sk-echo-\(UUID().uuidString)"
        let server = try StandInServer { request in .status(400, message: "bad header: \(request.authorization ?? "")") }
        defer { server.stop() }
        let folder = TemporaryFolder()
        let runner = try runner(server, concurrency: 1, key: secret)
        let report = try await runner.run(requests(1), journal: try ResultJournal(path: folder.path + "/r.jsonl"))
        await runner.client.shutdown()
        XCTAssertEqual(report.failed, 1)
        let written = folder.read("r.jsonl")
        XCTAssertFalse(written.contains(secret))
        XCTAssertTrue(written.contains("bad header: Bearer ***"), written)
    }
}
