/// Hashes of a word sequence's n-grams (shingles): word `n`-grams, or the whole sequence as
/// one shingle when it has fewer than `n` words (so short problems still compare).
public enum WordNGrams {
    /// Calls `body(hash, first word index)` for every n-gram of `words`; nothing for no words.
    @inline(__always)
    public static func forEach(_ words: [UInt64], n: Int, wholeIfShorter: Bool = true, _ body: (UInt64, Int) -> Void) {
        let count = words.count
        if count < n {
            guard wholeIfShorter, count > 0 else { return }
            body(hash(words, 0, count), 0)
            return
        }
        for start in 0...(count - n) { body(hash(words, start, n), start) }
    }

    /// The hash of `words[start ..< start + length]`: an FNV-style fold of the word hashes,
    /// finished with SplitMix64's mixer so that every bit depends on every word.
    @inline(__always)
    public static func hash(_ words: [UInt64], _ start: Int, _ length: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(length)
        for k in start..<(start + length) {
            h = (h ^ words[k]) &* 0x0000_0100_0000_01B3
            h = (h ^ (h >> 29))
        }
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }
}
