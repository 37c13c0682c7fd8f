/// Finds clusters of duplicate problems in a collection: exact (normalised text), template
/// key (the same problem with other numbers) and MinHash-LSH near-duplicates.
///
/// ```swift
/// let problems = try ProblemCollection(files: ["generated.jsonl"])
/// let result = NearDuplicateFinder(options: .init()).run(problems)
/// ```
/// Pairs are linked by every method asked for, and clusters are the connected groups
/// (union–find). For MinHash, problems that share a band hash are candidates; a candidate is
/// linked to the first problem of its bucket when their estimated Jaccard similarity is at
/// least the threshold. Output is the same for the same input and options.
public struct NearDuplicateFinder {
    /// What to compare and what to keep.
    public struct Options: Sendable {
        /// Which methods link problems (all by default).
        public var methods: Set<DedupMethod> = Set(DedupMethod.allCases)
        /// The MinHash parameters.
        public var minHash = MinHashSettings()
        /// Which member of a cluster is kept.
        public var keep = KeepRule.first
        /// Threads for signing.
        public var threads = 1

        /// All methods, BigCode's MinHash defaults, keep the first, one thread.
        public init() {}
    }

    /// What this finder compares and keeps.
    public let options: Options

    /// A finder with `options`.
    public init(options: Options) {
        self.options = options
    }

    /// The clusters of `problems` and which problems are kept.
    public func run(_ problems: ProblemCollection) -> DedupResult {
        let count = problems.count
        var groups = UnionFind(count: count)
        var exactKeys: [UInt64] = []
        var templateKeys: [UInt64] = []
        exactKeys.reserveCapacity(count)
        templateKeys.reserveCapacity(count)
        let masker = NumberMasker()
        for i in 0..<count {
            problems.withText(i) { bytes in
                exactKeys.append(TextKeys.exact(bytes))
                templateKeys.append(masker.key(ofBytes: bytes))
            }
        }
        if options.methods.contains(.exact) { linkEqual(exactKeys, &groups) }
        if options.methods.contains(.template) { linkEqual(templateKeys, &groups) }
        var signatures: ProblemSignatures?
        if options.methods.contains(.minhash) {
            let signed = ProblemSignatures(problems, hasher: MinHasher(settings: options.minHash), threads: options.threads)
            linkBands(signed, &groups)
            signatures = signed
        }

        // Clusters: members grouped by their root, which is the group's smallest index.
        var membersOfRoot: [Int: [Int]] = [:]
        for i in 0..<count {
            let root = groups.find(i)
            if root != i { membersOfRoot[root, default: [root]].append(i) }
        }
        var clusters: [DuplicateCluster] = []
        var keep = [Bool](repeating: true, count: count)
        var dropped: [DedupMethod: Int] = [:]
        for root in membersOfRoot.keys.sorted() {
            let indices = membersOfRoot[root]!
            var kept = indices[0]
            if options.keep == .longest {
                for i in indices where problems.textLength(i) > problems.textLength(kept) { kept = i }
            }
            var members: [DuplicateCluster.Member] = []
            for i in indices {
                let similarity = signatures.map { $0.similarity(i, kept) }
                guard i != kept else {
                    members.append(.init(index: i, reason: nil, similarity: similarity))
                    continue
                }
                let reason: DedupMethod =
                    exactKeys[i] == exactKeys[kept] ? .exact : templateKeys[i] == templateKeys[kept] ? .template : .minhash
                members.append(.init(index: i, reason: reason, similarity: similarity))
                keep[i] = false
                dropped[reason, default: 0] += 1
            }
            clusters.append(DuplicateCluster(members: members, kept: kept))
        }
        return DedupResult(clusters: clusters, keep: keep, droppedByReason: dropped)
    }

    /// Links every problem to the first one with the same key.
    private func linkEqual(_ keys: [UInt64], _ groups: inout UnionFind) {
        let order = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
        var runStart = 0
        for k in 1..<max(1, order.count) {
            if keys[order[k]] == keys[order[runStart]] {
                groups.union(order[runStart], order[k])
            } else {
                runStart = k
            }
        }
    }

    /// LSH: per band, sorts the problems by band hash and links each bucket's members to its
    /// first member when the estimated similarity reaches the threshold.
    private func linkBands(_ signatures: ProblemSignatures, _ groups: inout UnionFind) {
        let settings = options.minHash
        let hasher = signatures.hasher
        let signed = signatures.hasWords.indices.filter { signatures.hasWords[$0] }
        var entries: [(hash: UInt64, index: Int)] = []
        entries.reserveCapacity(signed.count)
        for band in 0..<settings.bands {
            entries.removeAll(keepingCapacity: true)
            for i in signed {
                entries.append((signatures.withSignature(i) { hasher.bandHash($0, band: band) }, i))
            }
            entries.sort { ($0.hash, $0.index) < ($1.hash, $1.index) }
            var runStart = 0
            for k in 1..<max(1, entries.count) {
                guard entries[k].hash == entries[runStart].hash else {
                    runStart = k
                    continue
                }
                let first = entries[runStart].index, other = entries[k].index
                if groups.find(first) != groups.find(other), signatures.similarity(first, other) >= settings.threshold {
                    groups.union(first, other)
                }
            }
        }
    }
}

/// Disjoint sets over 0..<count whose root is always the smallest member.
struct UnionFind {
    private var parent: [Int32]

    init(count: Int) { parent = (0..<count).map { Int32($0) } }

    mutating func find(_ i: Int) -> Int {
        var root = i
        while Int(parent[root]) != root { root = Int(parent[root]) }
        var k = i
        while Int(parent[k]) != root {
            let next = Int(parent[k])
            parent[k] = Int32(root)
            k = next
        }
        return root
    }

    mutating func union(_ a: Int, _ b: Int) {
        let ra = find(a), rb = find(b)
        if ra < rb { parent[rb] = Int32(ra) } else if rb < ra { parent[ra] = Int32(rb) }
    }
}
