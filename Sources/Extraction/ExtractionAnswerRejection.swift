/// Why an LLM extraction answer could not be turned into topics and knowledge points.
///
/// `description` says what was wrong and what to do about it; `reason` is the typed cause,
/// for counting rejections by kind.
public struct ExtractionAnswerRejection: Error, Equatable, CustomStringConvertible, Sendable {
    /// The kinds of unusable answer.
    public enum Reason: Equatable, Sendable {
        /// The content is empty or only white space.
        case empty
        /// The model declined to answer; the excerpt is the start of its text.
        case refusal(excerpt: String)
        /// The JSON stops mid-object; `finishReasonLength` is true when the batch line said `finish_reason: "length"`.
        case truncated(finishReasonLength: Bool)
        /// The content opens a `<think>` block that never closes.
        case unfinishedThinking
        /// Something that looks like a JSON object is there but does not parse, even after repairs.
        case invalidJSON(message: String)
        /// A JSON object parsed but has no topics member (its keys are listed).
        case noTopicsKey(keys: [String])
        /// A topics member or section is present but lists nothing.
        case emptyTopics
        /// The topics member holds something other than names (`found` is its JSON type).
        case topicsNotStrings(found: String)
        /// Every topic was longer than the item length limit.
        case topicsTooLong(limit: Int)
        /// Neither a JSON object nor "Topics:" / "Knowledge points:" sections were found.
        case noAnswerFound(excerpt: String)
        /// The batch line carries no message content.
        case noContent(finishReason: String?)
        /// The batch request itself failed (HTTP error, expired, server error).
        case requestFailed(message: String)
    }

    /// The typed cause.
    public var reason: Reason

    /// Creates a rejection for `reason`.
    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// Says what was wrong with the answer and what to do about it.
    public var description: String {
        switch reason {
        case .empty:
            return "empty answer: the model returned no text; check the request and the server log"
        case .refusal(let excerpt):
            return "the model refused to answer (\"\(excerpt)\"); check that the question is a math question, or retry with another model"
        case .truncated(let length):
            if length {
                return "truncated answer: the model hit max_tokens (finish_reason \"length\") before finishing; raise max_tokens"
            }
            return "truncated JSON answer (the model stopped mid-object; raise max_tokens)"
        case .unfinishedThinking:
            return "truncated answer: it ends inside a <think> block (the model spent its tokens reasoning); raise max_tokens"
        case .invalidJSON(let message):
            return "invalid JSON answer that could not be repaired (\(message)); look at the raw content or ask for response_format json_object"
        case .noTopicsKey(let keys):
            let list = keys.isEmpty ? "none" : keys.map { "\"\($0)\"" }.joined(separator: ", ")
            return "no topics: the JSON object has no \"topics\" member (keys: \(list)); accepted names are \(ExtractionAnswerKeys.topicsKeysForDocs)"
        case .emptyTopics:
            return "no topics: the answer names none; check that the question is a math question"
        case .topicsNotStrings(let found):
            return "topics are not names: found \(found) where strings were expected; check the prompt's JSON example"
        case .topicsTooLong(let limit):
            return "no topics: every topic is longer than \(limit) characters (the model wrote prose, not names)"
        case .noAnswerFound(let excerpt):
            return
                "no JSON object and no \"Topics:\" / \"Knowledge points:\" sections in the answer (it starts \"\(excerpt)\"); check that the prompt asks for JSON"
        case .noContent(let finishReason):
            let why = finishReason.map { " (finish_reason \"\($0)\")" } ?? ""
            return "no answer content in the batch line\(why); resubmit the request"
        case .requestFailed(let message):
            return "the request failed: \(message); resubmit it"
        }
    }
}
