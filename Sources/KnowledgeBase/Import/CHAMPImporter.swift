/// Imports CHAMP (Concept and Hint-Augmented Math Problems): competition problems whose
/// category is the topic and whose annotated concepts are the knowledge points.
///
/// - Topics: the problem's category with hyphens as spaces ("Number-Theory" → "Number Theory"),
///   then the categories CHAMP gives the problem's annotated concepts (`concept_ids`), where
///   they differ: a Number Theory problem that needs "factorisation of a^n - 1", an Algebra
///   concept, also gets the topic "Algebra". The concepts' parents are knowledge points (below)
///   but do not add topics: the annotation names the concepts, not their ancestors.
/// - Knowledge points: each concept in `concept_ids`, then the concepts they derive from
///   (CHAMP's `parent_id` chain: a problem that uses "x + 1/x ≥ 2" also uses the two-variable
///   AM-GM inequality it is a case of). A concept is named by its `name`; 50 of CHAMP's 89
///   concepts have none, only a statement ("For odd x, x^2 mod 8=1."), and get a short name
///   written from that statement ("odd squares are 1 modulo 8"); a concept in neither place is
///   named by the first sentence of its statement.
/// - Level: competition. Extra fields: `answer`, `concept_ids`. Ids: `champ/<id>`
///   (`champ/P_Combinatorics_1`).
///
/// The path is `problems.jsonl` (with `concepts.jsonl` beside it) or the folder holding both.
public struct CHAMPImporter {
    /// The dataset's name: the `source` of every record and the first part of its id.
    public static let name = "champ"
    /// What a folder resolves to.
    public static let folderFiles = ["problems.jsonl"]
    /// The concepts file looked for next to `problems.jsonl`.
    public static let conceptsFile = "concepts.jsonl"

    /// An importer; it keeps no state between calls.
    public init() {}

    /// Reads `problems.jsonl` and the `concepts.jsonl` next to it (or a folder holding both).
    public func records(at path: String) throws -> [ExtractionRecord] {
        var records: [ExtractionRecord] = []
        for file in try DatasetFile.resolve(dataset: Self.name, path: path, folderDefaults: Self.folderFiles) {
            let concepts = try readConcepts(near: file)
            try file.forEachJSONLine { row in records.append(try record(from: row, concepts: concepts)) }
        }
        return records
    }

    /// A concept as the importer needs it.
    struct Concept {
        var name: String
        var parent: String?
        /// CHAMP's category for the concept ("Algebra", "Number-Theory", …), when it has one.
        var category: String?
    }

    func readConcepts(near problems: DatasetFile) throws -> [String: Concept] {
        let path = LocalFile.sibling(of: problems.path, named: Self.conceptsFile)
        guard LocalFile.exists(path) else {
            throw problems.error("\(Self.conceptsFile) is missing next to this file; CHAMP's concept names are in it")
        }
        let file = DatasetFile(dataset: Self.name, path: path)
        var concepts: [String: Concept] = [:]
        var lines: [String: Int] = [:]
        try file.forEachJSONLine { row in
            let id = try row.string("id")
            if let first = lines[id] { throw row.error(field: "id", "concept \(id) is also defined on line \(first)") }
            let text = try row.optionalString("text")
            var name = try row.optionalString("name").map(LabelList.clean) ?? ""
            if name.isEmpty { name = Self.conceptNames[id] ?? text.map(Self.shortForm) ?? "" }
            if name.isEmpty { throw row.error(field: "name", "concept \(id) has neither a name nor a text") }
            let category = try row.optionalString("category").map(LabelList.clean).flatMap { $0.isEmpty ? nil : $0 }
            concepts[id] = Concept(name: name, parent: try row.optionalString("parent_id"), category: category)
            lines[id] = row.position
        }
        for (id, concept) in concepts {
            if let parent = concept.parent, concepts[parent] == nil {
                throw file.error(line: lines[id], field: "parent_id", "concept \(id) has the unknown parent \(parent)")
            }
        }
        return concepts
    }

    func record(from row: DatasetRow, concepts: [String: Concept]) throws -> ExtractionRecord {
        let id = try row.string("id")
        let category = try row.string("category")
        let conceptIDs = try row.stringArray("concept_ids")
        var topics = LabelList()
        topics.append(Self.topic(category: category))
        var knowledgePoints = LabelList()
        for conceptID in conceptIDs {
            guard let concept = concepts[conceptID] else {
                throw row.error(field: "concept_ids", "unknown concept \(conceptID): it is not in \(Self.conceptsFile)")
            }
            knowledgePoints.append(concept.name)
            if let conceptCategory = concept.category { topics.append(Self.topic(category: conceptCategory)) }
        }
        for conceptID in conceptIDs {
            var visited: Set<String> = [conceptID]
            var next = concepts[conceptID]?.parent
            while let parentID = next, visited.insert(parentID).inserted, let parent = concepts[parentID] {
                knowledgePoints.append(parent.name)
                next = parent.parent
            }
        }
        var extra = JSONObject()
        if let answer = try row.optionalString("answer") { extra.members.append((key: "answer", value: .string(answer))) }
        if case .array(let steps)? = row["solution_steps"] {
            let solution = steps.compactMap { step -> String? in
                if case .string(let text) = step, !text.isEmpty { return text }
                return nil
            }
            if !solution.isEmpty { extra.members.append((key: "solution", value: .string(solution.joined(separator: "\n")))) }
        }
        extra.members.append((key: "concept_ids", value: .array(conceptIDs.map(JSONValue.string))))
        return ExtractionRecord(
            id: "\(Self.name)/\(id)", source: Self.name, problem: try row.string("problem"), level: .competition,
            topics: topics.labels, knowledgePoints: knowledgePoints.labels, extra: extra)
    }

