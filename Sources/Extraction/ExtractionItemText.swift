/// Byte-level clean-up of one topic or knowledge-point name, and the rule for splitting a string into items.
///
/// Cleaning: strips bullets ("-", "*", "+", "•", "–") and numbering ("1.", "2)", "(3)", "a)"),
/// Markdown bold markers ("**"), wrapping quotes, backticks, `*`/`_` emphasis and trailing
/// `. , ; :`, and collapses runs of white space into one space.
///
/// Splitting a *string value* (never an array element): on `;` and line breaks outside
/// brackets and `$…$`; then on commas only when the piece has no digits, brackets or math
/// symbols (`( ) [ ] { } $ \ = + ^ < > / * |`) and every comma-separated part is a short name:
/// at most 2 words, or at most 6 words starting with a capital letter. A leading "and " or
/// "or " is dropped from a part ("Algebra, Geometry, and Probability" gives three items).
enum ExtractionItemText {
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C
    }

    @inline(__always)
    static func isLetter(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// The length of a bullet or numbering marker (with its following space) at `i`, or nil.
    static func markerLength(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        guard i < end else { return nil }
        func spaceOrEnd(_ k: Int) -> Bool { k >= end || p[k] == 0x20 || p[k] == 0x09 }
        let b = p[i]
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"):
            return spaceOrEnd(i + 1) ? min(2, end - i) : nil
        case 0xE2:
            // • (E2 80 A2), – (E2 80 93), — (E2 80 94)
            guard i + 2 < end, p[i + 1] == 0x80, p[i + 2] == 0xA2 || p[i + 2] == 0x93 || p[i + 2] == 0x94 else { return nil }
            return spaceOrEnd(i + 3) ? min(4, end - i) : nil
        case UInt8(ascii: "("):
            var k = i + 1
            while k < end, k - i <= 3, isDigit(p[k]) { k += 1 }
            guard k > i + 1, k < end, p[k] == UInt8(ascii: ")"), spaceOrEnd(k + 1) else { return nil }
            return min(k + 2, end) - i
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            var k = i
            while k < end, k - i < 3, isDigit(p[k]) { k += 1 }
            guard k < end, p[k] == UInt8(ascii: ".") || p[k] == UInt8(ascii: ")"), spaceOrEnd(k + 1) else { return nil }
            return min(k + 2, end) - i
        default:
            if isLetter(b), i + 1 < end, p[i + 1] == UInt8(ascii: ")"), spaceOrEnd(i + 2) { return min(3, end - i) }
            return nil
        }
    }

    /// Whether the bytes are already a clean item, so the common case allocates nothing.
    static func isClean(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = p.count
        guard n > 0 else { return false }
        let first = p[0]
        guard isLetter(first) || first == UInt8(ascii: "$") || first == UInt8(ascii: "\\") else { return false }
        let last = p[n - 1]
        guard last < 0x80 else { return false }
        switch last {
        case 0x20, UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
            UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"):
            return false
        default: break
        }
        if n >= 2, isLetter(first), p[1] == UInt8(ascii: ")") { return false }
        var previous: UInt8 = 0
        for b in p {
            if b < 0x20 { return false }
            if b == 0x20, previous == 0x20 { return false }
            if b == UInt8(ascii: "*"), previous == UInt8(ascii: "*") { return false }
            if b == 0xA0, previous == 0xC2 { return false }
            previous = b
        }
        return true
    }

    /// The cleaned form of one item (may be empty).
    static func clean(_ item: String) -> String {
        var copy = item
        return copy.withUTF8 { p in
            if isClean(p) { return item }
            return clean(p)
        }
    }

    private static func clean(_ p: UnsafeBufferPointer<UInt8>) -> String {
        var lo = 0
        var hi = p.count
        func trim() {
            while lo < hi, isSpace(p[lo]) { lo += 1 }
            while hi > lo, isSpace(p[hi - 1]) { hi -= 1 }
        }
        trim()
        for _ in 0..<3 {
            guard let m = markerLength(p, lo, hi) else { break }
            lo += m
            trim()
        }
        var out: [UInt8] = []
        out.reserveCapacity(hi - lo)
        var lastWasSpace = false
        var i = lo
        while i < hi {
            let b = p[i]
            if b == UInt8(ascii: "*"), i + 1 < hi, p[i + 1] == UInt8(ascii: "*") { i += 2; continue }
            let nbsp = b == 0xC2 && i + 1 < hi && p[i + 1] == 0xA0
            if isSpace(b) || nbsp {
                if !out.isEmpty, !lastWasSpace { out.append(0x20); lastWasSpace = true }
                i += nbsp ? 2 : 1
                continue
            }
            out.append(b)
            lastWasSpace = false
            i += 1
        }
        return out.withUnsafeBufferPointer { o in
            var a = 0
            var z = o.count
            var changed = true
            while changed && a < z {
                changed = false
                while a < z, o[a] == 0x20 { a += 1 }
                while z > a, o[z - 1] == 0x20 { z -= 1 }
                if let m = markerLength(o, a, z) { a += m; changed = true; continue }
                if z - a >= 2 {
                    let f = o[a], l = o[z - 1]
                    if f == l,
                        f == UInt8(ascii: "\"") || f == UInt8(ascii: "'") || f == UInt8(ascii: "`")
                            || f == UInt8(ascii: "*") || f == UInt8(ascii: "_")
                    {
                        a += 1; z -= 1; changed = true; continue
                    }
                }
                if z - a >= 6, o[a] == 0xE2, o[a + 1] == 0x80, o[z - 3] == 0xE2, o[z - 2] == 0x80,
                    (o[a + 2] == 0x9C && o[z - 1] == 0x9D) || (o[a + 2] == 0x98 && o[z - 1] == 0x99)
                {
                    a += 3; z -= 3; changed = true; continue
                }
                while z > a {
                    let l = o[z - 1]
                    guard l == UInt8(ascii: ".") || l == UInt8(ascii: ",") || l == UInt8(ascii: ";") || l == UInt8(ascii: ":") else { break }
                    z -= 1
                    changed = true
                }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: o[a..<z]), as: UTF8.self)
        }
    }

    /// Undoes JSON escapes that were meant as LaTeX (`"\frac"` read as form feed + "rac"), or nil when there are none.
    ///
    /// Backspace and form feed followed by a letter always become `\b`, `\f`; tab, newline and
    /// carriage return followed by a lower-case letter become `\t`, `\n`, `\r` only when the
    /// text also holds `$` or a backslash (so a plain "Algebra\nnumber theory" list still splits).
    static func restoringLaTeX(_ s: String) -> String? {
        var copy = s
        return copy.withUTF8 { p -> String? in
            var candidate = false
            var latexContext = false
            for (k, b) in p.enumerated() {
                if b == UInt8(ascii: "$") || b == UInt8(ascii: "\\") { latexContext = true }
                if b == 0x08 || b == 0x0C || b == 0x09 || b == 0x0A || b == 0x0D, k + 1 < p.count, isLetter(p[k + 1]) {
                    candidate = true
                }
            }
            guard candidate else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(p.count + 8)
            var changed = false
            for (k, b) in p.enumerated() {
                let next: UInt8 = k + 1 < p.count ? p[k + 1] : 0
                var letter: UInt8 = 0
                switch b {
                case 0x08 where isLetter(next): letter = UInt8(ascii: "b")
                case 0x0C where isLetter(next): letter = UInt8(ascii: "f")
                case 0x09 where latexContext && next >= 0x61 && next <= 0x7A: letter = UInt8(ascii: "t")
                case 0x0A where latexContext && next >= 0x61 && next <= 0x7A: letter = UInt8(ascii: "n")
                case 0x0D where latexContext && next >= 0x61 && next <= 0x7A: letter = UInt8(ascii: "r")
                default: break
                }
                if letter != 0 {
                    out.append(UInt8(ascii: "\\"))
                    out.append(letter)
                    changed = true
                } else {
                    out.append(b)
                }
            }
            return changed ? String(decoding: out, as: UTF8.self) : nil
        }
    }

    /// Splits a string value into raw items by the documented rule (items still need cleaning).
    static func split(_ s: String) -> [String] {
        var copy = s
        return copy.withUTF8 { p -> [String] in
            var pieces: [String] = []
            var depth = 0
            var inMath = false
            var start = 0
            var hasSeparator = false
            for (k, b) in p.enumerated() {
                switch b {
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
                case UInt8(ascii: "$"): inMath.toggle()
                case UInt8(ascii: ";"), 0x0A, 0x0D:
                    if depth == 0 && !inMath {
                        appendPiece(p, start, k, to: &pieces)
                        start = k + 1
                        hasSeparator = true
                    }
                default: break
                }
            }
            if !hasSeparator {
                appendPiece(p, 0, p.count, to: &pieces)
                return pieces
            }
            appendPiece(p, start, p.count, to: &pieces)
            return pieces
        }
    }

    private static func appendPiece(_ p: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, to pieces: inout [String]) {
        guard lo < hi else { return }
        if let parts = commaParts(p, lo, hi) {
            pieces.append(contentsOf: parts)
        } else {
            pieces.append(String(decoding: UnsafeBufferPointer(rebasing: p[lo..<hi]), as: UTF8.self))
        }
    }

    /// The comma-separated parts of `p[lo..<hi]` when the comma rule allows splitting it, else nil.
    private static func commaParts(_ p: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> [String]? {
        var hasComma = false
        for k in lo..<hi {
            let b = p[k]
            if b == UInt8(ascii: ",") { hasComma = true; continue }
            if isDigit(b) { return nil }
            switch b {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                UInt8(ascii: "}"), UInt8(ascii: "$"), UInt8(ascii: "\\"), UInt8(ascii: "="), UInt8(ascii: "+"),
                UInt8(ascii: "^"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "*"),
                UInt8(ascii: "|"):
                return nil
            default: continue
            }
        }
        guard hasComma else { return nil }
        var ranges: [(Int, Int)] = []
        var start = lo
        for k in lo...hi where k == hi || p[k] == UInt8(ascii: ",") {
            var a = start, z = k
            while a < z, isSpace(p[a]) { a += 1 }
            while z > a, isSpace(p[z - 1]) { z -= 1 }
            for word in ["and ", "or "] where z - a > word.utf8.count {
                var same = true
                for (o, w) in word.utf8.enumerated() where p[a + o] | 0x20 != w { same = false; break }
                if same { a += word.utf8.count; break }
            }
            if a < z { ranges.append((a, z)) }
            start = k + 1
        }
        guard ranges.count >= 2 else { return nil }
        var allShort = true
        var allCapitalised = true
        for (a, z) in ranges {
            var words = 1
            for k in a..<z where p[k] == 0x20 { words += 1 }
            if words > 2 { allShort = false }
            if words > 6 || !(p[a] >= 0x41 && p[a] <= 0x5A) { allCapitalised = false }
        }
        guard allShort || allCapitalised else { return nil }
        return ranges.map { String(decoding: UnsafeBufferPointer(rebasing: p[$0.0..<$0.1]), as: UTF8.self) }
    }

    /// Whether two cleaned items are the same ignoring case (ASCII fast path, Unicode fallback).
    static func equalIgnoringCase(_ a: String, _ b: String) -> Bool {
        let au = a.utf8, bu = b.utf8
        var ai = au.startIndex, bi = bu.startIndex
        while ai != au.endIndex, bi != bu.endIndex {
            let x = au[ai], y = bu[bi]
            if x >= 0x80 || y >= 0x80 { return a.lowercased() == b.lowercased() }
            let lx = (x >= 0x41 && x <= 0x5A) ? x | 0x20 : x
            let ly = (y >= 0x41 && y <= 0x5A) ? y | 0x20 : y
            if lx != ly { return false }
            ai = au.index(after: ai)
            bi = bu.index(after: bi)
        }
        return ai == au.endIndex && bi == bu.endIndex
    }

    /// Whether the item has more than `limit` characters.
    static func isLonger(_ s: String, than limit: Int) -> Bool {
        s.utf8.count > limit && s.count > limit
    }
}
