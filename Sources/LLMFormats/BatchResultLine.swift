import KnowledgeBase

/// One decoded line of an OpenAI Batch API or vLLM `run-batch` output file, reduced to what extraction needs.
///
/// Accepted shapes (see notes §1.1–1.2):
/// - OpenAI success: `{"id", "custom_id", "response": {"status_code": 200, "body": {chat.completion}}, "error": null}`;
/// - OpenAI failure: `error` is `{"code", "message"}` (with `response` null), or `response.status_code`
///   is not 2xx and `response.body.error.message` says why;
/// - vLLM failure: `response.status_code` 400 (or the engine's code) with `body: null`, and `error`
///   a plain string or an `ErrorResponse` object `{"message", "type", "code"}`;
/// - clones without `response` (Together, Mistral) whose line holds `body` directly.
///
/// `error` is set for every failed request: "code: message" from an error object, the string
/// itself, else the body's `error.message` / `error` / `message` / `detail`, else "HTTP status N".
public struct BatchResultLine: Equatable, Sendable {
    /// The request's `custom_id`, joining the output to its input line.
    public var customID: String
    /// `response.status_code`, when there is a response.
    public var statusCode: Int?
    /// `response.body.choices[0].message.content` (text parts joined when it is an array of parts).
    public var content: String?
    /// `choices[0].finish_reason`: "stop", or "length" when the model hit max_tokens.
    public var finishReason: String?
    /// `choices[0].message.refusal`, set by OpenAI when the model declined under structured outputs.
    public var refusal: String?
    /// Why the request failed, or nil when it succeeded.
    public var error: String?
    /// `response.body.usage.prompt_tokens`.
    public var promptTokens: Int?
    /// `response.body.usage.completion_tokens`.
    public var completionTokens: Int?
    /// `response.body.model`: the model that answered.
    public var model: String?

    /// Creates a line from its fields.
    public init(
        customID: String, statusCode: Int? = nil, content: String? = nil, finishReason: String? = nil,
        refusal: String? = nil, error: String? = nil, promptTokens: Int? = nil, completionTokens: Int? = nil
    ) {
        self.customID = customID
        self.statusCode = statusCode
        self.content = content
        self.finishReason = finishReason
        self.refusal = refusal
        self.error = error
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }

    /// Decodes one line of text.
    public init(line: String) throws(BatchResultLineError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            throw .invalidJSON("\(error)")
        }
        try self.init(value)
    }

    /// Decodes one parsed line.
    public init(_ value: JSONValue) throws(BatchResultLineError) {
        guard case .object(let root) = value else { throw .notAnObject(found: value.typeDescription) }
        guard let id = root["custom_id"], id != .null else { throw .missingField("custom_id") }
        guard case .string(let customID) = id else {
            throw .wrongType(field: "custom_id", expected: "a string", found: id.typeDescription)
        }
        self.init(customID: customID)

        var body: JSONObject?
        var bodyPath = "body"
        switch root["response"] {
        case nil, .null?:
            if case .object(let b)? = root["body"] { body = b }
        case .object(let response)?:
            switch response["status_code"] {
            case nil, .null?: break
            case let code?:
                guard let status = code.integerValue else {
                    throw .wrongType(field: "response.status_code", expected: "an integer", found: code.typeDescription)
                }
                statusCode = status
            }
            bodyPath = "response.body"
            switch response["body"] {
            case nil, .null?: break
            case .object(let b)?: body = b
            case let other?: throw .wrongType(field: "response.body", expected: "an object or null", found: other.typeDescription)
            }
        case let other?:
            throw .wrongType(field: "response", expected: "an object or null", found: other.typeDescription)
        }

        if let body { try readBody(body, path: bodyPath) }

        switch root["error"] {
        case nil, .null?: break
        case .string(let s)?: error = s.isEmpty ? nil : s
        case .object(let o)?: error = Self.describe(o)
        case let other?: error = other.serialized
        }
        if error == nil, let status = statusCode, !(200...299).contains(status) {
            error = body.flatMap(Self.bodyError) ?? "HTTP status \(status)"
        }
    }

    private mutating func readBody(_ body: JSONObject, path: String) throws(BatchResultLineError) {
        model = body["model"]?.stringValue
        if case .object(let usage)? = body["usage"] {
            promptTokens = usage["prompt_tokens"]?.integerValue
            completionTokens = usage["completion_tokens"]?.integerValue
        }
        let choicesPath = path + ".choices"
        let choices: [JSONValue]
        switch body["choices"] {
        case nil, .null?: return
        case .array(let a)?: choices = a
        case let other?: throw .wrongType(field: choicesPath, expected: "an array", found: other.typeDescription)
        }
        guard let first = choices.first else { return }
        guard case .object(let choice) = first else {
            throw .wrongType(field: choicesPath + "[0]", expected: "an object", found: first.typeDescription)
        }
        switch choice["finish_reason"] {
        case nil, .null?: break
        case .string(let s)?: finishReason = s
        case let other?: throw .wrongType(field: choicesPath + "[0].finish_reason", expected: "a string", found: other.typeDescription)
        }
        let messagePath = choicesPath + "[0].message"
        switch choice["message"] {
        case nil, .null?: return
        case .object(let message)?:
            if case .string(let r)? = message["refusal"] { refusal = r }
            switch message["content"] {
            case nil, .null?: break
            case .string(let s)?: content = s
            case .array(let parts)?:
                var text = ""
                for case .object(let part) in parts {
                    if case .string(let s)? = part["text"] { text += s }
                }
                content = text
            case let other?:
                throw .wrongType(field: messagePath + ".content", expected: "a string or null", found: other.typeDescription)
            }
        case let other?:
            throw .wrongType(field: messagePath, expected: "an object", found: other.typeDescription)
        }
    }

    /// "code: message" from an error object (either may be missing); the JSON text when it has neither.
    private static func describe(_ object: JSONObject) -> String {
        let message = object["message"]?.stringValue
        var code: String?
        switch object["code"] {
        case .string(let s)?: code = s
        case .number(let n)?: code = n
        default: code = nil
        }
        switch (code, message) {
        case let (code?, message?): return "\(code): \(message)"
        case let (nil, message?): return message
        case let (code?, nil): return code
        default: return JSONValue.object(object).serialized
        }
    }

    private static func bodyError(_ body: JSONObject) -> String? {
        switch body["error"] {
        case .object(let o)?: return describe(o)
        case .string(let s)?: return s
        default: break
        }
        return body["message"]?.stringValue ?? body["detail"]?.stringValue
    }
}
