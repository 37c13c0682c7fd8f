/// `union`, `intersect` and `except` between two results of the same kind (a path counts
/// as a subgraph).
///
/// Concepts: `union` and `intersect` add the two sides' weights (a side without weights
/// counts 0), `except` keeps the left side's. Edges are identified by their ends. Subgraphs
/// combine nodes and edges separately; `except` keeps the left side's edges whose ends both
/// remain. The result is in its natural order.
extension Evaluation {
    func combine(_ operation: SetOperation, _ left: QueryResult, _ right: QueryResult) throws -> QueryResult {
        let op = operation.op
        func shape(_ kind: QueryResult.Kind) -> QueryResult.Kind { kind == .path ? .subgraph : kind }
        guard shape(left.kind) == shape(right.kind) else {
            throw fail(operation.range, .mismatchedOperands(op: op, left: Evaluation.noun(left.kind), right: Evaluation.noun(right.kind)))
        }
        switch shape(left.kind) {
        case .concepts:
            let weighted = left.isWeighted || (right.isWeighted && op != .except)
            let (nodes, weights) = combineConcepts(op, left.nodes, left.weights, right.nodes, right.weights)
            return QueryResult(snapshot: snapshot, kind: .concepts, nodes: nodes, weights: weighted ? weights : nil, pendingOrder: true)
        case .edges:
            return QueryResult(snapshot: snapshot, kind: .edges, edges: combineEdges(op, left.edges, right.edges), pendingOrder: true)
        case .subgraph, .path:
            let (nodes, _) = combineConcepts(op, left.nodes, nil, right.nodes, nil)
            var edges = combineEdges(op, left.edges, right.edges)
            if op == .except {
                var member = [Bool](repeating: false, count: snapshot.nodeCount)
                for n in nodes { member[Int(n)] = true }
                edges = edges.filter { member[Int($0.a)] && member[Int($0.b)] }
            }
            return QueryResult(snapshot: snapshot, kind: .subgraph, nodes: nodes, edges: edges, pendingOrder: true)
        case .problems:
            let l = Set(left.problems), r = Set(right.problems)
            let combined: Set<Int32>
            switch op {
            case .union: combined = l.union(r)
            case .intersect: combined = l.intersection(r)
            case .except: combined = l.subtracting(r)
            }
            return QueryResult(snapshot: snapshot, kind: .problems, problems: combined.sorted())
        }
    }

    static func noun(_ kind: QueryResult.Kind) -> String {
        switch kind {
        case .concepts: return "concepts"
        case .edges: return "edges"
        case .subgraph: return "a subgraph"
        case .path: return "a path"
        case .problems: return "problems"
        }
    }

    /// Combined nodes (ascending) with summed weights (left's only for `except`).
    private func combineConcepts(
        _ op: SetOperation.Operator, _ leftNodes: [Int32], _ leftWeights: [Int]?,
        _ rightNodes: [Int32], _ rightWeights: [Int]?
    ) -> ([Int32], [Int]) {
        let n = snapshot.nodeCount
        var inLeft = [Bool](repeating: false, count: n), inRight = [Bool](repeating: false, count: n)
        var weight = [Int](repeating: 0, count: n)
        for (row, node) in leftNodes.enumerated() {
            inLeft[Int(node)] = true
            weight[Int(node)] += leftWeights?[row] ?? 0
        }
        for (row, node) in rightNodes.enumerated() {
            inRight[Int(node)] = true
            if op != .except { weight[Int(node)] += rightWeights?[row] ?? 0 }
        }
        var nodes: [Int32] = []
        for node in Evaluation.sortedUnique(leftNodes + rightNodes) {
            let l = inLeft[Int(node)], r = inRight[Int(node)]
            let keep: Bool
            switch op {
            case .union: keep = true
            case .intersect: keep = l && r
            case .except: keep = l && !r
            }
            if keep { nodes.append(node) }
        }
        return (nodes, nodes.map { weight[Int($0)] })
    }

    /// Combined edges, ascending by their ends.
    private func combineEdges(_ op: SetOperation.Operator, _ left: [Subgraph.Edge], _ right: [Subgraph.Edge]) -> [Subgraph.Edge] {
        let l = left.sorted { $0.pair < $1.pair }, r = right.sorted { $0.pair < $1.pair }
        var result: [Subgraph.Edge] = []
        var i = 0, j = 0
        while i < l.count || j < r.count {
            if j == r.count || (i < l.count && l[i].pair < r[j].pair) {
                if op != .intersect { result.append(l[i]) }
                i += 1
            } else if i == l.count || r[j].pair < l[i].pair {
                if op == .union { result.append(r[j]) }
                j += 1
            } else {
                if op != .except { result.append(l[i]) }
                i += 1
                j += 1
            }
        }
        // Duplicates within one side (there are none from the evaluator) collapse.
        var unique: [Subgraph.Edge] = []
        for e in result where unique.last?.pair != e.pair { unique.append(e) }
        return unique
    }
}
