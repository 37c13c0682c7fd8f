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

    /// Up to `k` problem indices, most similar first (ties: earlier problem first); only
    /// problems sharing at least one KP qualify.
    public func nearest(to kps: [Int32], k: Int) -> [Int] {
        guard k > 0, !kps.isEmpty else { return [] }
        let unique = Array(Set(kps)).sorted()
        for kp in unique {
            for p in index.problems(withKP: Int(kp)) {
                if overlap[Int(p)] == 0 { touched.append(p) }
                overlap[Int(p)] += 1
            }
        }
        // Keep the best k in order: (higher score, then lower index) first.
        var best: [(score: Double, index: Int)] = []
        func better(_ a: (score: Double, index: Int), _ b: (score: Double, index: Int)) -> Bool {
            a.score != b.score ? a.score > b.score : a.index < b.index
        }
        for p in touched {
            let shared = Double(overlap[Int(p)])
            let union = Double(unique.count + problems[Int(p)].knowledgePoints.count) - shared
            let candidate = (score: shared / union, index: Int(p))
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
