/// How names find concepts in a snapshot, kept with it (and in its file) so a query resolves
/// `topic "…"` and orders by name without reading every key from SQLite or sorting every
/// name first:
///
/// - `keys`: each node's normalised key as the store keeps it (`concept.key`);
/// - aliases from `kg merge` (kind, key, concept id), sorted by kind and key bytes;
/// - `keyOrder`: the nodes sorted by kind and key bytes, for binary search;
/// - `nameRanks`: each node's position among all nodes sorted by display name (Swift's
///   `String` order), then node number — the order queries fall back to.
public struct NameIndex: Sendable, Equatable {
    public let keys: StringTable
    public let keyOrder: FlatArray<Int32>
    public let aliasKinds: FlatArray<ConceptKind>
    public let aliasKeys: StringTable
    public let aliasConcepts: FlatArray<Int64>
    public let nameRanks: FlatArray<Int32>
    /// Each node's position in the natural order of concepts: most problems first, then by
    /// display name, then node number.
    public let naturalRanks: FlatArray<Int32>

    init(
        keys: StringTable, keyOrder: FlatArray<Int32>, aliasKinds: FlatArray<ConceptKind>, aliasKeys: StringTable,
        aliasConcepts: FlatArray<Int64>, nameRanks: FlatArray<Int32>, naturalRanks: FlatArray<Int32>
    ) {
        self.keys = keys
        self.keyOrder = keyOrder
        self.aliasKinds = aliasKinds
        self.aliasKeys = aliasKeys
        self.aliasConcepts = aliasConcepts
        self.nameRanks = nameRanks
        self.naturalRanks = naturalRanks
    }

    /// No index (a snapshot built without the store's keys).
    public init() {
        self.init(
            keys: StringTable([]), keyOrder: [], aliasKinds: [], aliasKeys: StringTable([]), aliasConcepts: [], nameRanks: [], naturalRanks: [])
    }

    /// Whether the index was built (it is for every snapshot a `KnowledgeBase` makes).
    public var isEmpty: Bool { nameRanks.isEmpty && keys.isEmpty }

    /// The index of nodes with these kinds, names, problem counts and stored keys, and the store's aliases.
    public init(
        kinds: FlatArray<ConceptKind>, names: StringTable, problemCounts: FlatArray<Int32>, keys: [String],
        aliases: [(kind: ConceptKind, key: String, concept: Int64)]
    ) {
        let nameList = Array(names)
        let byName = nameList.indices.sorted { nameList[$0] != nameList[$1] ? nameList[$0] < nameList[$1] : $0 < $1 }
        var ranks = [Int32](repeating: 0, count: byName.count)
        for (position, node) in byName.enumerated() { ranks[node] = Int32(position) }
        let natural = ranks.indices.sorted {
            problemCounts[$0] != problemCounts[$1] ? problemCounts[$0] > problemCounts[$1] : ranks[$0] < ranks[$1]
        }
        var naturalRanks = [Int32](repeating: 0, count: natural.count)
        for (position, node) in natural.enumerated() { naturalRanks[node] = Int32(position) }
        let keyBytes = keys.map { Array($0.utf8) }
        let order = keys.indices.sorted {
            kinds[$0] != kinds[$1] ? kinds[$0] == .topic : keyBytes[$0] != keyBytes[$1] ? keyBytes[$0].lexicographicallyPrecedes(keyBytes[$1]) : $0 < $1
        }
        let sortedAliases = aliases.sorted {
            $0.kind != $1.kind ? $0.kind == .topic : Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8))
        }
        self.init(
            keys: StringTable(keys), keyOrder: FlatArray(order.map { Int32($0) }), aliasKinds: FlatArray(sortedAliases.map(\.kind)),
            aliasKeys: StringTable(sortedAliases.map(\.key)), aliasConcepts: FlatArray(sortedAliases.map(\.concept)),
            nameRanks: FlatArray(ranks), naturalRanks: FlatArray(naturalRanks))
    }

    /// The concept id an alias of `kind` with this key points to.
    public func aliasConcept(forKey key: String, kind: ConceptKind) -> Int64? {
        let target = Array(key.utf8)
        var low = 0, high = aliasConcepts.count
        while low < high {
            let mid = (low + high) / 2
            if NameIndex.precedes(aliasKinds[mid], aliasKeys.bytes(at: mid), kind, target) { low = mid + 1 } else { high = mid }
        }
        guard low < aliasConcepts.count, aliasKinds[low] == kind, aliasKeys.bytes(at: low).elementsEqual(target) else { return nil }
        return aliasConcepts[low]
    }

    /// The node of `kind` whose stored key is `key` (the lowest node on a clash).
    public func node(forKey key: String, kind: ConceptKind, kinds: FlatArray<ConceptKind>) -> Int32? {
        let target = Array(key.utf8)
        var low = 0, high = keyOrder.count
        while low < high {
            let mid = (low + high) / 2
            let node = Int(keyOrder[mid])
            if NameIndex.precedes(kinds[node], keys.bytes(at: node), kind, target) { low = mid + 1 } else { high = mid }
        }
        guard low < keyOrder.count else { return nil }
        let node = Int(keyOrder[low])
        return kinds[node] == kind && keys.bytes(at: node).elementsEqual(target) ? Int32(node) : nil
    }

    /// (kind, key bytes) order: topics first, then bytes.
    private static func precedes(_ kind: ConceptKind, _ key: UnsafeBufferPointer<UInt8>, _ otherKind: ConceptKind, _ other: [UInt8]) -> Bool {
        if kind != otherKind { return kind == .topic }
        return key.lexicographicallyPrecedes(other)
    }
}

extension StringTable {
    /// The UTF-8 bytes of string `position`, in place.
    func bytes(at position: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes.buffer[Int(offsets[position])..<Int(offsets[position + 1])])
    }
}
