/// Imports the MathScale-style extraction sample (XylonFu/MathScale): records that already
/// have MathScale's shape, `topics` and `knowledge_points`, taken as they are.
///
/// `math_extraction.json` holds 100 MATH problems with LLM-extracted concepts; they are
/// competition level, as MathScale's own table puts MATH. A folder means that file only:
/// `math_generation.json` holds LLM-generated problems, not seed problems, but it can be
/// imported by naming it, and then its `difficulty` ("High School", "PhD", …) sets the level
/// where it names one ("Elementary School" and "Middle School" name no single grade and give
/// no level). Ids are integers in the file; record ids are `mathscale/<file>/<id>`, where
/// `<file>` is the file name without `math_` and `.json` (`mathscale/extraction/8`).
public struct MathScaleImporter {
    /// The dataset's name: the `source` of every record and the first part of its id.
    public static let name = "mathscale"
    /// What a folder resolves to.
    public static let folderFiles = ["math_extraction.json"]

    /// An importer; it keeps no state between calls.
    public init() {}

    /// Reads `math_extraction.json` or `math_generation.json` (or a folder holding the former).
    public func records(at path: String) throws -> [ExtractionRecord] {
        var records: [ExtractionRecord] = []
        for file in try DatasetFile.resolve(dataset: Self.name, path: path, folderDefaults: Self.folderFiles) {
            let part = Self.part(ofFileNamed: file.fileName)
            try file.forEachJSONElement { row in records.append(try record(from: row, part: part)) }
        }
        return records
    }

    /// "math_extraction.json" → "extraction".
    static func part(ofFileNamed name: String) -> String {
        var stem = Substring(name)
        if stem.hasSuffix(".json") { stem = stem.dropLast(5) }
        if stem.hasPrefix("math_"), stem.count > 5 { stem = stem.dropFirst(5) }
        return String(stem)
    }

    /// The level a generated problem's `difficulty` names, if any.
    static func level(difficulty: String) -> Level? {
        switch difficulty.lowercased() {
        case "high school": return .highSchool
        case "undergraduate", "master's", "masters", "phd": return .college
        case "competition", "olympiad": return .competition
        default: return nil
        }
    }

    func record(from row: DatasetRow, part: String) throws -> ExtractionRecord {
        let id = try row.identifier("id")
        var topics = LabelList()
        topics.append(contentsOf: try row.stringArray("topics"))
        var knowledgePoints = LabelList()
        knowledgePoints.append(contentsOf: try row.stringArray("knowledge_points"))
        guard !topics.isEmpty else { throw row.error(field: "topics", "has no non-blank topic") }
        var level: Level? = .competition
        var extra = JSONObject()
        // MathScale's `answer` is a worked solution ending in the boxed answer.
        if let solution = try row.optionalString("answer") { extra.members.append((key: "solution", value: .string(solution))) }
        if let difficulty = try row.optionalString("difficulty") {
            level = Self.level(difficulty: difficulty)
            extra.members.append((key: "difficulty", value: .string(difficulty)))
        }
        if let type = try row.optionalString("question_type") {
            extra.members.append((key: "question_type", value: .string(type)))
        }
        return ExtractionRecord(
            id: "\(Self.name)/\(part)/\(id)", source: Self.name, problem: try row.string("question"), level: level,
            topics: topics.labels, knowledgePoints: knowledgePoints.labels, extra: extra)
    }
}
