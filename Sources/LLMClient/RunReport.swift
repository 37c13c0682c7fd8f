import Foundation

/// What a live run did, for its summary line and `--json` report.
public struct RunReport: Equatable, Sendable {
    /// Requests read from the input.
    public var requests = 0
    /// Requests an earlier run had answered, not sent again.
    public var resumed = 0
    /// Requests answered with 2xx in this run.
    public var answered = 0
    /// Requests that failed for good in this run (written with their error; a rerun retries them).
    public var failed = 0
    /// Attempts sent again after a retryable failure.
    public var retries = 0
    /// Tokens the server reported (`usage`).
    public var promptTokens = 0
    public var completionTokens = 0
    /// Wall-clock seconds of the run.
    public var seconds = 0.0

    public init() {}

    /// Requests per second over the run.
    public var requestsPerSecond: Double { seconds > 0 ? Double(answered + failed) / seconds : 0 }

    /// One line: requests, answered, failed, resumed, retries, rate and tokens.
    public var summaryLine: String {
        String(
            format: "%d requests: %d answered, %d failed, %d already answered (resumed); %d retries; %.1f requests/s; "
                + "tokens: %d prompt, %d completion", requests, answered, failed, resumed, retries, requestsPerSecond,
            promptTokens, completionTokens)
    }
}
