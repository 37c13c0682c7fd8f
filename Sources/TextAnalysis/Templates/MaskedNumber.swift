/// One number taken out of a problem's text: its kind, how it was written, and its value.
public struct MaskedNumber: Equatable, Sendable {
    public var kind: NumberKind
    /// The text as it stood in the problem ("1,200", "\\frac{3}{4}", "twice").
    public var text: String
    /// The value in plain digits: "1200", "2.5", "3/4", "20" for 20%, "12.50" for $12.50,
    /// "2" for "twice", "1/2" for "half".
    public var value: String

    public init(kind: NumberKind, text: String, value: String) {
        self.kind = kind
        self.text = text
        self.value = value
    }
}
