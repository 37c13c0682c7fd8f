import ArgumentParser
import Foundation
import KnowledgeBase
import TextAnalysis

extension KeepRule: ExpressibleByArgument {}

struct DedupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Find duplicate and near-duplicate problems (JSONL) and write a deduplicated file.",
        discussion: """
            Problems are linked when they have the same text after lower-casing and folding \
            white space (exact), the same template key — the same text but for its numbers \
            (template) — or an estimated Jaccard similarity of their word-shingle sets, numbers \
            masked, at or above --threshold (minhash: MinHash-LSH with BigCode's defaults, \
            5-word shingles, 256 permutations, 25 bands × 10 rows, 0.7). Linked problems form \
            clusters; --keep says which member stays. docs/dedup.md has the rules and formats.

            Examples:
              kg dedup generated.jsonl -o unique.jsonl --clusters clusters.jsonl
              kg dedup a.jsonl b.jsonl --by exact,template --keep longest -o unique.jsonl
              kg dedup generated.jsonl --threshold 0.8 --json
            """
    )

    @Argument(help: ArgumentHelp("JSONL files of problems; - reads standard input.", valueName: "file"))
    var files: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the kept lines here, unchanged, in input order.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Write one JSON line per cluster here (members, reasons, similarities).", valueName: "file"))
    var clusters: String?

    @Option(help: ArgumentHelp("Which methods link problems: exact, template, minhash, comma-separated.", valueName: "list"))
    var by: String = "exact,template,minhash"

    @Option(help: "Which member of a cluster is kept: first (in input order) or longest.")
    var keep: KeepRule = .first

    @OptionGroup(title: "MinHash") var minHash: MinHashOptions

    @Option(help: ArgumentHelp("The field holding the problem text, or a dotted path to it (default: the first of problem, question, text, statement, prompt).", valueName: "field"))
    var textField: String?

    @Option(help: "Threads for MinHash signatures.")
    var threads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)

    @Flag(help: "Print the summary as JSON.")
    var json = false

    var methods: Set<DedupMethod> {
        get throws {
            var methods = Set<DedupMethod>()
            for name in by.split(separator: ",") {
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                guard let method = DedupMethod(rawValue: trimmed) else {
                    throw ValidationError("--by: unknown method '\(trimmed)'; use exact, template, minhash (comma-separated).")
                }
                methods.insert(method)
            }
            if methods.isEmpty { throw ValidationError("--by needs at least one of exact, template, minhash.") }
            return methods
        }
    }

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one JSONL file, or - for standard input.") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input (-) can be named only once.") }
        if threads < 1 { throw ValidationError("--threads must be 1 or more.") }
        _ = try methods
    }

    func run() throws {
        var options = NearDuplicateFinder.Options()
        options.methods = try methods
        options.minHash = minHash.settings
        options.keep = keep
        options.threads = threads
        let problems: ProblemCollection
        do {
            problems = try ProblemCollection(files: files, textFields: textField.map { [$0] } ?? SeedProblem.defaultTextFields)
        } catch let error as RecordError {
            throw CommandFailure("\(error)\nNothing was written; fix that line (or name the text field with --text-field) and run again.")
        }
        let result = NearDuplicateFinder(options: options).run(problems)
        if let output {
            try AtomicOutput.write(to: output) { file in try problems.writeLines(to: file) { result.keep[$0] } }
        }
        if let clusters {
            try AtomicOutput.write(to: clusters) { file in try result.writeClusters(problems, to: file) }
        }
        if json {
            try CommandOutput.printLine(result.summaryJSON(problems: problems.count, options: options))
        } else {
            try CommandOutput.printLine(result.summaryLines(problems: problems.count).joined(separator: "\n"))
        }
    }
}
