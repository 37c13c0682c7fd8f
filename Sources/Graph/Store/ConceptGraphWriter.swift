/// Keeps concepts, spellings, mentions, problem counts and co-occurrence edges consistent
/// while problems are added, replaced or rewritten — within the caller's transaction.
///
/// Every change to a problem's mention set is recorded as deltas (per concept, per spelling,
/// per concept pair) in memory and applied in sorted order by `flush()`/`finish()`, which is
/// what makes bulk ingest fast: one upsert per distinct edge instead of one per pair seen.
final class ConceptGraphWriter {
    /// A concept mention as stored: which concept, under which spelling.
    struct Mention: Hashable {
        var concept: Int64
        var spelling: Int64
    }

    private struct KindKey: Hashable {
        var kind: ConceptKind
        var key: String
    }

    private struct KindText: Hashable {
        var kind: ConceptKind
        var text: String
    }

    /// A spelling resolved to its concept (nil when the name normalises to nothing).
    private struct Resolution {
        var mention: Mention?
    }

    let database: SQLiteDatabase
    private var conceptByKey: [KindKey: Int64] = [:]
    private var resolved: [KindText: Resolution] = [:]
    private var keyCache: [String: ConceptKey] = [:]

    private var edgeDelta: [UInt64: Int32] = [:]
    private var problemCountDelta: [Int64: Int32] = [:]
    private var spellingCountDelta: [Int64: Int32] = [:]
    private var touchedConcepts: Set<Int64> = []

    /// Edge deltas held before an intermediate flush bounds memory on huge ingests.
    var maximumPendingEdges = 8_000_000

    /// New concepts created through this writer.
    private(set) var conceptsCreated = 0
    /// Distinct edge rows inserted, updated or deleted by flushes.
    private(set) var edgeRowsWritten = 0

    private let insertConcept: SQLiteStatement
    private let findSpelling: SQLiteStatement
    private let insertSpelling: SQLiteStatement
    private let insertMention: SQLiteStatement
    private let deleteMentions: SQLiteStatement
    private let selectMentions: SQLiteStatement

    init(database: SQLiteDatabase) throws {
        self.database = database
        insertConcept = try database.prepare("INSERT INTO concept(kind, key, name, problem_count) VALUES (?, ?, ?, 0)")
        findSpelling = try database.prepare("SELECT id FROM spelling WHERE concept = ? AND text = ?")
        insertSpelling = try database.prepare("INSERT INTO spelling(concept, text, count) VALUES (?, ?, 0)")
        insertMention = try database.prepare("INSERT INTO mention(problem, concept, spelling) VALUES (?, ?, ?)")
        deleteMentions = try database.prepare("DELETE FROM mention WHERE problem = ?")
        selectMentions = try database.prepare("SELECT concept, spelling FROM mention WHERE problem = ? ORDER BY concept")

        let concepts = try database.prepare("SELECT id, kind, key FROM concept")
        while try concepts.step() {
            let kind = ConceptKind(rawValue: concepts.text(1)) ?? .kp
            conceptByKey[KindKey(kind: kind, key: concepts.text(2))] = concepts.int64(0)
        }
        // Aliases win over a concept of the same key (there is none after a merge, but an
        // alias must never be shadowed).
        let aliases = try database.prepare("SELECT kind, key, concept FROM alias")
        while try aliases.step() {
            let kind = ConceptKind(rawValue: aliases.text(0)) ?? .kp
            conceptByKey[KindKey(kind: kind, key: aliases.text(1))] = aliases.int64(2)
        }
    }

    /// The concept id for a normalised key, following aliases; nil if unknown.
    func conceptID(kind: ConceptKind, key: ConceptKey) -> Int64? {
        conceptByKey[KindKey(kind: kind, key: key.rawValue)]
    }

    /// The normalised key of `text`, cached: names repeat across millions of records.
    func key(for text: String) -> ConceptKey {
        if let hit = keyCache[text] { return hit }
        let key = ConceptKey(text)
        keyCache[text] = key
        return key
    }

