import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Posts chat-completion request bodies to one endpoint over a pool of keep-alive
/// connections (AsyncHTTPClient), one attempt per call: `RequestRunner` decides on retries.
public final class ChatClient: @unchecked Sendable {
    /// What one attempt got back.
    public enum Outcome: Sendable {
        /// The server answered: its status, body and any `Retry-After` it asked for (seconds).
        case response(status: Int, body: [UInt8], retryAfter: Double?)
        /// No answer: a refused or dropped connection, a timeout. `connection` is true when
        /// the connection itself failed (refused, reset), which says more about the endpoint.
        case transportFailure(message: String, connection: Bool)
    }

    public let endpoint: ChatEndpoint
    /// The most time one attempt may take, in seconds.
    public let timeout: Double
    private let http: HTTPClient
    private let maximumResponseBytes = 64 << 20

    /// A client with up to `connections` connections open to the endpoint at once.
    public init(endpoint: ChatEndpoint, connections: Int, timeout: Double) {
        self.endpoint = endpoint
        self.timeout = timeout
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, connections))
        // Refused connections fail at once; the runner's backoff decides when to try again.
        configuration.connectionPool.retryConnectionEstablishment = false
        // The read timeout also bounds a server that sends its headers and then stalls.
        configuration.timeout = .init(connect: .seconds(10), read: .milliseconds(Int64(timeout * 1000)))
        // A redirect would turn the POST into a GET; report it instead.
        configuration.redirectConfiguration = .disallow
        http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Sends one request body and waits for the whole answer.
    public func post(_ body: [UInt8]) async -> Outcome {
        var request = HTTPClientRequest(url: endpoint.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        if let key = endpoint.apiKey { request.headers.add(name: "Authorization", value: "Bearer " + key) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await http.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            var buffer = try await response.body.collect(upTo: maximumResponseBytes)
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            let retryAfter = RetryPolicy.retryAfter(
                milliseconds: response.headers.first(name: "retry-after-ms"),
                value: response.headers.first(name: "retry-after"))
            return .response(status: Int(response.status.code), body: bytes, retryAfter: retryAfter)
        } catch {
            return .transportFailure(message: ChatClient.describe(error), connection: ChatClient.isConnectionFailure(error))
        }
    }

    /// Closes the connections.
    public func shutdown() async {
        try? await http.shutdown()
    }

    /// A short message for a transport error (never the request, so never the key).
    static func describe(_ error: Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout: return "timed out"
            case .connectTimeout: return "connection timed out"
            case .remoteConnectionClosed: return "the server closed the connection"
            default: return String(describing: error)
            }
        }
        let text = String(describing: error)
        if text.contains("Connection refused") || text.contains("connectionRefused") { return "connection refused" }
        if text.contains("SSL") || text.contains("TLS") || text.contains("handshake") {
            // The TLS library's own dump (error stacks, byte counts) helps no one; say what it means.
            if text.contains("WRONG_VERSION_NUMBER") || text.contains("wrong version") || text.contains("PACKET_LENGTH_TOO_LONG")
                || text.contains("HTTP_REQUEST") || text.contains("unexpectedEOF") || text.contains("uncleanShutdown")
                || text.contains("handshake")
            {
                return "the TLS handshake failed: the server does not speak https here; if it is a plain HTTP server, use http:// in --endpoint"
            }
            return "the TLS connection failed (check the certificate, or use http:// for a plain HTTP server)"
        }
        if text.contains("Connection reset") { return "connection reset by the server" }
        return text
    }

    /// Whether no connection could be made at all (refused, unreachable, connect timeout),
    /// as opposed to a connection that was made and then dropped or timed out.
    static func isConnectionFailure(_ error: Error) -> Bool {
        let message = describe(error)
        let text = String(describing: error)
        return message == "connection refused" || message == "connection timed out" || text.contains("NIOConnectionError")
            || text.contains("connectFailed") || text.contains("No route to host") || text.contains("Network is unreachable")
            || text.contains("SSL") || text.contains("TLS") || text.contains("handshake")
    }
}
