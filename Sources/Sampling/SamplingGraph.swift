import Foundation
import KnowledgeBase

/// The part of a snapshot a sampler may use (the pool), with weighted neighbour tables
/// built lazily, once per (node, neighbour kind).
///
/// The tables live in flat buffers laid out like the snapshot's CSR adjacency: node `n`'s
/// table for one kind occupies the slots `offsets[n]..<offsets[n] + tableCount[n]`. A draw
/// is then a few loads from contiguous memory, with no reference counting, which keeps
/// sampling at millions of steps per second on graphs of millions of edges.
public final class SamplingGraph {
    public let snapshot: GraphSnapshot
    /// Whether each node is in the pool.
    public let eligible: [Bool]
    public let transform: WeightTransform
    public let temperature: Double
    /// Per node, the log of a multiplier applied to every edge weight into it and to its chance
    /// of starting a sample (`SamplingBoost`); nil: no boost.
    public let logBoost: [Double]?

    /// Per neighbour kind (0 topic, 1 KP).
    private let storage: PerKind<TableStorage>

    /// - Parameters:
    ///   - minimumProblems: concepts mentioned by fewer problems are left out.
    ///   - levels: when not empty, only concepts that occur at one of these levels.
    ///   - allowed: when given, only these nodes (a query's result, say).
    ///   - boost: per node, the log of a weight multiplier (`SamplingBoost.logMultipliers`).
    ///   - expectedSamples: how many samples will be drawn, when known. Long runs back the
    ///     tables with huge pages (fewer TLB misses); a short run does not, since each first
    ///     touch of a huge page clears 2 MiB (on a million-problem knowledge base, 10 samples
    ///     cleared about 30 MiB that way).
    public init(
        snapshot: GraphSnapshot, transform: WeightTransform, temperature: Double,
        minimumProblems: Int, levels: Set<Level> = [], allowed: Set<Int32>? = nil, boost: [Double]? = nil,
        expectedSamples: Int? = nil
    ) {
        precondition(boost == nil || boost!.count == snapshot.nodeCount, "one boost per node")
        self.snapshot = snapshot
        self.transform = transform
        self.temperature = temperature
        self.logBoost = boost
        let levelMask = LevelSet(levels)
        eligible = (0..<snapshot.nodeCount).map { node in
            Int(snapshot.problemCounts[node]) >= minimumProblems
                && (levelMask.isEmpty || !snapshot.levelMasks[node].isDisjoint(with: levelMask))
                && (allowed?.contains(Int32(node)) ?? true)
        }
        let hugePages = (expectedSamples ?? .max) >= SamplingGraph.hugePageRunLength
        storage = snapshot.adjacency.map { TableStorage(adjacency: $0, nodeCount: snapshot.nodeCount, hugePages: hugePages) }
    }

    /// The shortest run whose tables get huge pages.
    static let hugePageRunLength = 10_000

    /// Eligible nodes of `kind`, ascending.
    public func pool(_ kind: ConceptKind) -> [Int32] {
        (0..<snapshot.nodeCount).filter { eligible[$0] && snapshot.kinds[$0] == kind }.map { Int32($0) }
    }

    /// A node's eligible neighbours of one kind with their weights (a copy, for samplers that
    /// combine rows; the hot path is `drawUnvisited`).
    ///
    /// Weights are scaled so that the row's largest is 1: the true weight of neighbour i is
    /// `weights[i] · exp(logScale)`. Scaling keeps every temperature finite.
    public struct Row {
        public var targets: [Int32]
        public var weights: [Double]
        /// log of the largest true weight in the row.
        public var logScale: Double
        /// log of the row's total true weight (its row sum).
        public var logTotal: Double
    }