    /// Resolves `text` to its concept and spelling, creating either when new. Returns nil
    /// when the name normalises to an empty key.
    func resolve(kind: ConceptKind, text: String) throws -> Mention? {
        let cacheKey = KindText(kind: kind, text: text)
        if let hit = resolved[cacheKey] { return hit.mention }
        let key = key(for: text)
        guard !key.isEmpty else {
            resolved[cacheKey] = Resolution(mention: nil)
            return nil
        }
        let kindKey = KindKey(kind: kind, key: key.rawValue)
        let concept: Int64
        if let existing = conceptByKey[kindKey] {
            concept = existing
        } else {
            insertConcept.reset()
            insertConcept.bind(kind.rawValue, at: 1)
            insertConcept.bind(key.rawValue, at: 2)
            insertConcept.bind(text, at: 3)
            try insertConcept.run()
            concept = database.lastInsertRowID
            conceptByKey[kindKey] = concept
            conceptsCreated += 1
        }
        let spelling = try spellingID(concept: concept, text: text)
        let mention = Mention(concept: concept, spelling: spelling)
        resolved[cacheKey] = Resolution(mention: mention)
        return mention
    }

    private func spellingID(concept: Int64, text: String) throws -> Int64 {
        findSpelling.reset()
        findSpelling.bind(concept, at: 1)
        findSpelling.bind(text, at: 2)
        if try findSpelling.step() {
            let id = findSpelling.int64(0)
            findSpelling.reset()
            return id
        }
        insertSpelling.reset()
        insertSpelling.bind(concept, at: 1)
        insertSpelling.bind(text, at: 2)
        try insertSpelling.run()
        return database.lastInsertRowID
    }

    /// The stored mentions of `problem`, ordered by concept.
    func mentions(ofProblem problem: Int64) throws -> [Mention] {
        selectMentions.reset()
        selectMentions.bind(problem, at: 1)
        var result: [Mention] = []
        while try selectMentions.step() {
            result.append(Mention(concept: selectMentions.int64(0), spelling: selectMentions.int64(1)))
        }
        return result
    }

    /// Replaces the mentions of `problem` (`old`, as stored) with `new` (one per concept),
    /// recording every count and edge change.
    func replaceMentions(ofProblem problem: Int64, old: [Mention], new: [Mention]) throws {
        if !old.isEmpty {
            record(old, sign: -1)
            deleteMentions.reset()
            deleteMentions.bind(problem, at: 1)
            try deleteMentions.run()
        }
        guard !new.isEmpty else { return }
        record(new, sign: 1)
        for mention in new {
            insertMention.reset()
            insertMention.bind(problem, at: 1)
            insertMention.bind(mention.concept, at: 2)
            insertMention.bind(mention.spelling, at: 3)
            try insertMention.run()
        }
        if edgeDelta.count > maximumPendingEdges { try flushEdges() }
    }

    private func record(_ mentions: [Mention], sign: Int32) {
        for mention in mentions {
            problemCountDelta[mention.concept, default: 0] += sign
            spellingCountDelta[mention.spelling, default: 0] += sign
            touchedConcepts.insert(mention.concept)
        }
        let concepts = mentions.map(\.concept).sorted()
        for i in 0..<concepts.count {
            let a = UInt64(UInt32(truncatingIfNeeded: concepts[i])) << 32
            for j in (i + 1)..<concepts.count {
                edgeDelta[a | UInt64(UInt32(truncatingIfNeeded: concepts[j])), default: 0] += sign
            }
        }
    }

    /// Applies pending edge deltas in key order.
    func flushEdges() throws {
        guard !edgeDelta.isEmpty else { return }
        let keys = edgeDelta.keys.sorted()
        let add = try database.prepare(
            "INSERT INTO edge(a, b, count) VALUES (?, ?, ?) ON CONFLICT(a, b) DO UPDATE SET count = count + excluded.count")
        let removeIfExhausted = try database.prepare("DELETE FROM edge WHERE a = ? AND b = ? AND count = ?")
        let subtract = try database.prepare("UPDATE edge SET count = count + ? WHERE a = ? AND b = ?")
        for key in keys {
            let delta = edgeDelta[key]!
            if delta == 0 { continue }
            let a = Int64(key >> 32), b = Int64(key & 0xFFFF_FFFF)
            if delta > 0 {
                add.bind(a, at: 1)
                add.bind(b, at: 2)
                add.bind(Int64(delta), at: 3)
                try add.run()
            } else {
                removeIfExhausted.bind(a, at: 1)
                removeIfExhausted.bind(b, at: 2)
                removeIfExhausted.bind(Int64(-delta), at: 3)
                try removeIfExhausted.run()
                if database.changes == 0 {
                    subtract.bind(Int64(delta), at: 1)
                    subtract.bind(a, at: 2)
                    subtract.bind(b, at: 3)
                    try subtract.run()
                }
            }
            edgeRowsWritten += 1
        }
        edgeDelta.removeAll(keepingCapacity: false)
    }

