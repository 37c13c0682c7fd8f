import KnowledgeBase

/// One chat-completions request body (`POST /v1/chat/completions`): what an extraction or
/// generation request sends, written as JSON by `bodyJSON`.
///
/// ```swift
/// var request = ChatRequest(model: "gpt-4o-mini", prompt: "Name the topics of …")
/// request.temperature = 0
/// request.responseFormat = ChatRequest.jsonSchemaFormat(name: "extraction", schema: schema)
/// ```
public struct ChatRequest: Equatable, Sendable {
    /// One message of the conversation.
    public struct Message: Equatable, Sendable {
        /// "system", "user" or "assistant".
        public var role: String
        public var content: String

        public init(role: String, content: String) {
            self.role = role
            self.content = content
        }
    }

    public var model: String
    public var messages: [Message]
    /// Sampling temperature; nil leaves the server's default.
    public var temperature: Double?
    /// The most tokens the answer may use (`max_tokens`); nil leaves the server's default.
    public var maxTokens: Int?
    /// The server's random seed, for servers that honour one; nil sends none.
    public var seed: UInt64?
    /// `response_format`, e.g. a JSON schema for servers with structured outputs; nil sends none.
    public var responseFormat: JSONValue?

    /// A request with one user message holding `prompt` (and a system message when given).
    public init(model: String, prompt: String, system: String? = nil) {
        self.model = model
        messages = (system.map { [Message(role: "system", content: $0)] } ?? []) + [Message(role: "user", content: prompt)]
    }

    /// The messages as a JSON array, as `{"messages": …}` lines and request bodies hold them.
    public func writeMessages(to w: inout JSONWriter) {
        w.beginArray()
        for message in messages {
            w.beginObject()
            w.key("role"); w.string(message.role)
            w.key("content"); w.string(message.content)
            w.endObject()
        }
        w.endArray()
    }

    /// The body as one JSON object: `model`, `messages`, then the optional fields that are set.
    public func writeBody(to w: inout JSONWriter) {
        w.beginObject()
        w.key("model"); w.string(model)
        w.key("messages"); writeMessages(to: &w)
        if let temperature { w.key("temperature"); w.double(temperature) }
        if let maxTokens { w.key("max_tokens"); w.int(maxTokens) }
        if let seed { w.key("seed"); w.rawNumber(String(seed)) }
        if let responseFormat { w.key("response_format"); w.value(responseFormat) }
        w.endObject()
    }

    /// The body's JSON text.
    public var bodyJSON: String {
        var w = JSONWriter()
        writeBody(to: &w)
        return w.string
    }

    /// An OpenAI-style structured-output `response_format`:
    /// `{"type": "json_schema", "json_schema": {"name", "schema", "strict": true}}`, the shape
    /// OpenAI, vLLM and llama.cpp's server read.
    public static func jsonSchemaFormat(name: String, schema: JSONValue) -> JSONValue {
        .object(
            JSONObject([
                ("type", .string("json_schema")),
                ("json_schema", .object(JSONObject([("name", .string(name)), ("schema", schema), ("strict", .bool(true))]))),
            ]))
    }
}
