import KnowledgeBase

extension Evaluation {
    func apply(_ step: Step, to input: QueryResult) throws -> QueryResult {
        switch step.form {
        case .neighbors(let kind):
            return neighbors(of: try conceptSet(input, for: step), kind: kind)
        case .filter(let predicate):
            return try filter(input, by: predicate)
        case .sort(let key):
            return try sort(input, by: key, keep: nil)
        case .top(let n, let key):
            return try sort(input, by: key, keep: n)
        case .limit(let n):
            return limit(input, to: n)
        case .path(let target):
            return try path(from: try conceptSet(input, for: step), to: target)
        case .ego(let radius, let kind):
            return ego(around: try conceptSet(input, for: step), radius: radius, kind: kind)
        case .problems:
            return problems(of: input)
        case .edges:
            return try edges(of: input, step: step)
        case .concepts:
            return concepts(of: input)
        }
    }

    /// The concepts a step that walks the graph starts from: ascending, no duplicates.
    func conceptSet(_ input: QueryResult, for step: Step) throws -> [Int32] {
        switch input.kind {
        case .concepts, .subgraph, .path:
            return Evaluation.sortedUnique(input.nodes)
        case .edges:
            return Evaluation.sortedUnique(input.edges.flatMap { [$0.a, $0.b] })
        case .problems:
            throw fail(
                step.range,
                .wrongInput(
                    step: step.keyword, needs: "concepts, edges, a subgraph or a path",
                    found: "problems"))
        }
    }

    static func sortedUnique(_ nodes: [Int32]) -> [Int32] {
        var sorted = nodes.sorted()
        var write = 0
        for i in 0..<sorted.count where write == 0 || sorted[write - 1] != sorted[i] {
            sorted[write] = sorted[i]
            write += 1
        }
        sorted.removeLast(sorted.count - write)
        return sorted
    }

    /// The adjacency lists a walk restricted to `kind` may follow.
    func adjacencies(_ kind: ConceptKindFilter) -> [GraphSnapshot.Adjacency] {
        switch kind {
        case .any: return snapshot.adjacency.values
        case .topic: return [snapshot.neighbours(ofKind: .topic)]
        case .kp: return [snapshot.neighbours(ofKind: .kp)]
        }
    }

    // MARK: - neighbors

    /// Concepts outside `set` adjacent to some member, each weighted by the sum of its edge
    /// counts to the members.
    func neighbors(of set: [Int32], kind: ConceptKindFilter) -> QueryResult {
        let n = snapshot.nodeCount
        var inSet = [Bool](repeating: false, count: n)
        for s in set { inSet[Int(s)] = true }
        var weight = [Int](repeating: 0, count: n)
        var touched: [Int32] = []
        for adjacency in adjacencies(kind) {
            for s in set {
                for i in adjacency.range(of: Int(s)) {
                    let t = Int(adjacency.targets[i])
                    if inSet[t] { continue }
                    if weight[t] == 0 { touched.append(Int32(t)) }
                    weight[t] += Int(adjacency.counts[i])
                }
            }
        }
        touched.sort()
        return QueryResult(snapshot: snapshot, kind: .concepts, nodes: touched, weights: touched.map { weight[Int($0)] }, pendingOrder: true)
    }

    // MARK: - ego

    /// The subgraph induced by every concept within `radius` hops of `set` (hops only into
    /// concepts of `kind` when given).
    func ego(around set: [Int32], radius: Int, kind: ConceptKindFilter) -> QueryResult {
        var reached = [Bool](repeating: false, count: snapshot.nodeCount)
        for s in set { reached[Int(s)] = true }
        var frontier = set
        let lists = adjacencies(kind)
        var hop = 0
        while hop < radius, !frontier.isEmpty {
            var next: [Int32] = []
            for u in frontier {
                for adjacency in lists {
                    for i in adjacency.range(of: Int(u)) {
                        let t = adjacency.targets[i]
                        if !reached[Int(t)] {
                            reached[Int(t)] = true
                            next.append(t)
                        }
                    }
                }
            }
            frontier = next
            hop += 1
        }
        let nodes = (0..<snapshot.nodeCount).filter { reached[$0] }.map { Int32($0) }
        return QueryResult(snapshot: snapshot, kind: .subgraph, nodes: nodes, edges: snapshot.edges(among: nodes), pendingOrder: true)
    }

