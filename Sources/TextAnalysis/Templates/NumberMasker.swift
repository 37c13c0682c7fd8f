/// Takes the numbers out of a problem's text: each becomes a typed placeholder, giving the
/// template text, its key and the values (docs/templates.md has the rules).
///
/// ```swift
/// let template = NumberMasker().mask("Janet's ducks lay 16 eggs per day. She eats three.")
/// template.text   // "Janet's ducks lay {int1} eggs per day. She eats {word2}."
/// template.values // [int "16", word "three" = 3]
/// ```
/// One pass over the UTF-8 bytes; `key(of:)` computes the key without building strings.
public struct NumberMasker: Sendable {
    /// A masker; it holds no state.
    public init() {}

    /// Where one number is in the text and how to read its value.
    struct Span {
        var kind: NumberKind
        /// The bytes the placeholder replaces.
        var start: Int
        var end: Int
        /// The digits of the value (commas are dropped when it is read), or for `\frac` the
        /// numerator, with the denominator in `denominator`.
        var valueStart: Int
        var valueEnd: Int
        var denominator: Range<Int>?
        /// The value of a number word.
        var wordValue: String?
    }

    /// The template, key and values of `text`.
    public func mask(_ text: String) -> NumberTemplate {
        var copy = text
        return copy.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 16)
            var values: [MaskedNumber] = []
            var key = KeyHasher()
            var position = 0
            NumberMasker.scan(bytes) { span in
                key.literal(bytes, position, span.start)
                key.placeholder()
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<span.start]))
                values.append(NumberMasker.number(span, in: bytes))
                output.append(0x7B)  // {
                output.append(contentsOf: span.kind.rawValue.utf8)
                output.append(contentsOf: String(values.count).utf8)
                output.append(0x7D)  // }
                position = span.end
            }
            key.literal(bytes, position, bytes.count)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<bytes.count]))
            return NumberTemplate(text: String(decoding: output, as: UTF8.self), key: key.value, values: values)
        }
    }

    /// The template key of `text` alone (as `mask(text).key`), without building the template.
    public func key(of text: String) -> UInt64 {
        var copy = text
        return copy.withUTF8 { key(ofBytes: $0) }
    }

    /// The template key of UTF-8 bytes.
    public func key(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var key = KeyHasher()
        NumberMasker.fold(bytes, into: &key)
        return key.value
    }

    /// Feeds `bytes` to `key`: the text between numbers as it is, each number as one mark.
    private static func fold(_ bytes: UnsafeBufferPointer<UInt8>, into key: inout KeyHasher) {
        var position = 0
        scan(bytes) { span in
            key.literal(bytes, position, span.start)
            key.placeholder()
            position = span.end
        }
        key.literal(bytes, position, bytes.count)
    }

    /// The normalised template the key hashes (for tests and docs).
    public func normalisedTemplate(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            var key = KeyHasher(recording: true)
            NumberMasker.fold(bytes, into: &key)
            return String(decoding: key.recorded, as: UTF8.self)
        }
    }

    static func number(_ span: Span, in bytes: UnsafeBufferPointer<UInt8>) -> MaskedNumber {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[span.start..<span.end]), as: UTF8.self)
        if let word = span.wordValue { return MaskedNumber(kind: span.kind, text: text, value: word) }
        var digits: [UInt8] = []
        for k in span.valueStart..<span.valueEnd where bytes[k] != 0x2C { digits.append(bytes[k]) }
        if let denominator = span.denominator {
            digits.append(0x2F)
            digits.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[denominator]))
        }
        return MaskedNumber(kind: span.kind, text: text, value: String(decoding: digits, as: UTF8.self))
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }

    /// Calls `body` with every number of `b` in order; spans never overlap.
    static func scan(_ b: UnsafeBufferPointer<UInt8>, _ body: (Span) -> Void) {
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            if isDigit(c) {
                i = scanNumber(b, from: i, body)
            } else if isLetter(c) {
                var j = i + 1
                while j < n, isLetter(b[j]) { j += 1 }
                // A LaTeX command (\third) or a word glued to digits ("3rd" is read as a number) is not a number word.
                let command = i > 0 && b[i - 1] == 0x5C
                if !command, var entry = NumberWords.lookup(b, i, j) {
                    var end = j
                    if entry.tens != nil, j + 1 < n, b[j] == 0x2D, isLetter(b[j + 1]) {
                        var k = j + 1
                        while k < n, isLetter(b[k]) { k += 1 }
                        if let unit = NumberWords.lookup(b, j + 1, k)?.unit {
                            entry.value = String(entry.tens! + unit)
                            end = k
                        }
                    }
                    body(Span(kind: entry.kind, start: i, end: end, valueStart: i, valueEnd: i, denominator: nil, wordValue: entry.value))
                    j = end
                }
                i = j
            } else if c == 0x5C, let (span, end) = latexFraction(b, at: i) {
                body(span)
                i = end
            } else {
                i += 1
            }
        }
    }

    private static let fractionCommands: [[UInt8]] = ["\\frac{", "\\dfrac{", "\\tfrac{"].map { Array($0.utf8) }

    /// `\frac{12}{5}` (or `\dfrac`, `\tfrac`) with two integer arguments at `i`.
    static func latexFraction(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Span, Int)? {
        let n = b.count
        for command in fractionCommands where i + command.count < n {
            var same = true
            for k in 0..<command.count where b[i + k] != command[k] { same = false; break }
            guard same else { continue }
            var j = i + command.count
            let numeratorStart = j
            while j < n, isDigit(b[j]) { j += 1 }
            guard j > numeratorStart, j + 1 < n, b[j] == 0x7D, b[j + 1] == 0x7B else { return nil }
            let numeratorEnd = j
            j += 2
            let denominatorStart = j
            while j < n, isDigit(b[j]) { j += 1 }
            guard j > denominatorStart, j < n, b[j] == 0x7D else { return nil }
            let span = Span(
                kind: .fraction, start: i, end: j + 1, valueStart: numeratorStart, valueEnd: numeratorEnd,
                denominator: denominatorStart..<j, wordValue: nil)
            return (span, j + 1)
        }
        return nil
    }

    /// Reads the number whose first digit is at `i`; returns where scanning goes on.
    static func scanNumber(_ b: UnsafeBufferPointer<UInt8>, from i: Int, _ body: (Span) -> Void) -> Int {
        let n = b.count
        var j = i
        while j < n, isDigit(b[j]) { j += 1 }
        var kind = NumberKind.integer
        // Thousands separators: 1,200 and 12,345,678, never 1,2 or 1,2345.
        if j - i <= 3 {
            while j + 3 < n, b[j] == 0x2C, isDigit3(b, j + 1), j + 4 >= n || !isDigit(b[j + 4]) {
                j += 4
            }
        }
        if j + 1 < n, b[j] == 0x2E, isDigit(b[j + 1]) {
            j += 1
            while j < n, isDigit(b[j]) { j += 1 }
            kind = .decimal
        } else if j + 1 < n, b[j] == 0x2F, isDigit(b[j + 1]), !(b[i..<j].contains(0x2C)) {
            j += 1
            while j < n, isDigit(b[j]) { j += 1 }
            kind = .fraction
        }
        let valueEnd = j
        var start = i
        if kind != .fraction, let moneyStart = moneyPrefix(b, digitsAt: i, valueEnd: valueEnd) {
            start = moneyStart
            kind = .money
        }
        if kind == .integer || kind == .decimal {
            if j < n, b[j] == 0x25 {
                j += 1
                kind = .percent
            } else if j + 1 < n, b[j] == 0x5C, b[j + 1] == 0x25 {
                j += 2
                kind = .percent
            } else if let end = percentWord(b, at: j) {
                j = end
                kind = .percent
            } else if kind == .integer, j + 1 < n, isOrdinalSuffix(b[j] | 0x20, b[j + 1] | 0x20), j + 2 >= n || !isLetter(b[j + 2]) {
                j += 2
                kind = .ordinal
            }
        }
        body(Span(kind: kind, start: start, end: j, valueStart: i, valueEnd: valueEnd, denominator: nil, wordValue: nil))
        return j
    }

    @inline(__always)
    static func isDigit3(_ b: UnsafeBufferPointer<UInt8>, _ k: Int) -> Bool {
        k + 2 < b.count && isDigit(b[k]) && isDigit(b[k + 1]) && isDigit(b[k + 2])
    }

    @inline(__always)
    static func isOrdinalSuffix(_ x: UInt8, _ y: UInt8) -> Bool {
        (x == 0x73 && y == 0x74) || (x == 0x6E && y == 0x64) || (x == 0x72 && y == 0x64) || (x == 0x74 && y == 0x68)
    }

    private static let percentWords: [[UInt8]] = [" percent", " per cent"].map { Array($0.utf8) }

    /// The end of " percent" (or " per cent") at `j`, when it is there as a word.
    static func percentWord(_ b: UnsafeBufferPointer<UInt8>, at j: Int) -> Int? {
        let n = b.count
        guard j < n, b[j] == 0x20 else { return nil }
        for word in percentWords where j + word.count <= n {
            var same = true
            for k in 0..<word.count where b[j + k] | 0x20 != word[k] | 0x20 { same = false; break }
            let end = j + word.count
            if same, end >= n || !isLetter(b[end]) { return end }
        }
        return nil
    }

    /// Where a currency sign before the digits at `i` starts, or nil: `\$`, `$\$$` (MATH's
    /// way), or a bare `$` that does not open LaTeX (the number is not followed by an operator,
    /// a closing `$` or a letter glued to it).
    static func moneyPrefix(_ b: UnsafeBufferPointer<UInt8>, digitsAt i: Int, valueEnd: Int) -> Int? {
        guard i >= 1, b[i - 1] == 0x24 else { return nil }
        if i >= 2, b[i - 2] == 0x5C { return i - 2 }
        if i >= 3, b[i - 2] == 0x24, b[i - 3] == 0x5C {
            return i >= 4 && b[i - 4] == 0x24 ? i - 4 : i - 3
        }
        let n = b.count
        if valueEnd < n, isLetter(b[valueEnd]) {
            // "$5k", "$2x": money only for a magnitude suffix standing alone.
            let c = b[valueEnd] | 0x20
            let alone = valueEnd + 1 >= n || !isLetter(b[valueEnd + 1])
            return (c == 0x6B || c == 0x6D || c == 0x62) && alone ? i - 1 : nil
        }
        var k = valueEnd
        while k < n, b[k] == 0x20 { k += 1 }
        guard k < n else { return i - 1 }
        switch b[k] {
        case 0x24, 0x5E, 0x5F, 0x7B, 0x7D, 0x5C, 0x2B, 0x2D, 0x2A, 0x2F, 0x3D, 0x3C, 0x3E, 0x28:
            return nil  // $ ^ _ { } \ + - * / = < > (
        default:
            return i - 1
        }
    }
}

/// FNV-1a over the normalised template, fed piece by piece.
struct KeyHasher {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    private var pendingSpace = false
    private var started = false
    private let recording: Bool
    private(set) var recorded: [UInt8] = []

    init(recording: Bool = false) { self.recording = recording }

    @inline(__always)
    private mutating func feed(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01B3
        if recording { recorded.append(byte) }
    }

    @inline(__always)
    private mutating func flushSpace() {
        if pendingSpace { feed(0x20); pendingSpace = false }
        started = true
    }

    /// Text between numbers: ASCII letters lower-cased, white space runs one space.
    @inline(__always)
    mutating func literal(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        var k = start
        while k < end {
            let c = b[k]
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D {
                if started { pendingSpace = true }
            } else {
                flushSpace()
                feed(c &- 0x41 < 26 ? c | 0x20 : c)
            }
            k += 1
        }
    }

    /// A number of any kind.
    @inline(__always)
    mutating func placeholder() {
        flushSpace()
        feed(0x7B); feed(0x23); feed(0x7D)  // {#}
    }
}