    /// "Number-Theory" → "Number Theory".
    static func topic(category: String) -> String {
        LabelList.clean(category.replacing("-", with: " "))
    }

    /// A statement's first sentence, at most about 80 characters, for unnamed concepts not in
    /// `conceptNames`.
    static func shortForm(_ text: String) -> String {
        var sentence = LabelList.clean(text)
        if let end = sentence.firstRange(of: ". ") { sentence = String(sentence[..<end.lowerBound]) }
        while sentence.hasSuffix(".") { sentence.removeLast() }
        guard sentence.count > 80 else { return sentence }
        var words: [Substring] = []
        var length = 0
        for word in sentence.split(separator: " ") {
            if length + word.count + 1 > 78 { break }
            words.append(word)
            length += word.count + 1
        }
        return words.joined(separator: " ") + "…"
    }

    /// Names for the CHAMP concepts that have only a statement, written from the statement.
    static let conceptNames: [String: String] = [
        "C_(1+xi)poly": "lower bound for a product of (1 + x_i) factors",
        "C_(a+b)sq_4ab": "(a+b)^2 ≥ 4ab",
        "C_(a^n-1)": "factorisation of a^n - 1",
        "C_comb_binom": "sum of binomial coefficients is 2^n",
        "C_comb_complement": "symmetry of binomial coefficients",
        "C_comb_def": "combinations: choosing k of n items",
        "C_comb_recursion": "binomial coefficient recursion C(n, k) = n/k C(n-1, k-1)",
        "C_coprime_pow": "coprimality is kept under powers",
        "C_coprime_prod_pow": "coprime factors of a perfect power are perfect powers",
        "C_cube_root_of_unity": "cube roots of unity",
        "C_div": "divisibility of sums and linear combinations",
        "C_div_coprime": "generalised Euclid's lemma",
        "C_div_coprime_inv": "coprime divisors: their product divides the number",
        "C_div_coprime_prod": "splitting a divisor of a product of coprime numbers",
        "C_div_coprime_prod2": "coprime divisors: their product divides the number",
        "C_div_prime": "Euclid's lemma",
        "C_div_prime_pow": "a prime dividing a power divides the base",
        "C_div_prod": "factors of a divisor are divisors",
        "C_div_prod2": "multiplying divisibility relations",
        "C_euclidean": "subtractive Euclidean algorithm",
        "C_even_poly_global_min": "even-degree polynomials have a global minimum",
        "C_gcd_copime_product": "coprime to each factor means coprime to the product",
        "C_infinite_zeros": "a nonzero polynomial has finitely many zeros",
        "C_nsq_mod3": "squares modulo 3",
        "C_odd_sq_mod_8": "odd squares are 1 modulo 8",
        "C_poly_div": "a - b divides a^n - b^n",
        "C_poly_div_plus": "a + b divides a^n + b^n for odd n",
        "C_poly_div_poly": "x - y divides x^n - y^n as polynomials",
        "C_poly_multi_root": "multiple roots are roots of the derivative",
        "C_poly_real_solution": "a polynomial without real roots keeps one sign",
        "C_poly_root": "factorising a polynomial by its roots",
        "C_poly_root_partial": "factor theorem for several roots",
        "C_pow_even_odd": "parity of power functions",
        "C_prime_6npm1": "primes greater than 3 have the form 6n ± 1",
        "C_quadratic_gt_0": "nonnegative quadratics and the discriminant",
        "C_quadratic_real_root": "discriminant and real roots of a quadratic",
        "C_reciprocal": "reciprocal polynomials of even degree",
        "C_reciprocal_odd": "reciprocal polynomials of odd degree",
        "C_self_inverse_sum": "x + 1/x ≥ 2",
        "C_sq_div_4": "even squares are divisible by 4",
        "C_sq_ending": "last digits of perfect squares",
        "C_sq_gt_0": "squares are nonnegative",
        "C_sq_mod8": "squares modulo 8",
        "C_sq_mod9": "squares modulo 9",
        "C_sqrt_ineq": "monotonicity of the square root",
        "C_subseq_limit": "subsequences of a convergent sequence have the same limit",
        "C_sum_1_n": "sum of the first n positive integers",
        "C_sum_prod_recursion": "power sums of two numbers from their sum and product",
        "C_sum_prod_recursion_3": "power sums of three numbers from symmetric polynomials",
        "C_triangle_def_semiperimeter": "triangle side lengths and the semi-perimeter",
    ]
}
