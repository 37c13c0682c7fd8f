import KnowledgeBase

/// Splits text into normalised word tokens, byte by byte, for keyword matching.
///
/// The rules, applied the same way to keywords and to the texts they are matched in:
/// - ASCII letters are lower-cased; a token is a run of letters or a run of digits ("3x" is
///   "3", "x"), so "20th" and "x^2" split where a reader would;
/// - bytes of other UTF-8 characters belong to words, except punctuation from the General
///   Punctuation block (dashes, curly quotes), the no-break space, × and ÷, which separate;
/// - `&` is the word "and" and `%` the word "percent"; arithmetic notation becomes words, so
///   that "45 + 27" and "3/4 × 2" carry their operations: `+` "plus", `×` and `*` "times",
///   `÷` "divided", a `-` with a space or digit on both sides "minus", a `/` between digits
///   "over", a `.` between digits "point", `^` "power"; everything else separates words
///   (LaTeX's `\frac` gives "frac", `\sin` gives "sin", `\times` gives "times");
/// - a possessive `'s` or `’s` after a word is dropped ("Euler's" → "euler");
/// - simple plurals are folded as `ConceptKey` folds them: in words of 4+ ASCII letters,
///   -ies → -y, -sses → -ss, -ches/-shes/-xes/-zes lose -es, a final -s goes unless the word
///   ends in -ss, -us or -is or only looks plural ("mathematics", "series").
public enum TextTokenizer {
    /// Longest token kept, in bytes; longer runs are passed on truncated (they match nothing).
    public static let maximumTokenBytes = 48

