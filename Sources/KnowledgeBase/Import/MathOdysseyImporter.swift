/// Imports MathOdyssey (Fang et al. 2024, MIT): problems written for GAIC Math 2024 at three
/// levels. The subject label becomes the one topic; there are no knowledge points.
///
/// Levels: "high school math" → `high-school`, "high school competition" → `competition`,
/// "college math" → `college`. Subject labels are written as words ("NumberTheory" →
/// "Number Theory", "PreCalculus" → "Precalculus"). The upstream LaTeX residue at the end of
/// every question and answer (`\end{problem}`, `\noindent`, a trailing `\\`) is removed; the
/// worked `reasoning` is kept as the extra field `solution` and `answer` as `answer`. Record
/// ids are `mathodyssey/<id>`, e.g. `mathodyssey/Problem_1`.
public struct MathOdysseyImporter {
    /// The dataset's name: the `source` of every record and the first part of its id.
    public static let name = "mathodyssey"
    /// What a folder resolves to.
    public static let folderFiles = ["mathodyssey.jsonl"]

    /// The dataset's levels and the bands they become.
    static let levels: [String: Level] = [
        "high school math": .highSchool, "high school competition": .competition, "college math": .college,
    ]

    /// Subject labels written as words.
    static let subjects: [String: String] = ["NumberTheory": "Number Theory", "PreCalculus": "Precalculus"]

    /// An importer; it keeps no state between calls.
    public init() {}

    /// Reads `mathodyssey.jsonl` (or a folder holding it).
    public func records(at path: String) throws -> [ExtractionRecord] {
        try DatasetFile.jsonLineRecords(dataset: Self.name, path: path, folderDefaults: Self.folderFiles) { try record(from: $0) }
    }

    func record(from row: DatasetRow) throws -> ExtractionRecord {
        let id = try row.identifier("id")
        let levelName = LabelList.clean(try row.string("level")).lowercased()
        guard let level = Self.levels[levelName] else {
            throw row.error(
                field: "level", "unknown level '\(levelName)'; expected one of \(Self.levels.keys.sorted().joined(separator: ", "))")
        }
        let label = LabelList.clean(try row.string("label"))
        var extra = JSONObject()
        if let answer = try row.optionalString("answer") { extra.members.append((key: "answer", value: .string(Self.stripResidue(answer)))) }
        if let reasoning = try row.optionalString("reasoning"), !LabelList.clean(reasoning).isEmpty {
            extra.members.append((key: "solution", value: .string(Self.stripResidue(reasoning))))
        }
        return ExtractionRecord(
            id: "\(Self.name)/\(id)", source: Self.name, problem: Self.stripResidue(try row.string("question")), level: level,
            topics: [Self.subjects[label] ?? label], knowledgePoints: [], extra: extra)
    }

    /// `text` without the LaTeX left over from the upstream files at its end.
    static func stripResidue(_ text: String) -> String {
        var result = Substring(text)
        let residue = ["\\end{problem}", "\\noindent", "\\\\"]
        while true {
            while let last = result.last, last.isWhitespace { result = result.dropLast() }
            guard let suffix = residue.first(where: { result.hasSuffix($0) }) else { break }
            result = result.dropLast(suffix.count)
        }
        return String(result)
    }
}
