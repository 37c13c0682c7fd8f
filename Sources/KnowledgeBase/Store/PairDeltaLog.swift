/// The co-occurrence changes an ingest accumulates before writing them: every concept pair
/// seen (packed `a << 32 | b`) is appended to an added or a removed log, and `drain()`
/// sorts both and folds them into one delta per pair.
///
/// Appending is sequential and a radix sort of tens of millions of keys takes a fraction of
/// a second, several times faster than updating a hash table per pair, where every update
/// is a cache miss.
struct PairDeltaLog {
    private var added: [UInt64] = []
    private var removed: [UInt64] = []

    /// Pairs logged since the last drain.
    var count: Int { added.count + removed.count }
    var isEmpty: Bool { added.isEmpty && removed.isEmpty }

    @inline(__always)
    mutating func add(_ pair: UInt64) { added.append(pair) }

    @inline(__always)
    mutating func remove(_ pair: UInt64) { removed.append(pair) }

    /// Every pair with a non-zero net change, in ascending pair order; empties the log.
    mutating func drain() -> [(pair: UInt64, delta: Int32)] {
        PairDeltaLog.radixSort(&added)
        PairDeltaLog.radixSort(&removed)
        var result: [(pair: UInt64, delta: Int32)] = []
        result.reserveCapacity(added.count / 2)
        var i = 0, j = 0
        while i < added.count || j < removed.count {
            let pair = min(i < added.count ? added[i] : .max, j < removed.count ? removed[j] : .max)
            var delta: Int32 = 0
            while i < added.count && added[i] == pair { delta += 1; i += 1 }
            while j < removed.count && removed[j] == pair { delta -= 1; j += 1 }
            if delta != 0 { result.append((pair, delta)) }
        }
        added = []
        removed = []
        return result
    }

    /// LSD radix sort, 16 bits a pass; passes whose digit is the same for every key are
    /// skipped (concept ids are small, so most high digits are).
    static func radixSort(_ keys: inout [UInt64]) {
        guard keys.count > 64 else { keys.sort(); return }
        var buffer = [UInt64](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: 1 << 16)
        for shift in stride(from: 0, to: 64, by: 16) {
            for i in 0..<counts.count { counts[i] = 0 }
            for key in keys { counts[Int((key >> UInt64(shift)) & 0xFFFF)] += 1 }
            if counts.contains(keys.count) { continue }
            var total = 0
            for i in 0..<counts.count {
                let c = counts[i]
                counts[i] = total
                total += c
            }
            keys.withUnsafeBufferPointer { source in
                buffer.withUnsafeMutableBufferPointer { target in
                    counts.withUnsafeMutableBufferPointer { offsets in
                        for key in source {
                            let digit = Int((key >> UInt64(shift)) & 0xFFFF)
                            target[offsets[digit]] = key
                            offsets[digit] += 1
                        }
                    }
                }
            }
            swap(&keys, &buffer)
        }
    }
}
