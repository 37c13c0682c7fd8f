import Graph

extension KnowledgeBase {
    /// Every name key the store resolves, per kind: each concept's own key and every alias
    /// (`kg merge`), key → concept id, aliases winning as in `concept(named:)`.
    ///
    /// Pass it to `QueryEvaluator(snapshot:aliases:)` so that `topic "…"` finds exactly what
    /// the store would, even for a concept whose display name changed in a merge.
    public func queryNameKeys() throws -> [ConceptKind: [String: Int64]] {
        var keys: [ConceptKind: [String: Int64]] = [.topic: [:], .kp: [:]]
        for sql in ["SELECT kind, key, id FROM concept WHERE problem_count > 0", "SELECT kind, key, concept FROM alias"] {
            let statement = try database.prepare(sql)
            while try statement.step() {
                let kind: ConceptKind = statement.text(0) == ConceptKind.topic.rawValue ? .topic : .kp
                keys[kind, default: [:]][statement.text(1)] = statement.int64(2)
            }
        }
        return keys
    }

    /// Each node's stored key (`concept.key`) in the node order of `snapshot`.
    public func conceptKeys(for snapshot: GraphSnapshot) throws -> [String] {
        var keys = [String](repeating: "", count: snapshot.nodeCount)
        let statement = try database.prepare("SELECT id, key FROM concept WHERE problem_count > 0")
        while try statement.step() {
            if let node = snapshot.node(forConceptID: statement.int64(0)) { keys[node] = statement.text(1) }
        }
        return keys
    }

    /// A snapshot with what `query` needs: the problems themselves only for `problems` and
    /// `id`; for `level` and `source` conditions on concepts, only the per-concept level and
    /// source masks (one pass over the problems that builds nothing per problem);
    /// otherwise the concept graph alone. With `query` nil, everything.
    public func snapshot(for query: Query?) throws -> GraphSnapshot {
        switch query?.problemUse ?? .problems {
        case .problems: return try snapshot(includeProblems: true)
        case .none: return try snapshot(includeProblems: false)
        case .masks:
            var snapshot = try snapshot(includeProblems: false)
            try loadLevelAndSourceMasks(into: &snapshot)
            return snapshot
        }
    }

    /// Fills `levelMasks`, `sourceNames`, `sourceMasks` and `extraSources` exactly as
    /// `snapshot(includeProblems: true)` does, without building the problems.
    func loadLevelAndSourceMasks(into snapshot: inout GraphSnapshot) throws {
        snapshot.sourceNames = []
        let sources = try database.prepare("SELECT DISTINCT source FROM problem WHERE source IS NOT NULL ORDER BY source")
        while try sources.step() { snapshot.sourceNames.append(sources.text(0)) }
        var sourceIndex: [String: Int32] = [:]
        for (i, name) in snapshot.sourceNames.enumerated() { sourceIndex[name] = Int32(i) }
        snapshot.levelMasks = [UInt16](repeating: 0, count: snapshot.nodeCount)
        snapshot.sourceMasks = [UInt64](repeating: 0, count: snapshot.nodeCount)
        snapshot.extraSources = [:]
        // Concept id → node, dense when the ids are (they are row ids), else by search.
        let maxID = snapshot.conceptIDs.last ?? 0
        var nodeOfID: [Int32] = []
        if maxID <= Int64(4 * snapshot.nodeCount + 1024) {
            nodeOfID = [Int32](repeating: -1, count: Int(maxID) + 1)
            for (node, id) in snapshot.conceptIDs.enumerated() where id >= 0 { nodeOfID[Int(id)] = Int32(node) }
        }
        var levelBits: [String: UInt16] = [:]
        let rows = try database.prepare("SELECT level, source, mentions FROM problem")
        while try rows.step() {
            var levelBit: UInt16 = 0
            if let text = rows.optionalText(0) {
                if let bit = levelBits[text] {
                    levelBit = bit
                } else {
                    levelBit = Level(rawValue: text).map { 1 << UInt16($0.rank) } ?? 0
                    levelBits[text] = levelBit
                }
            }
            let source = rows.optionalText(1).flatMap { sourceIndex[$0] } ?? -1
            var list = rows.text(2)
            list.withUTF8 { bytes in
                // `[[concept,spelling],…]`: the first number of each inner pair is a concept id.
                var depth = 0, position = 0, value: Int64 = 0, inNumber = false
                for byte in bytes {
                    if byte >= 0x30 && byte <= 0x39 {
                        value = value &* 10 &+ Int64(byte - 0x30)
                        inNumber = true
                        continue
                    }
                    if inNumber {
                        if depth == 2 && position == 0 {
                            var node = -1
                            if value >= 0 && value < Int64(nodeOfID.count) {
                                node = Int(nodeOfID[Int(value)])
                            } else if nodeOfID.isEmpty {
                                node = snapshot.node(forConceptID: value) ?? -1
                            }
                            if node >= 0 {
                                snapshot.levelMasks[node] |= levelBit
                                if source >= 64 {
                                    snapshot.extraSources[Int32(node), default: []].insert(source)
                                } else if source >= 0 {
                                    snapshot.sourceMasks[node] |= 1 << UInt64(source)
                                }
                            }
                        }
                        value = 0
                        inNumber = false
                    }
                    switch byte {
                    case UInt8(ascii: "["): depth += 1; position = 0
                    case UInt8(ascii: "]"): depth -= 1
                    case UInt8(ascii: ","): position += 1
                    default: break
                    }
                }
            }
        }
    }
}

extension QueryEvaluator {
    /// An evaluator over a fresh snapshot of `knowledgeBase` holding what `query` needs
    /// (`KnowledgeBase.snapshot(for:)`), with the store's name keys and aliases.
    public convenience init(knowledgeBase: KnowledgeBase, for query: Query? = nil) throws {
        let snapshot = try knowledgeBase.snapshot(for: query)
        self.init(snapshot: snapshot, aliases: try knowledgeBase.queryNameKeys(), keys: try knowledgeBase.conceptKeys(for: snapshot))
    }
}
