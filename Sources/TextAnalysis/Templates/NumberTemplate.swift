import KnowledgeBase

/// A problem with its numbers taken out: the template text, its key and the values.
///
/// Two problems that differ only in their numbers have the same `key`: it is the FNV-1a hash
/// (as `StableID.fnv1a`) of the normalised template — ASCII letters lower-cased, runs of
/// white space one space, no leading or trailing space — in which every number, whatever its
/// kind, is the same `{#}` mark. So "3 apples" and "2.5 apples" share a key, and "20%" and
/// "20 percent" too (both are a percent with the sign inside the placeholder).
public struct NumberTemplate: Equatable, Sendable {
    /// The text with each number replaced by `{KIND}` and its 1-based position among the
    /// values: "Janet's ducks lay {int1} eggs per day and she eats {word2}".
    public var text: String
    /// The hash of the normalised template.
    public var key: UInt64
    /// The numbers in the order they occur.
    public var values: [MaskedNumber]

    public init(text: String, key: UInt64, values: [MaskedNumber]) {
        self.text = text
        self.key = key
        self.values = values
    }

    /// The key as 16 lower-case hex digits, the form kg writes.
    public var keyHex: String { NumberTemplate.hex(key) }

    /// `key` as 16 lower-case hex digits.
    public static func hex(_ key: UInt64) -> String {
        let digits = String(key, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// A template line of `kg template`: `{"id", "line", "template", "template_key", "values"}`.
    public func writeJSON(id: String?, line: Int, to w: inout JSONWriter) {
        w.beginObject()
        w.key("id")
        if let id { w.string(id) } else { w.null() }
        w.key("line"); w.int(line)
        w.key("template"); w.string(text)
        w.key("template_key"); w.string(keyHex)
        w.key("values")
        w.beginArray()
        for value in values {
            w.beginObject()
            w.key("kind"); w.string(value.kind.rawValue)
            w.key("text"); w.string(value.text)
            w.key("value"); w.string(value.value)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}
