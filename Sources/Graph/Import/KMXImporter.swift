/// Imports KMX (Khan-Math-X): Khan Academy's grade > unit > lesson path, with the unit as the
/// topic, the lesson as the knowledge point and the grade as the level.
///
/// The exercise name is not used as a knowledge point: it is a URL slug that mostly repeats
/// the lesson with a level number ("dividing-decimals-without-the-standard-algorithm-7",
/// "multiplication_0.5"); it is kept, with the grade, unit, lesson, KMX's own `Topic` and the
/// question type, as extra fields. A folder means both `kmx_train.csv` and `kmx_test.csv`, in
/// that order. KMX rows have no id; record ids are `kmx/<file>/<n>`, where `<file>` is the
/// file name without `kmx_` and `.csv` and `n` counts the file's records from 1
/// (`kmx/train/1`).
public struct KMXImporter {
    /// The dataset's name: the `source` of every record and the first part of its id.
    public static let name = "kmx"
    /// What a folder resolves to.
    public static let folderFiles = ["kmx_train.csv", "kmx_test.csv"]
    static let requiredColumns = ["Problem", "Grade", "Unit_Name", "Lesson_Name"]

    /// An importer; it keeps no state between calls.
    public init() {}

    /// Reads `kmx_train.csv`, `kmx_test.csv`, or a folder holding both.
    public func records(at path: String) throws -> [ExtractionRecord] {
        var records: [ExtractionRecord] = []
        for file in try DatasetFile.resolve(dataset: Self.name, path: path, folderDefaults: Self.folderFiles) {
            let part = Self.part(ofFileNamed: file.fileName)
            var number = 0
            try file.forEachCSVRow(requiredColumns: Self.requiredColumns) { row in
                number += 1
                records.append(try record(from: row, id: "\(Self.name)/\(part)/\(number)"))
            }
        }
        return records
    }

    /// "kmx_train.csv" → "train".
    static func part(ofFileNamed name: String) -> String {
        var stem = Substring(name)
        if stem.hasSuffix(".csv") { stem = stem.dropLast(4) }
        if stem.hasPrefix("kmx_"), stem.count > 4 { stem = stem.dropFirst(4) }
        return String(stem)
    }

    func record(from row: DatasetRow, id: String) throws -> ExtractionRecord {
        let grade = try row.string("Grade")
        guard let level = Level(parsing: LabelList.clean(grade)), level <= .grade8 else {
            throw row.error(field: "Grade", "'\(grade)' is not a grade from K to 8 (expected e.g. \"5th grade\")")
        }
        let unit = LabelList.clean(try row.string("Unit_Name"))
        let lesson = LabelList.clean(try row.string("Lesson_Name"))
        var extra = JSONObject()
        func keep(_ column: String, as key: String) throws {
            if let value = try row.optionalString(column), !value.isEmpty {
                extra.members.append((key: key, value: .string(value)))
            }
        }
        try keep("Grade", as: "grade")
        try keep("Unit_Name", as: "unit")
        try keep("Lesson_Name", as: "lesson")
        try keep("Exercise_Name", as: "exercise")
        try keep("Topic", as: "kmx_topic")
        try keep("Question_Type", as: "question_type")
        try keep("Answer", as: "answer")
        return ExtractionRecord(
            id: id, source: Self.name, problem: try row.string("Problem"), level: level,
            topics: [unit], knowledgePoints: [lesson], extra: extra)
    }
}
