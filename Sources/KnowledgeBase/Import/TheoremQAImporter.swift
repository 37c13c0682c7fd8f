/// Imports TheoremQA's maths part (Chen et al. 2023, MIT): college problems, each driven by
/// one named theorem. The subfield becomes the topic, the theorem the knowledge point, and
/// every problem is college level.
///
/// TheoremQA also holds EECS, physics and finance problems: only `field` "Math" is imported.
/// Problems with a `Picture` are left out: the figure they need is not in the dataset. The
/// theorem names are lower case ("chinese remainder theorem"); the first letter is raised
/// ("Chinese remainder theorem"). `Answer` is kept as the extra field `answer`, a worked
/// `explanation` (other than "NONE") as `solution`. Record ids are `theoremqa/<id>`, e.g.
/// `theoremqa/jianyu_xu/Lah_number_6.json`.
public struct TheoremQAImporter {
    /// The dataset's name: the `source` of every record and the first part of its id.
    public static let name = "theoremqa"
    /// What a folder resolves to.
    public static let folderFiles = ["theoremqa_test.json"]

    /// An importer; it keeps no state between calls.
    public init() {}

    /// Reads `theoremqa_test.json` (or a folder holding it): one JSON array of objects.
    public func records(at path: String) throws -> [ExtractionRecord] {
        var records: [ExtractionRecord] = []
        for file in try DatasetFile.resolve(dataset: Self.name, path: path, folderDefaults: Self.folderFiles) {
            try file.forEachJSONElement { row in
                if let record = try record(from: row) { records.append(record) }
            }
        }
        return records
    }

    /// The record of one row; nil for a row outside maths or with a picture.
    func record(from row: DatasetRow) throws -> ExtractionRecord? {
        guard try row.string("field") == "Math" else { return nil }
        if let picture = try row.optionalString("Picture"), !LabelList.clean(picture).isEmpty { return nil }
        let id = try row.string("id")
        let theorem = LabelList.clean(try row.string("theorem"))
        var extra = JSONObject()
        if let answer = row["Answer"], answer != .null { extra.members.append((key: "answer", value: answer)) }
        if let explanation = try row.optionalString("explanation"), LabelList.clean(explanation) != "NONE",
            !LabelList.clean(explanation).isEmpty
        {
            extra.members.append((key: "solution", value: .string(explanation)))
        }
        return ExtractionRecord(
            id: "\(Self.name)/\(id)", source: Self.name, problem: try row.string("Question"), level: .college,
            topics: [LabelList.clean(try row.string("subfield"))],
            knowledgePoints: [theorem.prefix(1).uppercased() + theorem.dropFirst()], extra: extra)
    }
}
