import TextAnalysis

/// A problem text as the neighbours index sees it: its words with the numbers masked
/// (`MaskedWords`: "Tom has 3 apples" → `tom has # apples`), as word and word-pair hashes,
/// each with its count in the text, sorted by hash.
///
/// Word pairs carry the phrases ("common denominator", "# percent") that single words lose;
/// masking the numbers makes "3 apples" and "12 apples" one feature.
enum TextFeatures {
    /// The features of `text` and their counts, appended to `out` (cleared first), sorted by hash.
    static func features(of text: String, words: inout [UInt64], into out: inout [(hash: UInt64, count: Int32)]) {
        var copy = text
        copy.withUTF8 { MaskedWords.hashes(bytes: $0, into: &words) }
        var hashes: [UInt64] = []
        hashes.reserveCapacity(words.count * 2)
        for (i, word) in words.enumerated() {
            hashes.append(word)
            if i + 1 < words.count { hashes.append(pair(word, words[i + 1])) }
        }
        hashes.sort()
        out.removeAll(keepingCapacity: true)
        for hash in hashes {
            if let last = out.last, last.hash == hash {
                out[out.count - 1].count += 1
            } else {
                out.append((hash, 1))
            }
        }
    }

    /// The hash of a word pair: order matters, and it cannot equal either word's hash but by chance.
    @inline(__always)
    static func pair(_ first: UInt64, _ second: UInt64) -> UInt64 {
        var hash = first &* 0x9E37_79B9_7F4A_7C15
        hash ^= (second << 29) | (second >> 35)
        return hash &* 0xBF58_476D_1CE4_E5B9
    }
}
