import Hummingbird

/// A request the server answers with an error page (or JSON object): the status and one
/// message saying what was wrong and what to do.
public struct ServerError: Error, CustomStringConvertible, Sendable {
    /// The HTTP status: 400 for a bad request, 404 for nothing there, 413 for past a bound.
    public var status: Int
    public var message: String
    /// Preformatted detail shown under the message (a query with a caret under the error).
    public var detail: String?

    public init(status: Int, message: String, detail: String? = nil) {
        self.status = status
        self.message = message
        self.detail = detail
    }

    public var description: String { message + (detail.map { "\n" + $0 } ?? "") }
}
