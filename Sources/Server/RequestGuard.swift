import Foundation
import HTTPTypes
import Hummingbird

/// Runs around every route: refuses a URL longer than `ServerLimits.urlLength` (414, with
/// what to do instead), and says how long the server took in a `Server-Timing` header
/// (`app;dur=1.234`, milliseconds, as browsers' developer tools show it; `kg-bench serve`
/// reads it to tell the server's time from the client's).
struct RequestGuard<Context: RequestContext>: RouterMiddleware {
    /// The header's name.
    static var timingField: HTTPField.Name { HTTPField.Name("Server-Timing")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let length = request.uri.string.utf8.count
        var response: Response
        if length > ServerLimits.urlLength {
            let error = ServerError(
                status: 414,
                message:
                    "the request's URL is \(length) bytes long; the server takes at most \(ServerLimits.urlLength). Run long queries with `kg query -f FILE`."
            )
            response = request.uri.path.hasPrefix("/api/") ? ExplorerServer.errorJSON(error) : ExplorerServer.errorHTML(error)
        } else {
            response = try await next(request, context)
        }
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
        response.headers[Self.timingField] = "app;dur=" + String(format: "%.3f", milliseconds)
        return response
    }
}
