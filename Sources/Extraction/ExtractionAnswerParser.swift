import KnowledgeBase

/// A tolerant, fast reader of an LLM's answer to the topic and knowledge-point extraction prompt.
///
/// What it reads, in order of preference:
/// 1. the whole answer as one JSON object (the common case: one strict parse, no copies);
/// 2. a JSON array or a JSON-encoded string holding such an object;
/// 3. JSON objects inside Markdown code fences, then anywhere in the text: every balanced
///    `{…}` that starts like an object (`{"` or `{'`) is tried in order, strictly and then after
///    `LenientJSONRepair` (trailing commas, single quotes, LaTeX backslashes, raw line breaks,
///    comments); the first object that has a topics member wins, others are skipped with a note;
/// 4. "Topics:" / "Knowledge points:" sections in text or Markdown (`PlainTextAnswerReader`).
///
/// Within an object the lists are found by the synonyms in `ExtractionAnswerKeys`, also
/// inside wrapper objects up to three levels deep (`{"analysis": {"topics": …}}`). A list may
/// be an array of strings, an array of objects (`{"name": …}`, `{"topic": …, "description": …}`),
/// a single string (split by the rule in `ExtractionItemText`), or one object. Items are
/// cleaned, empty ones dropped, items longer than `maximumItemLength` dropped with a note,
/// case-insensitive duplicates dropped keeping the first, and the lists clipped to the maxima
/// keeping the first items.
///
/// Decisions: an answer with no topics is rejected; an answer with topics but no knowledge
/// points is accepted with the note "no knowledge points" (the record is still ingestible).
/// An unclosed JSON object is rejected as truncated unless a complete object with topics is
/// also present (then it is used, with the note "ignored an unfinished JSON object").
/// Topics that are not strings (numbers, null) reject the answer when no name remains.
public struct ExtractionAnswerParser: Sendable {
    /// The most topics kept; more are clipped with a note.
    public var maximumTopics = 2
    /// The most knowledge points kept; more are clipped with a note.
    public var maximumKnowledgePoints = 5
    /// The longest item kept, in characters; longer items are dropped with a note.
    public var maximumItemLength = 200

    /// Creates a parser with the given limits (MathScale's 1–2 topics and 1–5 knowledge points by default).
    public init(maximumTopics: Int = 2, maximumKnowledgePoints: Int = 5, maximumItemLength: Int = 200) {
        self.maximumTopics = maximumTopics
        self.maximumKnowledgePoints = maximumKnowledgePoints
        self.maximumItemLength = maximumItemLength
    }

    /// Reads topics and knowledge points from one answer's content, or says why it cannot.
    public func parse(_ content: String) -> Result<ExtractionAnswer, ExtractionAnswerRejection> {
        var text = content
        return text.withUTF8 { parse(bytes: $0, unwrapStrings: true) }
    }

    // MARK: - Whole-answer flow

    private struct Attempts {
        var topicsRejection: ExtractionAnswerRejection?
        var noTopicsKeys: [String]?
        var syntaxError: String?
        var sawUnclosedObject = false
        var skippedObjects = 0
        var tried: [Int] = []
    }

    private enum Interpretation {
        case answer(ExtractionAnswer)
        case rejected(ExtractionAnswerRejection)
        case noTopics(keys: [String])
    }

