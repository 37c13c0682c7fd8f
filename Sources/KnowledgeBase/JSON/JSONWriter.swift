/// Builds compact JSON text into a byte buffer, in the order values are written.
///
/// Output is deterministic: keys appear as written, strings are escaped the same way on
/// every machine, and doubles are formatted by `JSONWriter.format(_:)`.
public struct JSONWriter {
    /// The UTF-8 bytes written so far.
    public var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    public init() {}

    /// The text written so far.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Ends a top-level value with a newline (one JSON Lines record) and starts afresh.
    public mutating func endLine() {
        bytes.append(0x0A)
        needsComma = [false]
    }

    /// Drops the bytes written so far, keeping the buffer's capacity.
    public mutating func clear() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = [false]
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    public mutating func endObject() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    public mutating func endArray() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes a member name; the next value written is its value.
    public mutating func key(_ key: String) {
        separate()
        appendQuoted(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    public mutating func string(_ value: String) {
        separate()
        appendQuoted(value)
    }

    public mutating func int(_ value: Int) {
        separate()
        appendDecimal(value)
    }

    public mutating func double(_ value: Double) {
        separate()
        bytes.append(contentsOf: JSONWriter.format(value).utf8)
    }

    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Writes a number given as its JSON text, unchanged.
    public mutating func rawNumber(_ text: String) {
        separate()
        bytes.append(contentsOf: text.utf8)
    }

    /// Writes a value given as JSON text that the caller has checked is one valid JSON
    /// value (a server's response body, say), unchanged.
    public mutating func rawJSON<Bytes: Collection>(_ json: Bytes) where Bytes.Element == UInt8 {
        separate()
        bytes.append(contentsOf: json)
    }

    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .number(let n): rawNumber(n)
        case .string(let s): string(s)
        case .array(let elements):
            beginArray()
            for element in elements { self.value(element) }
            endArray()
        case .object(let object):
            beginObject()
            for member in object.members {
                key(member.key)
                self.value(member.value)
            }
            endObject()
        }
    }

    /// Convenience: `"key": [strings]`.
    public mutating func stringArray(_ key: String, _ values: [String]) {
        self.key(key)
        beginArray()
        for v in values { string(v) }
        endArray()
    }

    /// Formats a double with at most 6 significant decimals, without exponent for ordinary
    /// magnitudes, identically on every platform (no locale, no `description` drift).
    public static func format(_ value: Double, decimals: Int = 6) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let scale = pow10(decimals)
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e18 else { return String(Int64(value.rounded())) }
        var integer = UInt64(scaled)
        var digits: [UInt8] = []
        for _ in 0..<decimals {
            digits.append(UInt8(integer % 10) + 0x30)
            integer /= 10
        }
        var fraction = String(decoding: digits.reversed(), as: UTF8.self)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = value < 0 && (integer > 0 || !fraction.isEmpty) ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(integer)" : "\(sign)\(integer).\(fraction)"
    }

    private static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= 10 }
        return r
    }

    private mutating func appendDecimal(_ value: Int) {
        if value == 0 { bytes.append(0x30); return }
        var v = value.magnitude
        var digits: [UInt8] = []
        while v > 0 { digits.append(UInt8(v % 10) + 0x30); v /= 10 }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        bytes.append(contentsOf: digits.reversed())
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        JSONWriter.appendEscaped(text, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `text` JSON-escaped, without quotes.
    public static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            // Copy runs that need no escape whole; most strings are one run.
            var runStart = 0
            for (i, b) in utf8.enumerated() where b == 0x22 || b == 0x5C || b < 0x20 || b == 0x7F {
                if i > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                runStart = i + 1
                switch b {
                case UInt8(ascii: "\""): bytes.append(0x5C); bytes.append(b)
                case UInt8(ascii: "\\"): bytes.append(0x5C); bytes.append(b)
                case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: "\\u00".utf8)
                    bytes.append(JSONWriter.hex[Int(b >> 4)])
                    bytes.append(JSONWriter.hex[Int(b & 0xF)])
                }
            }
            if utf8.count > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
    }
}
