import KnowledgeBase

/// One problem line of a JSONL input, as `ProblemLines.forEach` hands it over.
public struct ProblemLine {
    /// The file (as named) and 1-based line.
    public var location: RecordLocation
    /// The whole line as parsed.
    public var object: JSONObject
    /// Which field (or dotted path) held the text.
    public var textField: String
    /// The problem's text.
    public var text: String
    /// The line's `custom_id`, else its `id` (a number becomes a string); nil when neither is
    /// there or it is empty.
    public var id: String?
    /// The line's bytes as they were (valid only during the call), for writing it back unchanged.
    public var raw: UnsafeBufferPointer<UInt8>
}

/// Reads JSONL files of problems — any object with the text in `problem`, `question`,
/// `text`, `statement` or `prompt` (or the fields given) — line by line. A field may be a
/// dotted path into nested objects and arrays: `response.body.choices.0.message.content`
/// reads the answer of a Batch API output line (`kg generate run`). A bad line is a
/// `RecordError` naming the file, the line and the field; blank lines are skipped.
public enum ProblemLines {
    /// The longest line read, in bytes.
    public static let maximumLineBytes = 16 << 20

    /// Calls `body` with each problem line of `path` ("-" is standard input), in order.
    public static func forEach(
        path: String, textFields: [String] = SeedProblem.defaultTextFields, _ body: (ProblemLine) throws -> Void
    ) throws {
        let reader = try LineReader(path: path, maximumLineBytes: maximumLineBytes)
        try reader.forEachLine { line in
            let location = RecordLocation(file: path, line: reader.lineNumber)
            switch line {
            case .tooLong(let bytes):
                throw RecordError(location: location, problem: .lineTooLong(bytes: bytes, limit: maximumLineBytes))
            case .bytes(let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
                try body(try problemLine(bytes, at: location, textFields: textFields))
            }
        }
    }

    static func problemLine(_ bytes: UnsafeBufferPointer<UInt8>, at location: RecordLocation, textFields: [String]) throws -> ProblemLine {
        let value = try JSONValue(line: bytes, at: location)
        guard case .object(let object) = value else {
            throw RecordError(location: location, problem: .notAnObject(found: value.typeDescription))
        }
        for field in textFields {
            guard let member = resolve(field, in: object) else { continue }
            guard case .string(let text) = member else {
                throw RecordError(location: location, field: field, problem: .wrongType(expected: "a string", found: member.typeDescription))
            }
            var id: String?
            for key in ["custom_id", "id"] where id == nil {
                switch object[key] {
                case .string(let s)?: id = s.isEmpty ? nil : s
                case .number(let n)?: id = n
                default: break
                }
            }
            return ProblemLine(location: location, object: object, textField: field, text: text, id: id, raw: bytes)
        }
        throw RecordError(location: location, field: textFields.joined(separator: "|"), problem: .missingField)
    }

    /// The value at a field name or a dotted path (`a.b.0.c`: array elements by index).
    static func resolve(_ path: String, in object: JSONObject) -> JSONValue? {
        if let direct = object[path] { return direct }
        guard path.contains(".") else { return nil }
        var current = JSONValue.object(object)
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .object(let members):
                guard let next = members[String(part)] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(part), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}
