/// `edges | top N by weight` without listing every edge first: the strongest co-occurrences of
/// a large graph (millions of edges) are found in one pass over the adjacency with a bounded
/// heap. The result is exactly what the general path (`edges`, then `top`) gives.
extension Evaluation {
    /// The top `n` edges by count (descending unless `ascending`), ties by their ends.
    func topEdges(_ n: Int, ascending: Bool) -> QueryResult {
        struct Candidate {
            var count: Int32
            var a: Int32
            var b: Int32
        }
        // `precedes` is the result order: count (by direction), then the ends ascending.
        func precedes(_ x: Candidate, _ y: Candidate) -> Bool {
            if x.count != y.count { return ascending ? x.count < y.count : x.count > y.count }
            return x.a != y.a ? x.a < y.a : x.b < y.b
        }
        var heap = BoundedHeap<Candidate>(capacity: n, by: precedes)
        if n > 0 {
            let lists = snapshot.adjacency
            for a in 0..<Int32(snapshot.nodeCount) {
                for adjacency in lists {
                    let start = Int(adjacency.offsets[Int(a)]), end = Int(adjacency.offsets[Int(a) + 1])
                    for i in start..<end where adjacency.targets[i] > a {
                        heap.insert(Candidate(count: adjacency.counts[i], a: a, b: adjacency.targets[i]))
                    }
                }
            }
        }
        let edges = heap.sorted().map { Subgraph.Edge($0.a, $0.b, count: Int($0.count)) }
        return QueryResult(snapshot: snapshot, kind: .edges, edges: edges)
    }
}
