import Foundation

/// Where chat-completion requests go: any OpenAI-compatible server (vLLM, llama.cpp's
/// server, Ollama, a hosted API), and the key that authorises them.
///
/// The key is read from the environment and kept out of every description, log line and
/// error: `description` shows the URL alone.
public struct ChatEndpoint: Sendable, CustomStringConvertible {
    /// The full URL requests are posted to, ending in `/chat/completions`.
    public let url: String
    /// Sent as `Authorization: Bearer …`; nil sends no header.
    let apiKey: String?

    /// Accepts a server's base URL (`http://127.0.0.1:8000`), its API root
    /// (`…/v1`) or the full path (`…/v1/chat/completions`).
    public init(_ text: String, apiKey: String?) throws {
        var url = text
        while url.hasSuffix("/") { url.removeLast() }
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), url.count > "https://".count else {
            throw ChatEndpointError.notHTTP(text)
        }
        if url.hasSuffix("/chat/completions") {
            // as given
        } else if url.hasSuffix("/v1") {
            url += "/chat/completions"
        } else {
            url += "/v1/chat/completions"
        }
        self.url = url
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Reads the key from the environment variable `name`; nil when it is unset or empty.
    public static func apiKey(fromEnvironment name: String, environment: [String: String]) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether a key will be sent.
    public var hasAPIKey: Bool { apiKey != nil }

    /// The URL without any `user:password@` part, for messages.
    public var description: String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@"),
            !url[scheme.upperBound..<at].contains("/")
        else { return url }
        return String(url[..<scheme.upperBound]) + String(url[url.index(after: at)...])
    }

    /// `text` with the key replaced by `***`: what a server says goes to messages and
    /// files, and a proxy might echo the header back.
    public func redacted(_ text: String) -> String {
        guard let apiKey, text.contains(apiKey) else { return text }
        return text.replacingOccurrences(of: apiKey, with: "***")
    }
}

/// An endpoint that cannot be used.
public enum ChatEndpointError: Error, Equatable, CustomStringConvertible {
    case notHTTP(String)

    public var description: String {
        switch self {
        case .notHTTP(let text):
            return "--endpoint \(text) is not an http:// or https:// URL; give the server's address, e.g. http://127.0.0.1:8000/v1"
        }
    }
}
