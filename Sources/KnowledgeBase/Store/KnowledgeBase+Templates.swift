/// Problems that share one template key: the same problem with other numbers.
public struct TemplateFamily: Equatable, Sendable {
    /// The template key as 16 hex digits (as `kg template` writes it).
    public var key: String
    /// How many stored problems have it.
    public var problems: Int
    /// The external id and text of the family's first stored problem.
    public var exampleID: String
    public var exampleText: String?
}

extension KnowledgeBase {
    /// 16 lower-case hex digits of a key stored as a signed integer.
    static func templateKeyHex(_ stored: Int64) -> String {
        let digits = String(UInt64(bitPattern: stored), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Keys the problems that have text but no template key (stored before schema version 2,
    /// or by a writer without `templateKey`), in one transaction; returns how many. Does
    /// nothing without `templateKey`.
    @discardableResult
    public func fillMissingTemplateKeys() throws -> Int {
        guard let templateKey else { return 0 }
        let missing = try database.scalarInt("SELECT count(*) FROM problem INDEXED BY problem_unkeyed WHERE template IS NULL AND text IS NOT NULL")
        guard missing > 0 else { return 0 }
        return try database.transaction {
            let select = try database.prepare("SELECT id, text FROM problem INDEXED BY problem_unkeyed WHERE template IS NULL AND text IS NOT NULL ORDER BY id")
            var keyed: [(Int64, Int64)] = []
            while try select.step() {
                keyed.append((select.int64(0), Int64(bitPattern: templateKey(select.text(1)))))
            }
            let update = try database.prepare("UPDATE problem SET template = ? WHERE id = ?")
            for (id, key) in keyed {
                update.reset()
                update.bind(key, at: 1)
                update.bind(id, at: 2)
                try update.run()
            }
            return keyed.count
        }
    }

    /// Distinct template keys and the number of problems that have one.
    public func templateCounts() throws -> (distinct: Int, keyedProblems: Int) {
        let distinct = try database.scalarInt("SELECT count(DISTINCT template) FROM problem WHERE template IS NOT NULL")
        let keyed = try database.scalarInt("SELECT count(*) FROM problem WHERE template IS NOT NULL")
        return (Int(distinct), Int(keyed))
    }

    /// The `limit` largest families of two or more problems, largest first (ties by key).
    public func largestTemplateFamilies(limit: Int) throws -> [TemplateFamily] {
        guard limit > 0 else { return [] }
        let statement = try database.prepare(
            """
            SELECT template, count(*) AS n, min(id) FROM problem WHERE template IS NOT NULL
            GROUP BY template HAVING n > 1 ORDER BY n DESC, template ASC LIMIT ?
            """)
        try statement.bind([.integer(Int64(limit))])
        var rows: [(Int64, Int, Int64)] = []
        while try statement.step() { rows.append((statement.int64(0), statement.int(1), statement.int64(2))) }
        let example = try database.prepare("SELECT external_id, text FROM problem WHERE id = ?")
        return try rows.map { key, count, first in
            example.reset()
            example.bind(first, at: 1)
            _ = try example.step()
            return TemplateFamily(
                key: KnowledgeBase.templateKeyHex(key), problems: count, exampleID: example.text(0), exampleText: example.optionalText(1))
        }
    }
}

extension KnowledgeBase {
    /// Calls `body` with the external id, source and text of every stored problem that has
    /// text, in store order (what `kg decontaminate --kb` checks).
    public func forEachProblemText(_ body: (_ id: String, _ source: String?, _ text: String) throws -> Void) throws {
        let statement = try database.prepare("SELECT external_id, source, text FROM problem WHERE text IS NOT NULL ORDER BY id")
        while try statement.step() {
            try body(statement.text(0), statement.optionalText(1), statement.text(2))
        }
    }
}
