import Foundation

/// Imports CollegeMath (the MathScale paper's college-level test set): the textbook's topic
/// (`data_topic`) becomes the one topic, there are no knowledge points, and every problem is
/// college level.
///
/// Each row carries its own licence, taken from its textbook, and the record keeps it as the
/// extra field `license` (with `answer` and the textbook as `textbook`). With `licenceSafeOnly`,
/// only rows under a Creative Commons Attribution licence (CC BY, any version, without NC, SA or
/// ND terms) are kept: those allow redistribution, changes and any use, given attribution.
/// Record ids are `collegemath/<textbook>/<question_number>`, e.g.
/// `collegemath/Beginning_and_Intermediate_Algebra/exercise.0.4.61`.
public struct CollegeMathImporter {
    /// The dataset's name: the `source` of every record and the first part of its id.
    public static let name = "collegemath"
    /// What a folder resolves to.
    public static let folderFiles = ["test.jsonl"]

    /// Display names of the seven `data_topic` values (after the `college_math.` prefix).
    static let topicNames = [
        "algebra": "Algebra", "precalculus": "Precalculus", "calculus": "Calculus",
        "differential_equation": "Differential Equations", "linear_algebra": "Linear Algebra",
        "probability": "Probability", "vector_calculus": "Vector Calculus",
    ]

    /// Whether to keep only rows whose licence allows redistribution with changes and any use.
    public var licenceSafeOnly: Bool

    /// An importer; with `licenceSafeOnly` it drops rows not under a CC BY licence.
    public init(licenceSafeOnly: Bool = false) {
        self.licenceSafeOnly = licenceSafeOnly
    }

    /// Reads `test.jsonl` (or a folder holding it).
    public func records(at path: String) throws -> [ExtractionRecord] {
        var records: [ExtractionRecord] = []
        for file in try DatasetFile.resolve(dataset: Self.name, path: path, folderDefaults: Self.folderFiles) {
            try file.forEachJSONLine { row in
                if let record = try record(from: row) { records.append(record) }
            }
        }
        return records
    }

    /// Whether a row's licence text is a plain Creative Commons Attribution licence: it names
    /// CC BY (or "Attribution") and none of the NonCommercial, ShareAlike or NoDerivatives terms.
    /// A bare "Creative Commons License" names no terms, so it is not safe.
    public static func isLicenceSafe(_ licence: String) -> Bool {
        let text = licence.lowercased()
        guard text.contains("creative commons") else { return false }
        guard text.contains("cc by") || text.contains("attribution") else { return false }
        let restricted = ["non-commercial", "noncommercial", "non commercial", "sharealike", "share alike", "noderiv", "no deriv", "-nc", "-sa", "-nd"]
        return !restricted.contains { text.contains($0) }
    }

    func record(from row: DatasetRow) throws -> ExtractionRecord? {
        let licence = try row.string("license")
        if licenceSafeOnly && !Self.isLicenceSafe(licence) { return nil }
        let textbook = try row.string("data_source")
        let number = try row.string("question_number")
        let topic = try row.string("data_topic")
        let bookName = textbook.hasPrefix("college_math.") ? String(textbook.dropFirst("college_math.".count)) : textbook
        var topicKey = topic.hasPrefix("college_math.") ? String(topic.dropFirst("college_math.".count)) : topic
        topicKey = topicKey.trimmingCharacters(in: .whitespaces)
        let topicName = Self.topicNames[topicKey] ?? LabelList.clean(topicKey.replacingOccurrences(of: "_", with: " ")).capitalized
        var extra = JSONObject()
        if let answer = try row.optionalString("answer") { extra.members.append((key: "answer", value: .string(answer))) }
        extra.members.append((key: "textbook", value: .string(bookName)))
        extra.members.append((key: "license", value: .string(licence)))
        return ExtractionRecord(
            id: "\(Self.name)/\(bookName)/\(number)", source: Self.name, problem: try row.string("question"), level: .college,
            topics: [topicName], knowledgePoints: [], extra: extra)
    }
}
