/// Imports MathCAMPS: each problem is generated from one Common Core standard, which gives the
/// topics (the standard's domain and cluster), the knowledge point (the standard) and the level
/// (its grade).
///
/// - Topics: the CCSS domain named in full (`4.NF.A.2` → "Number and Operations—Fractions"),
///   then the standard's cluster, the group of standards Common Core heads with a sentence
///   (`4.NF.A`, "Extend understanding of fraction equivalence and ordering."), named by a noun
///   phrase condensed by hand from that heading ("Fraction equivalence and ordering"). Clusters
///   with the same heading in two grades (`1.OA.A` and `2.OA.A`, `3.NBT.A` and `4.NBT.B`) get the
///   same name and so are one topic. A standard whose cluster is not in the table has only its
///   domain.
/// - Knowledge point: a short name for the standard, condensed by hand from its description
///   in `commoncore_standards.json` (`4.NF.A.2` → "Comparing fractions with different
///   numerators and denominators"), one per MathCAMPS standard id, so the split ids
///   (`3.MD.D.8-triangle`, `3.MD.D.8-polygon`, …) are distinct knowledge points. A standard
///   missing from that table is named by the first clause of its description in
///   `commoncore_standards.json` (read from the folder of `mathcamps.json`).
/// - Level: the grade in the code (`K` → K, `4` → grade-4).
/// - Extra fields: `standard` (the CCSS code without MathCAMPS's `-variant` suffix, for
///   curriculum coverage), `standard_variant` when there is one, `problem_type`
///   (original-problem or a follow-up), `followup_to` (the record id of the problem it
///   follows) and `answer`.
/// - Ids: `mathcamps/<id>`, e.g. `mathcamps/4.NF.A.2-0-0`.
public struct MathCAMPSImporter {
    /// The dataset's name: the `source` of every record and the first part of its id.
    public static let name = "mathcamps"
    /// What a folder resolves to.
    public static let folderFiles = ["mathcamps.json"]
    /// The standards file looked for next to `mathcamps.json`.
    public static let standardsFile = "commoncore_standards.json"

    /// An importer; it keeps no state between calls.
    public init() {}

    /// Reads `mathcamps.json` (or a folder holding it).
    public func records(at path: String) throws -> [ExtractionRecord] {
        var records: [ExtractionRecord] = []
        for file in try DatasetFile.resolve(dataset: Self.name, path: path, folderDefaults: Self.folderFiles) {
            let descriptions = try standardDescriptions(near: file.path)
            try file.forEachJSONElement { row in records.append(try record(from: row, descriptions: descriptions)) }
        }
        return records
    }

    /// The standards file's descriptions by MathCAMPS standard id; empty when there is no such file.
    func standardDescriptions(near path: String) throws -> [String: String] {
        let standardsPath = LocalFile.sibling(of: path, named: Self.standardsFile)
        guard LocalFile.exists(standardsPath) else { return [:] }
        var descriptions: [String: String] = [:]
        try DatasetFile(dataset: Self.name, path: standardsPath).forEachJSONElement { row in
            descriptions[try row.string("id")] = try row.optionalString("description")
        }
        return descriptions
    }

    func record(from row: DatasetRow, descriptions: [String: String]) throws -> ExtractionRecord {
        let id = try row.string("id")
        let code = LabelList.clean(try row.string("standard"))
        guard let standard = Standard(mathCAMPSCode: code) else {
            throw row.error(field: "standard", "'\(code)' is not a K-8 Common Core code like 4.NF.A.2 or 3.MD.D.8-triangle")
        }
        guard let domain = Self.domainNames[standard.domain] else {
            throw row.error(
                field: "standard",
                "'\(code)' has the unknown domain '\(standard.domain)'; known: "
                    + Self.domainNames.keys.sorted().joined(separator: ", "))
        }
        guard let knowledgePoint = Self.standardNames[code] ?? descriptions[code].map(Self.firstClause) else {
            throw row.error(field: "standard", "'\(code)' is neither a known MathCAMPS standard nor in \(Self.standardsFile)")
        }
        var extra = JSONObject()
        extra.members.append((key: "standard", value: .string(standard.code)))
        if let variant = standard.variant { extra.members.append((key: "standard_variant", value: .string(variant))) }
        if let type = try row.optionalString("type") { extra.members.append((key: "problem_type", value: .string(type))) }
        if let parent = try row.optionalString("followup_to") {
            extra.members.append((key: "followup_to", value: .string("\(Self.name)/\(parent)")))
        }
        if let answer = try row.optionalString("answer") { extra.members.append((key: "answer", value: .string(answer))) }
        return ExtractionRecord(
            id: "\(Self.name)/\(id)", source: Self.name, problem: try row.string("statement"), level: standard.level,
            topics: [domain] + (Self.clusterNames[standard.cluster].map { [$0] } ?? []),
            knowledgePoints: [knowledgePoint], extra: extra)
    }

