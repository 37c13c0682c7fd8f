/// Imports KMX (Khan-Math-X): Khan Academy's grade > unit > lesson > exercise path plus KMX's own
/// subject label, with the grade as the level.
///
/// - Topics: the unit (a chapter: "Arithmetic with rational numbers"), then KMX's `Topic` column,
///   an 18-value subject label that cuts across units and grades
///   (`decimal-multiplication-division` → "Decimal multiplication and division"), named from a
///   fixed table. `external-topics`, KMX's bucket for what lies outside its arithmetic taxonomy
///   (area and perimeter, compound events), names no subject and adds no topic, nor does a
///   label that only repeats the unit ("Rates and percentages").
/// - Knowledge points: the lesson, then the exercise where its title names a case or method the
///   lesson's title does not ("Exponent properties intro" → "Multiplying powers"; "Adding decimals
///   (tenths)" → "Adding decimals without the standard algorithm"), from a fixed table of 36 of
///   KMX's 149 exercise slugs. The others only repeat their lesson, add a level number
///   ("multiplication_0.5"), add "word problems" (the question type, not a concept), split the
///   lesson by a number ("dividing-by-7"), or are titled unlike their problems (the
///   "markup_and_commission_word_problems" exercise holds percent-change problems).
///
/// `Question_Type` ("Expression", "Word Problem", …) is a format, not a concept, and is kept only
/// as an extra field, with the grade, unit, lesson, exercise, KMX's `Topic` and the answer. A
/// folder means both `kmx_train.csv` and `kmx_test.csv`, in that order. KMX rows have no id;
/// record ids are `kmx/<file>/<n>`, where `<file>` is the file name without `kmx_` and `.csv` and
/// `n` counts the file's records from 1 (`kmx/train/1`).
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
        var topics = LabelList()
        topics.append(unit)
        if let label = try row.optionalString("Topic"), let subject = Self.subject(kmxTopic: label),
            !Self.sameName(subject, unit)
        {
            topics.append(subject)
        }
        var knowledgePoints = LabelList()
        knowledgePoints.append(lesson)
        if let exercise = try row.optionalString("Exercise_Name"),
            let skill = Self.exerciseKnowledgePoints[LabelList.clean(exercise)], !Self.sameName(skill, lesson)
        {
            knowledgePoints.append(skill)
        }
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
        try keep("Solution", as: "solution")
        return ExtractionRecord(
            id: id, source: Self.name, problem: try row.string("Problem"), level: level,
            topics: topics.labels, knowledgePoints: knowledgePoints.labels, extra: extra)
    }

    /// The topic a KMX `Topic` value names: from `subjectNames`, else the slug with hyphens as
    /// spaces and a capital first letter; nil for `external-topics` and blanks.
    static func subject(kmxTopic: String) -> String? {
        let slug = LabelList.clean(kmxTopic)
        guard !slug.isEmpty, slug != "external-topics" else { return nil }
        if let name = subjectNames[slug] { return name }
        let words = LabelList.clean(slug.replacing("-", with: " "))
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// Whether two labels name the same concept once "&" is read as "and"
    /// ("Variables & expressions" and "Variables and expressions").
    static func sameName(_ a: String, _ b: String) -> Bool {
        func key(_ text: String) -> ConceptKey { ConceptKey(text.replacing("&", with: " and ")) }
        return key(a) == key(b)
    }

    /// Readable names for KMX's `Topic` values (all 18 but `external-topics`), in KMX's words.
    static let subjectNames: [String: String] = [
        "integer-addition-subtraction": "Integer addition and subtraction",
        "integer-multiplication-division": "Integer multiplication and division",
        "integer-multi-operations": "Integer multi-operation arithmetic",
        "decimal-addition-subtraction": "Decimal addition and subtraction",
        "decimal-multiplication-division": "Decimal multiplication and division",
        "fraction-addition-subtraction": "Fraction addition and subtraction",
        "fraction-multiplication-division": "Fraction multiplication and division",
        "convert-decimal-fraction": "Converting between decimals and fractions",
        "negative-numbers-arithmetic": "Negative number arithmetic",
        "negative-fractions-arithmetic": "Negative fraction arithmetic",
        "rational-numbers-addition-subtraction": "Rational number addition and subtraction",
        "rates-and-percentages": "Rates and percentages",
        "factors": "Factors",
        "exponents-and-roots": "Exponents and roots",
        "scientific-notation": "Scientific notation",
        "variables-and-expressions": "Variables and expressions",
        "linear-equations-and-functions": "Linear equations and functions",
    ]

    /// Knowledge points for the exercises whose title names a case or method their lesson's
    /// title does not (lesson in the comment). Exercises not listed add no knowledge point.
    static let exerciseKnowledgePoints: [String: String] = [
        // 1st grade
        "adding-three-numbers": "Adding three numbers",  // Addition within 20
        "regroup-two-digit-plus-one-digit": "Adding a one-digit number to a two-digit number with regrouping",  // Intro to addition with 2-digit numbers
        // 3rd grade
        "finding-missing-factors--1-digit-multiplication-": "Finding missing factors in 1-digit multiplication",  // Letters and symbols in multiplication and division equations
        // 4th grade
        "multiplying-unit-fractions-and-whole-numbers": "Multiplying unit fractions and whole numbers",  // Multiplying whole numbers and fractions
        "area-and-perimeter-of-rectangles-word-problems": "Area and perimeter of rectangles",  // Area and perimeter
        // 5th grade: the "without the standard algorithm" exercises of the decimal lessons
        "adding-decimals-without-the-standard-algorithm-2": "Adding decimals without the standard algorithm",  // Adding decimals (tenths)
        "adding-decimals-without-the-standard-algorithm-3": "Adding decimals without the standard algorithm",  // Adding decimals (tenths)
        "adding-decimals-without-the-standard-algorithm-4": "Adding decimals without the standard algorithm",  // Adding decimals (hundredths)
        "adding-decimals-without-the-standard-algorithm-5": "Adding decimals without the standard algorithm",  // Adding decimals (hundredths)
        "subtracting-decimals-without-the-standard-algorithm-2": "Subtracting decimals without the standard algorithm",  // Subtracting decimals (tenths)
        "subtracting-decimals-without-the-standard-algorithm-3": "Subtracting decimals without the standard algorithm",  // Subtracting decimals (tenths)
        "subtracting-decimals-without-the-standard-algorithm-6": "Subtracting decimals without the standard algorithm",  // Subtracting decimals (hundredths)
        "subtracting-decimals-without-the-standard-algorithm-8": "Subtracting decimals without the standard algorithm",  // Subtracting decimals (hundredths)
        "multiplying-decimals-without-the-standard-algorithm-3": "Multiplying decimals without the standard algorithm",  // Multiplying decimals
        "dividing-decimals-without-the-standard-algorithm-1": "Dividing decimals without the standard algorithm",  // Divide whole numbers to get a decimal quotient
        "dividing-decimals-without-the-standard-algorithm-2": "Dividing decimals without the standard algorithm",  // Divide whole numbers to get a decimal quotient
        "dividing-decimals-without-the-standard-algorithm-3": "Dividing decimals without the standard algorithm",  // Divide decimals by whole numbers
        "dividing-decimals-without-the-standard-algorithm-6": "Dividing decimals without the standard algorithm",  // Divide whole numbers by decimals
        "dividing-decimals-without-the-standard-algorithm-7": "Dividing decimals without the standard algorithm",  // Divide whole numbers by decimals
        // 6th grade
        "divide-mixed-numbers": "Dividing mixed numbers",  // Dividing fractions by fractions
        "evaluating-numerical-expressions-with-exponents": "Evaluating numerical expressions with exponents",  // More on order of operations
        "factor-with-distributive-property--variables-": "Factoring with the distributive property",  // Distributive property with variables
        // 7th grade
        "dividing-mixed-numbers": "Dividing mixed numbers",  // Multiply & divide negative fractions
        "converting_decimals_to_fractions_2": "Converting decimals to fractions",  // Converting fractions to decimals
        "one-step-equations-with-negatives--add---subtract-": "One-step equations with negative numbers",  // Adding & subtracting negative numbers: variables
        "one-step-equations-with-negatives--multiply---divide-": "One-step equations with negative numbers",  // Multiply & divide negative numbers
        "writing-basic-algebraic-expressions-word-problems-2": "Writing basic algebraic expressions word problems",  // Interpreting linear expressions
        // 8th grade
        "converting_repeating_decimals_to_fractions_2": "Converting repeating decimals to fractions",  // Repeating decimals
        "multiply-powers": "Multiplying powers",  // Exponent properties intro
        "divide-powers": "Dividing powers",  // Exponent properties intro
        "powers-of-powers": "Powers of powers",  // Exponent properties intro
        "adding-and-subtracting-in-scientific-notation": "Adding and subtracting in scientific notation",  // Arithmetic with numbers in scientific notation
        "multiplying_and_dividing_scientific_notation": "Multiplying and dividing in scientific notation",  // Arithmetic with numbers in scientific notation
        "evaluate-functions": "Evaluating functions",  // Functions
        "function-rules-from-equations": "Function rules from equations",  // Functions
        "constructing-and-interpreting-linear-functions": "Constructing and interpreting linear functions",  // Linear models
    ]
}
