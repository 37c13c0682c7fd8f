import KnowledgeBase

extension QueryEvaluator {
    /// The evaluator for a knowledge base: over `snapshot`, or a fresh one holding what
    /// `query` needs (`Query.snapshotContents`; everything when `query` is nil), with the
    /// store's name keys and aliases, so names resolve exactly as the store resolves them.
    public convenience init(knowledgeBase: KnowledgeBase, snapshot: GraphSnapshot? = nil, for query: Query? = nil) throws {
        let snapshot = try snapshot ?? knowledgeBase.snapshot(query?.snapshotContents ?? .problems)
        // A snapshot from the store carries its keys and aliases (`NameIndex`): nothing more to read.
        if snapshot.nameIndex.isEmpty {
            self.init(snapshot: snapshot, aliases: try knowledgeBase.nameKeys(), keys: try knowledgeBase.conceptKeys(for: snapshot))
        } else {
            self.init(snapshot: snapshot)
        }
    }
}
