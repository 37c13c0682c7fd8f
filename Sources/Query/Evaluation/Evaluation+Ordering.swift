/// Orders: `sort by`, `top N by`, `limit N`, and the natural order every result ends in.
///
/// Natural orders: concepts by weight (when weighted, largest first), then problems (most
/// first), then name, then node number; edges by count (largest first), then node numbers;
/// problems in store order. `sort by` and `top … by` break ties with the natural order, and
/// put rows without a value for the field (no level, no source) last in either direction.
/// Every key is an integer (names by their rank among all names), so no order depends on
/// hashing or on the sort algorithm's stability.
extension Evaluation {
    func sort(_ input: QueryResult, by key: SortKey, keep: Int?) throws -> QueryResult {
        var result = input
        switch input.kind {
        case .concepts, .subgraph, .path:
            let weights = input.kind == .concepts ? input.weights : nil
            let (keys, missing) = try conceptKeys(
                input.nodes, weights: weights, field: key.field,
                rows: input.kind == .concepts ? "concepts" : "subgraph nodes")
            let natural = naturalConceptOrder(input.nodes, weights: weights)
            let order = Evaluation.firstRows(count: input.nodes.count, keep: keep) { x, y in
                Evaluation.keyed(x, y, keys, missing, key.descending) ?? natural(x, y)
            }
            result.nodes = order.map { input.nodes[$0] }
            result.weights = weights.map { w in order.map { w[$0] } }
            if input.kind != .concepts {
                result.kind = .subgraph
                result.pathCosts = []
                result.edges = naturallyOrdered(edgesAmong(result.nodes, from: input.edges))
            }
        case .edges:
            let (keys, missing) = try edgeKeys(input.edges, field: key.field)
            let natural = naturalEdgeOrder(input.edges)
            let order = Evaluation.firstRows(count: input.edges.count, keep: keep) { x, y in
                Evaluation.keyed(x, y, keys, missing, key.descending) ?? natural(x, y)
            }
            result.edges = order.map { input.edges[$0] }
        case .problems:
            let (keys, missing) = try problemKeys(input.problems, field: key.field)
            let problems = input.problems
            let order = Evaluation.firstRows(count: problems.count, keep: keep) { x, y in
                Evaluation.keyed(x, y, keys, missing, key.descending) ?? (problems[x] < problems[y])
            }
            result.problems = order.map { problems[$0] }
        }
        result.pendingOrder = false
        return result
    }

    func limit(_ input: QueryResult, to n: Int) -> QueryResult {
        var result = input
        switch input.kind {
        case .concepts, .subgraph, .path:
            if input.pendingOrder {
                let order = Evaluation.firstRows(count: input.nodes.count, keep: n, by: naturalConceptOrder(input.nodes, weights: input.weights))
                result.nodes = order.map { input.nodes[$0] }
                result.weights = input.weights.map { w in order.map { w[$0] } }
            } else {
                result.nodes = Array(input.nodes.prefix(n))
                result.weights = input.weights.map { Array($0.prefix(n)) }
            }
            if input.kind != .concepts {
                result.kind = .subgraph
                result.pathCosts = []
                let edges = edgesAmong(result.nodes, from: input.edges)
                result.edges = input.pendingOrder || input.kind == .path ? naturallyOrdered(edges) : edges
            }
        case .edges:
            if input.pendingOrder {
                result.edges = Evaluation.firstRows(count: input.edges.count, keep: n, by: naturalEdgeOrder(input.edges)).map { input.edges[$0] }
            } else {
                result.edges = Array(input.edges.prefix(n))
            }
        case .problems:
            result.problems = Array(input.problems.prefix(n))
        }
        result.pendingOrder = false
        return result
    }

    /// Puts a result whose order was deferred into its natural order.
    func finishOrder(_ result: inout QueryResult) {
        guard result.pendingOrder else { return }
        switch result.kind {
        case .concepts, .subgraph:
            let order = Evaluation.firstRows(count: result.nodes.count, keep: nil, by: naturalConceptOrder(result.nodes, weights: result.weights))
            let nodes = result.nodes
            result.nodes = order.map { nodes[$0] }
            result.weights = result.weights.map { w in order.map { w[$0] } }
            if result.kind == .subgraph { result.edges = naturallyOrdered(result.edges) }
        case .edges:
            result.edges = naturallyOrdered(result.edges)
        case .path, .problems:
            break
        }
        result.pendingOrder = false
    }

    // MARK: - Natural orders

    func naturalConceptOrder(_ nodes: [Int32], weights: [Int]?) -> (Int, Int) -> Bool {
        let rank = evaluator.naturalRank
        if let weights {
            return { x, y in
                weights[x] != weights[y] ? weights[x] > weights[y] : rank[Int(nodes[x])] < rank[Int(nodes[y])]
            }
        }
        return { x, y in rank[Int(nodes[x])] < rank[Int(nodes[y])] }
    }

    func naturalEdgeOrder(_ edges: [Subgraph.Edge]) -> (Int, Int) -> Bool {
        { x, y in edges[x].count != edges[y].count ? edges[x].count > edges[y].count : edges[x].pair < edges[y].pair }
    }

    func naturallyOrdered(_ edges: [Subgraph.Edge]) -> [Subgraph.Edge] {
        edges.sorted { $0.count != $1.count ? $0.count > $1.count : $0.pair < $1.pair }
    }

