import KnowledgeBase

/// Normalised names of a snapshot's concepts and the key → node maps that resolve
/// `topic "…"`, built once per evaluator on first use.
///
/// The snapshot holds display names only; their `ConceptKey` is the concept's key except
/// after a merge renamed it, which is why callers pass the store's keys and aliases too
/// (`QueryEvaluator(snapshot:aliases:)`), and why those are looked up first.
struct ConceptIndex {
    /// The normalised display name of every node.
    let keys: [String]
    /// Every key's Unicode scalars, back to back; node n's are `scalarOffsets[n]..<scalarOffsets[n + 1]`.
    private let keyScalars: [UInt32]
    private let scalarOffsets: [Int]
    /// Key → node, per kind (0 topic, 1 KP); on a clash the lower node wins.
    private let nodesByKey: PerKind<[String: Int32]>

    /// - Parameter storedKeys: each node's key as the store has it (`concept.key`), which
    ///   saves normalising every name; nil to normalise the snapshot's names.
    init(snapshot: GraphSnapshot, storedKeys: [String]? = nil) {
        var keys: [String] = []
        keys.reserveCapacity(snapshot.nodeCount)
        var scalars: [UInt32] = []
        var offsets = [0]
        var maps = PerKind<[String: Int32]>(topic: [:], kp: [:])
        let given = storedKeys?.count == snapshot.nodeCount ? storedKeys : nil
        for node in 0..<snapshot.nodeCount {
            let key = given?[node] ?? ConceptKey(snapshot.names[node]).rawValue
            keys.append(key)
            for s in key.unicodeScalars { scalars.append(s.value) }
            offsets.append(scalars.count)
            let kind = snapshot.kinds[node]
            if maps[kind][key] == nil { maps[kind][key] = Int32(node) }
        }
        self.keys = keys
        keyScalars = scalars
        scalarOffsets = offsets
        nodesByKey = maps
    }

    /// Node n's key as scalars.
    func scalars(of node: Int) -> ArraySlice<UInt32> {
        keyScalars[scalarOffsets[node]..<scalarOffsets[node + 1]]
    }

    /// The node whose display name normalises to `key` among concepts of `kind`.
    func node(forKey key: String, kind: ConceptKind) -> Int32? {
        nodesByKey[kind][key]
    }
}
