import ArgumentParser
import Foundation
import LLMClient
import LLMFormats

/// The options of a run against a live server (`kg extract run`, `kg generate run`).
struct LiveRunOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The server: its base URL, …/v1, or …/v1/chat/completions.", valueName: "url"))
    var endpoint: String

    @Option(help: "Requests in flight at once.")
    var concurrency: Int = 16

    @Option(help: "Seconds one attempt may take.")
    var timeout: Double = 120

    @Option(help: "Attempts per request before it is written as failed (a rerun tries it again).")
    var maxAttempts: Int = 6

    @Option(help: ArgumentHelp("The environment variable that holds the API key (never printed).", valueName: "name"))
    var apiKeyEnv: String = "OPENAI_API_KEY"

    @Flag(help: "Print no progress bar.")
    var quiet = false

    func validate() throws {
        if concurrency < 1 || concurrency > 4_096 { throw ValidationError("--concurrency must be between 1 and 4096.") }
        if !(timeout > 0) || !(timeout <= 86_400) { throw ValidationError("--timeout must be between 0 and 86400 seconds.") }
        if maxAttempts < 1 { throw ValidationError("--max-attempts must be at least 1.") }
    }

    /// Sends `requests` not yet answered in `resultsPath`, appending the answers there.
    ///
    /// The commands stay synchronous and wait here for the run, so that only the live
    /// commands start Swift's concurrency runtime: an async root command made every `kg`
    /// call about 3 ms slower.
    @discardableResult
    func run<Requests: Sequence>(_ requests: Requests, total: Int?, resultsPath: String) throws -> RunReport
    where Requests.Element == PendingRequest {
        let box = UncheckedBox(requests)
        return try waitFor { try await self.runAsync(box.value, total: total, resultsPath: resultsPath) }
    }

    private func runAsync<Requests: Sequence>(_ requests: Requests, total: Int?, resultsPath: String) async throws -> RunReport
    where Requests.Element == PendingRequest {
        let key = ChatEndpoint.apiKey(fromEnvironment: apiKeyEnv, environment: ProcessInfo.processInfo.environment)
        let endpoint = try ChatEndpoint(endpoint, apiKey: key)
        let journal = try ResultJournal(path: resultsPath)
        if journal.existingAnswers > 0 {
            Terminal.error("resuming: \(journal.existingAnswers) answers already in \(resultsPath)")
        }
        let client = ChatClient(endpoint: endpoint, connections: concurrency, timeout: timeout)
        var runner = RequestRunner(client: client, concurrency: concurrency)
        runner.retry.maximumAttempts = maxAttempts
        runner.keyVariable = apiKeyEnv
        let progress = ProgressBar(unit: "requests", total: total, enabled: !quiet && Terminal.stderrIsTerminal)
        do {
            let report = try await runner.run(requests, journal: journal, total: total) { state in
                progress.update(done: state.done, label: "tokens \(state.report.promptTokens)+\(state.report.completionTokens)")
            }
            progress.finish()
            await client.shutdown()
            Terminal.error(report.summaryLine)
            if journal.staleAnswers > 0 {
                Terminal.error(
                    "sent \(journal.staleAnswers) requests again whose earlier answers were for a different request (model, template or options changed)"
                )
            }
            return report
        } catch {
            progress.finish()
            await client.shutdown()
            throw error
        }
    }
}

/// Runs `body` on Swift's concurrency runtime and blocks the calling (main) thread until it
/// is done, returning what it returned or throwing what it threw.
func waitFor<T>(_ body: @escaping () async throws -> T) throws -> T {
    let semaphore = DispatchSemaphore(value: 0)
    let outcome = UncheckedBox<Result<T, Error>?>(nil)
    let work = UncheckedBox(body)
    Task.detached {
        do {
            outcome.value = .success(try await work.value())
        } catch {
            outcome.value = .failure(error)
        }
        semaphore.signal()
    }
    semaphore.wait()
    return try outcome.value!.get()
}

/// A value handed to a task that the caller does not touch meanwhile.
final class UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