    // MARK: - path

    func path(from sources: [Int32], to target: ConceptReference) throws -> QueryResult {
        let targets = try resolve(target)
        guard let found = StrongestPath(snapshot: snapshot).find(from: sources, to: targets) else {
            return QueryResult(snapshot: snapshot, kind: .path)
        }
        var edges: [Subgraph.Edge] = []
        for i in 1..<max(1, found.nodes.count) {
            let a = found.nodes[i - 1], b = found.nodes[i]
            edges.append(Subgraph.Edge(a, b, count: snapshot.edgeCount(a, b) ?? 0))
        }
        return QueryResult(snapshot: snapshot, kind: .path, nodes: found.nodes, edges: edges, pathCosts: found.costs)
    }

    // MARK: - problems, edges, concepts

    /// The problems behind a result: for concepts and subgraphs, problems that mention any
    /// of the concepts; for edges and paths, problems that mention both ends of some edge.
    func problems(of input: QueryResult) -> QueryResult {
        var selected: [Int32] = []
        let problems = snapshot.problems
        switch input.kind {
        case .problems:
            return input
        case .concepts, .subgraph:
            var member = [Bool](repeating: false, count: snapshot.nodeCount)
            for n in input.nodes { member[Int(n)] = true }
            for (i, problem) in problems.enumerated()
            where problem.topics.contains(where: { member[Int($0)] }) || problem.knowledgePoints.contains(where: { member[Int($0)] }) {
                selected.append(Int32(i))
            }
        case .edges, .path:
            let pairs = Set(input.edges.map(\.pair))
            var member = [Bool](repeating: false, count: snapshot.nodeCount)
            for e in input.edges { member[Int(e.a)] = true; member[Int(e.b)] = true }
            for (i, problem) in problems.enumerated() {
                // Most problems mention no end at all: count before building the list.
                let hits =
                    problem.topics.reduce(0) { $0 + (member[Int($1)] ? 1 : 0) }
                    + problem.knowledgePoints.reduce(0) { $0 + (member[Int($1)] ? 1 : 0) }
                guard hits >= 2 else { continue }
                let mentioned = (problem.topics.array + problem.knowledgePoints).filter { member[Int($0)] }.sorted()
                var hit = false
                outer: for x in 0..<mentioned.count {
                    for y in (x + 1)..<mentioned.count where pairs.contains(Int64(mentioned[x]) << 32 | Int64(mentioned[y])) {
                        hit = true
                        break outer
                    }
                }
                if hit { selected.append(Int32(i)) }
            }
        }
        return QueryResult(snapshot: snapshot, kind: .problems, problems: selected)
    }

    /// The edges of a result: among a concept set's members (induced), or a subgraph's or
    /// path's own.
    func edges(of input: QueryResult, step: Step) throws -> QueryResult {
        switch input.kind {
        case .edges:
            return input
        case .concepts:
            let nodes = Evaluation.sortedUnique(input.nodes)
            return QueryResult(snapshot: snapshot, kind: .edges, edges: snapshot.edges(among: nodes), pendingOrder: true)
        case .subgraph, .path:
            return QueryResult(snapshot: snapshot, kind: .edges, edges: input.edges, pendingOrder: true)
        case .problems:
            throw fail(
                step.range,
                .wrongInput(
                    step: "edges", needs: "concepts, a subgraph or a path",
                    found: "problems"))
        }
    }

    /// The concepts of a result: a set as it is; a subgraph's or path's nodes; the ends of
    /// edges; the concepts problems mention.
    func concepts(of input: QueryResult) -> QueryResult {
        switch input.kind {
        case .concepts:
            return input
        case .subgraph, .path:
            return QueryResult(snapshot: snapshot, kind: .concepts, nodes: Evaluation.sortedUnique(input.nodes), pendingOrder: true)
        case .edges, .problems:
            return QueryResult(snapshot: snapshot, kind: .concepts, nodes: input.conceptNodes, pendingOrder: true)
        }
    }
}
