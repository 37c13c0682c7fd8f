import ArgumentParser
import Coverage
import Foundation
import KnowledgeBase

extension ProblemTagger.Untagged: ExpressibleByArgument {}

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Tag untagged problems (JSONL) with curriculum areas and known knowledge points.",
        discussion: """
            Each input line is a JSON object with the problem text in a field: "problem", \
            "question", "text", "statement" or "prompt" (the first present), or --text-field. Each \
            output line is an extraction record: {"id", "source", "level", "topics" (the areas' \
            titles), "knowledge_points", "problem", "areas" (curriculum codes), "tagged" (how), \
            then the input's other fields}. kg coverage --dataset reads it; kg ingest stores it.

            Areas come from the curriculum's keywords (one Aho-Corasick pass over the words): \
            within the record's band — its own "level", or --level, or else a guess by keyword \
            vote — the best-scoring areas. Knowledge points are the knowledge base's KP names \
            (--db) that occur whole in the text. A record that matches no area gets the topic \
            "Untagged" and no areas, or is left out with --untagged drop. docs/coverage.md gives \
            the rules and the measured precision.

            Examples:
              kg tag ../shared/data/gsm8k/test.jsonl --level grade-6 -o gsm8k-tagged.jsonl
              kg tag math-test.jsonl --level competition --untagged drop \\
                  -o math-tagged.jsonl
              kg tag generated.jsonl --text-field output | kg coverage --dataset -
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var curriculumOptions: CurriculumOptions

    @Argument(help: ArgumentHelp("JSONL files of problems; - reads standard input.", valueName: "file"))
    var files: [String]

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

    @Option(help: "Records that match no area: keep (topic \"Untagged\") or drop.")
    var untagged: ProblemTagger.Untagged = .keep

    @Flag(help: "Do not tag knowledge points (no knowledge base needed).")
    var noKps = false

    @Option(help: "Most knowledge points per record.")
    var maxKps: Int = 5

    @Flag(help: "Write the keywords that chose each record's areas (in \"tagged\").")
    var explain = false

    @Option(help: "Worker threads.")
    var threads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one JSONL file, or - for standard input.") }
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

    func run() throws {
        let curriculum = try Curriculum.load(path: try curriculumOptions.curriculumPath())
        var knowledgePoints: [String] = []
        if !noKps {
            if FileManager.default.fileExists(atPath: database.db) {
                knowledgePoints = try database.open().concepts(kind: .kp, minimumProblems: 1, order: .problems).map(\.name)
            } else {
                Terminal.error("no knowledge base at \(database.db): tagging areas only (pass --db PATH for knowledge points, or --no-kps).")
            }
        }
        let tagger = ProblemTagger(keywords: AreaKeywords(curriculum: curriculum), knowledgePoints: knowledgePoints, options: taggerOptions)
        let file = try OutputFile(path: output)
        let progress = ProgressBar(unit: "problems", enabled: Terminal.stderrIsTerminal && output != "-")
        let started = Date()
        let summary: TagSummary
        do {
            summary = try tagger.run(files: files, output: file, threads: threads) { state in
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
