import KnowledgeBase

/// `where`: predicates compiled once per step into closures over row numbers, after every
/// field, operator and value has been checked against the kind of rows they will see, so
/// a mistake fails the same way whether or not there are rows.
extension Evaluation {
    typealias ConceptTest = (_ node: Int32, _ row: Int) -> Bool

    func filter(_ input: QueryResult, by predicate: Predicate) throws -> QueryResult {
        var result = input
        switch input.kind {
        case .concepts, .subgraph, .path:
            let what = input.kind == .concepts ? (input.isWeighted ? "weighted concepts" : "concepts") : "subgraph nodes"
            let weights = input.kind == .concepts ? input.weights : nil
            let test = try compile(predicate) { try conceptLeaf($0, weights: weights, rows: what) }
            var nodes: [Int32] = [], kept: [Int] = []
            for (row, node) in input.nodes.enumerated() where test(node, row) {
                nodes.append(node)
                kept.append(row)
            }
            result.nodes = nodes
            result.weights = weights.map { w in kept.map { w[$0] } }
            if input.kind != .concepts {
                var keepNode = [Bool](repeating: false, count: snapshot.nodeCount)
                for node in nodes { keepNode[Int(node)] = true }
                result.kind = .subgraph
                result.edges = input.edges.filter { keepNode[Int($0.a)] && keepNode[Int($0.b)] }
                result.pathCosts = []
            }
        case .edges:
            let edges = input.edges
            let test = try compile(predicate) { try edgeLeaf($0, edges: edges) }
            result.edges = edges.indices.filter { test(-1, $0) }.map { edges[$0] }
        case .problems:
            let problems = input.problems
            let test = try compile(predicate) { try problemLeaf($0, problems: problems) }
            result.problems = problems.indices.filter { test(-1, $0) }.map { problems[$0] }
        }
        return result
    }

    /// Compiles `and`, `or` and `not` around leaves made by `leaf`. Recursion follows the
    /// parser's bounded nesting.
    private func compile(_ predicate: Predicate, leaf: (Comparison) throws -> ConceptTest) throws -> ConceptTest {
        switch predicate {
        case .comparison(let comparison):
            return try leaf(comparison)
        case .not(let inner):
            let test = try compile(inner, leaf: leaf)
            return { !test($0, $1) }
        case .and(let terms):
            let tests = try terms.map { try compile($0, leaf: leaf) }
            return { node, row in tests.allSatisfy { $0(node, row) } }
        case .or(let terms):
            let tests = try terms.map { try compile($0, leaf: leaf) }
            return { node, row in tests.contains { $0(node, row) } }
        }
    }

    // MARK: - Concepts

    private func conceptLeaf(_ c: Comparison, weights: [Int]?, rows: String) throws -> ConceptTest {
        let op = c.op
        switch c.field.field {
        case .name:
            guard case .text(let value) = c.value.value else { return { _, _ in false } }
            switch op {
            case .equal, .notEqual:
                let key = ConceptKey(value).rawValue
                let keys = evaluator.index.keys
                return op == .equal ? { node, _ in keys[Int(node)] == key } : { node, _ in keys[Int(node)] != key }
            case .matches:
                let pattern = NamePattern(value)
                let index = evaluator.index
                return { node, _ in pattern.matches(index.scalars(of: Int(node))) }
            default:
                let names = snapshot.names
                return { node, _ in op.holds(Evaluation.order(names[Int(node)], value)) }
            }
        case .kind:
            guard case .text(let value) = c.value.value else { return { _, _ in false } }
            let kind: ConceptKind = value == "topic" ? .topic : .kp
            let kinds = snapshot.kinds
            return op == .equal ? { node, _ in kinds[Int(node)] == kind } : { node, _ in kinds[Int(node)] != kind }
        case .count:
            let counts = snapshot.problemCounts, value = number(c)
            return { node, _ in op.holds(Evaluation.order(Double(counts[Int(node)]), value)) }
        case .degree:
            let snapshot = self.snapshot, value = number(c)
            return { node, _ in op.holds(Evaluation.order(Double(snapshot.degree(of: Int(node))), value)) }
        case .weight:
            guard let weights else {
                throw fail(
                    c.field.range,
                    .fieldNotAvailable(
                        field: .weight,
                        explanation:
                            "\(rows) have no weight; weight is the edge count of rows from neighbors, and of edges (| edges)"))
            }
            let value = number(c)
            return { _, row in op.holds(Evaluation.order(Double(weights[row]), value)) }
        case .level:
            let mask = levelMask(c)
            let masks = snapshot.levelMasks
            return op == .notEqual ? { node, _ in masks[Int(node)].isDisjoint(with: mask) } : { node, _ in !masks[Int(node)].isDisjoint(with: mask) }
        case .source:
            let sources = try sourceIndices(c)
            let snapshot = self.snapshot
            let test: ConceptTest = { node, _ in sources.contains { snapshot.mentions(node: Int(node), source: Int($0)) } }
            return op == .notEqual ? { !test($0, $1) } : test
        case .id:
            throw fail(
                c.field.range,
                .fieldNotAvailable(field: .id, explanation: "id is a problem's id; concepts have name, kind, count, degree, level and source"))
        }
    }