    /// Calls `body` with each token's normalised bytes (valid only during the call).
    @inline(__always)
    package static func forEachToken(in text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumTokenBytes) { token in
            let base = token.baseAddress!
            var length = 0
            var kind: UInt8 = 0  // 0 none, 1 letters, 2 digits
            var lettersOnly = true
            func flush() {
                guard length > 0 else { return }
                let count = lettersOnly && kind == 1 ? singularLength(base, length) : length
                body(UnsafeBufferPointer(start: base, count: min(count, maximumTokenBytes)))
                length = 0
                kind = 0
                lettersOnly = true
            }
            func emit(_ word: StaticString) {
                flush()
                let n = word.utf8CodeUnitCount
                for k in 0..<n { base[k] = word.utf8Start[k] }
                body(UnsafeBufferPointer(start: base, count: n))
            }
            let n = text.count
            var i = 0
            while i < n {
                let b = text[i]
                switch b {
                case 0x61...0x7A, 0x41...0x5A:
                    if kind == 2 { flush() }
                    kind = 1
                    if length < maximumTokenBytes { base[length] = b | 0x20 }
                    length += 1
                    i += 1
                case 0x30...0x39:
                    if kind == 1 { flush() }
                    kind = 2
                    if length < maximumTokenBytes { base[length] = b }
                    length += 1
                    i += 1
                case 0x27:  // ' : a possessive 's after letters is dropped, otherwise a separator
                    if kind == 1, i + 1 < n, text[i + 1] | 0x20 == 0x73, i + 2 >= n || !isWordByte(text[i + 2]) {
                        i += 2
                    } else {
                        i += 1
                    }
                    flush()
                case 0x26: emit("and"); i += 1
                case 0x25: emit("percent"); i += 1
                case 0x2B: emit("plus"); i += 1
                case 0x2A: emit("times"); i += 1
                case 0x5E: emit("power"); i += 1
                case 0x2D:  // - : minus between spaces or digits ("5 - 3", "5-3", " -4"), else a separator
                    let before = i > 0 ? text[i - 1] : 0x20
                    let after = i + 1 < n ? text[i + 1] : 0x20
                    func spaceOrDigit(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x30 && c <= 0x39) }
                    if spaceOrDigit(before) && spaceOrDigit(after) { emit("minus") } else { flush() }
                    i += 1
                case 0x2F, 0x2E:  // / and . between digits: a fraction bar, a decimal point
                    let before = i > 0 ? text[i - 1] : 0
                    let after = i + 1 < n ? text[i + 1] : 0
                    if before >= 0x30 && before <= 0x39 && after >= 0x30 && after <= 0x39 {
                        emit(b == 0x2F ? "over" : "point")
                    } else {
                        flush()
                    }
                    i += 1
                case 0xC3 where i + 1 < n && (text[i + 1] == 0x97 || text[i + 1] == 0xB7):
                    emit(text[i + 1] == 0x97 ? "times" : "divided")
                    i += 2
                case 0xE2 where i + 2 < n && text[i + 1] == 0x88 && text[i + 2] == 0x92:  // − (U+2212)
                    emit("minus")
                    i += 3
                case 0x80...0xFF:
                    let width = sequenceWidth(b)
                    if isSeparatorSequence(text, at: i, width: width) {
                        // ’s after a word is a possessive, like 's.
                        if kind == 1, b == 0xE2, i + 3 < n, text[i + 1] == 0x80, text[i + 2] == 0x99,
                            text[i + 3] | 0x20 == 0x73, i + 4 >= n || !isWordByte(text[i + 4])
                        {
                            i += 4
                        } else {
                            i += width
                        }
                        flush()
                        continue
                    }
                    if kind == 2 { flush() }
                    kind = 1
                    lettersOnly = false
                    for k in 0..<width where i + k < n {
                        if length < maximumTokenBytes { base[length] = text[i + k] }
                        length += 1
                    }
                    i += width
                default:
                    flush()
                    i += 1
                }
            }
            flush()
        }
    }

    /// The tokens of `text` as strings (for tests, keywords and diagnostics).
    public static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var copy = text
        copy.withUTF8 { bytes in
            forEachToken(in: bytes) { result.append(String(decoding: $0, as: UTF8.self)) }
        }
        return result
    }

    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }

    @inline(__always)
    static func sequenceWidth(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...0xF7: return 4
        case 0xE0...0xEF: return 3
        case 0xC0...0xDF: return 2
        default: return 1
        }
    }

    /// General Punctuation (U+2000–U+206F), no-break space, × and ÷ separate words.
    @inline(__always)
    static func isSeparatorSequence(_ text: UnsafeBufferPointer<UInt8>, at i: Int, width: Int) -> Bool {
        let b = text[i]
        if width == 3, b == 0xE2, i + 1 < text.count, text[i + 1] == 0x80 || text[i + 1] == 0x81 { return true }
        if width == 2, i + 1 < text.count {
            let c = text[i + 1]
            if b == 0xC2, c == 0xA0 || c == 0xB7 || c == 0xB0 { return true }  // nbsp, middle dot, degree sign
            if b == 0xC3, c == 0x97 || c == 0xB7 { return true }  // × ÷ (turned into words by the caller)
        }
        return width == 1  // a stray continuation byte
    }

    static let falsePlurals: [[UInt8]] = ConceptKey.falsePlurals.map { Array($0.utf8) }

    /// The length of the singular of an ASCII lower-case word of `length` bytes (plural rules of
    /// the type's documentation); may rewrite the tail in place (-ies → -y).
    @inline(__always)
    static func singularLength(_ word: UnsafeMutablePointer<UInt8>, _ length: Int) -> Int {
        guard length >= 4, length <= maximumTokenBytes, word[length - 1] == 0x73 else { return length }  // ends in s
        for plural in falsePlurals where plural.count == length {
            var same = true
            for k in 0..<length where plural[k] != word[k] { same = false; break }
            if same { return length }
        }
        func ends(_ suffix: StaticString) -> Bool {
            let n = suffix.utf8CodeUnitCount
            guard length >= n else { return false }
            for k in 0..<n where word[length - n + k] != suffix.utf8Start[k] { return false }
            return true
        }
        if ends("ies"), length > 4 { word[length - 3] = 0x79; return length - 2 }
        if ends("sses") { return length - 2 }
        if ends("ches") || ends("shes") || ends("xes") || ends("zes") { return length - 2 }
        if ends("ss") || ends("us") || ends("is") { return length }
        return length - 1
    }
}
