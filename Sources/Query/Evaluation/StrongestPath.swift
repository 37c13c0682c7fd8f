import KnowledgeBase

/// The strongest path between two sets of concepts: Dijkstra over all co-occurrence edges
/// with edge cost `1 / count`.
///
/// A path's cost is the sum of `1 / count` over its edges, so one edge seen in a single
/// problem costs as much as ten edges seen in ten problems each: the path prefers links many
/// problems attest, and takes a detour only when it is much better attested. Costs are
/// positive, so Dijkstra is exact. Ties are broken deterministically: equal cost goes to the
/// path with fewer hops, then to the predecessor with the lower node number.
struct StrongestPath {
    let snapshot: GraphSnapshot

    /// A path: its nodes from a source to a target and the cumulative cost at each.
    struct Found {
        var nodes: [Int32]
        var costs: [Double]
    }

    /// The cheapest path from any of `sources` to any of `targets`; nil when none connects.
    func find(from sources: [Int32], to targets: [Int32]) -> Found? {
        let n = snapshot.nodeCount
        guard !sources.isEmpty, !targets.isEmpty else { return nil }
        var cost = [Double](repeating: .infinity, count: n)
        var hops = [Int32](repeating: .max, count: n)
        var previous = [Int32](repeating: -1, count: n)
        var settled = [Bool](repeating: false, count: n)
        var isTarget = [Bool](repeating: false, count: n)
        for t in targets { isTarget[Int(t)] = true }
        var heap = MinHeap()
        for s in sources where cost[Int(s)] != 0 {
            cost[Int(s)] = 0
            hops[Int(s)] = 0
            heap.push(.init(cost: 0, hops: 0, node: s))
        }
        while let entry = heap.pop() {
            let u = Int(entry.node)
            if settled[u] || entry.cost != cost[u] || entry.hops != hops[u] { continue }
            settled[u] = true
            if isTarget[u] { return reconstruct(to: Int32(u), previous: previous, cost: cost) }
            for adjacency in snapshot.adjacency {
                for i in adjacency.range(of: u) {
                    let v = Int(adjacency.targets[i])
                    if settled[v] { continue }
                    let c = cost[u] + 1 / Double(adjacency.counts[i])
                    let h = hops[u] + 1
                    if c < cost[v] || (c == cost[v] && (h < hops[v] || (h == hops[v] && Int32(u) < previous[v]))) {
                        let pushed = c != cost[v] || h != hops[v]
                        cost[v] = c
                        hops[v] = h
                        previous[v] = Int32(u)
                        if pushed { heap.push(.init(cost: c, hops: h, node: Int32(v))) }
                    }
                }
            }
        }
        return nil
    }

    private func reconstruct(to target: Int32, previous: [Int32], cost: [Double]) -> Found {
        var nodes = [target]
        while previous[Int(nodes[nodes.count - 1])] >= 0 { nodes.append(previous[Int(nodes[nodes.count - 1])]) }
        nodes.reverse()
        return Found(nodes: nodes, costs: nodes.map { cost[Int($0)] })
    }
}

/// A binary min-heap of Dijkstra entries ordered by (cost, hops, node).
struct MinHeap {
    struct Entry {
        var cost: Double
        var hops: Int32
        var node: Int32

        func precedes(_ other: Entry) -> Bool {
            if cost != other.cost { return cost < other.cost }
            if hops != other.hops { return hops < other.hops }
            return node < other.node
        }
    }

    private var items: [Entry] = []

    mutating func push(_ entry: Entry) {
        items.append(entry)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].precedes(items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Entry? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var best = parent
                if left < items.count, items[left].precedes(items[best]) { best = left }
                if right < items.count, items[right].precedes(items[best]) { best = right }
                if best == parent { break }
                items.swapAt(parent, best)
                parent = best
            }
        }
        return first
    }
}
