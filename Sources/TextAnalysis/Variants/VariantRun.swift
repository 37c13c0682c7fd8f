import KnowledgeBase

/// `kg variants` as a library call: every problem of a file decoupled (or not, with the
/// reason) and up to `perProblem` variants of each written as JSONL.
public struct VariantRun {
    /// Problems read, decoupled, and variants written; failures by reason.
    public struct Summary: Sendable {
        public var problems = 0
        public var decoupled = 0
        public var variants = 0
        public var failures: [VariantFailure: Int] = [:]

        /// `{"problems", "decoupled", "decoupled_share", "variants", "not_decoupled": {REASON: count}}`.
        public var jsonText: String {
            var w = JSONWriter()
            w.beginObject()
            w.key("problems"); w.int(problems)
            w.key("decoupled"); w.int(decoupled)
            w.key("decoupled_share"); w.double(problems == 0 ? 0 : Double(decoupled) / Double(problems))
            w.key("variants"); w.int(variants)
            w.key("not_decoupled")
            w.beginObject()
            for reason in VariantFailure.allCases { w.key(reason.rawValue); w.int(failures[reason] ?? 0) }
            w.endObject()
            w.endObject()
            return w.string
        }
    }

    /// Variants to make per decoupled problem.
    public var perProblem: Int
    /// Seeds the draws (mixed with each line number).
    public var seed: UInt64
    /// Where the problem text is, and the solution, first present first.
    public var textFields: [String]
    public var solutionFields: [String]

    /// A run making `perProblem` variants of each problem from `seed`.
    public init(perProblem: Int, seed: UInt64, textFields: [String] = SeedProblem.defaultTextFields, solutionFields: [String] = ["answer", "solution"]) {
        self.perProblem = perProblem
        self.seed = seed
        self.textFields = textFields
        self.solutionFields = solutionFields
    }

    /// Reads `files` and writes the variant lines to `output`; a bad line is a `RecordError`.
    public func run(files: [String], output: OutputFile) throws -> Summary {
        var summary = Summary()
        let masker = NumberMasker()
        var w = JSONWriter()
        for path in files {
            try ProblemLines.forEach(path: path, textFields: textFields) { line in
                summary.problems += 1
                var solution: String?
                for field in solutionFields {
                    guard let value = line.object[field] else { continue }
                    guard case .string(let text) = value else {
                        throw RecordError(location: line.location, field: field, problem: .wrongType(expected: "a string", found: value.typeDescription))
                    }
                    solution = text
                    break
                }
                guard let solution else {
                    throw RecordError(location: line.location, field: solutionFields.joined(separator: "|"), problem: .missingField)
                }
                switch DecoupledProblem.decouple(problem: line.text, solution: solution, masker: masker) {
                case .failure(let reason):
                    summary.failures[reason, default: 0] += 1
                case .success(let decoupled):
                    summary.decoupled += 1
                    var random = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: line.location.line) &* 0x9E37_79B9_7F4A_7C15))
                    let sourceID = line.id ?? "\(path):\(line.location.line)"
                    for (number, variant) in decoupled.variants(count: perProblem, random: &random).enumerated() {
                        summary.variants += 1
                        w.beginObject()
                        w.key("id"); w.string("\(sourceID)/v\(number + 1)")
                        w.key("source_id"); w.string(sourceID)
                        w.key("line"); w.int(line.location.line)
                        w.key("variant"); w.int(number + 1)
                        w.key("template_key"); w.string(decoupled.template.keyHex)
                        w.key("problem"); w.string(variant.problem)
                        w.key("answer"); w.string(variant.answer.decimalText() ?? variant.answer.description)
                        w.key("original_answer"); w.string(decoupled.answer.decimalText() ?? decoupled.answer.description)
                        w.key("values")
                        w.beginArray()
                        for (k, masked) in decoupled.template.values.enumerated() {
                            w.beginObject()
                            w.key("kind"); w.string(masked.kind.rawValue)
                            w.key("text"); w.string(variant.texts[k])
                            let value = variant.values[k]
                            w.key("value"); w.string(value == decoupled.values[k] ? masked.value : value.decimalText() ?? value.description)
                            w.key("original"); w.string(masked.value)
                            w.endObject()
                        }
                        w.endArray()
                        w.endObject()
                        w.endLine()
                    }
                    if w.bytes.count >= 1 << 20 {
                        try output.write(w.bytes)
                        w.clear()
                    }
                }
            }
        }
        try output.write(w.bytes)
        return summary
    }
}
