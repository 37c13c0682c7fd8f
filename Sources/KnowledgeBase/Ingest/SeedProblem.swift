/// A raw problem line of a dataset that carries no labels (GSM8K, MATH, generated data):
/// its JSON object, its text and its own id, found by the rules `kg tag` and `kg extract`
/// share.
///
/// The text is the first of `textFields` present (default "problem", "question", "text",
/// "statement", "prompt"), matched exactly and then ignoring case ("Question"); it must be
/// a string. A line with none of them is a `.noProblemText` error naming the line's text
/// fields. The id is `id` as a string or number, nil
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
        search: for caseSensitive in [true, false] {
            for field in textFields {
                guard let key = caseSensitive ? (object[field] != nil ? field : nil) : object.members.first(where: {
                    $0.key.lowercased() == field.lowercased()
                })?.key, let member = object[key] else { continue }
                guard case .string(let s) = member else {
                    throw RecordError(location: location, field: key, problem: .wrongType(expected: "a string", found: member.typeDescription))
                }
                found = (key, s)
                break search
            }
        }
        guard let found else {
            // Name the line's text fields, the longest first, so the error can suggest one.
            let strings = object.members.compactMap { member -> (String, Int)? in
                guard member.key != "id", case .string(let s) = member.value else { return nil }
                return (member.key, s.utf8.count)
            }
            let ranked = strings.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.map(\.0)
            throw RecordError(location: location, problem: .noProblemText(tried: textFields, stringFields: ranked))
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
