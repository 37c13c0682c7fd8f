import KnowledgeBase

/// Finds the seed problems whose knowledge-point sets are nearest to a sample's, by Jaccard
/// similarity: MathScale's choice of few-shot examples.
public final class ExampleFinder {
    private let problems: ProblemTable
    /// KP node → indices of the problems that mention it (kept in the snapshot).
    private let index: ProblemIndex
    private var overlap: [Int32]
    private var touched: [Int32] = []

    public init(snapshot: GraphSnapshot) {
        problems = snapshot.problems
        index = snapshot.problemIndex
        overlap = [Int32](repeating: 0, count: snapshot.problems.count)
    }

    /// Up to `k` problem indices, most similar first; only problems sharing at least one KP
    /// qualify. Equally similar problems are ordered by a hash of (`tieBreak`, problem) —
    /// a sample's own key (`SampleSeed.exampleTieBreak`) spreads the examples over every
    /// equally near seed problem instead of always the earliest — or, without `tieBreak`,
    /// earlier problem first.
    public func nearest(to kps: [Int32], k: Int, tieBreak: UInt64? = nil) -> [Int] {
        guard k > 0, !kps.isEmpty else { return [] }
        let unique = Array(Set(kps)).sorted()
        for kp in unique {
            for p in index.problems(withKP: Int(kp)) {
                if overlap[Int(p)] == 0 { touched.append(p) }
                overlap[Int(p)] += 1
            }
        }
        // Keep the best k in order: (higher score, then lower tie key) first.
        var best: [(score: Double, index: Int, tie: UInt64)] = []
        func better(_ a: (score: Double, index: Int, tie: UInt64), _ b: (score: Double, index: Int, tie: UInt64)) -> Bool {
            if a.score != b.score { return a.score > b.score }
            return a.tie != b.tie ? a.tie < b.tie : a.index < b.index
        }
        for p in touched {
            let shared = Double(overlap[Int(p)])
            let union = Double(unique.count + problems[Int(p)].knowledgePoints.count) - shared
            let tie = tieBreak.map { SampleSeed.mix($0 ^ UInt64(UInt32(bitPattern: p))) } ?? UInt64(UInt32(bitPattern: p))
            let candidate = (score: shared / union, index: Int(p), tie: tie)
            overlap[Int(p)] = 0
            if best.count == k, let last = best.last, !better(candidate, last) { continue }
            let position = best.firstIndex { better(candidate, $0) } ?? best.count
            best.insert(candidate, at: position)
            if best.count > k { best.removeLast() }
        }
        touched.removeAll(keepingCapacity: true)
        return best.map(\.index)
    }

    public func problem(_ index: Int) -> GraphSnapshot.Problem { problems[index] }
}
