import Foundation
import KnowledgeBase

/// When and how long to wait before sending a failed request again: exponential backoff
/// with jitter, honouring the server's `Retry-After`, as openai-python does.
///
/// Retried: HTTP 408, 409, 429 and 5xx, timeouts and dropped connections. Not retried: other
/// 4xx (a bad request stays bad); 401 and 403 stop the whole run.
public struct RetryPolicy: Sendable {
    /// Attempts per request, the first included.
    public var maximumAttempts = 6
    /// The wait before the first retry, in seconds; it doubles with each retry.
    public var initialDelay = 0.5
    /// The longest computed wait, in seconds.
    public var maximumDelay = 30.0
    /// The longest `Retry-After` honoured, in seconds; a longer one is capped to this.
    public var maximumRetryAfter = 120.0

    public init() {}

    /// Whether a response with `status` is worth sending again.
    public static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 409 || status == 429 || status >= 500
    }

    /// The wait before attempt `attempt + 1` (attempt 1 is the first send): the server's
    /// `retryAfter` when it gave one (capped), else `min(initial·2^(attempt-1), maximum)`
    /// less up to a quarter at random.
    public func delay(afterAttempt attempt: Int, retryAfter: Double?, random: inout SplitMix64) -> Double {
        if let retryAfter, retryAfter >= 0 { return min(retryAfter, maximumRetryAfter) }
        let base = min(initialDelay * pow(2, Double(max(0, attempt - 1))), maximumDelay)
        return base * (1 - 0.25 * random.nextUnit())
    }

    /// Seconds to wait from `Retry-After-Ms` or `Retry-After` header values (seconds or an
    /// HTTP date relative to `now`); nil when neither says.
    public static func retryAfter(milliseconds: String?, value: String?, now: Date = Date()) -> Double? {
        if let milliseconds, let ms = Double(milliseconds.trimmingCharacters(in: .whitespaces)), ms >= 0 { return ms / 1000 }
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
