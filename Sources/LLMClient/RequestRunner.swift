import Foundation
import KnowledgeBase
import LLMFormats

/// Sends requests to an endpoint, `concurrency` at a time, retrying what is worth
/// retrying, and appends every final answer to a `ResultJournal` as it arrives.
///
/// Requests the journal already answered are skipped (resume). A 401/403 or 404 stops the
/// run at once (`RunError`), as does an endpoint that cannot be reached; every answer
/// received before is already in the journal.
///
/// ```swift
/// let runner = RequestRunner(client: client, concurrency: 64)
/// let report = try await runner.run(requests, journal: journal) { progress in … }
/// ```
public struct RequestRunner {
    public let client: ChatClient
    public var concurrency: Int
    public var retry = RetryPolicy()
    /// Seeds the backoff jitter, so that tests can repeat a run.
    public var jitterSeed: UInt64 = 0x5EED
    /// The environment variable the key came from, for the 401 message.
    public var keyVariable = "OPENAI_API_KEY"

    public init(client: ChatClient, concurrency: Int) {
        self.client = client
        self.concurrency = max(1, concurrency)
    }

    /// What progress callbacks see.
    public struct Progress: Sendable {
        public var done: Int
        public var total: Int?
        public var report: RunReport
    }

    /// One request's final result.
    struct Completed: Sendable {
        var customID: String
        var request: [UInt8]
        var status: Int?
        var body: [UInt8]?
        var error: String?
        var retries: Int
        var connectionFailure: Bool
    }

