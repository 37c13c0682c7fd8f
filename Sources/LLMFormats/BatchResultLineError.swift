/// Why one line of a batch output file could not be decoded; each case names the field at fault.
public enum BatchResultLineError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The line is not JSON (the syntax error's description).
    case invalidJSON(String)
    /// The line is JSON but not an object (`found` is its type, e.g. "an array").
    case notAnObject(found: String)
    /// A required field is missing or null (the dotted path, e.g. "custom_id").
    case missingField(String)
    /// A field has the wrong type (dotted path, what was expected, what was found).
    case wrongType(field: String, expected: String, found: String)

    /// The dotted path of the field at fault, when there is one.
    public var field: String? {
        switch self {
        case .invalidJSON, .notAnObject: return nil
        case .missingField(let field), .wrongType(let field, _, _): return field
        }
    }

    /// Says what is wrong with the line and what to check.
    public var description: String {
        switch self {
        case .invalidJSON(let message):
            return "batch output line is not JSON (\(message)); check that the file is the batch output, one JSON object per line"
        case .notAnObject(let found):
            return "batch output line is \(found), not an object; check that the file is the batch output"
        case .missingField(let field):
            return "batch output line has no \"\(field)\"; every request line needs one (OpenAI and vLLM copy it from the input)"
        case .wrongType(let field, let expected, let found):
            return "batch output line: \"\(field)\" should be \(expected) but is \(found)"
        }
    }
}
