/// Why a live run stopped before its end. Everything answered before it is in the results
/// file, and a rerun continues from there.
public enum RunError: Error, Equatable, CustomStringConvertible {
    /// The server refused the key (401) or the request (403).
    case unauthorized(url: String, status: Int, message: String, keyVariable: String, keySet: Bool)
    /// The server answered 404: the URL or the model is wrong.
    case notFound(url: String, message: String)
    /// The server answered with a redirect, which would turn the POST into a GET.
    case redirected(url: String, status: Int)
    /// No connection could be made, or connections kept failing.
    case unreachable(url: String, reason: String)

    public var description: String {
        switch self {
        case .unauthorized(let url, let status, let message, let variable, let set):
            let hint = set ? "check the key in $\(variable)" : "set the key in $\(variable) (or name another variable with --api-key-env)"
            return
                "\(url) answered \(status) (\(message.isEmpty ? "unauthorized" : message)): \(hint). Answers received so far are kept; rerun to continue."
        case .notFound(let url, let message):
            return
                "\(url) answered 404 (\(message.isEmpty ? "not found" : message)): check --endpoint and --model. Answers received so far are kept; rerun to continue."
        case .redirected(let url, let status):
            return "\(url) answered \(status), a redirect: give the address it redirects to as --endpoint (https:// instead of http://, say)."
        case .unreachable(let url, let reason):
            return
                "cannot reach \(url): \(reason). Check that the server is running and --endpoint; answers received so far are kept, and a rerun continues from there."
        }
    }
}
