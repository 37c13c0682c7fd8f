import KnowledgeBase

/// Computes MinHash signatures of shingle sets: one 32-bit minimum per hash function.
///
/// Hash function i maps a 64-bit shingle hash h to the high 32 bits of aᵢ·h + bᵢ (mod 2⁶⁴),
/// aᵢ odd — multiply-shift hashing, with aᵢ, bᵢ drawn from kg's SplitMix64 at `seed`. The
/// share of equal positions in two signatures estimates the Jaccard similarity of the sets.
public struct MinHasher: Sendable {
    /// The parameters the hasher was made with.
    public let settings: MinHashSettings
    private let multipliers: [UInt64]
    private let increments: [UInt64]

    /// Draws the hash functions for `settings` (its seed and permutation count).
    public init(settings: MinHashSettings) {
        self.settings = settings
        var random = SplitMix64(seed: settings.seed)
        var a: [UInt64] = [], b: [UInt64] = []
        for _ in 0..<settings.permutations {
            a.append(random.next() | 1)
            b.append(random.next())
        }
        multipliers = a
        increments = b
    }

    /// Writes the signature of the shingles of `words` into `signature` (count =
    /// permutations); returns false, leaving it all `max`, when there are fewer than
    /// `minimumWords` words that are not numbers.
    @inline(__always)
    public func signature(ofWords words: [UInt64], into signature: UnsafeMutableBufferPointer<UInt32>) -> Bool {
        let count = settings.permutations
        for p in 0..<count { signature[p] = .max }
        var realWords = 0
        for word in words where word != MaskedWords.numberHash { realWords += 1 }
        guard realWords >= max(1, settings.minimumWords) else { return false }
        var any = false
        multipliers.withUnsafeBufferPointer { a in
            increments.withUnsafeBufferPointer { b in
                WordNGrams.forEach(words, n: settings.ngram) { shingle, _ in
                    any = true
                    for p in 0..<count {
                        let v = UInt32(truncatingIfNeeded: (a[p] &* shingle &+ b[p]) >> 32)
                        signature[p] = min(signature[p], v)
                    }
                }
            }
        }
        return any
    }

    /// The signature of a text's masked words (an all-`max` signature for a text without words).
    public func signature(of text: String) -> [UInt32] {
        let words = MaskedWords.hashes(text)
        var out = [UInt32](repeating: .max, count: settings.permutations)
        out.withUnsafeMutableBufferPointer { _ = signature(ofWords: words, into: $0) }
        return out
    }

    /// The share of positions where two signatures agree: the estimated Jaccard similarity.
    @inline(__always)
    public static func similarity(_ x: UnsafeBufferPointer<UInt32>, _ y: UnsafeBufferPointer<UInt32>) -> Double {
        var same = 0
        for p in 0..<x.count where x[p] == y[p] { same += 1 }
        return x.isEmpty ? 0 : Double(same) / Double(x.count)
    }

    /// The estimated Jaccard similarity of two signatures.
    public static func similarity(_ x: [UInt32], _ y: [UInt32]) -> Double {
        x.withUnsafeBufferPointer { a in y.withUnsafeBufferPointer { b in similarity(a, b) } }
    }

    /// The hash of band `band` (rows `band * rows ..< (band + 1) * rows`) of a signature,
    /// mixed with the band's number so that equal rows in different bands do not collide.
    @inline(__always)
    public func bandHash(_ signature: UnsafeBufferPointer<UInt32>, band: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(band) &* 0x9E37_79B9_7F4A_7C15
        let start = band * settings.rows
        for k in start..<(start + settings.rows) {
            h = (h ^ UInt64(signature[k])) &* 0x0000_0100_0000_01B3
        }
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        return h ^ (h >> 31)
    }
}
