/// Imports MATH (Hendrycks et al. 2021): the subject becomes the one topic, there are no
/// knowledge points, and every problem is competition level.
///
/// MATH labels only a subject (`type`: "Algebra", "Counting & Probability", …) and a
/// difficulty ("Level 1"…"Level 5"); the difficulty is kept as the extra field `difficulty`.
/// A folder means its `train.jsonl` only: `test.jsonl` is kept for evaluation, and a test
/// file can still be imported by naming it. Record ids are `math/<id>`, e.g.
/// `math/train/algebra/0.json`.
public struct MATHImporter {
    /// The dataset's name: the `source` of every record and the first part of its id.
    public static let name = "math"
    /// What a folder resolves to.
    public static let folderFiles = ["train.jsonl"]

    /// An importer; it keeps no state between calls.
    public init() {}

    /// Reads `train.jsonl`/`test.jsonl` (or a folder holding `train.jsonl`).
    public func records(at path: String) throws -> [ExtractionRecord] {
        try DatasetFile.jsonLineRecords(dataset: Self.name, path: path, folderDefaults: Self.folderFiles) { try record(from: $0) }
    }

    func record(from row: DatasetRow) throws -> ExtractionRecord {
        let id = try row.string("id")
        let subject = try row.string("type")
        var extra = JSONObject()
        if let difficulty = try row.optionalString("level") { extra.members.append((key: "difficulty", value: .string(difficulty))) }
        if let solution = try row.optionalString("solution"), !solution.isEmpty {
            extra.members.append((key: "solution", value: .string(solution)))
        }
        return ExtractionRecord(
            id: "\(Self.name)/\(id)", source: Self.name, problem: try row.string("problem"), level: .competition,
            topics: [LabelList.clean(subject)], knowledgePoints: [], extra: extra)
    }
}
