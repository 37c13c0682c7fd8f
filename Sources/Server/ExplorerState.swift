import Foundation
import KnowledgeBase
import Coverage
import Query

/// What the server knows of one generation of the knowledge base: the graph snapshot and
/// the counts, read together, and the caches built from them on first use (the topic map,
/// concept drawings, the coverage report, each concept's problems). A new generation gets a
/// new state, so a page never mixes two versions of the database.
final class ExplorerState: @unchecked Sendable {
    /// The content generation (`meta.generation`) and identity (`meta.kb_id`) it describes.
    let generation: UInt64
    let identity: String
    /// Which opening of the database file it was read through (`ExplorerStore` opens the file
    /// again when it is replaced, and generations start over in the new one).
    let opening: Int
    let snapshot: GraphSnapshot
    let statistics: KnowledgeBaseStatistics

    private let lock = NSLock()
    private var drawings = BoundedCache<String>(capacity: ServerLimits.cachedDrawings)
    private var evaluators: [QueryEvaluator] = []
    private var problemsOfNode: [[Int32]]?
    private var lowercasedNames: [String]?
    private var cachedCoverage: CoverageView?
    private var boostPlans = BoundedCache<SamplingBoostPlan>(capacity: ServerLimits.cachedBoosts)

    init(generation: UInt64, identity: String, opening: Int, snapshot: GraphSnapshot, statistics: KnowledgeBaseStatistics) {
        self.generation = generation
        self.identity = identity
        self.opening = opening
        self.snapshot = snapshot
        self.statistics = statistics
    }

    /// A tag naming this generation, for caches and ETags.
    var tag: String { "\(identity)-\(generation)" }

    /// The drawing stored under `key`, or `make()`'s, kept for the next call (at most
    /// `ServerLimits.cachedDrawings`; the oldest is dropped first).
    func drawing(_ key: String, make: () throws -> String) rethrows -> String {
        try cached(\.drawings, key, make: make)
    }

    /// The value `cache` keeps under `key`, or `make()`'s, kept there; `make` runs without the
    /// lock, so two requests may make the same value at once (the first kept wins).
    private func cached<Value>(_ cache: ReferenceWritableKeyPath<ExplorerState, BoundedCache<Value>>, _ key: String, make: () throws -> Value)
        rethrows -> Value
    {
        lock.lock()
        if let value = self[keyPath: cache][key] {
            lock.unlock()
            return value
        }
        lock.unlock()
        let value = try make()
        lock.lock()
        defer { lock.unlock() }
        self[keyPath: cache].insert(value, for: key)
        return self[keyPath: cache][key] ?? value
    }

    /// Runs `body` with an evaluator of this snapshot no other request is using (evaluators
    /// keep name orders they build, so they are reused; at most 8 are kept).
    func withEvaluator<T>(_ body: (QueryEvaluator) throws -> T) rethrows -> T {
        lock.lock()
        let evaluator = evaluators.popLast() ?? QueryEvaluator(snapshot: snapshot)
        lock.unlock()
        defer {
            lock.lock()
            if evaluators.count < 8 { evaluators.append(evaluator) }
            lock.unlock()
        }
        return try body(evaluator)
    }

    /// The problems (row numbers of `snapshot.problems`) that mention `node`, in store order.
    func problems(of node: Int) -> [Int32] {
        lock.lock()
        defer { lock.unlock() }
        if problemsOfNode == nil {
            var lists = [[Int32]](repeating: [], count: snapshot.nodeCount)
            for (row, problem) in snapshot.problems.enumerated() {
                for n in problem.topics { lists[Int(n)].append(Int32(row)) }
                for n in problem.knowledgePoints { lists[Int(n)].append(Int32(row)) }
            }
            problemsOfNode = lists
        }
        return problemsOfNode![node]
    }

    /// Nodes whose name contains `text` (case-insensitive), names that start with it first,
    /// then by problems; at most `limit`.
    func nodes(containing text: String, limit: Int) -> [Int32] {
        let needle = text.lowercased()
        guard !needle.isEmpty else { return [] }
        lock.lock()
        if lowercasedNames == nil { lowercasedNames = (0..<snapshot.nodeCount).map { snapshot.names[$0].lowercased() } }
        let names = lowercasedNames!
        lock.unlock()
        var hits: [(prefix: Bool, problems: Int32, node: Int32)] = []
        for (node, name) in names.enumerated() where name.contains(needle) {
            hits.append((name.hasPrefix(needle), snapshot.problemCounts[node], Int32(node)))
        }
        hits.sort { ($0.prefix ? 0 : 1, -$0.problems, $0.node) < ($1.prefix ? 0 : 1, -$1.problems, $1.node) }
        return hits.prefix(limit).map(\.node)
    }

    /// The coverage view, computed once by `make` for this generation.
    func coverage(make: () throws -> CoverageView) throws -> CoverageView {
        lock.lock()
        if let cachedCoverage {
            lock.unlock()
            return cachedCoverage
        }
        lock.unlock()
        let view = try make()
        lock.lock()
        cachedCoverage = view
        lock.unlock()
        return view
    }

    /// The boost plan stored under `key`, or `make()`'s, kept for the next call (at most
    /// `ServerLimits.cachedBoosts`; the oldest is dropped first).
    func boostPlan(_ key: String, make: () throws -> SamplingBoostPlan) rethrows -> SamplingBoostPlan {
        try cached(\.boostPlans, key, make: make)
    }
}
