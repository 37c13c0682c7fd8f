/// Byte-level searches over an answer's text: trimming, code fences, balanced `{…}` objects, refusals.
enum AnswerTextScanner {
    /// The range left after dropping white space (including no-break spaces and a BOM) at both ends.
    static func trim(_ p: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> (Int, Int) {
        var lo = lo, hi = hi
        while lo < hi {
            if ExtractionItemText.isSpace(p[lo]) { lo += 1; continue }
            if p[lo] == 0xC2, lo + 1 < hi, p[lo + 1] == 0xA0 { lo += 2; continue }
            if p[lo] == 0xEF, lo + 2 < hi, p[lo + 1] == 0xBB, p[lo + 2] == 0xBF { lo += 3; continue }
            break
        }
        while hi > lo {
            if ExtractionItemText.isSpace(p[hi - 1]) { hi -= 1; continue }
            if p[hi - 1] == 0xA0, hi - 2 >= lo, p[hi - 2] == 0xC2 { hi -= 2; continue }
            break
        }
        return (lo, hi)
    }

    /// Whether `p[at...]` starts with `needle`.
    static func hasPrefix(_ p: UnsafeBufferPointer<UInt8>, _ at: Int, _ hi: Int, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard at + n <= hi else { return false }
        for k in 0..<n where p[at + k] != needle.utf8Start[k] { return false }
        return true
    }

    /// The first index of `needle` in `p[lo..<hi]`.
    static func find(_ p: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, _ needle: StaticString) -> Int? {
        let n = needle.utf8CodeUnitCount
        guard n > 0, hi - lo >= n else { return nil }
        let first = needle.utf8Start[0]
        var i = lo
        while i <= hi - n {
            if p[i] == first, hasPrefix(p, i, hi, needle) { return i }
            i += 1
        }
        return nil
    }

    /// The content ranges of Markdown code fences (an unclosed fence runs to the end).
    ///
    /// The info string ("json", "JSON", "python") is skipped, so "```json {…}```" on one line works.
    static func fences(_ p: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        var i = lo
        while let open = find(p, i, hi, "```") {
            var c = open + 3
            while c < hi,
                ExtractionItemText.isLetter(p[c]) || ExtractionItemText.isDigit(p[c])
                    || p[c] == UInt8(ascii: "_") || p[c] == UInt8(ascii: "+") || p[c] == UInt8(ascii: "-")
            { c += 1 }
            while c < hi, p[c] == 0x20 || p[c] == 0x09 || p[c] == 0x0D { c += 1 }
            if c < hi, p[c] == 0x0A { c += 1 }
            if let close = find(p, c, hi, "```") {
                result.append((c, close))
                i = close + 3
            } else {
                result.append((c, hi))
                break
            }
        }
        return result
    }

    /// Whether a single quote at `i` opens a string: the previous non-space byte is `{ [ , :`.
    static func opensSingleQuotedString(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ lo: Int) -> Bool {
        var k = i - 1
        while k >= lo, ExtractionItemText.isSpace(p[k]) { k -= 1 }
        guard k >= lo else { return false }
        let b = p[k]
        return b == UInt8(ascii: "{") || b == UInt8(ascii: "[") || b == UInt8(ascii: ",") || b == UInt8(ascii: ":")
    }

    /// The index of the `}` closing the `{` at `open`, respecting strings and escapes, or nil when it never closes.
    static func matchingBrace(_ p: UnsafeBufferPointer<UInt8>, _ open: Int, _ hi: Int) -> Int? {
        var depth = 0
        var quote: UInt8 = 0
        var i = open
        while i < hi {
            let b = p[i]
            if quote != 0 {
                if b == UInt8(ascii: "\\") { i += 2; continue }
                if b == quote { quote = 0 }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "\""): quote = b
            case UInt8(ascii: "'"): if opensSingleQuotedString(p, i, open) { quote = b }
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        return nil
    }

    /// Whether the `{` at `open` starts something shaped like a JSON object: `{"`, `{'`, `{}`, or a bare key followed by `[`, `"` or `{`.
    static func looksLikeJSONObject(_ p: UnsafeBufferPointer<UInt8>, _ open: Int, _ hi: Int) -> Bool {
        var k = open + 1
        while k < hi, ExtractionItemText.isSpace(p[k]) { k += 1 }
        guard k < hi else { return true }  // "{" at the very end: a truncated object
        let b = p[k]
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "}") { return true }
        guard ExtractionItemText.isLetter(b) else { return false }
        // A bare key: `{topics: [`; set-builder prose such as `{x: x > 0}` also gets here and fails to parse.
        var e = k
        while e < hi, ExtractionItemText.isLetter(p[e]) || p[e] == UInt8(ascii: "_") { e += 1 }
        while e < hi, p[e] == 0x20 { e += 1 }
        guard e < hi, p[e] == UInt8(ascii: ":") else { return false }
        e += 1
        while e < hi, ExtractionItemText.isSpace(p[e]) { e += 1 }
        return e < hi && (p[e] == UInt8(ascii: "[") || p[e] == UInt8(ascii: "\"") || p[e] == UInt8(ascii: "{"))
    }

    private static let refusalOpenings: [[UInt8]] = [
        "i'm sorry", "i am sorry", "sorry,", "sorry but", "sorry, but", "i apologize", "i apologise",
        "i cannot", "i can't", "i can not", "i'm unable", "i am unable", "i'm not able", "i am not able",
        "i won't", "i will not", "as an ai", "unfortunately, i", "unfortunately i",
    ].map { Array($0.utf8) }

    /// The start of the text when it opens like a refusal ("I'm sorry, I can't…"), else nil.
    static func refusalExcerpt(_ p: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> String? {
        var opening: [UInt8] = []
        opening.reserveCapacity(24)
        var i = lo
        while i < hi, opening.count < 20 {
            let b = p[i]
            if b == 0xE2, i + 2 < hi, p[i + 1] == 0x80, p[i + 2] == 0x99 {  // ’
                opening.append(UInt8(ascii: "'"))
                i += 3
                continue
            }
            opening.append((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b)
            i += 1
        }
        for r in refusalOpenings where opening.count >= r.count && opening[0..<r.count].elementsEqual(r) {
            return excerpt(p, lo, hi, limit: 80)
        }
        return nil
    }

    /// The first `limit` characters of the text with white space collapsed, for messages.
    static func excerpt(_ p: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, limit: Int = 60) -> String {
        let text = String(decoding: UnsafeBufferPointer(rebasing: p[lo..<min(hi, lo + limit * 4)]), as: UTF8.self)
        var out = ""
        var lastSpace = false
        for ch in text {
            if out.count >= limit { out += "…"; break }
            if ch.isWhitespace {
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else {
                out.append(ch)
                lastSpace = false
            }
        }
        return out
    }
}
