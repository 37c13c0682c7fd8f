import KnowledgeBase
import LLMFormats

/// Turns seed problems into chat-completion requests for topic and knowledge-point
/// extraction: the prompt template filled with the problem, the model and its options, and
/// optionally a JSON-schema `response_format` for servers with structured outputs.
public struct ExtractionRequestBuilder: Sendable {
    /// How the answer's shape is asked for.
    public enum ResponseFormat: String, CaseIterable, Sendable {
        /// Only the prompt asks for JSON.
        case none
        /// `{"type": "json_object"}`.
        case jsonObject = "json-object"
        /// A JSON schema (`ExtractionRequestBuilder.answerSchema`), strict.
        case jsonSchema = "json-schema"
    }

    public var template: PromptTemplate
    public var model: String
    /// Extraction wants the model's most likely reading: 0 by default.
    public var temperature: Double? = 0
    public var maxTokens: Int? = 512
    public var responseFormat = ResponseFormat.none
    /// The largest counts the schema allows (MathScale: 1–2 topics, 1–5 knowledge points).
    public var maximumTopics = 2
    public var maximumKnowledgePoints = 5

    public init(template: PromptTemplate, model: String) {
        self.template = template
        self.model = model
    }

    /// The request for one seed problem's text.
    public func request(problem: String) -> ChatRequest {
        var request = ChatRequest(model: model, prompt: template.render([.problem: problem]))
        request.temperature = temperature
        request.maxTokens = maxTokens
        switch responseFormat {
        case .none: break
        case .jsonObject: request.responseFormat = .object(JSONObject([("type", .string("json_object"))]))
        case .jsonSchema: request.responseFormat = ChatRequest.jsonSchemaFormat(name: "concept_extraction", schema: answerSchema)
        }
        return request
    }

    /// The answer's JSON schema: `{"topics": [1…maxTopics strings], "knowledge_points": [0…maxKPs strings]}`,
    /// every property required and no others, as OpenAI's strict mode asks.
    public var answerSchema: JSONValue {
        func list(_ minimum: Int, _ maximum: Int) -> JSONValue {
            .object(
                JSONObject([
                    ("type", .string("array")), ("items", .object(JSONObject([("type", .string("string"))]))),
                    ("minItems", .number(String(minimum))), ("maxItems", .number(String(maximum))),
                ]))
        }
        return .object(
            JSONObject([
                ("type", .string("object")),
                ("properties", .object(JSONObject([("topics", list(1, maximumTopics)), ("knowledge_points", list(0, maximumKnowledgePoints))]))),
                ("required", .array([.string("topics"), .string("knowledge_points")])),
                ("additionalProperties", .bool(false)),
            ]))
    }
}
