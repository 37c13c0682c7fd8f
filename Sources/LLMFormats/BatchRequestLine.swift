import KnowledgeBase

/// One line of an OpenAI Batch API input file, which hosted batch APIs and vLLM's
/// `run-batch` take as they are: `{"custom_id", "method": "POST", "url":
/// "/v1/chat/completions", "body": {…}}` (docs/formats.md).
public enum BatchRequestLine {
    /// The endpoint every kg request line names.
    public static let chatCompletionsURL = "/v1/chat/completions"

    /// Appends the line for `request` (without a newline) to `w`.
    public static func write(customID: String, request: ChatRequest, to w: inout JSONWriter) {
        w.beginObject()
        w.key("custom_id"); w.string(customID)
        w.key("method"); w.string("POST")
        w.key("url"); w.string(chatCompletionsURL)
        w.key("body"); request.writeBody(to: &w)
        w.endObject()
    }

    /// The line for `request` as text, without a newline.
    public static func text(customID: String, request: ChatRequest) -> String {
        var w = JSONWriter()
        write(customID: customID, request: request, to: &w)
        return w.string
    }
}