    /// The eligible neighbours of `node` of `kind`; nil when it has none.
    public func neighbours(of node: Int32, kind: ConceptKind) -> Row? {
        let s = storage[kind]
        guard let (start, count) = table(s, node) else { return nil }
        return Row(
            targets: Array(UnsafeBufferPointer(start: s.targets + start, count: count)),
            weights: Array(UnsafeBufferPointer(start: s.weights + start, count: count)),
            logScale: s.logScales[Int(node)],
            logTotal: s.logScales[Int(node)] + Foundation.log(s.totals[Int(node)]))
    }

    /// Calls `body` with `node`'s eligible neighbours of `kind` and their scaled weights (as in
    /// `Row`), without copying them; nil when it has none.
    func withRow<R>(
        of node: Int32, kind: ConceptKind,
        _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Double>) throws -> R
    ) rethrows -> R? {
        let s = storage[kind]
        guard let (start, count) = table(s, node) else { return nil }
        return try body(
            UnsafeBufferPointer(start: s.targets + start, count: count),
            UnsafeBufferPointer(start: s.weights + start, count: count))
    }

    /// log of the total weight of `node`'s eligible neighbours of `kind` (its row sum);
    /// -infinity when it has none.
    public func logRowSum(of node: Int32, kind: ConceptKind) -> Double {
        let s = storage[kind]
        return table(s, node) == nil ? -.infinity : s.logScales[Int(node)] + Foundation.log(s.totals[Int(node)])
    }

    /// The log of `node`'s boost multiplier (0 without a boost).
    @inline(__always)
    public func logBoost(of node: Int32) -> Double {
        logBoost?[Int(node)] ?? 0
    }

    /// The slots of `node`'s table, building it on first use; nil when it has no eligible neighbour.
    @inline(__always)
    private func table(_ s: TableStorage, _ node: Int32) -> (Int, Int)? {
        let n = Int(node)
        var count = Int(s.counts[n])
        if count < 0 { count = build(s, n) }
        return count == 0 ? nil : (Int(s.offsets[n]), count)
    }

    private func build(_ s: TableStorage, _ n: Int) -> Int {
        let adjacency = s.adjacency
        let start = Int(adjacency.offsets[n])
        var count = 0
        var logWeights: [Double] = []
        for i in adjacency.range(of: n) {
            let target = adjacency.targets[i]
            guard eligible[Int(target)] else { continue }
            var l = transform.logWeight(adjacency.counts[i], temperature: temperature)
            guard l > -.infinity else { continue }
            if let logBoost { l += logBoost[Int(target)] }
            s.targets[start + count] = target
            logWeights.append(l)
            count += 1
        }
        if count > 0 {
            // Scale so the largest weight is 1: exp never overflows, whatever the temperature.
            let scale = logWeights.max()!
            let weights = logWeights.map { Foundation.exp($0 - scale) }
            for i in 0..<count { s.weights[start + i] = weights[i] }
            let thresholds = UnsafeMutablePointer<UInt64>.allocate(capacity: count)
            let aliases = UnsafeMutablePointer<Int32>.allocate(capacity: count)
            defer { thresholds.deallocate(); aliases.deallocate() }
            s.totals[n] = AliasTable.fill(weights: weights, threshold: thresholds, alias: aliases)
            s.logScales[n] = scale
            for i in 0..<count {
                s.slots[start + i] = Slot(
                    threshold: thresholds[i], target: s.targets[start + i],
                    aliasTarget: s.targets[start + Int(aliases[i])])
            }
        }
        s.counts[n] = Int32(count)
        return count
    }

    /// A neighbour of `node` of `kind` not in `visited`, with probability proportional to
    /// its weight among the unvisited ones; nil at a dead end.
    ///
    /// Draws from the alias table and rejects visited nodes (walks are short, so this
    /// almost always succeeds at once); after 16 rejections it draws exactly from the
    /// unvisited weights. Both give the same distribution.
    public func drawUnvisited(from node: Int32, kind: ConceptKind, visited: [Int32], random: inout SplitMix64) -> Int32? {
        let s = storage[kind]
        guard let (start, count) = table(s, node) else { return nil }
        for _ in 0..<16 {
            let slot = s.slots[start + random.nextInt(below: count)]
            let candidate = random.next() >> 11 < slot.threshold ? slot.target : slot.aliasTarget
            if !visited.contains(candidate) { return candidate }
        }
        var total = 0.0
        for i in start..<(start + count) where !visited.contains(s.targets[i]) { total += s.weights[i] }
        return random.nextIndex(count: count, total: total) { visited.contains(s.targets[start + $0]) ? 0 : s.weights[start + $0] }
            .map { s.targets[start + $0] }
    }
}