    private func parse(bytes p: UnsafeBufferPointer<UInt8>, unwrapStrings: Bool) -> Result<ExtractionAnswer, ExtractionAnswerRejection> {
        var (lo, hi) = AnswerTextScanner.trim(p, 0, p.count)
        guard lo < hi else { return .failure(ExtractionAnswerRejection(.empty)) }
        var sourceNotes: [String] = []
        if AnswerTextScanner.hasPrefix(p, lo, hi, "<think>") {
            guard let close = AnswerTextScanner.find(p, lo + 7, hi, "</think>") else {
                return .failure(ExtractionAnswerRejection(.unfinishedThinking))
            }
            (lo, hi) = AnswerTextScanner.trim(p, close + 8, hi)
            sourceNotes.append("skipped a <think> block")
            guard lo < hi else { return .failure(ExtractionAnswerRejection(.empty)) }
        }

        var attempts = Attempts()
        let first = p[lo], last = p[hi - 1]

        // 1. The whole answer is one object: the fast path.
        if first == UInt8(ascii: "{"), last == UInt8(ascii: "}"),
            let value = try? JSONParser.parse(UnsafeBufferPointer(rebasing: p[lo..<hi])),
            case .object(let object) = value
        {
            attempts.tried.append(lo)
            switch interpret(object, notes: sourceNotes) {
            case .answer(let answer): return .success(answer)
            case .rejected(let rejection): attempts.topicsRejection = rejection
            case .noTopics(let keys): attempts.noTopicsKeys = keys
            }
        }

        // 2. A JSON array of objects, or a JSON string holding the answer.
        if first == UInt8(ascii: "["), last == UInt8(ascii: "]"),
            case .array(let elements)? = try? JSONParser.parse(UnsafeBufferPointer(rebasing: p[lo..<hi]))
        {
            for case .object(let object) in elements {
                switch interpret(object, notes: sourceNotes + ["read from a JSON array"]) {
                case .answer(let answer): return .success(answer)
                case .rejected(let rejection): attempts.topicsRejection = attempts.topicsRejection ?? rejection
                case .noTopics(let keys): attempts.noTopicsKeys = attempts.noTopicsKeys ?? keys
                }
            }
        }
        if unwrapStrings, first == UInt8(ascii: "\""), last == UInt8(ascii: "\""),
            case .string(var inner)? = try? JSONParser.parse(UnsafeBufferPointer(rebasing: p[lo..<hi]))
        {
            let result = inner.withUTF8 { parse(bytes: $0, unwrapStrings: false) }
            if case .success(var answer) = result {
                answer.notes = sourceNotes + ["read from a JSON string"] + answer.notes
                return .success(answer)
            }
            return result
        }

        // 3. Objects in code fences, then anywhere in the text.
        if AnswerTextScanner.find(p, lo, hi, "```") != nil {
            for (a, z) in AnswerTextScanner.fences(p, lo, hi) {
                if let answer = scan(p, a, z, whole: (lo, hi), inFence: true, sourceNotes: sourceNotes, attempts: &attempts) {
                    return .success(answer)
                }
            }
        }
        if let answer = scan(p, lo, hi, whole: (lo, hi), inFence: false, sourceNotes: sourceNotes, attempts: &attempts) {
            return .success(answer)
        }

        // 4. Rejections from JSON that was there, then plain-text sections.
        if let rejection = attempts.topicsRejection { return .failure(rejection) }
        if attempts.sawUnclosedObject { return .failure(ExtractionAnswerRejection(.truncated(finishReasonLength: false))) }
        let sections = PlainTextAnswerReader.read(p, lo, hi)
        if sections.foundHeading {
            var notes = sourceNotes + ["read from plain text"]
            var topicNotes: [String] = []
            var kpNotes: [String] = []
            let (topics, longTopics) = finish(sections.topics, .topics, maximumTopics, &topicNotes)
            if !topics.isEmpty {
                let (kps, _) = finish(sections.knowledgePoints, .knowledgePoints, maximumKnowledgePoints, &kpNotes)
                if kps.isEmpty { kpNotes.append("no knowledge points") }
                notes += topicNotes + kpNotes
                return .success(ExtractionAnswer(topics: topics, knowledgePoints: kps, notes: notes))
            }
            if attempts.noTopicsKeys == nil {
                return .failure(ExtractionAnswerRejection(longTopics > 0 ? .topicsTooLong(limit: maximumItemLength) : .emptyTopics))
            }
        }
        if let keys = attempts.noTopicsKeys { return .failure(ExtractionAnswerRejection(.noTopicsKey(keys: keys))) }
        if let message = attempts.syntaxError { return .failure(ExtractionAnswerRejection(.invalidJSON(message: message))) }
        if let excerpt = AnswerTextScanner.refusalExcerpt(p, lo, hi) {
            return .failure(ExtractionAnswerRejection(.refusal(excerpt: excerpt)))
        }
        return .failure(ExtractionAnswerRejection(.noAnswerFound(excerpt: AnswerTextScanner.excerpt(p, lo, hi))))
    }

