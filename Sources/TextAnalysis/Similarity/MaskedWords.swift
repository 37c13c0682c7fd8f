/// A problem's words with its numbers masked, as 64-bit hashes: what n-gram overlap and
/// MinHash compare.
///
/// A word is a run of ASCII letters or non-ASCII bytes, ASCII lower-cased; every number
/// `NumberMasker` finds (digits, number words, `\frac{3}{4}`) is the one word `#`; all other
/// bytes (punctuation, LaTeX's `$`, `\`, braces, operators) separate words. So "Tom has $3."
/// and "tom has 12" are the same words, `tom has #`.
public enum MaskedWords {
    /// The hash of the word `#` that stands for every number.
    public static let numberHash: UInt64 = wordHash(Array("#".utf8)[...])

    /// The word hashes of `text` in order.
    public static func hashes(_ text: String) -> [UInt64] {
        var copy = text
        return copy.withUTF8 { hashes(bytes: $0) }
    }

    /// The word hashes of UTF-8 bytes, appended to `out` (cleared first). With `numbers`, a
    /// number is the hash of its own text instead of `#` (one word either way, so the two
    /// sequences have the same length).
    public static func hashes(bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt64], numbers: Bool = false) {
        out.removeAll(keepingCapacity: true)
        forEachWord(bytes, spans: numbers) { start, end in
            if start < 0 {
                out.append(numberHash)
            } else {
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for k in start..<end {
                    let c = bytes[k]
                    hash ^= UInt64(c &- 0x41 < 26 ? c | 0x20 : c)
                    hash &*= 0x0000_0100_0000_01B3
                }
                out.append(hash)
            }
        }
    }

    /// The word hashes of UTF-8 bytes, numbers as `#`.
    public static func hashes(bytes: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        var out: [UInt64] = []
        hashes(bytes: bytes, into: &out)
        return out
    }

    /// The words of `text` as strings (numbers as `#`, or as written with `numbers`), for
    /// evidence and tests.
    public static func words(_ text: String, numbers: Bool = false) -> [String] {
        var copy = text
        return copy.withUTF8 { bytes in
            var out: [String] = []
            forEachWord(bytes, spans: numbers) { start, end in
                if start < 0 {
                    out.append("#")
                } else {
                    out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased())
                }
            }
            return out
        }
    }

    static func wordHash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in bytes {
            hash ^= UInt64(c)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    @inline(__always)
    static func isWordByte(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 || c >= 0x80 }

    /// Calls `body(start, end)` per word, and per number `body(-1, -1)`, or with `spans`
    /// `body(start, end)` of the number's text, in order.
    @inline(__always)
    static func forEachWord(_ bytes: UnsafeBufferPointer<UInt8>, spans: Bool = false, _ body: (Int, Int) -> Void) {
        var position = 0
        func literal(_ from: Int, _ to: Int) {
            var k = from
            while k < to {
                guard isWordByte(bytes[k]) else { k += 1; continue }
                let start = k
                while k < to, isWordByte(bytes[k]) { k += 1 }
                body(start, k)
            }
        }
        NumberMasker.scan(bytes) { span in
            literal(position, span.start)
            if spans { body(span.start, span.end) } else { body(-1, -1) }
            position = span.end
        }
        literal(position, bytes.count)
    }
}
