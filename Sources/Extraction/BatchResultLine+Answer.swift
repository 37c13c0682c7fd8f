import LLMFormats

extension BatchResultLine {
    /// Reads this line's answer with `parser`, turning request failures, missing content and
    /// `finish_reason: "length"` into rejections that say so.
    ///
    /// A "length" answer that still holds a complete answer is accepted with the note
    /// "cut off at max_tokens (finish_reason length) after a complete answer".
    public func answer(using parser: ExtractionAnswerParser = ExtractionAnswerParser()) -> Result<ExtractionAnswer, ExtractionAnswerRejection> {
        if let error { return .failure(ExtractionAnswerRejection(.requestFailed(message: error))) }
        guard let content else {
            if let refusal { return .failure(ExtractionAnswerRejection(.refusal(excerpt: refusal))) }
            if finishReason == "length" { return .failure(ExtractionAnswerRejection(.truncated(finishReasonLength: true))) }
            return .failure(ExtractionAnswerRejection(.noContent(finishReason: finishReason)))
        }
        let result = parser.parse(content)
        guard finishReason == "length" else { return result }
        switch result {
        case .success(var answer):
            answer.notes.append("cut off at max_tokens (finish_reason length) after a complete answer")
            return .success(answer)
        case .failure(let rejection):
            if rejection.reason == .unfinishedThinking { return result }
            return .failure(ExtractionAnswerRejection(.truncated(finishReasonLength: true)))
        }
    }
}
