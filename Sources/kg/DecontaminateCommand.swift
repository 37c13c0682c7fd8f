import ArgumentParser
import Foundation
import KnowledgeBase
import TextAnalysis

struct DecontaminateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decontaminate",
        abstract: "Flag problems (JSONL, or the knowledge base) that copy or paraphrase benchmark test problems.",
        discussion: """
            A problem is flagged when it shares a 13-word sequence with a test problem (numbers \
            as written; --ngram-sizes 13,10 adds the 10-word rule; sequences found in more than \
            10 test problems are ignored), \
            has the same normalised text (exact) or the same template key (the same problem with \
            other numbers), or a MinHash similarity at or above --threshold. The report gives, per \
            source file and per benchmark, what was flagged, and for every flagged problem the \
            matched test id and the evidence: the shared n-gram or the similarity. \
            docs/dedup.md has the rules, the formats and measured figures.

            --against takes a JSONL file of test problems or a folder of them (each file one \
            benchmark); without it kg uses its data/benchmarks (GSM8K test, MATH test).

            Examples:
              kg decontaminate generated.jsonl --drop clean.jsonl
              kg decontaminate answers.jsonl --text-field response.body.choices.0.message.content
              kg decontaminate generated.jsonl --against data/benchmarks/gsm8k --json > report.json
              kg decontaminate --kb --db kg.sqlite
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("JSONL files of problems; - reads standard input.", valueName: "file"))
    var files: [String] = []

    @Flag(help: "Check the knowledge base's problems (--db) as well.")
    var kb = false

    @Option(help: ArgumentHelp("Benchmark test problems: a JSONL file or a folder of them (repeatable; default data/benchmarks).", valueName: "path"))
    var against: [String] = []

    @Option(help: ArgumentHelp("Write the problems that are not flagged here, unchanged.", valueName: "file"))
    var drop: String?

    @Option(help: ArgumentHelp("Which rules flag: exact, template, ngram, minhash, comma-separated.", valueName: "list"))
    var rules: String = "exact,template,ngram,minhash"

    @Option(help: ArgumentHelp("n-gram sizes in words, comma-separated (13,10 adds DeepSeekMath's 10-gram rule).", valueName: "list"))
    var ngramSizes: String = "13"

    @Option(help: "Ignore n-grams found in more than this many test problems.")
    var maxNgramFrequency: Int = 10

    @OptionGroup(title: "MinHash") var minHash: MinHashOptions

    @Option(help: ArgumentHelp("The field holding the problem text, or a dotted path to it (default: the first of problem, question, text, statement, prompt).", valueName: "field"))
    var textField: String?

    @Option(help: "Threads.")
    var threads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)

    @Option(help: "Flagged problems listed in the text report.")
    var examples: Int = 20

    @Flag(help: "Print the full report as JSON.")
    var json = false

    var contaminationRules: ContaminationRules {
        get throws {
            let names = Set(rules.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            for name in names where !["exact", "template", "ngram", "minhash"].contains(name) {
                throw ValidationError("--rules: unknown rule '\(name)'; use exact, template, ngram, minhash (comma-separated).")
            }
            if names.isEmpty { throw ValidationError("--rules needs at least one of exact, template, ngram, minhash.") }
            var result = ContaminationRules()
            result.exact = names.contains("exact")
            result.template = names.contains("template")
            result.minHash = names.contains("minhash") ? minHash.settings : nil
            result.maximumNGramFrequency = maxNgramFrequency
            if names.contains("ngram") {
                var sizes: [Int] = []
                for part in ngramSizes.split(separator: ",") {
                    guard let n = Int(part.trimmingCharacters(in: .whitespaces)), n >= 1 else {
                        throw ValidationError("--ngram-sizes: '\(part)' is not a positive number of words (say 13,10).")
                    }
                    if !sizes.contains(n) { sizes.append(n) }
                }
                result.ngramSizes = sizes
            } else {
                result.ngramSizes = []
            }
            return result
        }
    }

    func validate() throws {
        if files.isEmpty && !kb { throw ValidationError("Name JSONL files to check, or --kb for the knowledge base.") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input (-) can be named only once.") }
        if threads < 1 { throw ValidationError("--threads must be 1 or more.") }
        if maxNgramFrequency < 1 { throw ValidationError("--max-ngram-frequency must be 1 or more.") }
        _ = try contaminationRules
    }

    func run() throws {
        var benchmarks = BenchmarkSet()
        let paths = try against.isEmpty ? [DataLocator.require("data/benchmarks", option: "--against PATH")] : against
        let problems = ProblemCollection()
        do {
            for path in paths { try benchmarks.add(path: path) }
            for path in files { try problems.read(path, textFields: textField.map { [$0] } ?? SeedProblem.defaultTextFields) }
        } catch let error as RecordError {
            throw CommandFailure("\(error)\nNothing was written; fix that line (or name the text field with --text-field) and run again.")
        }
        if kb {
            let store = try database.open()
            problems.beginSource("kb:\(database.db)")
            try store.forEachProblemText { id, source, text in
                var w = JSONWriter()
                w.beginObject()
                w.key("id"); w.string(id)
                w.key("source")
                if let source { w.string(source) } else { w.null() }
                w.key("problem"); w.string(text)
                w.endObject()
                problems.add(id: id, text: text, raw: w.string)
            }
        }
        let index = ContaminationIndex(benchmarks: benchmarks, rules: try contaminationRules)
        let report = ContaminationReport(checking: problems, against: index, threads: threads)
        if let drop {
            try AtomicOutput.write(to: drop) { file in try problems.writeLines(to: file) { report.matches[$0].isEmpty } }
        }
        if json {
            try CommandOutput.printLine(report.jsonText)
        } else {
            try CommandOutput.printLine(report.textLines(examples: examples).joined(separator: "\n"))
        }
    }
}