    /// Tries every object-shaped `{…}` in `p[lo..<hi]` in order; returns the first usable answer.
    private func scan(
        _ p: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, whole: (Int, Int), inFence: Bool,
        sourceNotes: [String], attempts: inout Attempts
    ) -> ExtractionAnswer? {
        var i = lo
        while i < hi {
            guard p[i] == UInt8(ascii: "{") else { i += 1; continue }
            let open = i
            guard AnswerTextScanner.looksLikeJSONObject(p, open, hi) else { i += 1; continue }
            guard let close = AnswerTextScanner.matchingBrace(p, open, hi) else {
                attempts.sawUnclosedObject = true
                i += 1
                continue
            }
            if attempts.tried.contains(open) { i = close + 1; continue }
            attempts.tried.append(open)
            let slice = UnsafeBufferPointer(rebasing: p[open...close])
            var repairNotes: [String] = []
            var parsed: JSONObject?
            do {
                if case .object(let object) = try JSONParser.parse(slice) { parsed = object }
            } catch {
                let (repaired, fixes) = LenientJSONRepair.repair(slice)
                if fixes.isEmpty {
                    attempts.syntaxError = attempts.syntaxError ?? "\(error)"
                } else {
                    do {
                        if case .object(let object) = try JSONParser.parse(repaired) {
                            parsed = object
                            repairNotes = fixes.notes
                        }
                    } catch {
                        attempts.syntaxError = attempts.syntaxError ?? "\(error)"
                    }
                }
            }
            guard let object = parsed else { i = open + 1; continue }
            var notes = sourceNotes
            if inFence {
                notes.append("read from a code fence")
            } else if open != whole.0 || close + 1 != whole.1 {
                notes.append("ignored text around the JSON")
            }
            if attempts.sawUnclosedObject { notes.append("ignored an unfinished JSON object") }
            if attempts.skippedObjects > 0 {
                notes.append("skipped \(attempts.skippedObjects) JSON object\(attempts.skippedObjects == 1 ? "" : "s") without usable topics")
            }
            notes += repairNotes
            switch interpret(object, notes: notes) {
            case .answer(let answer):
                return answer
            case .rejected(let rejection):
                attempts.topicsRejection = attempts.topicsRejection ?? rejection
                attempts.skippedObjects += 1
            case .noTopics(let keys):
                attempts.noTopicsKeys = attempts.noTopicsKeys ?? keys
                attempts.skippedObjects += 1
            }
            i = close + 1
        }
        return nil
    }

    // MARK: - One object

    private struct Located {
        var topics: JSONValue
        var knowledgePoints: JSONValue?
        var loose: Bool
        var path: String
    }

    /// Finds the object holding a topics member: `object` itself, or a wrapper member up to three levels down.
    private func locate(_ object: JSONObject, path: String, depth: Int) -> Located? {
        var topics: JSONValue?
        var kps: JSONValue?
        var loose = false
        for member in object.members {
            guard let kind = ExtractionAnswerKeys.kind(of: member.key) else { continue }
            if kind == .topics, topics == nil {
                topics = member.value
                if member.key != "topics" { loose = true }
            } else if kind == .knowledgePoints, kps == nil {
                kps = member.value
                if member.key != "knowledge_points" { loose = true }
            }
        }
        if let topics { return Located(topics: topics, knowledgePoints: kps, loose: loose, path: path) }
        guard depth < 3 else { return nil }
        for member in object.members {
            let inner: JSONObject
            switch member.value {
            case .object(let o): inner = o
            case .array(let a):
                guard case .object(let o)? = a.first else { continue }
                inner = o
            default: continue
            }
            let innerPath = path.isEmpty ? member.key : path + "." + member.key
            if let found = locate(inner, path: innerPath, depth: depth + 1) { return found }
        }
        return nil
    }

    private func interpret(_ object: JSONObject, notes prefix: [String]) -> Interpretation {
        guard let located = locate(object, path: "", depth: 0) else {
            return .noTopics(keys: object.members.map(\.key))
        }
        var notes = prefix
        if located.loose { notes.append("keys matched loosely") }
        if !located.path.isEmpty { notes.append("read from nested object \"\(located.path)\"") }
        var latex = false

        var topicNotes: [String] = []
        let rawTopics: [String]
        switch collect(located.topics, .topics, &topicNotes, &latex) {
        case .items(let items): rawTopics = items
        case .notStrings(let found): return .rejected(ExtractionAnswerRejection(.topicsNotStrings(found: found)))
        }
        let (topics, longTopics) = finish(rawTopics, .topics, maximumTopics, &topicNotes)
        guard !topics.isEmpty else {
            return .rejected(ExtractionAnswerRejection(longTopics > 0 ? .topicsTooLong(limit: maximumItemLength) : .emptyTopics))
        }

        var kpNotes: [String] = []
        var rawKPs: [String] = []
        if let value = located.knowledgePoints {
            if case .items(let items) = collect(value, .knowledgePoints, &kpNotes, &latex) { rawKPs = items }
        } else if case .array(let elements) = located.topics {
            var nestedNotes: [String] = []
            for case .object(let topic) in elements {
                for member in topic.members where ExtractionAnswerKeys.kind(of: member.key) == .knowledgePoints {
                    if case .items(let items) = collect(member.value, .knowledgePoints, &nestedNotes, &latex) {
                        rawKPs += items
                    }
                    break
                }
            }
            if !rawKPs.isEmpty { kpNotes.append("read knowledge points from inside topics") }
        }
        let (kps, _) = finish(rawKPs, .knowledgePoints, maximumKnowledgePoints, &kpNotes)
        if kps.isEmpty { kpNotes.append("no knowledge points") }
        if latex { notes.append("restored LaTeX commands read as JSON escapes") }
        notes += topicNotes
        notes += kpNotes
        return .answer(ExtractionAnswer(topics: topics, knowledgePoints: kps, notes: notes))
    }

