/// Lookups over a snapshot's problems that samplers need per sample, built once with the
/// snapshot (and kept in its file) so no command pays a pass over every problem:
///
/// - `problems(withKP:)`: the problems that mention a knowledge point (an inverted index,
///   CSR by KP node), for few-shot examples;
/// - `hasProblem(withKPs:)`: whether some seed problem has exactly this KP set, for novelty:
///   the problems sorted by a 64-bit hash of their KP set, each candidate checked exactly.
public struct ProblemIndex: Sendable, Equatable {
    /// `kpOffsets[node]..<kpOffsets[node + 1]` indexes `kpProblems` (ascending problem numbers).
    public let kpOffsets: FlatArray<UInt32>
    public let kpProblems: FlatArray<Int32>
    /// The KP-set hashes of every problem, ascending, and the problem each belongs to.
    public let kpSetHashes: FlatArray<UInt64>
    public let kpSetProblems: FlatArray<Int32>

    init(kpOffsets: FlatArray<UInt32>, kpProblems: FlatArray<Int32>, kpSetHashes: FlatArray<UInt64>, kpSetProblems: FlatArray<Int32>) {
        self.kpOffsets = kpOffsets
        self.kpProblems = kpProblems
        self.kpSetHashes = kpSetHashes
        self.kpSetProblems = kpSetProblems
    }

    /// An empty index (no problems read).
    public init() {
        self.init(kpOffsets: [0], kpProblems: [], kpSetHashes: [], kpSetProblems: [])
    }

    /// The index of `problems`, over `nodeCount` concepts.
    public init(problems: ProblemTable, nodeCount: Int) {
        var counts = [UInt32](repeating: 0, count: nodeCount + 1)
        for kp in problems.kpNodes { counts[Int(kp) + 1] += 1 }
        for i in 0..<nodeCount { counts[i + 1] += counts[i] }
        var fill = counts
        var byKP = [Int32](repeating: 0, count: problems.kpNodes.count)
        var hashed: [(hash: UInt64, problem: Int32)] = []
        hashed.reserveCapacity(problems.count)
        for p in 0..<problems.count {
            let kps = problems[p].knowledgePoints
            for kp in kps {
                byKP[Int(fill[Int(kp)])] = Int32(p)
                fill[Int(kp)] += 1
            }
            hashed.append((ProblemIndex.hash(kps), Int32(p)))
        }
        hashed.sort { ($0.hash, $0.problem) < ($1.hash, $1.problem) }
        self.init(
            kpOffsets: FlatArray(counts), kpProblems: FlatArray(byKP),
            kpSetHashes: FlatArray(hashed.map(\.hash)), kpSetProblems: FlatArray(hashed.map(\.problem)))
    }

    /// The problems that mention knowledge point `node`, ascending.
    public func problems(withKP node: Int) -> FlatArray<Int32> {
        kpProblems.slice(Int(kpOffsets[node])..<Int(kpOffsets[node + 1]))
    }

    /// Whether some problem of `problems` has exactly the knowledge points `sortedKPs`
    /// (ascending, no repeats).
    /// (Not generic, so a sampler in another module calls it specialised, once per sample.)
    public func hasProblem(withKPs sortedKPs: [Int32], in problems: ProblemTable) -> Bool {
        let hash = ProblemIndex.hash(sortedKPs)
        var low = 0, high = kpSetHashes.count
        while low < high {
            let mid = (low + high) / 2
            if kpSetHashes[mid] < hash { low = mid + 1 } else { high = mid }
        }
        while low < kpSetHashes.count && kpSetHashes[low] == hash {
            let candidate = problems[Int(kpSetProblems[low])].knowledgePoints.buffer
            if candidate.count == sortedKPs.count && zip(candidate, sortedKPs).allSatisfy({ $0 == $1 }) {
                return true
            }
            low += 1
        }
        return false
    }

    /// FNV-1a over the nodes' bytes, then a final mix: the same set (in ascending order)
    /// always gives the same hash.
    static func hash<KPs: Sequence>(_ kps: KPs) -> UInt64 where KPs.Element == Int32 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for kp in kps {
            var v = UInt32(bitPattern: kp)
            for _ in 0..<4 {
                h = (h ^ UInt64(v & 0xFF)) &* 0x0000_0100_0000_01B3
                v >>= 8
            }
        }
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h
    }
}
