import KnowledgeBase

/// Evaluates queries over one in-memory snapshot of the concept graph.
///
/// ```swift
/// let evaluator = try QueryEvaluator(knowledgeBase: kb)
/// let result = try evaluator.evaluate(try Query.parse("topics | top 10 by count"))
/// ```
/// It is a class because it keeps what it builds on first use — normalised names, name and
/// frequency orders of all concepts — for the next query; it is not safe to share between
/// threads while it evaluates.
public final class QueryEvaluator {
    /// The graph queries run on.
    public let snapshot: GraphSnapshot
    /// Normalised key → concept id, per kind: the store's aliases (`kg merge`), and
    /// optionally every concept's own key, looked up before the snapshot's display names.
    public let aliases: PerKind<[String: Int64]>

    /// An evaluator over a snapshot that no store backs (tests, benchmarks); from a
    /// knowledge base use `init(knowledgeBase:snapshot:for:)`, which passes the store's keys.
    ///
    /// - Parameters:
    ///   - snapshot: the graph. Load it with what `Query.snapshotContents` says, or
    ///     `problems`, `level` and `source` find nothing.
    ///   - aliases: normalised key → concept id per kind, as `KnowledgeBase.nameKeys()` reads
    ///     them; they make name lookups exact even after a merge renamed a concept.
    ///   - keys: each node's normalised name as the store keeps it (`concept.key`, in node
    ///     order), so that `~` and `name` need not normalise every name.
    public init(snapshot: GraphSnapshot, aliases: PerKind<[String: Int64]> = PerKind(topic: [:], kp: [:]), keys: [String]? = nil) {
        self.snapshot = snapshot
        self.aliases = aliases
        storedKeys = keys
    }

    private let storedKeys: [String]?

    /// Evaluates `query`; throws `QueryError` for unknown names and steps that do not apply
    /// to what they get.
    ///
    /// With a `timeLimit`, the clock is read before each source, set operation and step: one
    /// that would begin after the limit throws `QueryError` with reason `timeLimit`, its caret
    /// under that part of the query. A part already begun runs to its end, so the overrun is
    /// at most one step (`kg serve` bounds its queries this way).
    public func evaluate(_ query: Query, timeLimit: Duration? = nil) throws -> QueryResult {
        try evaluate(query, timeLimit: timeLimit, now: { ContinuousClock.now })
    }

    /// `evaluate(_:timeLimit:)` reading the time from `now` (tests give it a clock of their own).
    func evaluate(_ query: Query, timeLimit: Duration?, now: @escaping () -> ContinuousClock.Instant) throws -> QueryResult {
        let evaluation = Evaluation(evaluator: self, text: query.text, deadline: timeLimit.map { (now().advanced(by: $0), $0) }, now: now)
        var result = try evaluation.pipeline(query.pipeline)
        evaluation.finishOrder(&result)
        return result
    }

    // MARK: - Built on first use

    /// Normalised display names and key → node maps.
    lazy var index = ConceptIndex(
        snapshot: snapshot, storedKeys: storedKeys ?? (snapshot.nameIndex.isEmpty ? nil : Array(snapshot.nameIndex.keys)))

    /// Each node's position among all nodes sorted by name, then node number.
    lazy var nameRank: [Int32] = {
        if snapshot.nameIndex.nameRanks.count == snapshot.nodeCount { return snapshot.nameIndex.nameRanks.array }
        let names = Array(snapshot.names)
        let order = (0..<snapshot.nodeCount).sorted { names[$0] != names[$1] ? names[$0] < names[$1] : $0 < $1 }
        return QueryEvaluator.ranks(of: order)
    }()

    /// Each node's position in the natural order of concepts: most problems first, then
    /// by name, then node number.
    lazy var naturalRank: [Int32] = {
        if snapshot.nameIndex.naturalRanks.count == snapshot.nodeCount { return snapshot.nameIndex.naturalRanks.array }
        let counts = snapshot.problemCounts
        let names = nameRank
        let order = (0..<snapshot.nodeCount).sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : names[$0] < names[$1] }
        return QueryEvaluator.ranks(of: order)
    }()

    private static func ranks(of order: [Int]) -> [Int32] {
        var rank = [Int32](repeating: 0, count: order.count)
        for (position, node) in order.enumerated() { rank[node] = Int32(position) }
        return rank
    }
}

/// The evaluation of one query: the evaluator's caches plus the query text, which every
/// error quotes.
struct Evaluation {
    let evaluator: QueryEvaluator
    let text: String
    let snapshot: GraphSnapshot
    /// When the evaluation must stop, and the limit it came from (nil: no limit).
    let deadline: (instant: ContinuousClock.Instant, limit: Duration)?
    /// The clock `deadline` is read against.
    let now: () -> ContinuousClock.Instant

    init(
        evaluator: QueryEvaluator, text: String, deadline: (ContinuousClock.Instant, Duration)? = nil,
        now: @escaping () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.evaluator = evaluator
        self.text = text
        snapshot = evaluator.snapshot
        self.deadline = deadline.map { (instant: $0.0, limit: $0.1) }
        self.now = now
    }

    func fail(_ range: SourceRange, _ reason: QueryError.Reason) -> QueryError {
        QueryError(query: text, range: range, reason: reason)
    }