    // MARK: - One list

    private enum Field {
        case topics, knowledgePoints
        var singular: String { self == .topics ? "topic" : "knowledge point" }
        var plural: String { self == .topics ? "topics" : "knowledge points" }
        func noun(_ count: Int) -> String { count == 1 ? singular : plural }
    }

    private enum Collected {
        case items([String])
        case notStrings(found: String)
    }

    @inline(__always)
    private func restored(_ s: String, _ latex: inout Bool) -> String {
        guard let fixed = ExtractionItemText.restoringLaTeX(s) else { return s }
        latex = true
        return fixed
    }

    /// The raw item strings of one list value.
    private func collect(_ value: JSONValue, _ field: Field, _ notes: inout [String], _ latex: inout Bool) -> Collected {
        switch value {
        case .string(let s):
            notes.append("\(field.plural) given as a string")
            return .items(ExtractionItemText.split(restored(s, &latex)))
        case .array(let elements):
            var raw: [String] = []
            raw.reserveCapacity(elements.count)
            var bad = 0
            var firstBad: String?
            var fromObjects = false
            func add(_ element: JSONValue, _ depth: Int) {
                switch element {
                case .string(let s):
                    raw.append(restored(s, &latex))
                case .object(let o):
                    if let name = itemName(o) {
                        raw.append(restored(name, &latex))
                        fromObjects = true
                    } else {
                        bad += 1
                        firstBad = firstBad ?? "an object without a name"
                    }
                case .array(let inner) where depth == 0:
                    for e in inner { add(e, 1) }
                default:
                    bad += 1
                    firstBad = firstBad ?? element.typeDescription
                }
            }
            for element in elements { add(element, 0) }
            if raw.isEmpty, let firstBad { return .notStrings(found: firstBad) }
            if fromObjects { notes.append("read \(field.singular) names from objects") }
            if bad > 0 { notes.append("dropped \(bad) non-string \(field.noun(bad))") }
            return .items(raw)
        case .object(let o):
            guard let name = itemName(o) else { return .notStrings(found: "an object without a name") }
            notes.append("read \(field.singular) names from objects")
            return .items([restored(name, &latex)])
        case .null, .bool, .number:
            return .notStrings(found: value.typeDescription)
        }
    }

    private func itemName(_ object: JSONObject) -> String? {
        for member in object.members {
            if case .string(let s) = member.value, ExtractionAnswerKeys.isItemName(member.key) { return s }
        }
        return nil
    }

    /// Cleans, filters, de-duplicates and clips raw items; returns them and how many were too long.
    private func finish(_ raw: [String], _ field: Field, _ maximum: Int, _ notes: inout [String]) -> ([String], Int) {
        var items: [String] = []
        items.reserveCapacity(raw.count)
        var duplicates = 0
        var long = 0
        for r in raw {
            let item = ExtractionItemText.clean(r)
            if item.isEmpty { continue }
            if ExtractionItemText.isLonger(item, than: maximumItemLength) { long += 1; continue }
            if items.contains(where: { ExtractionItemText.equalIgnoringCase($0, item) }) { duplicates += 1; continue }
            items.append(item)
        }
        if long > 0 { notes.append("dropped \(long) \(field.noun(long)) longer than \(maximumItemLength) characters") }
        if duplicates > 0 { notes.append("dropped \(duplicates) duplicate \(field.noun(duplicates))") }
        if items.count > maximum {
            notes.append("clipped \(field.plural) from \(items.count) to \(maximum)")
            items.removeLast(items.count - maximum)
        }
        return (items, long)
    }
}
