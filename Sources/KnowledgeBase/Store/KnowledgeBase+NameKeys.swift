extension KnowledgeBase {
    /// Every name key the store resolves, per kind: each concept's own key and every alias
    /// (`kg merge`), key → concept id, aliases winning as in `concept(named:)`.
    ///
    /// Queries use it so that `topic "…"` finds exactly what the store would, even for a
    /// concept whose display name changed in a merge.
    public func nameKeys() throws -> PerKind<[String: Int64]> {
        var keys = PerKind<[String: Int64]>(topic: [:], kp: [:])
        for sql in ["SELECT kind, key, id FROM concept WHERE problem_count > 0", "SELECT kind, key, concept FROM alias"] {
            let statement = try database.prepare(sql)
            while try statement.step() {
                let kind: ConceptKind = statement.text(0) == ConceptKind.topic.rawValue ? .topic : .kp
                keys[kind][statement.text(1)] = statement.int64(2)
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
}