    /// Runs every request of `requests` not already answered in `journal`.
    ///
    /// - Parameters:
    ///   - total: how many requests the input holds, when known (for the progress bar).
    ///   - progress: called on the calling task after each answer, at most 10 times a second.
    public func run<Requests: Sequence>(
        _ requests: Requests, journal: ResultJournal, total: Int? = nil,
        progress: ((Progress) -> Void)? = nil
    ) async throws -> RunReport
    where Requests.Element == PendingRequest {
        var report = RunReport()
        let started = Date()
        var lastProgress = Date.distantPast
        var iterator = requests.makeIterator()
        var consecutiveTransportFailures = 0
        var anyAnswered = false
        let reached = ReachedFlag()

        func next() -> PendingRequest? {
            while let request = iterator.next() {
                report.requests += 1
                if journal.isDone(request.customID, body: request.body) {
                    report.resumed += 1
                    continue
                }
                return request
            }
            return nil
        }

        try await withThrowingTaskGroup(of: Completed.self) { group in
            var inFlight = 0
            var index: UInt64 = 0
            while inFlight < concurrency, let request = next() {
                index += 1
                let seed = JitterSeeds.seed(jitterSeed, index)
                group.addTask { await self.send(request, jitterSeed: seed, reached: reached) }
                inFlight += 1
            }
            while let completed = try await group.next() {
                inFlight -= 1
                let message = try record(completed, into: &report, journal: journal)
                if completed.status != nil {
                    reached.set()
                    if message == nil { anyAnswered = true }
                    consecutiveTransportFailures = 0
                } else {
                    // No answer at all, however the connection failed: an endpoint that
                    // accepts and stalls, or speaks another protocol, stops the run too.
                    consecutiveTransportFailures += 1
                }
                if let status = completed.status, status == 401 || status == 403 {
                    group.cancelAll()
                    throw RunError.unauthorized(
                        url: client.endpoint.description, status: status, message: message ?? "",
                        keyVariable: keyVariable, keySet: client.endpoint.hasAPIKey)
                }
                if let status = completed.status, (300...399).contains(status) {
                    group.cancelAll()
                    throw RunError.redirected(url: client.endpoint.description, status: status)
                }
                if completed.status == 404 {
                    group.cancelAll()
                    throw RunError.notFound(url: client.endpoint.description, message: message ?? "")
                }
                if completed.status == nil
                    && ((completed.connectionFailure && !anyAnswered) || consecutiveTransportFailures >= 2 * concurrency)
                {
                    group.cancelAll()
                    throw RunError.unreachable(url: client.endpoint.description, reason: message ?? "no connection")
                }
                if let progress, Date().timeIntervalSince(lastProgress) >= 0.1 {
                    lastProgress = Date()
                    report.seconds = Date().timeIntervalSince(started)
                    progress(Progress(done: report.resumed + report.answered + report.failed, total: total, report: report))
                }
                if let request = next() {
                    index += 1
                    let seed = JitterSeeds.seed(jitterSeed, index)
                    group.addTask { await self.send(request, jitterSeed: seed, reached: reached) }
                    inFlight += 1
                }
            }
        }
        try journal.close()
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Writes one final result to the journal and counts it; returns its error message.
    private func record(_ completed: Completed, into report: inout RunReport, journal: ResultJournal) throws -> String? {
        report.retries += completed.retries
        var parsed: JSONValue?
        if let body = completed.body, !body.isEmpty {
            parsed = try? body.withUnsafeBufferPointer { try JSONParser.parse($0) }
        }
        var error = completed.error.map { client.endpoint.redacted($0) }
        let ok = completed.status.map { (200...299).contains($0) } ?? false
        if ok && parsed == nil { error = "the server's answer is not JSON" }
        if !ok, error == nil {
            error = client.endpoint.redacted(parsed.flatMap(RequestRunner.errorMessage) ?? "HTTP status \(completed.status ?? 0)")
        }
        try journal.append(
            customID: completed.customID, request: completed.request, status: completed.status,
            body: ok ? parsed : nil, error: error)
        if error == nil && journal.isAnswered(completed.customID) {
            report.answered += 1
            if case .object(let object)? = parsed, case .object(let usage)? = object["usage"] {
                report.promptTokens += usage["prompt_tokens"]?.integerValue ?? 0
                report.completionTokens += usage["completion_tokens"]?.integerValue ?? 0
            }
        } else {
            report.failed += 1
        }
        return error
    }

    /// Sends one request until it succeeds, fails for good, or runs out of attempts.
    ///
    /// A connection that cannot be made before the server ever answered is not retried: an
    /// endpoint that is down or mistyped stops the run at once, not after every backoff.
    func send(_ request: PendingRequest, jitterSeed: UInt64, reached: ReachedFlag = ReachedFlag(true)) async -> Completed {
        var random = SplitMix64(seed: jitterSeed)
        var attempt = 0
        while true {
            attempt += 1
            let outcome = await client.post(request.body)
            var retryAfter: Double?
            var result: Completed
            switch outcome {
            case .response(let status, let body, let after):
                result = Completed(
                    customID: request.customID, request: request.body, status: status, body: body, error: nil,
                    retries: attempt - 1, connectionFailure: false)
                guard RetryPolicy.isRetryable(status: status) else { return result }
                retryAfter = after
            case .transportFailure(let message, let connection):
                result = Completed(
                    customID: request.customID, request: request.body, status: nil, body: nil, error: message,
                    retries: attempt - 1, connectionFailure: connection)
                if connection && !reached.value { return result }
            }
            if attempt >= retry.maximumAttempts || Task.isCancelled { return result }
            let wait = retry.delay(afterAttempt: attempt, retryAfter: retryAfter, random: &random)
            try? await Task.sleep(nanoseconds: UInt64(wait * 1e9))
        }
    }

    /// The message of an error body: `error.message`, `error` as text, `message` or `detail`.
    static func errorMessage(_ value: JSONValue) -> String? {
        guard case .object(let body) = value else { return nil }
        switch body["error"] {
        case .object(let o)?: return o["message"]?.stringValue
        case .string(let s)?: return s
        default: return body["message"]?.stringValue ?? body["detail"]?.stringValue
        }
    }
}

/// Whether the server has answered anything in this run, shared by the request tasks.
final class ReachedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var reached: Bool

    init(_ reached: Bool = false) { self.reached = reached }

    var value: Bool { lock.withLock { reached } }
    func set() { lock.withLock { reached = true } }
}

/// Per-request jitter seeds, mixed like sample seeds so neighbouring requests differ.
enum JitterSeeds {
    static func seed(_ seed: UInt64, _ index: UInt64) -> UInt64 {
        var random = SplitMix64(seed: seed ^ (index &* 0x9E37_79B9_7F4A_7C15))
        return random.next()
    }
}
