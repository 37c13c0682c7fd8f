/// Re-keys the concepts of a store written before concept keys were put in Unicode
/// normalisation form C without invisible characters (`ConceptKey` rule 0).
///
/// Such a store may hold a key in NFD or with a zero-width character that today's key
/// function never produces, so the next ingest of the same name would make a second
/// concept. On open, each concept whose key is not ASCII gets the key of its name, and each
/// alias the canonical form of its key, in one transaction; meta `name_keys` = 2 records
/// that it is done. A key that would collide with another concept's stays as it was (that
/// concept keeps working under its old key), and a store that cannot be written (read-only)
/// is left as it is and upgraded by the next writer.
extension KnowledgeBase {
    /// The version of the key function the store's keys were made with.
    static let nameKeyVersion = "2"

    func upgradeNameKeys() throws {
        let check = try database.prepare("SELECT value FROM meta WHERE key = 'name_keys'")
        if try check.step(), check.text(0) == KnowledgeBase.nameKeyVersion { return }
        let markDone = "INSERT OR REPLACE INTO meta(key, value) VALUES ('name_keys', '\(KnowledgeBase.nameKeyVersion)')"
        let nonASCII = try database.scalarInt(
            "SELECT (SELECT count(*) FROM concept WHERE length(CAST(key AS BLOB)) != length(key)) + (SELECT count(*) FROM alias WHERE length(CAST(key AS BLOB)) != length(key))")
        // Nothing to re-key (a new store, or one of ASCII names): mark it without a content change.
        guard nonASCII > 0 else { return try database.execute(markDone) }
        try database.transaction {
            // Keys whose byte length differs from their character length are not ASCII.
            let concepts = try database.prepare("SELECT id, kind, key, name FROM concept WHERE length(CAST(key AS BLOB)) != length(key)")
            var conceptKeys: [(id: Int64, kind: String, key: String)] = []
            while try concepts.step() {
                let key = ConceptKey(concepts.text(3)).rawValue
                // Swift's == calls canonically equivalent strings equal: compare the bytes SQLite compares.
                if !key.utf8.elementsEqual(concepts.text(2).utf8) { conceptKeys.append((concepts.int64(0), concepts.text(1), key)) }
            }
            let taken = try database.prepare(
                "SELECT (SELECT count(*) FROM concept WHERE kind = ?1 AND key = ?2) + (SELECT count(*) FROM alias WHERE kind = ?1 AND key = ?2)")
            let updateConcept = try database.prepare("UPDATE concept SET key = ? WHERE id = ?")
            for (id, kind, key) in conceptKeys {
                try taken.bind([.text(kind), .text(key)])
                guard try taken.step(), taken.int64(0) == 0 else { continue }
                try updateConcept.bind([.text(key), .integer(id)])
                try updateConcept.run()
            }
            let aliases = try database.prepare("SELECT kind, key FROM alias WHERE length(CAST(key AS BLOB)) != length(key)")
            var aliasKeys: [(kind: String, old: String, new: String)] = []
            while try aliases.step() {
                let key = ConceptKey.canonicalForm(aliases.text(1)).split(separator: " ").joined(separator: " ")
                if !key.utf8.elementsEqual(aliases.text(1).utf8) { aliasKeys.append((aliases.text(0), aliases.text(1), key)) }
            }
            let updateAlias = try database.prepare("UPDATE alias SET key = ? WHERE kind = ? AND key = ?")
            for (kind, old, key) in aliasKeys {
                try taken.bind([.text(kind), .text(key)])
                guard try taken.step(), taken.int64(0) == 0 else { continue }
                try updateAlias.bind([.text(key), .text(kind), .text(old)])
                try updateAlias.run()
            }
            try database.execute(markDone)
        }
    }
}
