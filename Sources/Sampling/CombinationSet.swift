/// The (topic set, KP set) combinations seen so far: what `--unique` checks each draw
/// against and what the quality report counts as distinct.
///
/// An open-addressing hash set (linear probing, at most half full) of 64-bit hashes of the
/// sorted concept ids: one 8-byte slot per combination, so a lookup is usually one cache miss
/// and an insert allocates nothing but amortised growth (`Set<[Int32]>` allocated an array per
/// draw). Two different combinations with the same 64-bit hash would count as one — about a
/// 1 in 10^7 chance over a whole 2M-sample run; under `--unique` that can only make a new
/// combination look like a repeat (it is then extended or redrawn), never let a repeat through.
public struct CombinationSet {
    /// Slot hashes; 0 marks an empty slot (no key hashes to 0).
    private var hashes: [UInt64]
    private var scratch: [Int32] = []
    /// Distinct combinations held.
    public private(set) var count = 0

    /// An empty set sized for about `expected` combinations (it grows as needed).
    public init(expected: Int = 1_024) {
        var capacity = 16
        while capacity < 2 * expected && capacity < 1 << 23 { capacity <<= 1 }
        hashes = [UInt64](repeating: 0, count: capacity)
    }

    /// Adds `combination`'s (topic set, KP set); false when it was already there.
    public mutating func insert(_ combination: ConceptCombination) -> Bool {
        scratch.removeAll(keepingCapacity: true)
        Self.appendSorted(combination.topics, to: &scratch)
        scratch.append(-1)
        Self.appendSorted(combination.knowledgePoints, to: &scratch)
        let hash = Self.hash(scratch)
        let mask = hashes.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while hashes[slot] != 0 {
            if hashes[slot] == hash { return false }
            slot = (slot + 1) & mask
        }
        hashes[slot] = hash
        count += 1
        if 2 * count > hashes.count { grow() }
        return true
    }

    private mutating func grow() {
        let capacity = hashes.count * 2
        var newHashes = [UInt64](repeating: 0, count: capacity)
        for hash in hashes where hash != 0 {
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while newHashes[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            newHashes[slot] = hash
        }
        hashes = newHashes
    }

    /// Appends `nodes` in ascending order (insertion sort: a sample holds a handful).
    @inline(__always)
    private static func appendSorted(_ nodes: [Int32], to out: inout [Int32]) {
        let base = out.count
        for node in nodes {
            var i = out.count
            out.append(node)
            while i > base && out[i - 1] > node {
                out[i] = out[i - 1]
                i -= 1
            }
            out[i] = node
        }
    }

    /// A 64-bit hash of the ids, never 0.
    @inline(__always)
    static func hash(_ ids: [Int32]) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for id in ids {
            h = SampleSeed.mix(h ^ UInt64(UInt32(bitPattern: id)))
        }
        return h == 0 ? 1 : h
    }
}
