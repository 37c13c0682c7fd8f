extension KnowledgeBase {
    /// The stored text of a problem, by its external id; nil when the problem or its text is missing.
    public func problemText(externalID: String) throws -> String? {
        let statement = try database.prepare("SELECT text FROM problem WHERE external_id = ?")
        try statement.bind([.text(externalID)])
        return try statement.step() ? statement.optionalText(0) : nil
    }

    /// A problem as a few-shot example: its text, with the worked solution and final answer
    /// its record carried (the extra fields `solution` and `answer`); nil when the problem is
    /// missing. An `answer` that is not a string is given as its JSON text; a GSM8K-style
    /// `answer` (a worked solution ending `#### <answer>`) counts as the solution.
    public func exampleProblem(externalID: String) throws -> ExampleProblem? {
        let statement = try database.prepare(
            "SELECT text, json_extract(extra, '$.solution'), json_extract(extra, '$.answer'), template FROM problem WHERE external_id = ?")
        try statement.bind([.text(externalID)])
        guard try statement.step() else { return nil }
        func nonEmpty(_ column: Int32) -> String? {
            statement.optionalText(column).flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
        }
        var example = ExampleProblem(text: statement.optionalText(0) ?? "", solution: nonEmpty(1), answer: nonEmpty(2))
        example.template = statement.isNull(3) ? nil : statement.int64(3)
        // GSM8K's `answer` is a worked solution ending "#### <answer>".
        if example.solution == nil, let answer = example.answer, answer.contains("\n#### ") {
            example.solution = answer
            example.answer = nil
        }
        return example
    }

    /// Whether any stored problem has text (what `kg tag`'s neighbours tag from).
    public func hasProblemTexts() throws -> Bool {
        let statement = try database.prepare("SELECT EXISTS (SELECT 1 FROM problem WHERE text IS NOT NULL AND text != '')")
        return try statement.step() && statement.int64(0) != 0
    }

    /// Every concept some problem mentions, by store id: what audits place before they read
    /// the problems.
    public func mentionedConcepts() throws -> [StoredConcept] {
        var concepts: [StoredConcept] = []
        let statement = try database.prepare("SELECT id, kind, name FROM concept WHERE problem_count > 0 ORDER BY id")
        while try statement.step() {
            concepts.append(
                StoredConcept(
                    id: statement.int64(0),
                    kind: statement.text(1) == ConceptKind.topic.rawValue ? .topic : .kp,
                    name: statement.text(2)))
        }
        return concepts
    }

    /// Calls `body` once per stored problem, in store order, with its level, kept extra
    /// fields and mentioned concept ids; its text is read only if `body` asks for it.
    public func forEachProblem(_ body: (StoredProblemRow) throws -> Void) throws {
        let statement = try database.prepare("SELECT level, extra, mentions, text, external_id, source FROM problem ORDER BY id")
        var conceptIDs: [Int64] = []
        while try statement.step() {
            conceptIDs.removeAll(keepingCapacity: true)
            MentionList.forEachConceptID(inJSON: statement.text(2)) { conceptIDs.append($0) }
            try body(
                StoredProblemRow(
                    level: statement.optionalText(0).flatMap(Level.init(rawValue:)),
                    extraJSON: statement.optionalText(1), conceptIDs: conceptIDs, statement: statement))
        }
    }
}

/// A concept as the store keeps it.
public struct StoredConcept: Equatable, Sendable {
    /// The store's concept id.
    public var id: Int64
    public var kind: ConceptKind
    /// The display name (the most frequent spelling).
    public var name: String
}

/// One stored problem as `KnowledgeBase.forEachProblem` hands it over; valid only inside
/// that call.
public struct StoredProblemRow {
    public let level: Level?
    /// The record's extra fields as JSON object text (labels importers kept), if any.
    public let extraJSON: String?
    /// The mentioned concepts' store ids, ascending.
    public let conceptIDs: [Int64]
    fileprivate let statement: SQLiteStatement

    /// The problem's text, read from the row on demand; nil when it has none.
    public func text() -> String? { statement.optionalText(3) }

    /// The problem's record id (`gsm8k/train/17`), read on demand.
    public func externalID() -> String { statement.text(4) }

    /// The problem's source, read on demand; nil when the record gave none.
    public func source() -> String? { statement.optionalText(5) }
}

/// A seed problem as a prompt shows it: the problem, and its solution or answer when known.
public struct ExampleProblem: Equatable, Sendable {
    public var text: String
    /// The worked solution (the record's `solution` field).
    public var solution: String?
    /// The final answer (the record's `answer` field).
    public var answer: String?
    /// The problem's template key (docs/templates.md): problems that differ only in their
    /// numbers share it; nil without text.
    public var template: Int64?

    public init(text: String, solution: String? = nil, answer: String? = nil) {
        self.text = text
        self.solution = solution
        self.answer = answer
    }

    /// The example as `{examples}` shows it: `Problem: …`, then `Solution: …` when the seed
    /// has a worked solution, else `Answer: …` when it has a final answer.
    public var promptText: String {
        var text = "Problem: " + self.text
        if let solution {
            text += "\nSolution: " + solution
        } else if let answer {
            text += "\nAnswer: " + answer
        }
        return text
    }
}
