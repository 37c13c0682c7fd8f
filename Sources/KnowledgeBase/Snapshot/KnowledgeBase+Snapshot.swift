extension KnowledgeBase {
    /// The concept graph: the snapshot file beside the database (`snapshotPath`), mapped and
    /// used in place, when it is whole and of the database's current generation; otherwise
    /// built from the store and saved there for the next call (when the folder is writable:
    /// else used from memory, with one note to `onSnapshotNote`).
    ///
    /// `contents` is what the caller needs: a mapped or saved snapshot holds everything; one
    /// built without a file (`usesSnapshotFile` false) holds only that much.
    public func snapshot(_ contents: SnapshotContents = .problems) throws -> GraphSnapshot {
        guard usesSnapshotFile, path != ":memory:" else { return try database.readTransaction { try buildSnapshot(contents) } }
        if let identity = try identity() {
            if case .success(let mapped) = SnapshotFile.load(path: snapshotPath, generation: try generation(), identity: identity) {
                return mapped
            }
        }
        return try saveSnapshot().snapshot
    }

    /// What `saveSnapshot` did.
    public struct SnapshotSave {
        public var snapshot: GraphSnapshot
        /// The file's size, or nil when it could not be written (see `problem`).
        public var bytes: Int?
        public var problem: String?
    }

    /// Builds the full snapshot from the store, in one read transaction with the generation
    /// it describes, and writes it to `snapshotPath` atomically. A folder that cannot be
    /// written is not an error: the snapshot is returned, with the reason it was not saved
    /// (also sent to `onSnapshotNote`).
    @discardableResult
    public func saveSnapshot() throws -> SnapshotSave {
        let (snapshot, generation, identity) = try database.readTransaction {
            (try buildSnapshot(.problems), try self.generation(), try self.identity())
        }
        guard let identity else {
            let problem = "\(path) is read-only and has no identity yet: the graph is read from it on every call"
            onSnapshotNote?(problem)
            return SnapshotSave(snapshot: snapshot, bytes: nil, problem: problem)
        }
        do {
            let bytes = try SnapshotFile.write(snapshot, generation: generation, identity: identity, to: snapshotPath)
            return SnapshotSave(snapshot: snapshot, bytes: bytes, problem: nil)
        } catch let error as OutputFile.WriteError {
            let problem = "cannot save the snapshot \(snapshotPath) (\(error.reason)): using one built in memory"
            onSnapshotNote?(problem)
            return SnapshotSave(snapshot: snapshot, bytes: nil, problem: problem)
        }
    }

    /// The state of the snapshot file: its header and whether it can be used now.
    public func snapshotState() throws -> (header: SnapshotFile.Header?, problem: SnapshotFile.Problem?) {
        let generation = try generation()
        let identity = try identity()
        switch SnapshotFile.header(at: snapshotPath) {
        case .failure(let problem): return (nil, problem)
        case .success(let header):
            guard let identity, header.identity == identity else { return (header, .otherDatabase) }
            guard header.generation == generation else { return (header, .stale(snapshot: header.generation, database: generation)) }
            if case .failure(let problem) = SnapshotFile.load(path: snapshotPath, generation: generation, identity: identity, verifyBody: true) {
                return (header, problem)
            }
            return (header, nil)
        }
    }

    /// Reads the concept graph from the store into memory, with as much of the problems as
    /// `contents` asks for. Concepts no problem mentions are left out.
    public func buildSnapshot(_ contents: SnapshotContents = .problems) throws -> GraphSnapshot {
        var conceptIDs: [Int64] = [], kinds: [ConceptKind] = [], names: [String] = [], counts: [Int32] = []
        let concepts = try database.prepare("SELECT id, kind, name, problem_count FROM concept WHERE problem_count > 0 ORDER BY id")
        while try concepts.step() {
            conceptIDs.append(concepts.int64(0))
            kinds.append(concepts.text(1) == ConceptKind.topic.rawValue ? .topic : .kp)
            names.append(concepts.text(2))
            counts.append(Int32(clamping: concepts.int64(3)))
        }
        let n = conceptIDs.count
        let empty = GraphSnapshot.Adjacency(offsets: [], targets: [], counts: [])
        var snapshot = GraphSnapshot(
            conceptIDs: FlatArray(conceptIDs), kinds: FlatArray(kinds), names: StringTable(names), problemCounts: FlatArray(counts),
            levelMasks: FlatArray([LevelSet](repeating: [], count: n)), adjacency: PerKind(topic: empty, kp: empty))

        // Edges, read in pair order; every edge goes into both endpoints' lists.
        var edgeA: [Int32] = [], edgeB: [Int32] = [], edgeCount: [Int32] = []
        let edges = try database.prepare("SELECT a, b, count FROM edge ORDER BY pair")
        while try edges.step() {
            guard let a = snapshot.node(forConceptID: edges.int64(0)), let b = snapshot.node(forConceptID: edges.int64(1)) else { continue }
            edgeA.append(Int32(a))
            edgeB.append(Int32(b))
            edgeCount.append(Int32(clamping: edges.int64(2)))
        }
        snapshot.adjacency = PerKind { neighbourKind in
            GraphSnapshot.buildAdjacency(nodeCount: n, kinds: kinds, neighbourKind: neighbourKind, a: edgeA, b: edgeB, counts: edgeCount)
        }
        snapshot.sourceMasks = FlatArray([UInt64](repeating: 0, count: n))
        snapshot.nameIndex = try nameIndex(for: snapshot)
        if contents >= .masks { try loadProblems(into: &snapshot, keepingProblems: contents == .problems) }
        return snapshot
    }

    /// The store's keys and aliases for `snapshot`'s nodes, with the name order.
    private func nameIndex(for snapshot: GraphSnapshot) throws -> NameIndex {
        let keys = try conceptKeys(for: snapshot)
        var aliases: [(kind: ConceptKind, key: String, concept: Int64)] = []
        let statement = try database.prepare("SELECT kind, key, concept FROM alias ORDER BY kind, key")
        while try statement.step() {
            aliases.append((statement.text(0) == ConceptKind.topic.rawValue ? .topic : .kp, statement.text(1), statement.int64(2)))
        }
        return NameIndex(kinds: snapshot.kinds, names: snapshot.names, problemCounts: snapshot.problemCounts, keys: keys, aliases: aliases)
    }

    /// One pass over the problems: every concept's level and source masks, and with
    /// `keepingProblems` each problem's concept lists, level and source.
    private func loadProblems(into snapshot: inout GraphSnapshot, keepingProblems: Bool) throws {
        let sources = try database.prepare("SELECT DISTINCT source FROM problem WHERE source IS NOT NULL ORDER BY source")
        var sourceNames: [String] = []
        while try sources.step() { sourceNames.append(sources.text(0)) }
        snapshot.sourceNames = StringTable(sourceNames)
        var sourceIndex: [String: Int32] = [:]
        for (i, name) in sourceNames.enumerated() { sourceIndex[name] = Int32(i) }
        var levelMasks = snapshot.levelMasks.array
        var sourceMasks = snapshot.sourceMasks.array
        var problems = ProblemTableBuilder()
        // Concept id → node, dense when the ids are (they are row ids), else by search.
        let maxID = snapshot.conceptIDs.last ?? 0
        var nodeOfID: [Int32] = []
        if maxID <= Int64(4 * snapshot.nodeCount + 1024) {
            nodeOfID = [Int32](repeating: -1, count: Int(maxID) + 1)
            for (node, id) in snapshot.conceptIDs.enumerated() where id >= 0 { nodeOfID[Int(id)] = Int32(node) }
        }
        var levels: [String: Level?] = [:]
        var topics: [Int32] = [], kps: [Int32] = []
        let sql =
            keepingProblems
            ? "SELECT level, source, mentions, external_id FROM problem ORDER BY id"
            : "SELECT level, source, mentions FROM problem"
        let rows = try database.prepare(sql)
        while try rows.step() {
            var level: Level?
            if let text = rows.optionalText(0) {
                if let known = levels[text] {
                    level = known
                } else {
                    level = Level(rawValue: text)
                    levels[text] = level
                }
            }
            let levelSet = level.map(LevelSet.init) ?? []
            let source = rows.optionalText(1).flatMap { sourceIndex[$0] } ?? -1
            topics.removeAll(keepingCapacity: true)
            kps.removeAll(keepingCapacity: true)
            MentionList.forEachConceptID(inJSON: rows.text(2)) { id in
                let node: Int
                if id >= 0 && id < Int64(nodeOfID.count) {
                    node = Int(nodeOfID[Int(id)])
                } else if nodeOfID.isEmpty {
                    node = snapshot.node(forConceptID: id) ?? -1
                } else {
                    node = -1
                }
                guard node >= 0 else { return }
                levelMasks[node].formUnion(levelSet)
                if source >= 64 {
                    snapshot.extraSources[Int32(node), default: []].insert(source)
                } else if source >= 0 {
                    sourceMasks[node] |= 1 << UInt64(source)
                }
                if keepingProblems {
                    if snapshot.kinds[node] == .topic { topics.append(Int32(node)) } else { kps.append(Int32(node)) }
                }
            }
            if keepingProblems {
                problems.append(
                    externalID: rows.text(3), level: level, source: source, topics: topics.sorted(), knowledgePoints: kps.sorted())
            }
        }
        snapshot.levelMasks = FlatArray(levelMasks)
        snapshot.sourceMasks = FlatArray(sourceMasks)
        if keepingProblems {
            snapshot.problems = problems.build()
            snapshot.problemIndex = ProblemIndex(problems: snapshot.problems, nodeCount: snapshot.nodeCount)
        }
    }
}
