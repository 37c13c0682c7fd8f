extension KnowledgeBase {
    /// How `concepts(…)` orders its result.
    public enum ConceptOrder: String, CaseIterable, Sendable {
        /// Most problems first, then by name.
        case problems
        /// Alphabetically by name.
        case name
    }

    /// Concepts with at least `minimumProblems` problems, optionally of one kind.
    public func concepts(
        kind: ConceptKind? = nil, minimumProblems: Int = 1,
        order: ConceptOrder = .problems, limit: Int? = nil
    ) throws -> [ConceptSummary] {
        var sql = "SELECT id, kind, name, key, problem_count FROM concept WHERE problem_count >= ?1"
        if kind != nil { sql += " AND kind = ?2" }
        switch order {
        case .problems: sql += " ORDER BY problem_count DESC, name ASC, id ASC"
        case .name: sql += " ORDER BY name ASC, id ASC"
        }
        if let limit { sql += " LIMIT \(max(0, limit))" }
        let statement = try database.prepare(sql)
        var arguments: [SQLiteValue] = [.integer(Int64(minimumProblems))]
        if let kind { arguments.append(.text(kind.rawValue)) }
        try statement.bind(arguments)
        var result: [ConceptSummary] = []
        while try statement.step() {
            result.append(
                ConceptSummary(
                    id: statement.int64(0), kind: ConceptKind(rawValue: statement.text(1)) ?? .kp,
                    name: statement.text(2), key: statement.text(3), problems: statement.int(4)))
        }
        return result
    }

    /// The concept a name refers to, through normalisation and aliases.
    ///
    /// With `kind` nil, the name must match exactly one kind; a name that is both a topic and
    /// a knowledge point throws `ambiguousKind`. An unknown name throws `unknownConcept` with
    /// the closest known names.
    public func concept(named name: String, kind: ConceptKind? = nil) throws -> ConceptSummary {
        let key = ConceptKey(name).rawValue
        var matches: [ConceptSummary] = []
        let lookup = try database.prepare(
            """
            SELECT c.id, c.kind, c.name, c.key, c.problem_count FROM concept c
            WHERE c.id = COALESCE((SELECT concept FROM alias WHERE kind = ?1 AND key = ?2),
                                  (SELECT id FROM concept WHERE kind = ?1 AND key = ?2))
            """)
        for candidate in kind.map({ [$0] }) ?? ConceptKind.allCases {
            try lookup.bind([.text(candidate.rawValue), .text(key)])
            if try lookup.step() {
                matches.append(
                    ConceptSummary(
                        id: lookup.int64(0), kind: candidate, name: lookup.text(2),
                        key: lookup.text(3), problems: lookup.int(4)))
            }
        }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 { throw KnowledgeBaseError.ambiguousKind(name: name) }
        throw KnowledgeBaseError.unknownConcept(name: name, kind: kind, suggestions: try suggestions(for: name, kind: kind))
    }

    /// Up to `limit` known concept names closest to `name` (edit distance on keys, then
    /// substring matches), for "did you mean" messages.
    public func suggestions(for name: String, kind: ConceptKind? = nil, limit: Int = 3) throws -> [String] {
        let key = ConceptKey(name).rawValue
        let candidates = try concepts(kind: kind, minimumProblems: 0, order: .name)
        let allowed = max(2, key.count / 3)
        var scored: [(distance: Int, problems: Int, name: String)] = []
        for concept in candidates {
            let distance = EditDistance.levenshtein(key, concept.key, limit: allowed)
            if distance <= allowed {
                scored.append((distance, concept.problems, concept.name))
            } else if key.count >= 4, concept.key.contains(key) {
                scored.append((allowed + 1, concept.problems, concept.name))
            }
        }
        scored.sort { ($0.distance, -$0.problems, $0.name) < ($1.distance, -$1.problems, $1.name) }
        var seen: Set<String> = []
        return scored.map(\.name).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }
}

/// Edit distance for "did you mean" suggestions.
public enum EditDistance {
    /// Levenshtein distance between `a` and `b` over Unicode scalars; stops early and returns
    /// `limit + 1` once the distance must exceed `limit`.
    public static func levenshtein(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
