import ArgumentParser
import KnowledgeBase
import TextAnalysis

struct VariantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variants",
        abstract: "Make number variants of problems whose solutions carry their calculations (GSM8K), with exact answers.",
        discussion: """
            Each input line needs the problem text ("question", "problem", … or --text-field) \
            and a solution ("answer" or "solution") whose calculations are annotated as \
            <<48/2=24>> and whose final answer follows ####. kg binds every operand to a number \
            of the problem, an earlier result or a common constant, draws new values for the \
            problem's integers, decimals, money and percents, and recomputes every step in exact \
            fractions; a variant is kept when each step stays as the original was (not negative, \
            whole where it was whole). Output lines: {"id", "source_id", "line", "variant", \
            "template_key", "problem", "answer", "original_answer", "values": [{"kind", "text", \
            "value", "original"}]}. Standard error gets the share of problems decoupled and why \
            the others were not (--report FILE: as JSON). docs/templates.md has the rules.

            Examples:
              kg variants ../shared/data/gsm8k/test.jsonl --per 3 --seed 1 -o gsm8k-plus.jsonl
            """
    )

    @Argument(help: ArgumentHelp("JSONL files of problems with solutions; - reads standard input.", valueName: "file"))
    var files: [String]

    @Option(help: "Variants per problem.")
    var per: Int = 1

    @Option(help: "Seed of the random draws: the same seed gives the same variants.")
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the variants here (written whole or not at all).", valueName: "file"))
    var output: String = "-"

    @Option(help: ArgumentHelp("Write the summary as JSON here.", valueName: "file"))
    var report: String?

    @Option(help: ArgumentHelp("The field holding the problem text, or a dotted path to it.", valueName: "field"))
    var textField: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one JSONL file, or - for standard input.") }
        if per < 1 || per > 1000 { throw ValidationError("--per must be 1 to 1000.") }
    }

    func run() throws {
        let run = VariantRun(perProblem: per, seed: seed, textFields: textField.map { [$0] } ?? SeedProblem.defaultTextFields)
        let summary: VariantRun.Summary
        do {
            summary = try AtomicOutput.write(to: output) { file in try run.run(files: files, output: file) }
        } catch let error as RecordError {
            throw CommandFailure("\(error)\nNothing was written; fix that line and run again.")
        }
        if let report { try CommandOutput.write(summary.jsonText + "\n", to: report) }
        let share = summary.problems == 0 ? 0 : 100 * Double(summary.decoupled) / Double(summary.problems)
        var line = "\(summary.problems) problems, \(summary.decoupled) decoupled (\(JSONWriter.format(share, decimals: 1)) %), \(summary.variants) variants"
        let reasons = VariantFailure.allCases.compactMap { reason in summary.failures[reason].map { "\(reason.rawValue) \($0)" } }
        if !reasons.isEmpty { line += "; not decoupled: " + reasons.joined(separator: ", ") }
        Terminal.error(line)
    }
}
