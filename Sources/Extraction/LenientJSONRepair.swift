/// A one-pass repair of the JSON mistakes models make, tried only after a strict parse fails.
///
/// Repairs: trailing commas before `}` or `]`; single-quoted keys and strings (Python dict
/// repr); backslashes that are not JSON escapes (`"\sqrt{2}"`, `"\("`: LaTeX) are kept as
/// literal backslashes; raw line breaks and tabs inside strings are escaped; `//` comments
/// outside strings are removed; bare identifier keys (`{topics: […]}`) are quoted. Nothing
/// else is guessed: missing commas, `True`/`None` and unclosed brackets still fail.
enum LenientJSONRepair {
    /// Which repairs were applied.
    struct Fixes: OptionSet {
        let rawValue: UInt8
        static let trailingCommas = Fixes(rawValue: 1)
        static let singleQuotes = Fixes(rawValue: 2)
        static let strayBackslashes = Fixes(rawValue: 4)
        static let rawLineBreaks = Fixes(rawValue: 8)
        static let comments = Fixes(rawValue: 16)
        static let unquotedKeys = Fixes(rawValue: 32)

        /// One note per repair, in a fixed order.
        var notes: [String] {
            var notes: [String] = []
            if contains(.singleQuotes) { notes.append("read single-quoted strings") }
            if contains(.trailingCommas) { notes.append("removed trailing commas") }
            if contains(.strayBackslashes) { notes.append("kept backslashes that are not JSON escapes") }
            if contains(.rawLineBreaks) { notes.append("escaped line breaks inside strings") }
            if contains(.comments) { notes.append("removed comments from the JSON") }
            if contains(.unquotedKeys) { notes.append("quoted bare keys") }
            return notes
        }
    }

    @inline(__always)
    private static func isHex(_ b: UInt8) -> Bool {
        ExtractionItemText.isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }

    /// The end of an identifier at `i` that stands in a key position (after `{` or `,`, followed by `:`), or nil.
    static func unquotedKeyEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        var k = i - 1
        while k >= 0, ExtractionItemText.isSpace(p[k]) { k -= 1 }
        guard k >= 0, p[k] == UInt8(ascii: "{") || p[k] == UInt8(ascii: ",") else { return nil }
        var end = i
        while end < p.count, ExtractionItemText.isLetter(p[end]) || ExtractionItemText.isDigit(p[end]) || p[end] == UInt8(ascii: "_") {
            end += 1
        }
        var c = end
        while c < p.count, p[c] == 0x20 || p[c] == 0x09 { c += 1 }
        guard c < p.count, p[c] == UInt8(ascii: ":") else { return nil }
        return end
    }

    /// The repaired bytes and the repairs made (empty when nothing needed repairing).
    static func repair(_ p: UnsafeBufferPointer<UInt8>) -> ([UInt8], Fixes) {
        var out: [UInt8] = []
        out.reserveCapacity(p.count + 16)
        var fixes: Fixes = []
        let n = p.count
        var i = 0
        while i < n {
            let b = p[i]
            let opensString =
                b == UInt8(ascii: "\"")
                || (b == UInt8(ascii: "'") && AnswerTextScanner.opensSingleQuotedString(p, i, 0))
            if opensString {
                let quote = b
                if quote == UInt8(ascii: "'") { fixes.insert(.singleQuotes) }
                out.append(UInt8(ascii: "\""))
                i += 1
                while i < n {
                    let c = p[i]
                    if c == quote {
                        out.append(UInt8(ascii: "\""))
                        i += 1
                        break
                    }
                    if c == UInt8(ascii: "\\") {
                        let e: UInt8 = i + 1 < n ? p[i + 1] : 0
                        switch e {
                        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                            UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                            out.append(c); out.append(e); i += 2
                            continue
                        case UInt8(ascii: "'"):
                            out.append(e); i += 2
                            continue
                        case UInt8(ascii: "u") where i + 5 < n && isHex(p[i + 2]) && isHex(p[i + 3]) && isHex(p[i + 4]) && isHex(p[i + 5]):
                            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<(i + 6)]))
                            i += 6
                            continue
                        default:
                            fixes.insert(.strayBackslashes)
                            out.append(c); out.append(c); i += 1
                            continue
                        }
                    }
                    switch c {
                    case UInt8(ascii: "\"") where quote == UInt8(ascii: "'"):
                        out.append(UInt8(ascii: "\\")); out.append(c)
                    case 0x0A:
                        fixes.insert(.rawLineBreaks); out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
                    case 0x0D:
                        fixes.insert(.rawLineBreaks); out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
                    case 0x09:
                        fixes.insert(.rawLineBreaks); out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
                    default:
                        out.append(c)
                    }
                    i += 1
                }
                continue
            }
            if b == UInt8(ascii: ",") {
                var k = i + 1
                while k < n, ExtractionItemText.isSpace(p[k]) { k += 1 }
                if k < n, p[k] == UInt8(ascii: "}") || p[k] == UInt8(ascii: "]") {
                    fixes.insert(.trailingCommas)
                    i += 1
                    continue
                }
            }
            if ExtractionItemText.isLetter(b) || b == UInt8(ascii: "_"), let end = unquotedKeyEnd(p, i) {
                fixes.insert(.unquotedKeys)
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<end]))
                out.append(UInt8(ascii: "\""))
                i = end
                continue
            }
            if b == UInt8(ascii: "/"), i + 1 < n, p[i + 1] == UInt8(ascii: "/") {
                fixes.insert(.comments)
                while i < n, p[i] != 0x0A { i += 1 }
                continue
            }
            out.append(b)
            i += 1
        }
        return (out, fixes)
    }
}