    /// The most frequent spelling of `concept`. Spellings of the concept's own key come
    /// before spellings that reached it through an alias, so a merge keeps the name of the
    /// concept merged into; ties go to the alphabetically first spelling.
    private func displayName(of concept: Int64, spellings: SQLiteStatement) throws -> String? {
        spellings.reset()
        spellings.bind(concept, at: 1)
        var best: (ownKey: Bool, count: Int, text: String)?
        while try spellings.step() {
            let text = spellings.text(1)
            let candidate = (ownKey: key(for: text).rawValue == spellings.text(0), count: spellings.int(2), text: text)
            if let current = best {
                let better = (candidate.ownKey && !current.ownKey)
                    || (candidate.ownKey == current.ownKey && (candidate.count > current.count
                        || (candidate.count == current.count && candidate.text < current.text)))
                if better { best = candidate }
            } else {
                best = candidate
            }
        }
        return best?.text
    }

    /// Applies every pending change: edges, problem and spelling counts, display names,
    /// and removes spellings and concepts no problem mentions any more (unless an alias
    /// points at the concept).
    func finish() throws {
        try flushEdges()
        let addProblems = try database.prepare("UPDATE concept SET problem_count = problem_count + ? WHERE id = ?")
        for (concept, delta) in problemCountDelta.sorted(by: { $0.key < $1.key }) where delta != 0 {
            addProblems.bind(Int64(delta), at: 1)
            addProblems.bind(concept, at: 2)
            try addProblems.run()
        }
        let addSpellings = try database.prepare("UPDATE spelling SET count = count + ? WHERE id = ?")
        for (spelling, delta) in spellingCountDelta.sorted(by: { $0.key < $1.key }) where delta != 0 {
            addSpellings.bind(Int64(delta), at: 1)
            addSpellings.bind(spelling, at: 2)
            try addSpellings.run()
        }
        let dropSpellings = try database.prepare(
            "DELETE FROM spelling WHERE concept = ? AND count <= 0 AND id NOT IN (SELECT spelling FROM mention WHERE concept = ?)")
        let dropConcept = try database.prepare(
            "DELETE FROM concept WHERE id = ? AND problem_count <= 0 AND id NOT IN (SELECT concept FROM alias)")
        let spellings = try database.prepare("""
            SELECT c.key, s.text, s.count FROM spelling s JOIN concept c ON c.id = s.concept
            WHERE s.concept = ? AND s.count > 0
            """)
        let rename = try database.prepare("UPDATE concept SET name = ?1 WHERE id = ?2 AND name != ?1")
        var removed: Set<Int64> = []
        for concept in touchedConcepts.sorted() {
            dropSpellings.bind(concept, at: 1)
            dropSpellings.bind(concept, at: 2)
            try dropSpellings.run()
            dropConcept.bind(concept, at: 1)
            try dropConcept.run()
            if database.changes > 0 {
                removed.insert(concept)
                continue
            }
            if let name = try displayName(of: concept, spellings: spellings) {
                rename.bind(name, at: 1)
                rename.bind(concept, at: 2)
                try rename.run()
            }
        }
        if !removed.isEmpty {
            conceptByKey = conceptByKey.filter { !removed.contains($0.value) }
        }
        // Spellings may have been deleted: resolve afresh from here on.
        resolved.removeAll()
        problemCountDelta.removeAll()
        spellingCountDelta.removeAll()
        touchedConcepts.removeAll()
    }
}