    /// The edges of `edges` with both ends among `nodes`, in their order.
    private func edgesAmong(_ nodes: [Int32], from edges: [Subgraph.Edge]) -> [Subgraph.Edge] {
        var member = [Bool](repeating: false, count: snapshot.nodeCount)
        for n in nodes { member[Int(n)] = true }
        return edges.filter { member[Int($0.a)] && member[Int($0.b)] }
    }

    // MARK: - Keys

    /// Compares rows x and y by key; nil when equal (so the natural order decides).
    static func keyed(_ x: Int, _ y: Int, _ keys: [Int], _ missing: [Bool], _ descending: Bool) -> Bool? {
        if missing[x] != missing[y] { return !missing[x] }
        if missing[x] || keys[x] == keys[y] { return nil }
        return descending ? keys[x] > keys[y] : keys[x] < keys[y]
    }

    private func conceptKeys(_ nodes: [Int32], weights: [Int]?, field: FieldReference, rows: String) throws -> ([Int], [Bool]) {
        var missing = [Bool](repeating: false, count: nodes.count)
        let keys: [Int]
        switch field.field {
        case .name:
            let rank = evaluator.nameRank
            keys = nodes.map { Int(rank[Int($0)]) }
        case .kind:
            keys = nodes.map { snapshot.kinds[Int($0)] == .topic ? 0 : 1 }
        case .count:
            keys = nodes.map { Int(snapshot.problemCounts[Int($0)]) }
        case .degree:
            keys = nodes.map { snapshot.degree(of: Int($0)) }
        case .weight:
            guard let weights else {
                throw fail(
                    field.range,
                    .fieldNotAvailable(
                        field: .weight,
                        explanation:
                            "\(rows) have no weight; weight is the edge count of rows from neighbors, and of edges (| edges)"))
            }
            keys = weights
        case .level:
            // The lowest level at which the concept occurs.
            keys = nodes.map { snapshot.levelMasks[Int($0)].lowestRank ?? 16 }
            for (i, n) in nodes.enumerated() where snapshot.levelMasks[Int(n)].isEmpty { missing[i] = true }
        case .source:
            // The first source (by name) with a problem that mentions the concept.
            keys = nodes.enumerated().map { i, n in
                let mask = snapshot.sourceMasks.isEmpty ? 0 : snapshot.sourceMasks[Int(n)]
                if mask != 0 { return mask.trailingZeroBitCount }
                if let extra = snapshot.extraSources[n]?.min() { return Int(extra) }
                missing[i] = true
                return 0
            }
        case .id:
            throw fail(
                field.range,
                .fieldNotAvailable(field: .id, explanation: "id is a problem's id; \(rows) sort by name, kind, count, degree, level or source"))
        }
        return (keys, missing)
    }

    private func edgeKeys(_ edges: [Subgraph.Edge], field: FieldReference) throws -> ([Int], [Bool]) {
        let keys: [Int]
        switch field.field {
        case .count, .weight:
            keys = edges.map(\.count)
        case .name:
            let rank = evaluator.nameRank
            keys = edges.map { e in
                let x = Int(rank[Int(e.a)]), y = Int(rank[Int(e.b)])
                return min(x, y) << 32 | max(x, y)
            }
        case .kind:
            keys = edges.map { (snapshot.kinds[Int($0.a)] == .kp ? 1 : 0) + (snapshot.kinds[Int($0.b)] == .kp ? 1 : 0) }
        default:
            throw fail(field.range, .fieldNotAvailable(field: field.field, explanation: "edges sort by weight (or count), name or kind"))
        }
        return (keys, [Bool](repeating: false, count: edges.count))
    }

    private func problemKeys(_ problems: [Int32], field: FieldReference) throws -> ([Int], [Bool]) {
        let all = snapshot.problems
        var missing = [Bool](repeating: false, count: problems.count)
        var keys = [Int](repeating: 0, count: problems.count)
        switch field.field {
        case .id:
            let order = problems.indices.sorted { all[Int(problems[$0])].externalID < all[Int(problems[$1])].externalID }
            for (rank, row) in order.enumerated() { keys[row] = rank }
        case .level:
            for (row, p) in problems.enumerated() {
                if let level = all[Int(p)].level { keys[row] = level.rank } else { missing[row] = true }
            }
        case .source:
            for (row, p) in problems.enumerated() {
                let source = all[Int(p)].source
                if source >= 0 { keys[row] = Int(source) } else { missing[row] = true }
            }
        default:
            throw fail(field.range, .fieldNotAvailable(field: field.field, explanation: "problems sort by id, level or source"))
        }
        return (keys, missing)
    }

    // MARK: - Selection

    /// Row numbers `0..<count` in the order `less` defines, only the first `keep` when given:
    /// a bounded heap when few are kept (top 10 of a million edges), a full sort otherwise.
    static func firstRows(count: Int, keep: Int?, by less: (Int, Int) -> Bool) -> [Int] {
        let k = min(keep ?? count, count)
        if k == 0 { return [] }
        if k > count / 8 {
            let sorted = (0..<count).sorted(by: less)
            return k == count ? sorted : Array(sorted.prefix(k))
        }
        return withoutActuallyEscaping(less) { less in
            var heap = BoundedHeap<Int>(capacity: k, by: less)
            for row in 0..<count { heap.insert(row) }
            return heap.sorted()
        }
    }
}
