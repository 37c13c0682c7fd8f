/// Imports OlympiadBench's English text-only maths part (He et al. 2024, Apache-2.0): the
/// subfield becomes the one topic, there are no knowledge points, and every problem is
/// competition level.
///
/// The labels are coarse (`subfield`: Algebra, Combinatorics, Geometry, Number Theory). A
/// problem's `context`, when it has one, comes before its `question` in the stored text; the
/// worked solutions are kept as the extra field `solution` (joined by blank lines) and
/// `final_answer` as `answer`. Record ids are `olympiadbench/<id>`, e.g. `olympiadbench/1606`.
public struct OlympiadBenchImporter {
    /// The dataset's name: the `source` of every record and the first part of its id.
    public static let name = "olympiadbench"
    /// What a folder resolves to.
    public static let folderFiles = ["test.jsonl"]

    /// An importer; it keeps no state between calls.
    public init() {}

    /// Reads `test.jsonl` (or a folder holding it).
    public func records(at path: String) throws -> [ExtractionRecord] {
        try DatasetFile.jsonLineRecords(dataset: Self.name, path: path, folderDefaults: Self.folderFiles) { try record(from: $0) }
    }

    func record(from row: DatasetRow) throws -> ExtractionRecord {
        let id = try row.identifier("id")
        let subfield = try row.string("subfield")
        var text = try row.string("question")
        if let context = try row.optionalString("context"), !LabelList.clean(context).isEmpty {
            text = context + "\n\n" + text
        }
        var extra = JSONObject()
        if case .array(let steps)? = row["solution"] {
            let solution = steps.compactMap { step -> String? in
                if case .string(let s) = step { return s }
                return nil
            }
            if !solution.isEmpty { extra.members.append((key: "solution", value: .string(solution.joined(separator: "\n\n")))) }
        }
        if case .array(let answers)? = row["final_answer"], !answers.isEmpty {
            extra.members.append((key: "answer", value: answers.count == 1 ? answers[0] : .array(answers)))
        }
        return ExtractionRecord(
            id: "\(Self.name)/\(id)", source: Self.name, problem: text, level: .competition,
            topics: [LabelList.clean(subfield)], knowledgePoints: [], extra: extra)
    }
}
