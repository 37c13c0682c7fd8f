/// Where a record came from: a file (or "-" for standard input) and a 1-based line number.
public struct RecordLocation: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file == "-" ? "<stdin>" : file):\(line)" }
}

/// A line that cannot be ingested: where it is, which field is wrong, and how to fix it.
public struct RecordError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong with the line.
    public enum Problem: Equatable, Sendable {
        case invalidUTF8(byteOffset: Int)
        case invalidJSON(JSONSyntaxError)
        case notAnObject(found: String)
        case missingField
        /// The `id` field is missing (and `--auto-id` was not given).
        case missingIDField
        /// A raw problem (its text in `textField`) with no topics or knowledge points: it needs
        /// tagging or extraction before it can be ingested.
        case rawProblem(textField: String)
        /// A problem line with none of the text fields looked for: which were tried, and the
        /// string fields the line has (the longest first), to suggest `--text-field`.
        case noProblemText(tried: [String], stringFields: [String])
        case wrongType(expected: String, found: String)
        case emptyTopics
        case emptyName(index: Int)
        case nameTooLong(index: Int, length: Int, limit: Int)
        case tooManyNames(count: Int, limit: Int)
        case unknownLevel(String)
        case lineTooLong(bytes: Int, limit: Int)
        /// A second line with an id already used in the same file (at `firstLine`, when known).
        case duplicateID(String, firstLine: Int? = nil)
        /// A chat line (`custom_id` and `messages`, no Batch API `body`) read without a model.
        case chatLineWithoutModel
        /// The input could not be read at all.
        case unreadable(String)
    }

    public var location: RecordLocation
    /// The field at fault (`topics`, `knowledge_points[2]`, …), when one is.
    public var field: String?
    public var problem: Problem

    public init(location: RecordLocation, field: String? = nil, problem: Problem) {
        self.location = location
        self.field = field
        self.problem = problem
    }

    /// A one-line explanation without the location prefix.
    public var reason: String {
        switch problem {
        case .invalidUTF8(let offset):
            return "not valid UTF-8 (bad byte at column \(offset + 1)); re-encode the file as UTF-8"
        case .invalidJSON(let syntax):
            return "not valid JSON at column \(syntax.column): \(syntax.message)"
        case .notAnObject(let found):
            return "expected a JSON object per line, found \(found)"
        case .missingField:
            return "required field is missing"
        case .missingIDField:
            return "required field is missing; if the id has another name pass --id-field NAME, or give each line an id from its file and line number with --auto-id"
        case .rawProblem(let textField):
            return "this is a raw problem (its text is in '\(textField)') with no topics or knowledge points, not an extraction record; tag it first with kg tag FILE -o tagged.jsonl (curriculum areas and known knowledge points, offline) or kg extract (an LLM), then ingest the output"
        case .noProblemText(let tried, let fields):
            var text = "no problem text: the line has none of the fields \(tried.joined(separator: ", "))"
            if fields.isEmpty {
                text += " and no text field at all"
            } else {
                text += "; its text fields are \(fields.joined(separator: ", ")). Name the one that holds the problem with --text-field (e.g. --text-field \(fields[0]))"
            }
            return text
        case .wrongType(let expected, let found):
            return "expected \(expected), found \(found)"
        case .emptyTopics:
            return "expected at least one topic, found an empty array"
        case .emptyName(let index):
            return "element \(index) is empty after normalisation; remove it or give it a name"
        case .nameTooLong(let index, let length, let limit):
            return "element \(index) is \(length) characters long; concept names are limited to \(limit)"
        case .tooManyNames(let count, let limit):
            return "\(count) names; a record may carry at most \(limit)"
        case .unknownLevel(let value):
            return "unknown level \"\(value)\"; expected one of \(Level.canonicalList)"
        case .lineTooLong(let bytes, let limit):
            return "line is \(bytes) bytes long; the limit is \(limit) (raise it with --max-line-bytes)"
        case .duplicateID(let id, let firstLine):
            let earlier = firstLine.map { "line \($0)" } ?? "an earlier line"
            return "id \"\(id)\" is used by \(earlier); answers are joined to problems by id, so each must be unique"
        case .chatLineWithoutModel:
            return "a chat line ({\"custom_id\", \"messages\"}) has no request body and so no model: pass --model NAME, or write Batch API lines with kg sample --format openai-batch --model NAME"
        case .unreadable(let reason):
            return "cannot be read: \(reason)"
        }
    }

    public var description: String {
        var text = "\(location)"
        if let field { text += ": field '\(field)'" }
        return text + ": " + reason
    }
}

extension JSONValue {
    /// The JSON value of one input line, with its errors as `RecordError`s at `location`:
    /// invalid UTF-8 (with its column) or invalid JSON (with its column).
    package init(line bytes: UnsafeBufferPointer<UInt8>, at location: RecordLocation) throws {
        if let offset = UTF8Validation.firstInvalidOffset(bytes) {
            throw RecordError(location: location, problem: .invalidUTF8(byteOffset: offset))
        }
        do {
            self = try JSONParser.parse(bytes)
        } catch let syntax as JSONSyntaxError {
            throw RecordError(location: location, problem: .invalidJSON(syntax))
        }
    }
}
