import Foundation

/// Imports the seeded sample of DeepMind's mathematics_dataset (Saxton et al. 2019,
/// Apache-2.0) that ships in `data/seeds/mathematics-dataset` (its `generate.py` made it):
/// each problem's generator module becomes a topic, a knowledge point and a level.
///
/// The module names ("algebra__linear_1d", …) map through `modules`; a module not there is
/// an error that names it. `answer` is kept as the extra field `answer`. Record ids are the
/// sample's ids, e.g. `mathematics-dataset/algebra__linear_1d/1`.
public struct MathematicsDatasetImporter {
    /// The dataset's name: the `source` of every record.
    public static let name = "mathematics-dataset"
    /// What a folder resolves to.
    public static let folderFiles = ["problems.jsonl"]

    /// What one generator module becomes.
    struct Labels {
        var topic: String
        var knowledgePoint: String
        var level: Level
    }

    /// The generator's modules and their labels (docs/importers.md has the table).
    static let modules: [String: Labels] = [
        "algebra__linear_1d": Labels(topic: "Linear equations", knowledgePoint: "Solving a linear equation in one variable", level: .highSchool),
        "algebra__linear_2d": Labels(topic: "Systems of linear equations", knowledgePoint: "Solving a system of two linear equations", level: .highSchool),
        "algebra__polynomial_roots": Labels(topic: "Polynomial equations", knowledgePoint: "Roots of a polynomial by factoring", level: .highSchool),
        "algebra__sequence_next_term": Labels(topic: "Sequences", knowledgePoint: "Next term of a polynomial sequence", level: .highSchool),
        "algebra__sequence_nth_term": Labels(topic: "Sequences", knowledgePoint: "General term of a polynomial sequence", level: .highSchool),
        "polynomials__expand": Labels(topic: "Polynomials", knowledgePoint: "Expanding products of polynomials", level: .highSchool),
        "polynomials__collect": Labels(topic: "Polynomials", knowledgePoint: "Collecting like terms", level: .highSchool),
        "polynomials__evaluate": Labels(topic: "Polynomials", knowledgePoint: "Evaluating a polynomial", level: .highSchool),
        "polynomials__simplify_power": Labels(topic: "Exponents and radicals", knowledgePoint: "Simplifying expressions with rational exponents", level: .highSchool),
        "polynomials__coefficient_named": Labels(topic: "Polynomials", knowledgePoint: "Coefficients of a polynomial in standard form", level: .highSchool),
        "probability__swr_p_sequence": Labels(topic: "Probability", knowledgePoint: "Probability of a sequence of draws without replacement", level: .highSchool),
        "probability__swr_p_level_set": Labels(topic: "Probability", knowledgePoint: "Probability of drawing a multiset without replacement", level: .highSchool),
        "calculus__differentiate": Labels(topic: "Derivatives", knowledgePoint: "Derivatives of polynomials", level: .college),
    ]

    /// An importer; it keeps no state between calls.
    public init() {}

    /// Reads `problems.jsonl` (or a folder holding it).
    public func records(at path: String) throws -> [ExtractionRecord] {
        try DatasetFile.jsonLineRecords(dataset: Self.name, path: path, folderDefaults: Self.folderFiles) { try record(from: $0) }
    }

    func record(from row: DatasetRow) throws -> ExtractionRecord {
        let id = try row.string("id")
        let module = LabelList.clean(try row.string("module"))
        guard let labels = Self.modules[module] else {
            throw row.error(field: "module", "unknown module '\(module)'; expected one of \(Self.modules.keys.sorted().joined(separator: ", "))")
        }
        let question = try row.string("question")
        var knowledgePoints = [labels.knowledgePoint]
        if module == "calculus__differentiate" {
            if question.contains("second derivative") || question.contains("third derivative") {
                knowledgePoints.append("Higher-order derivatives")
            }
            if question.range(of: #"\bwrt\b"#, options: .regularExpression) != nil, Self.variableCount(question) > 1 {
                knowledgePoints.append("Partial derivatives")
            }
        }
        var extra = JSONObject()
        if let answer = try row.optionalString("answer") { extra.members.append((key: "answer", value: .string(answer))) }
        return ExtractionRecord(
            id: id, source: Self.name, problem: question, level: labels.level,
            topics: [labels.topic], knowledgePoints: knowledgePoints, extra: extra)
    }

    /// How many distinct one-letter variables an expression uses ("b**2*g" → 2).
    static func variableCount(_ text: String) -> Int {
        var letters = Set<Character>()
        let characters = Array(text)
        for (i, c) in characters.enumerated() where c.isLetter && c.isASCII {
            let before = i > 0 ? characters[i - 1] : " "
            let after = i + 1 < characters.count ? characters[i + 1] : " "
            if !before.isLetter && !after.isLetter { letters.insert(c) }
        }
        return letters.count
    }
}