    /// The description up to its first example, aside or sentence end, for standards the
    /// hand-written table does not name.
    static func firstClause(_ description: String) -> String {
        var text = LabelList.clean(description)
        for marker in [". ", ", e.g.", " e.g.", "; ", ", using ", ", including ", " ("] {
            if let range = text.firstRange(of: marker) { text = String(text[..<range.lowerBound]) }
        }
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// The Common Core K-8 domains by code.
    static let domainNames: [String: String] = [
        "CC": "Counting and Cardinality",
        "OA": "Operations and Algebraic Thinking",
        "NBT": "Number and Operations in Base Ten",
        "NF": "Number and Operations—Fractions",
        "MD": "Measurement and Data",
        "G": "Geometry",
        "RP": "Ratios and Proportional Relationships",
        "NS": "The Number System",
        "EE": "Expressions and Equations",
        "F": "Functions",
        "SP": "Statistics and Probability",
    ]

    /// Topic names for the 29 Common Core clusters MathCAMPS's standards belong to, condensed from
    /// the cluster headings (Common Core text, as in `../shared/data/ccss-math-atc/standards.json`).
    /// Identical headings have identical names.
    static let clusterNames: [String: String] = [
        "K.CC.C": "Comparing numbers",  // Compare numbers.
        "K.NBT.A": "Numbers 11–19 as a foundation for place value",  // Work with numbers 11–19 to gain foundations for place value.
        // Understand addition as putting together and adding to, and understand subtraction as taking apart and taking from.
        "K.OA.A": "Addition as putting together and subtraction as taking apart",
        "1.OA.A": "Addition and subtraction problems",  // Represent and solve problems involving addition and subtraction.
        "1.OA.D": "Addition and subtraction equations",  // Work with addition and subtraction equations.
        "2.OA.A": "Addition and subtraction problems",  // (the same heading as 1.OA.A)
        // Use place value understanding and properties of operations to add and subtract.
        "2.NBT.B": "Place value and properties of operations to add and subtract",
        "2.MD.B": "Relating addition and subtraction to length",  // Relate addition and subtraction to length.
        "2.MD.C": "Time and money",  // Work with time and money.
        "3.OA.A": "Multiplication and division problems",  // Represent and solve problems involving multiplication and division.
        "3.OA.C": "Multiplication and division within 100",  // Multiply and divide within 100.
        // Solve problems involving the four operations, and identify and explain patterns in arithmetic.
        "3.OA.D": "Problems with the four operations and patterns in arithmetic",
        // Use place value understanding and properties of operations to perform multi-digit arithmetic.
        "3.NBT.A": "Place value and properties of operations in multi-digit arithmetic",
        // Geometric measurement: recognize perimeter as an attribute of plane figures and distinguish
        // between linear and area measures.
        "3.MD.D": "Perimeter of plane figures",
        "4.OA.A": "Problems with the four operations on whole numbers",  // Use the four operations with whole numbers to solve problems.
        "4.OA.B": "Factors and multiples",  // Gain familiarity with factors and multiples.
        "4.NBT.B": "Place value and properties of operations in multi-digit arithmetic",  // (the same heading as 3.NBT.A)
        "4.NF.A": "Fraction equivalence and ordering",  // Extend understanding of fraction equivalence and ordering.
        // Solve problems involving measurement and conversion of measurements from a larger unit to a smaller unit.
        "4.MD.A": "Measurement and conversion of measurements",
        "5.OA.A": "Writing and interpreting numerical expressions",  // Write and interpret numerical expressions.
        // Perform operations with multi-digit whole numbers and with decimals to hundredths.
        "5.NBT.B": "Operations with multi-digit whole numbers and decimals to hundredths",
        // Use equivalent fractions as a strategy to add and subtract fractions.
        "5.NF.A": "Equivalent fractions as a strategy to add and subtract fractions",
        // Apply and extend previous understandings of multiplication and division to multiply and divide fractions.
        "5.NF.B": "Multiplication and division of fractions",
        // Compute fluently with multi-digit numbers and find common factors and multiples.
        "6.NS.B": "Multi-digit computation and common factors and multiples",
        // Apply and extend previous understandings of arithmetic to algebraic expressions.
        "6.EE.A": "Algebraic expressions",
        "6.EE.B": "One-variable equations and inequalities",  // Reason about and solve one-variable equations and inequalities.
        // Apply and extend previous understandings of operations with fractions to add, subtract,
        // multiply, and divide rational numbers.
        "7.NS.A": "Operations with rational numbers",
        "8.EE.A": "Radicals and integer exponents",  // Work with radicals and integer exponents.
        // Analyze and solve linear equations and pairs of simultaneous linear equations.
        "8.EE.C": "Linear equations and pairs of simultaneous linear equations",
    ]

    /// Knowledge-point names for MathCAMPS's 49 standard ids, condensed from the descriptions in
    /// `commoncore_standards.json`. Each is distinct: 5.NBT.B.7 and 6.NS.B.3 share one
    /// description there, so 6.NS.B.3 is named after the Common Core text ("…multi-digit
    /// decimals using the standard algorithm"), and 2.NBT.B.7 and 3.NBT.A.2 differ by how the
    /// standard asks for the sums (models and place value, or fluently).
    static let standardNames: [String: String] = [
        "K.CC.C.7": "Comparing numbers between 1 and 10",
        "K.OA.A.4": "Making 10 from a number from 1 to 9",
        "K.OA.A.5": "Adding and subtracting within 5",
        "K.NBT.A.1": "Composing and decomposing numbers from 11 to 19",
        "1.OA.A.1": "Addition and subtraction word problems within 20",
        "1.OA.A.2": "Adding three whole numbers with a sum up to 20",
        "1.OA.D.8": "Unknown number in an addition or subtraction equation",
        "2.OA.A.1": "One- and two-step addition and subtraction word problems within 100",
        "2.NBT.B.5": "Adding and subtracting within 100 using place value",
        "2.NBT.B.6": "Adding up to four two-digit numbers",
        "2.NBT.B.7": "Adding and subtracting within 1000 with models and place value",
        "2.MD.B.5": "Length word problems within 100",
        "2.MD.C.8": "Money word problems with bills and coins",
        "3.OA.A.3": "Multiplication and division word problems within 100",
        "3.OA.A.4": "Unknown number in a multiplication or division equation",
        "3.OA.C.7": "Multiplying and dividing within 100",
        "3.OA.D.8": "Two-step word problems with the four operations",
        "3.MD.D.8-triangle": "Perimeter of triangles",
        "3.MD.D.8-quadrilateral": "Perimeter of quadrilaterals",
        "3.MD.D.8-polygon": "Perimeter of polygons",
        "3.NBT.A.2": "Fluent addition and subtraction within 1000",
        "4.OA.A.3": "Multistep word problems with whole numbers",
        "4.OA.B.4": "Factor pairs of whole numbers up to 100",
        "4.NBT.B.4": "Adding and subtracting multi-digit whole numbers",
        "4.NBT.B.5": "Multiplying up to four-digit numbers by one-digit numbers",
        "4.NBT.B.6": "Division with remainders by one-digit divisors",
        "4.NF.A.2": "Comparing fractions with different numerators and denominators",
        "4.MD.A.2-decimal": "Measurement word problems with decimals",
        "4.MD.A.2-fraction": "Measurement word problems with fractions",
        "4.MD.A.3": "Area and perimeter of rectangles",
        "5.OA.A.1": "Evaluating expressions with parentheses, brackets and braces",
        "5.NBT.B.5": "Multiplying multi-digit whole numbers",
        "5.NBT.B.6": "Dividing by two-digit divisors",
        "5.NBT.B.7": "Operations with decimals to hundredths",
        "5.NF.A.1": "Adding and subtracting fractions with unlike denominators",
        "5.NF.A.2": "Fraction addition and subtraction word problems",
        "5.NF.B.4": "Multiplying fractions and whole numbers by fractions",
        "6.NS.B.2": "Dividing multi-digit numbers",
        "6.NS.B.3": "Operations with multi-digit decimals using the standard algorithm",
        "6.EE.A.1": "Numerical expressions with whole-number exponents",
        "6.EE.B.7": "One-step equations of the form x + p = q and px = q",
        "7.NS.A.1-fraction": "Adding and subtracting rational numbers as fractions",
        "7.NS.A.1-decimal": "Adding and subtracting rational numbers as decimals",
        "7.NS.A.2": "Multiplying and dividing rational numbers",
        "7.NS.A.3-fraction": "Word problems with rational numbers as fractions",
        "7.NS.A.3-decimal": "Word problems with rational numbers as decimals",
        "8.EE.A.2": "Square roots and cube roots",
        "8.EE.C.7": "Linear equations in one variable",
        "8.EE.C.8": "Systems of two linear equations",
    ]

    /// A K-8 Common Core code as MathCAMPS writes it: `grade.DOMAIN.cluster.number`, with an
    /// optional `-variant` MathCAMPS adds when it splits a standard (`3.MD.D.8-triangle`).
    struct Standard: Equatable {
        /// The code without the variant: `3.MD.D.8`.
        var code: String
        var variant: String?
        /// `OA`, `NF`, …
        var domain: String
        /// The cluster: the code's first three parts, `4.NF.A`.
        var cluster: String
        var level: Level

        init?(mathCAMPSCode text: String) {
            let parts = text.split(separator: "-", maxSplits: 1)
            guard let base = parts.first else { return nil }
            variant = parts.count > 1 ? String(parts[1]) : nil
            let components = base.split(separator: ".", omittingEmptySubsequences: false)
            guard components.count >= 3, components.allSatisfy({ !$0.isEmpty }) else { return nil }
            if components[0] == "K" {
                level = .kindergarten
            } else if let grade = Int(components[0]), (1...8).contains(grade), let level = Level(grade: grade) {
                self.level = level
            } else {
                return nil
            }
            guard components[1].allSatisfy({ $0.isUppercase }) else { return nil }
            code = String(base)
            domain = String(components[1])
            cluster = components[0..<3].joined(separator: ".")
        }
    }
}