    // MARK: - Edges

    private func edgeLeaf(_ c: Comparison, edges: [Subgraph.Edge]) throws -> ConceptTest {
        switch c.field.field {
        case .count, .weight:
            let value = number(c), op = c.op
            return { _, row in op.holds(Evaluation.order(Double(edges[row].count), value)) }
        case .id:
            throw fail(
                c.field.range,
                .fieldNotAvailable(field: .id, explanation: "id is a problem's id; edges have weight (or count) and their ends' fields"))
        default:
            // A concept field holds for an edge when it holds for either end; `!=` is the
            // negation of `=` (neither end is equal).
            if c.op == .notEqual {
                var equal = c
                equal.op = .equal
                let test = try conceptLeaf(equal, weights: nil, rows: "edges")
                return { _, row in !(test(edges[row].a, row) || test(edges[row].b, row)) }
            }
            let test = try conceptLeaf(c, weights: nil, rows: "edges")
            return { _, row in test(edges[row].a, row) || test(edges[row].b, row) }
        }
    }

    // MARK: - Problems

    private func problemLeaf(_ c: Comparison, problems: [Int32]) throws -> ConceptTest {
        let all = snapshot.problems
        let op = c.op
        switch c.field.field {
        case .id:
            guard case .text(let value) = c.value.value else {
                throw fail(c.value.range, .invalidValue(field: .id, expected: "a quoted text", found: "a number"))
            }
            if op == .matches {
                let needle = value.lowercased()
                return { _, row in all[Int(problems[row])].externalID.lowercased().contains(needle) }
            }
            return { _, row in op.holds(Evaluation.order(all[Int(problems[row])].externalID, value)) }
        case .level:
            let mask = levelMask(c)
            let test: ConceptTest = { _, row in
                guard let level = all[Int(problems[row])].level else { return false }
                return mask.contains(level)
            }
            return op == .notEqual ? { !test($0, $1) } : test
        case .source:
            let sources = Set(try sourceIndices(c))
            let test: ConceptTest = { _, row in sources.contains(all[Int(problems[row])].source) }
            return op == .notEqual ? { !test($0, $1) } : test
        default:
            throw fail(c.field.range, .fieldNotAvailable(field: c.field.field, explanation: "problems have id, level and source"))
        }
    }

    // MARK: - Values

    private func number(_ c: Comparison) -> Double {
        if case .number(let n) = c.value.value { return n }
        return .nan
    }

    static func order<T: Comparable>(_ x: T, _ y: T) -> Int {
        x < y ? -1 : x == y ? 0 : 1
    }

    /// The levels a level comparison accepts, as a mask (`!=` gives the mask of `=`).
    private func levelMask(_ c: Comparison) -> LevelSet {
        var mask = LevelSet()
        switch c.value.value {
        case .level(let level):
            for candidate in Level.allCases {
                let order = Evaluation.order(candidate.rank, level.rank)
                if c.op == .notEqual ? order == 0 : c.op.holds(order) { mask.insert(LevelSet(candidate)) }
            }
        case .text(let text):
            let needle = text.lowercased()
            for candidate in Level.allCases where candidate.rawValue.lowercased().contains(needle) {
                mask.insert(LevelSet(candidate))
            }
        case .number:
            break
        }
        return mask
    }

    /// Source numbers a source comparison accepts: the one named (`=`, `!=`, any case), or
    /// those whose name contains the text (`~`).
    private func sourceIndices(_ c: Comparison) throws -> [Int32] {
        guard case .text(let value) = c.value.value else { return [] }
        let names = Array(snapshot.sourceNames)
        let needle = value.lowercased()
        if c.op == .matches {
            return names.indices.filter { names[$0].lowercased().contains(needle) }.map { Int32($0) }
        }
        let exact = names.indices.filter { names[$0].lowercased() == needle }.map { Int32($0) }
        if exact.isEmpty {
            let known = names.isEmpty ? "none (no problem has a source)" : names.joined(separator: ", ")
            throw fail(
                c.value.range,
                .unknownValue(
                    field: .source, value: value, known: known,
                    suggestions: Suggestions.words(near: needle, in: names)))
        }
        return exact
    }
}
