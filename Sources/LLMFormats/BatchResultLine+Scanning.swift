import KnowledgeBase

extension BatchResultLine {
    /// Decodes one line's bytes: the scanning fast path when the line has the common
    /// shape, the full decoder otherwise.
    package static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(BatchResultLineError) -> BatchResultLine {
        if let line = scanning(bytes) { return line }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw .invalidJSON("\(error)")
        }
        return try BatchResultLine(value)
    }

    /// Decodes one line without building its JSON tree, for lines of the common shape: a
    /// top-level `custom_id`, a `response` with a 2xx `status_code` and a chat-completion
    /// `body` (text `content`), and a null or string `error`. Returns nil for any other
    /// shape (an error object, a failed status, content parts, a clone's top-level `body`),
    /// which `init(_:)` then reads; where both read a line, they agree (tested on the corpus).
    package static func scanning(_ bytes: UnsafeBufferPointer<UInt8>) -> BatchResultLine? {
        var parser = JSONParser(scanning: bytes)
        var line = BatchResultLine(customID: "")
        var sawID = false, sawResponse = false, sawError = false, bail = false
        do {
            try parser.scanObject { p, key in
                if bail { return try p.skipValue() }
                if JSONParser.key(key, is: "custom_id") {
                    guard !sawID, let id = try p.scanString() else { bail = true; return }
                    line.customID = id
                    sawID = true
                } else if JSONParser.key(key, is: "response") {
                    guard !sawResponse, p.peekValue() == UInt8(ascii: "{") else { bail = true; return try p.skipValue() }
                    sawResponse = true
                    bail = !(try scanResponse(&p, into: &line))
                } else if JSONParser.key(key, is: "error") {
                    guard !sawError else { bail = true; return try p.skipValue() }
                    sawError = true
                    switch p.peekValue() {
                    case UInt8(ascii: "n"): try p.skipValue()
                    case UInt8(ascii: "\""): if let text = try p.scanString(), !text.isEmpty { line.error = text }
                    default: bail = true; try p.skipValue()
                    }
                } else if JSONParser.key(key, is: "body") {
                    bail = true
                    try p.skipValue()
                } else {
                    try p.skipValue()
                }
            }
            guard try parser.peekValue() == nil else { return nil }
        } catch {
            return nil
        }
        guard !bail, sawID, sawResponse, let status = line.statusCode, (200...299).contains(status) else { return nil }
        return line
    }

    /// `response`: `status_code`, `body`; false when the shape needs the full decoder.
    private static func scanResponse(_ p: inout JSONParser, into line: inout BatchResultLine) throws -> Bool {
        var ok = true, sawStatus = false, sawBody = false
        try p.scanObject { p, key in
            if !ok { return try p.skipValue() }
            if JSONParser.key(key, is: "status_code") {
                guard !sawStatus, let status = try p.scanInteger() else { ok = false; return }
                line.statusCode = status
                sawStatus = true
            } else if JSONParser.key(key, is: "body") {
                guard !sawBody, p.peekValue() == UInt8(ascii: "{") else { ok = false; return try p.skipValue() }
                sawBody = true
                ok = try scanBody(&p, into: &line)
            } else {
                try p.skipValue()
            }
        }
        return ok
    }

    /// A chat-completion body: `model`, `choices[0]`, `usage`.
    private static func scanBody(_ p: inout JSONParser, into line: inout BatchResultLine) throws -> Bool {
        var ok = true, sawModel = false, sawChoices = false, sawUsage = false
        try p.scanObject { p, key in
            if !ok { return try p.skipValue() }
            // A repeated member: the full decoder takes the first, as JSONObject does.
            if JSONParser.key(key, is: "model") {
                if sawModel { ok = false; return try p.skipValue() }
                sawModel = true
            } else if JSONParser.key(key, is: "choices") {
                if sawChoices { ok = false; return try p.skipValue() }
                sawChoices = true
            } else if JSONParser.key(key, is: "usage") {
                if sawUsage { ok = false; return try p.skipValue() }
                sawUsage = true
            }
            if JSONParser.key(key, is: "model") {
                if p.peekValue() == UInt8(ascii: "\"") { line.model = try p.scanString() } else { try p.skipValue() }
            } else if JSONParser.key(key, is: "choices") {
                guard p.peekValue() == UInt8(ascii: "[") else { ok = false; return try p.skipValue() }
                try p.scanArray { p, position in
                    guard position == 0, ok else { return try p.skipValue() }
                    guard p.peekValue() == UInt8(ascii: "{") else { ok = false; return try p.skipValue() }
                    ok = try scanChoice(&p, into: &line)
                }
            } else if JSONParser.key(key, is: "usage") {
                guard p.peekValue() == UInt8(ascii: "{") else { return try p.skipValue() }
                var sawPrompt = false, sawCompletion = false
                try p.scanObject { p, key in
                    if JSONParser.key(key, is: "prompt_tokens"), !sawPrompt {
                        sawPrompt = true
                        line.promptTokens = try p.scanInteger()
                    } else if JSONParser.key(key, is: "completion_tokens"), !sawCompletion {
                        sawCompletion = true
                        line.completionTokens = try p.scanInteger()
                    } else {
                        try p.skipValue()
                    }
                }
            } else {
                try p.skipValue()
            }
        }
        return ok
    }

    /// `choices[0]`: `finish_reason` and `message` (`content` as text or null, `refusal`).
    private static func scanChoice(_ p: inout JSONParser, into line: inout BatchResultLine) throws -> Bool {
        var ok = true, sawFinish = false, sawMessage = false
        try p.scanObject { p, key in
            if !ok { return try p.skipValue() }
            if JSONParser.key(key, is: "finish_reason") {
                guard !sawFinish else { ok = false; return try p.skipValue() }
                sawFinish = true
                switch p.peekValue() {
                case UInt8(ascii: "n"): try p.skipValue()
                case UInt8(ascii: "\""): line.finishReason = try p.scanString()
                default: ok = false; try p.skipValue()
                }
            } else if JSONParser.key(key, is: "message") {
                guard !sawMessage, p.peekValue() == UInt8(ascii: "{") else { ok = false; return try p.skipValue() }
                sawMessage = true
                var sawContent = false, sawRefusal = false
                try p.scanObject { p, key in
                    if !ok { return try p.skipValue() }
                    if JSONParser.key(key, is: "content") {
                        guard !sawContent else { ok = false; return try p.skipValue() }
                        sawContent = true
                        switch p.peekValue() {
                        case UInt8(ascii: "n"): try p.skipValue()
                        case UInt8(ascii: "\""): line.content = try p.scanString()
                        default: ok = false; try p.skipValue()
                        }
                    } else if JSONParser.key(key, is: "refusal") {
                        guard !sawRefusal else { ok = false; return try p.skipValue() }
                        sawRefusal = true
                        if p.peekValue() == UInt8(ascii: "\"") { line.refusal = try p.scanString() } else { try p.skipValue() }
                    } else {
                        try p.skipValue()
                    }
                }
            } else {
                try p.skipValue()
            }
        }
        return ok
    }
}
