/// A raw problem line of a dataset that carries no labels (GSM8K, MATH, generated data):
/// its JSON object, its text and its own id, found by the rules `kg tag` and `kg extract`
/// share.
///
/// The text is the first of `textFields` present (default "problem", "question", "text",
/// "statement", "prompt"); it must be a string. The id is `id` as a string or number, nil
/// when missing or empty.
public struct SeedProblem: Sendable {
    /// The fields `kg tag` and `kg extract` look for the text in, in order.
    public static let defaultTextFields = ["problem", "question", "text", "statement", "prompt"]

    /// The whole line as parsed.
    public var object: JSONObject
    /// Which field held the text.
    public var textField: String
    public var text: String
    public var id: String?

    /// Decodes one line; a bad line is a `RecordError` with its location and field.
    public init(
        line bytes: UnsafeBufferPointer<UInt8>, at location: RecordLocation,
        textFields: [String] = SeedProblem.defaultTextFields
    ) throws {
        let value = try JSONValue(line: bytes, at: location)
        guard case .object(let object) = value else {
            throw RecordError(location: location, problem: .notAnObject(found: value.typeDescription))
        }
        var found: (field: String, text: String)?
        for field in textFields {
            guard let member = object[field] else { continue }
            guard case .string(let s) = member else {
                throw RecordError(location: location, field: field, problem: .wrongType(expected: "a string", found: member.typeDescription))
            }
            found = (field, s)
            break
        }
        guard let found else {
            throw RecordError(location: location, field: textFields.joined(separator: "|"), problem: .missingField)
        }
        self.object = object
        textField = found.field
        text = found.text
        switch object["id"] {
        case .string(let s)?: id = s.isEmpty ? nil : s
        case .number(let n)?: id = n
        default: id = nil
        }
    }
}
