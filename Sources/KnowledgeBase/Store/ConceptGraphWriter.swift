/// Keeps concepts, spellings, problem counts and co-occurrence edges consistent while
/// problems' mention lists are added, replaced or rewritten — within the caller's
/// transaction. The caller stores each problem's new `MentionList` in its row.
///
/// Every change to a problem's mention set is recorded as deltas (per concept, per spelling,
/// per concept pair) in memory and applied in sorted order by `flushEdges()`/`finish()`,
/// which is what makes bulk ingest fast: one upsert per distinct edge instead of one per
/// pair seen.
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

    let database: SQLiteDatabase
    private var conceptByKey: [KindKey: Int64] = [:]
    /// Spelling text → its mention (nil when the name normalises to nothing), per kind.
    private var resolved: [KindText: Mention?] = [:]
    private var keyCache: [String: ConceptKey] = [:]

    private var edgeDelta = PairDeltaLog()
    /// Indexed by concept id and spelling id: ids are dense from 1.
    private var problemCountDelta: [Int32] = []
    private var spellingCountDelta: [Int32] = []
    private var isTouched: [Bool] = []
    private var touchedConcepts: [Int64] = []

    /// Logged pairs held before an intermediate flush (8 bytes each) bounds memory on huge
    /// ingests.
    var maximumPendingPairs = 48_000_000

    /// New concepts created through this writer.
    private(set) var conceptsCreated = 0
    /// Distinct edge rows inserted, updated or deleted by flushes.
    private(set) var edgeRowsWritten = 0

    private let insertConcept: SQLiteStatement
    private let findSpelling: SQLiteStatement
    private let insertSpelling: SQLiteStatement
    private let selectMentions: SQLiteStatement

    init(database: SQLiteDatabase) throws {
        self.database = database
        insertConcept = try database.prepare("INSERT INTO concept(kind, key, name, problem_count) VALUES (?, ?, ?, 0)")
        findSpelling = try database.prepare("SELECT id FROM spelling WHERE concept = ? AND text = ?")
        insertSpelling = try database.prepare("INSERT INTO spelling(concept, text, count) VALUES (?, ?, 0)")
        selectMentions = try database.prepare("SELECT mentions FROM problem WHERE id = ?")

        let concepts = try database.prepare("SELECT id, kind, key FROM concept")
        while try concepts.step() {
            let kind = ConceptKind(rawValue: concepts.text(1)) ?? .kp
            conceptByKey[KindKey(kind: kind, key: concepts.text(2))] = concepts.int64(0)
        }
        // An alias always wins over a concept of the same key.
        let aliases = try database.prepare("SELECT kind, key, concept FROM alias")
        while try aliases.step() {
            let kind = ConceptKind(rawValue: aliases.text(0)) ?? .kp
            conceptByKey[KindKey(kind: kind, key: aliases.text(1))] = aliases.int64(2)
        }
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
        if let hit = resolved[cacheKey] { return hit }
        let key = key(for: text)
        guard !key.isEmpty else {
            resolved[cacheKey] = .some(nil)
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
        let mention = Mention(concept: concept, spelling: try spellingID(concept: concept, text: text))
        resolved[cacheKey] = mention
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
        defer { selectMentions.reset() }
        guard try selectMentions.step() else { return [] }
        let text = selectMentions.text(0)
        guard let list = MentionList(jsonText: text) else {
            throw SQLiteError(code: 0, message: "problem \(problem) has a damaged mention list: \(text.prefix(80))", sql: nil)
        }
        return list.mentions
    }

    /// Records that a problem's mentions change from `old` (as stored) to `new` (one per
    /// concept): every problem count, spelling count and edge delta.
    func replaceMentions(old: [Mention], new: [Mention]) throws {
        if !old.isEmpty { record(old, sign: -1) }
        if !new.isEmpty { record(new, sign: 1) }
        if edgeDelta.count > maximumPendingPairs { try flushEdges() }
    }

    @inline(__always)
    private func grow(_ array: inout [Int32], toHold index: Int) {
        if index >= array.count { array.append(contentsOf: repeatElement(0, count: max(index + 1 - array.count, array.count))) }
    }

    private func record(_ mentions: [Mention], sign: Int32) {
        for mention in mentions {
            let c = Int(mention.concept), s = Int(mention.spelling)
            grow(&problemCountDelta, toHold: c)
            grow(&spellingCountDelta, toHold: s)
            problemCountDelta[c] += sign
            spellingCountDelta[s] += sign
            if c >= isTouched.count { isTouched.append(contentsOf: repeatElement(false, count: max(c + 1 - isTouched.count, isTouched.count))) }
            if !isTouched[c] { isTouched[c] = true; touchedConcepts.append(mention.concept) }
        }
        var concepts = mentions.map { UInt64(UInt32(truncatingIfNeeded: $0.concept)) }
        concepts.sort()
        for i in 0..<concepts.count {
            let a = concepts[i] << 32
            for j in (i + 1)..<concepts.count {
                if sign > 0 { edgeDelta.add(a | concepts[j]) } else { edgeDelta.remove(a | concepts[j]) }
            }
        }
    }

    /// Applies pending edge deltas in key order.
    func flushEdges() throws {
        guard !edgeDelta.isEmpty else { return }
        let entries = edgeDelta.drain()
        let add = try database.prepare(
            "INSERT INTO edge(pair, count) VALUES (?, ?) ON CONFLICT(pair) DO UPDATE SET count = count + excluded.count")
        let removeIfExhausted = try database.prepare("DELETE FROM edge WHERE pair = ? AND count = ?")
        let subtract = try database.prepare("UPDATE edge SET count = count + ? WHERE pair = ?")
        for (pair, delta) in entries {
            let packed = Int64(bitPattern: pair)
            if delta > 0 {
                add.bind(packed, at: 1)
                add.bind(Int64(delta), at: 2)
                try add.run()
            } else {
                removeIfExhausted.bind(packed, at: 1)
                removeIfExhausted.bind(Int64(-delta), at: 2)
                try removeIfExhausted.run()
                if database.changes == 0 {
                    subtract.bind(Int64(delta), at: 1)
                    subtract.bind(packed, at: 2)
                    try subtract.run()
                }
            }
            edgeRowsWritten += 1
        }
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
                let better =
                    (candidate.ownKey && !current.ownKey)
                    || (candidate.ownKey == current.ownKey
                        && (candidate.count > current.count
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
    /// points at the concept). Counts are exact by construction, so a zero count means
    /// nothing refers to the row.
    func finish() throws {
        try flushEdges()
        let addProblems = try database.prepare("UPDATE concept SET problem_count = problem_count + ? WHERE id = ?")
        for (concept, delta) in problemCountDelta.enumerated() where delta != 0 {
            addProblems.bind(Int64(delta), at: 1)
            addProblems.bind(Int64(concept), at: 2)
            try addProblems.run()
        }
        let addSpellings = try database.prepare("UPDATE spelling SET count = count + ? WHERE id = ?")
        for (spelling, delta) in spellingCountDelta.enumerated() where delta != 0 {
            addSpellings.bind(Int64(delta), at: 1)
            addSpellings.bind(Int64(spelling), at: 2)
            try addSpellings.run()
        }
        let dropSpellings = try database.prepare("DELETE FROM spelling WHERE concept = ? AND count <= 0")
        let dropConcept = try database.prepare(
            "DELETE FROM concept WHERE id = ?1 AND problem_count <= 0 AND NOT EXISTS (SELECT 1 FROM alias WHERE concept = ?1)")
        let spellings = try database.prepare(
            """
            SELECT c.key, s.text, s.count FROM spelling s JOIN concept c ON c.id = s.concept
            WHERE s.concept = ? AND s.count > 0
            """)
        let rename = try database.prepare("UPDATE concept SET name = ?1 WHERE id = ?2 AND name != ?1")
        var removed: Set<Int64> = []
        for concept in touchedConcepts.sorted() {
            dropSpellings.bind(concept, at: 1)
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
        isTouched.removeAll()
        touchedConcepts.removeAll()
    }
}