    /// Throws `timeLimit` at `range` when the deadline has passed.
    func checkTime(at range: SourceRange) throws {
        guard let deadline, now() >= deadline.instant else { return }
        let seconds = Double(deadline.limit.components.seconds) + Double(deadline.limit.components.attoseconds) / 1e18
        throw fail(range, .timeLimit(seconds: seconds))
    }

    func pipeline(_ pipeline: Pipeline) throws -> QueryResult {
        var steps = pipeline.steps[...]
        var result: QueryResult
        if case .source(let source) = pipeline.head, source.form == .edges, pipeline.setOperations.isEmpty,
            let first = steps.first, case .top(let n, let key) = first.form, key.field.field == .count || key.field.field == .weight
        {
            // The strongest edges, without listing them all first.
            result = topEdges(n, ascending: !key.descending)
            steps = steps.dropFirst()
        } else {
            result = try operand(pipeline.head)
            for operation in pipeline.setOperations {
                try checkTime(at: operation.range)
                result = try combine(operation, result, try operand(operation.operand))
            }
        }
        for step in steps {
            try checkTime(at: step.range)
            result = try apply(step, to: result)
        }
        return result
    }

    private func operand(_ operand: Operand) throws -> QueryResult {
        switch operand {
        case .source(let source): return try self.source(source)
        case .pipeline(let inner): return try pipeline(inner)
        }
    }

    // MARK: - Sources

    private func source(_ source: Source) throws -> QueryResult {
        try checkTime(at: source.range)
        switch source.form {
        case .all(let kind):
            return QueryResult(snapshot: snapshot, kind: .concepts, nodes: nodes(of: kind), pendingOrder: true)
        case .matching(let kind, let text):
            let pattern = NamePattern(text)
            let index = evaluator.index
            let matches = nodes(of: kind).filter { pattern.matches(index.scalars(of: Int($0))) }
            return QueryResult(snapshot: snapshot, kind: .concepts, nodes: matches, pendingOrder: true)
        case .named(let reference):
            return QueryResult(snapshot: snapshot, kind: .concepts, nodes: try resolve(reference), pendingOrder: true)
        case .edges:
            return QueryResult(snapshot: snapshot, kind: .edges, edges: allEdges(), pendingOrder: true)
        case .problems:
            return QueryResult(snapshot: snapshot, kind: .problems, problems: (0..<Int32(snapshot.problems.count)).map { $0 })
        }
    }

    /// Node numbers of the concepts of `kind`, ascending.
    func nodes(of kind: ConceptKindFilter) -> [Int32] {
        switch kind {
        case .any: return (0..<Int32(snapshot.nodeCount)).map { $0 }
        case .topic: return snapshot.nodes(ofKind: .topic)
        case .kp: return snapshot.nodes(ofKind: .kp)
        }
    }

    private func allEdges() -> [Subgraph.Edge] {
        var edges: [Subgraph.Edge] = []
        for a in 0..<Int32(snapshot.nodeCount) {
            for adjacency in snapshot.adjacency {
                for i in adjacency.range(of: Int(a)) where adjacency.targets[i] > a {
                    edges.append(Subgraph.Edge(a, adjacency.targets[i], count: Int(adjacency.counts[i])))
                }
            }
        }
        return edges
    }

    /// The nodes a name refers to (one per kind it may be), ascending; throws
    /// `unknownConcept` with the closest names when there is none, or `wrongKind` when the
    /// name is a concept of the other kind.
    func resolve(_ reference: ConceptReference) throws -> [Int32] {
        let key = ConceptKey(reference.name).rawValue
        let kinds: [ConceptKind] = reference.kind == .topic ? [.topic] : reference.kind == .kp ? [.kp] : [.topic, .kp]
        let found = kinds.compactMap { lookup(key: key, kind: $0) }
        if !found.isEmpty { return found.sorted() }
        if reference.kind != .any {
            let other: ConceptKind = reference.kind == .topic ? .kp : .topic
            if let node = lookup(key: key, kind: other) {
                throw fail(
                    reference.range,
                    .wrongKind(
                        name: reference.name, kind: other == .topic ? .kp : .topic,
                        existing: snapshot.names[Int(node)]))
            }
        }
        let suggestions = Suggestions.concepts(near: reference.name, nodes: nodes(of: reference.kind), index: evaluator.index, snapshot: snapshot)
        throw fail(reference.range, .unknownConcept(name: reference.name, kind: reference.kind, suggestions: suggestions))
    }

    /// The node with normalised name `key` among concepts of `kind`: the store's keys and
    /// aliases first, then the snapshot's display names.
    private func lookup(key: String, kind: ConceptKind) -> Int32? {
        if let id = evaluator.aliases[kind][key], let node = snapshot.node(forConceptID: id), snapshot.kinds[node] == kind {
            return Int32(node)
        }
        let names = snapshot.nameIndex
        guard !names.isEmpty else { return evaluator.index.node(forKey: key, kind: kind) }
        // The store's aliases, then its keys, searched in place.
        if let id = names.aliasConcept(forKey: key, kind: kind), let node = snapshot.node(forConceptID: id), snapshot.kinds[node] == kind {
            return Int32(node)
        }
        return names.node(forKey: key, kind: kind, kinds: snapshot.kinds)
    }
}
