/// What `KnowledgeBase.merge` did.
public struct MergeResult: Equatable, Sendable {
    /// The concept that remains.
    public var into: ConceptSummary
    /// The name of the concept that was folded in.
    public var mergedName: String
    /// Problems whose mentions were rewritten.
    public var problemsRewritten: Int
}

extension KnowledgeBase {
    /// Folds concept `from` into concept `into`: its mentions, spellings and edges move to
    /// `into`, and its key becomes an alias so that later ingests of that name land on `into`.
    ///
    /// Edge counts stay exact: a problem that mentioned both concepts now mentions one, and
    /// the pair's co-occurrence is removed. Runs in one transaction.
    public func merge(into intoName: String, from fromName: String, kind: ConceptKind? = nil) throws -> MergeResult {
        let target = try concept(named: intoName, kind: kind)
        // B is looked up among concepts of A's kind: a merge never crosses kinds.
        let source = try concept(named: fromName, kind: kind ?? target.kind)
        guard target.id != source.id else { throw KnowledgeBaseError.mergeIntoSelf(name: intoName) }

        return try database.transaction {
            let writer = try ConceptGraphWriter(database: database)
            // Move the spellings first so mentions keep valid spelling ids.
            try database.prepare("UPDATE spelling SET concept = ?1 WHERE concept = ?2")
                .bindAndRun([.integer(target.id), .integer(source.id)])
            let problems = try database.prepare("SELECT DISTINCT problem FROM mention WHERE concept = ? ORDER BY problem")
            try problems.bind([.integer(source.id)])
            var affected: [Int64] = []
            while try problems.step() { affected.append(problems.int64(0)) }
            let store = try database.prepare("UPDATE problem SET mentions = ? WHERE id = ?")
            for problem in affected {
                let old = try writer.mentions(ofProblem: problem)
                var new: [ConceptGraphWriter.Mention] = []
                let hasTarget = old.contains { $0.concept == target.id }
                for mention in old {
                    if mention.concept == source.id {
                        if !hasTarget { new.append(.init(concept: target.id, spelling: mention.spelling)) }
                    } else {
                        new.append(mention)
                    }
                }
                try writer.replaceMentions(old: old, new: new)
                try store.bindAndRun([.text(MentionList(new).jsonText), .integer(problem)])
            }
            try writer.finish()
            // Aliases that pointed at the source now point at the target; the source's key
            // becomes one more alias.
            try database.prepare("UPDATE alias SET concept = ?1 WHERE concept = ?2")
                .bindAndRun([.integer(target.id), .integer(source.id)])
            try database.prepare(
                """
                INSERT INTO alias(kind, key, concept) VALUES (?1, ?2, ?3)
                ON CONFLICT(kind, key) DO UPDATE SET concept = excluded.concept
                """
            ).bindAndRun([.text(source.kind.rawValue), .text(source.key), .integer(target.id)])
            try database.prepare("DELETE FROM concept WHERE id = ?1").bindAndRun([.integer(source.id)])
            let merged = try concept(named: target.name, kind: target.kind)
            return MergeResult(into: merged, mergedName: source.name, problemsRewritten: affected.count)
        }
    }
}

extension SQLiteStatement {
    /// Binds `values` and runs the statement to completion.
    public func bindAndRun(_ values: [SQLiteValue]) throws {
        try bind(values)
        try run()
    }
}
