import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// An OpenAI-compatible `/v1/chat/completions` server on 127.0.0.1 for tests and
/// benchmarks: it answers each request as its `script` says — well, slowly, with 429 and
/// `Retry-After`, with 5xx, by dropping the connection, with a body that is not JSON, or
/// 401 — so the client can be tested against real HTTP without a model.
///
/// ```swift
/// let server = try StandInServer { request in .answer(content: #"{"topics": ["Algebra"], "knowledge_points": []}"#) }
/// defer { server.stop() }
/// // POST to server.baseURL + "/v1/chat/completions"
/// ```
public final class StandInServer: @unchecked Sendable {
    /// What the server does with one request.
    public enum Behaviour: Sendable {
        /// 200 with a chat completion whose message content is `content`.
        case answer(content: String)
        /// The same, after `seconds`.
        case slowAnswer(content: String, seconds: Double)
        /// 429 with `Retry-After: seconds`.
        case tooManyRequests(retryAfter: Int)
        /// That status with an OpenAI-style error body.
        case status(Int, message: String)
        /// Close the connection without answering.
        case dropConnection
        /// 200 with a body that is not JSON.
        case malformedBody
        /// 200 with a chat completion cut off at max_tokens (`finish_reason: "length"`).
        case truncated(content: String)
    }

    /// One request as the script sees it.
    public struct Request: Sendable {
        /// The request body's bytes.
        public var body: [UInt8]
        /// The last message's content, found in the body.
        public var prompt: String
        /// The `model` field.
        public var model: String
        /// The `Authorization` header, if any.
        public var authorization: String?
        /// How many times a request with this prompt has arrived before (0 the first time).
        public var previousAttempts: Int
        public var path: String
    }

    private let group: MultiThreadedEventLoopGroup
    private var channel: Channel?
    private let lock = NSLock()
    private var attempts: [String: Int] = [:]
    private var _requests = 0
    private var _authorizations: Set<String> = []
    let script: @Sendable (Request) -> Behaviour

    /// The port it listens on.
    public private(set) var port = 0
    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts listening on a free port of 127.0.0.1.
    public init(threads: Int = 1, script: @escaping @Sendable (Request) -> Behaviour) throws {
        self.script = script
        group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 512)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [unowned self] channel in
                channel.pipeline.configureHTTPServerPipeline(withErrorHandling: true).flatMap {
                    channel.pipeline.addHandler(StandInHandler(server: self))
                }
            }
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
        let channel = try bootstrap.bind(host: "127.0.0.1", port: 0).wait()
        self.channel = channel
        port = channel.localAddress?.port ?? 0
    }

    /// Requests received so far.
    public var requestCount: Int { lock.lock(); defer { lock.unlock() }; return _requests }
    /// Every distinct `Authorization` header seen.
    public var authorizations: Set<String> { lock.lock(); defer { lock.unlock() }; return _authorizations }

    /// Stops listening and closes every connection.
    public func stop() {
        try? channel?.close().wait()
        channel = nil
        try? group.syncShutdownGracefully()
    }

    func decide(body: [UInt8], authorization: String?, path: String) -> Behaviour {
        let (prompt, model) = StandInServer.promptAndModel(body)
        lock.lock()
        let previous = attempts[prompt, default: 0]
        attempts[prompt] = previous + 1
        _requests += 1
        if let authorization { _authorizations.insert(authorization) }
        lock.unlock()
        return script(
            Request(
                body: body, prompt: prompt, model: model, authorization: authorization,
                previousAttempts: previous, path: path))
    }

    /// The last message's content and the model, read with Foundation's JSON parser (the
    /// stand-in must not share kg's parser, whose output it checks).
    static func promptAndModel(_ body: [UInt8]) -> (String, String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return ("", "") }
        let messages = object["messages"] as? [[String: Any]] ?? []
        return (messages.last?["content"] as? String ?? "", object["model"] as? String ?? "")
    }

    /// A chat-completion body holding `content`.
    static func completion(content: String, model: String, finishReason: String) -> [UInt8] {
        let object: [String: Any] = [
            "id": "chatcmpl-standin", "object": "chat.completion", "created": 1_700_000_000, "model": model,
            "choices": [["index": 0, "message": ["role": "assistant", "content": content], "finish_reason": finishReason]],
            "usage": ["prompt_tokens": 40, "completion_tokens": 12, "total_tokens": 52],
        ]
        return Array(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }
}

/// Collects one request and answers it as the server's script says.
final class StandInHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let server: StandInServer
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(server: StandInServer) { self.server = server }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body.removeAll(keepingCapacity: true)
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            let behaviour = server.decide(body: body, authorization: head.headers.first(name: "authorization"), path: head.uri)
            let (_, model) = StandInServer.promptAndModel(body)
            respond(behaviour, model: model, keepAlive: head.isKeepAlive, context: context)
        }
    }

    private func respond(_ behaviour: StandInServer.Behaviour, model: String, keepAlive: Bool, context: ChannelHandlerContext) {
        switch behaviour {
        case .answer(let content):
            send(200, StandInServer.completion(content: content, model: model, finishReason: "stop"), keepAlive: keepAlive, context: context)
        case .truncated(let content):
            send(200, StandInServer.completion(content: content, model: model, finishReason: "length"), keepAlive: keepAlive, context: context)
        case .slowAnswer(let content, let seconds):
            let bytes = StandInServer.completion(content: content, model: model, finishReason: "stop")
            let loop = context.eventLoop
            let box = NIOLoopBound((self, context), eventLoop: loop)
            loop.scheduleTask(in: .milliseconds(Int64(seconds * 1000))) {
                let (handler, context) = box.value
                handler.send(200, bytes, keepAlive: keepAlive, context: context)
            }
        case .tooManyRequests(let retryAfter):
            send(
                429, Array(#"{"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}}"#.utf8),
                keepAlive: keepAlive, context: context, extra: [("Retry-After", String(retryAfter))])
        case .status(let code, let message):
            let body = try! JSONSerialization.data(withJSONObject: ["error": ["message": message, "type": "server_error", "code": code]])
            send(code, Array(body), keepAlive: keepAlive, context: context)
        case .dropConnection:
            context.close(promise: nil)
        case .malformedBody:
            send(200, Array("<html>Bad gateway</html>".utf8), keepAlive: keepAlive, context: context)
        }
    }

    private func send(_ status: Int, _ body: [UInt8], keepAlive: Bool, context: ChannelHandlerContext, extra: [(String, String)] = []) {
        var headers = HTTPHeaders([("Content-Type", "application/json"), ("Content-Length", String(body.count))])
        for (name, value) in extra { headers.add(name: name, value: value) }
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: body.count)
        buffer.writeBytes(body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive { done.whenComplete { _ in context.close(promise: nil) } }
    }
}
