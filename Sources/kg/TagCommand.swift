import ArgumentParser
import Coverage
import Foundation
import KnowledgeBase

extension ProblemTagger.Untagged: ExpressibleByArgument {}
extension TagMethod: ExpressibleByArgument {}

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Tag untagged problems (JSONL) with topics, knowledge points and curriculum areas.",
        discussion: """
            Each input line is a JSON object with the problem text in a field: "problem", \
            "question", "text", "statement" or "prompt" (the first present), or --text-field. Each \
            output line is an extraction record: {"id", "source", "level", "topics", \
            "knowledge_points", "problem", "areas" (curriculum codes), "tagged" (how, with \
            confidences), then the input's other fields}. kg coverage --dataset reads it; kg \
            ingest stores it.

            --method neighbours: the knowledge base's --neighbours most similar problems (BM25 \
            over words and word pairs, numbers masked) vote their topics, knowledge points, areas \
            and band; a label's confidence is its share of the vote, and labels under \
            --min-confidence are left out. --method keywords (the default without a knowledge \
            base): curriculum keywords choose the areas, known KP names found whole in the text \
            the knowledge points. --method both (the default with one): the vote, plus those \
            KPs, and the keyword areas where the vote is unsure. The band is the record's "level", or \
            --level, or else guessed. A record that gets no topic is written with the topic \
            "Untagged", or left out with --untagged drop.

            --evaluate measures both methods on the knowledge base itself: it holds out \
            --hold-out of its problems (by a hash of the id, the same every run), tags them from \
            the rest, and prints topic, knowledge-point, area and band accuracy per source and \
            band. docs/coverage.md has the figures for the default knowledge base.

            Examples:
              kg tag ../shared/data/gsm8k/test.jsonl -o gsm8k-tagged.jsonl
              kg tag math-test.jsonl --level competition --untagged drop \\
                  -o math-tagged.jsonl
              kg tag generated.jsonl --text-field output --explain \\
                  | kg coverage --dataset -
              kg tag --evaluate
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var curriculumOptions: CurriculumOptions

    @Argument(help: ArgumentHelp("JSONL files of problems; - reads standard input.", valueName: "file"))
    var files: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the records here instead of standard output.", valueName: "file"))
    var output: String = "-"

    @Option(
        help: ArgumentHelp(
            "The field holding the problem text (default: the first of problem, question, text, statement, prompt).",
            valueName: "field"))
    var textField: String?

    @Option(help: ArgumentHelp("The band of every problem: K, grade-1 … grade-8, high-school, college, competition.", valueName: "band"))
    var level: Level?

    @Flag(help: "Do not guess the band of problems without a level; they get no areas.")
    var noGuess = false

    @Option(help: ArgumentHelp("The source of records without one (default: the input file's name).", valueName: "name"))
    var source: String?

    @Option(help: "Records that get no topic (keywords: no area): keep (topic \"Untagged\") or drop.")
    var untagged: ProblemTagger.Untagged = .keep

    @Flag(help: "Do not tag knowledge points (no knowledge base needed).")
    var noKps = false

    @Option(help: "Most knowledge points per record.")
    var maxKps: Int = 5

    @Flag(help: "Write the keywords that chose each record's areas (in \"tagged\").")
    var explain = false

    @Option(help: "Worker threads.")
    var threads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)

    @Option(
        help: ArgumentHelp(
            "How to tag: neighbours (vote of the knowledge base's most similar problems), keywords (curriculum keywords and KP names; the default without a knowledge base), both (the default with one).",
            valueName: "method"))
    var method: TagMethod?

    @Option(name: .customLong("neighbours"), help: "Nearest problems that vote (--method neighbours or both).")
    var neighbourCount: Int = 20

    @Option(help: "Labels a neighbour vote gives less confidence than this (0-1) are left out; the best topic and area are kept.")
    var minConfidence: Double = 0.3

    @Flag(help: "Instead of tagging files: hold out a share of the knowledge base's problems, tag them from the rest by both methods, and print the accuracy.")
    var evaluate = false

    @Option(help: "The share held out by --evaluate (0-1; chosen by a hash of the record id, the same every run).")
    var holdOut: Double = 0.2

    @Flag(help: "With --evaluate: print the figures as JSON (docs/formats.md).")
    var json = false

    func validate() throws {
        if evaluate {
            if !files.isEmpty { throw ValidationError("--evaluate tags the knowledge base's own problems: name no files.") }
            if !(holdOut > 0 && holdOut < 1) { throw ValidationError("--hold-out must be between 0 and 1, e.g. 0.2.") }
        } else if json {
            throw ValidationError("--json goes with --evaluate; tagging writes JSONL already.")
        }
        if neighbourCount < 1 { throw ValidationError("--neighbours must be 1 or more.") }
        if !(minConfidence >= 0 && minConfidence <= 1) { throw ValidationError("--min-confidence must be between 0 and 1.") }
        if files.isEmpty && !evaluate { throw ValidationError("Name at least one JSONL file, or - for standard input.") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input (-) can be named only once.") }
        if maxKps < 0 { throw ValidationError("--max-kps must be 0 or more.") }
        if threads < 1 { throw ValidationError("--threads must be 1 or more.") }
        if let textField, textField.isEmpty { throw ValidationError("--text-field needs a field name.") }
    }

    /// The tagger options these flags describe.
    var taggerOptions: ProblemTagger.Options {
        var options = ProblemTagger.Options()
        if let textField { options.textFields = [textField] }
        options.level = level
        options.guessBand = !noGuess
        options.source = source
        options.untagged = untagged
        options.maximumKnowledgePoints = maxKps
        options.explain = explain
        return options
    }

    /// The neighbours tagger's options these flags describe.
    var neighbourOptions: NeighbourTagger.Options {
        var options = NeighbourTagger.Options()
        options.neighbours = neighbourCount
        options.minimumConfidence = minConfidence
        options.maximumKnowledgePoints = maxKps
        return options
    }

    func run() throws {
        if evaluate { return try runEvaluation() }
        let chosen = try resolvedMethod()
        if chosen != .keywords, try runNeighbours(chosen) { return }
        let curriculum = try Curriculum.load(path: try curriculumOptions.curriculumPath())
        var knowledgePoints: [String] = []
        if !noKps {
            if knowledgeBaseExists {
                knowledgePoints = try database.open().concepts(kind: .kp, minimumProblems: 1, order: .problems).map(\.name)
            } else {
                Terminal.error("no knowledge base at \(database.db): tagging areas only (pass --db PATH for knowledge points, or --no-kps).")
            }
        }
        let tagger = ProblemTagger(keywords: AreaKeywords(curriculum: curriculum), knowledgePoints: knowledgePoints, options: taggerOptions)
        try writeTagged(started: Date()) { file, progress in
            try tagger.run(files: files, output: file, threads: threads, onProgress: progress)
        }
    }

    /// Runs `tag` (either tagger's `run`) into `--output` with a progress bar, turns a record
    /// error into what to do, and prints the closing line (timed from `started`).
    func writeTagged(started: Date, _ tag: (OutputFile, @escaping (TagProgress) -> Void) throws -> TagSummary) throws {
        let file = try OutputFile(path: output)
        let progress = ProgressBar(unit: "problems", enabled: Terminal.stderrIsTerminal && output != "-")
        let summary: TagSummary
        do {
            summary = try tag(file) { state in
                progress.update(done: state.summary.records, bytes: state.bytesRead, totalBytes: state.totalBytes, label: state.file)
            }
        } catch let error as RecordError {
            progress.finish()
            var hint = ""
            if case .missingField = error.problem {
                hint = "\nName the field that holds the problem text with --text-field."
            }
            throw CommandFailure("\(error)\(hint)\nThe output stops before that line.")
        }
        try file.close()
        progress.finish()
        Terminal.error(summary.line(seconds: Date().timeIntervalSince(started), withKnowledgePoints: !noKps))
    }
}