/// One alias-table column with both of its outcomes, so a draw reads one 16-byte record.
private struct Slot {
    /// Keep `target` when the 53-bit coin is below this.
    var threshold: UInt64
    var target: Int32
    var aliasTarget: Int32
}

/// Flat buffers for one neighbour kind's lazily built tables.
private final class TableStorage {
    let adjacency: GraphSnapshot.Adjacency
    let offsets: UnsafeMutablePointer<Int32>
    /// Eligible neighbours in the table, or -1 before it is built.
    let counts: UnsafeMutablePointer<Int32>
    /// Sum of the scaled weights of each node's table.
    let totals: UnsafeMutablePointer<Double>
    /// log of the largest true weight of each node's table.
    let logScales: UnsafeMutablePointer<Double>
    let targets: UnsafeMutablePointer<Int32>
    let weights: UnsafeMutablePointer<Double>
    let slots: UnsafeMutablePointer<Slot>
    private let slotCount: Int
    private let nodes: Int

    init(adjacency: GraphSnapshot.Adjacency, nodeCount: Int, hugePages: Bool) {
        self.adjacency = adjacency
        nodes = nodeCount
        slotCount = max(1, adjacency.targets.count)
        offsets = .allocate(capacity: nodeCount + 1)
        for i in 0...nodeCount { offsets[i] = adjacency.offsets[i] }
        counts = .allocate(capacity: max(1, nodeCount))
        counts.initialize(repeating: -1, count: max(1, nodeCount))
        totals = .allocate(capacity: max(1, nodeCount))
        totals.initialize(repeating: 0, count: max(1, nodeCount))
        logScales = .allocate(capacity: max(1, nodeCount))
        logScales.initialize(repeating: -.infinity, count: max(1, nodeCount))
        targets = .allocate(capacity: slotCount)
        weights = .allocate(capacity: slotCount)
        slots = LargeAllocation.allocate(Slot.self, capacity: slotCount, hugePages: hugePages)
    }

    deinit {
        offsets.deallocate()
        counts.deallocate()
        totals.deallocate()
        logScales.deallocate()
        targets.deallocate()
        weights.deallocate()
        LargeAllocation.deallocate(slots)
    }
}

/// Large, randomly accessed tables: 2 MiB-aligned and, on Linux, backed by transparent huge
/// pages where the kernel allows, so that random draws over hundreds of megabytes do not
/// also pay a TLB miss each.
enum LargeAllocation {
    static let hugePage = 2 << 20

    static func allocate<T>(_ type: T.Type, capacity: Int, hugePages: Bool = true) -> UnsafeMutablePointer<T> {
        let bytes = max(1, capacity) * MemoryLayout<T>.stride
        guard bytes >= hugePage, hugePages else { return .allocate(capacity: max(1, capacity)) }
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, hugePage, bytes) == 0, let raw else { return .allocate(capacity: capacity) }
        #if os(Linux)
        _ = madvise(raw, bytes, 14)  // MADV_HUGEPAGE
        #endif
        return raw.bindMemory(to: T.self, capacity: capacity)
    }

    static func deallocate<T>(_ pointer: UnsafeMutablePointer<T>) {
        // posix_memalign memory and small allocations are both released by free().
        free(pointer)
    }
}
