import ArgumentParser
import KnowledgeBase
import TextAnalysis

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Take the numbers out of problems (JSONL): template text, template key and values.",
        discussion: """
            Each input line is a JSON object with the problem text in "problem", "question", \
            "text", "statement" or "prompt" (the first present), or --text-field. Each output line \
            is {"id", "line", "template", "template_key", "values": [{"kind", "text", "value"}]} \
            (docs/templates.md). Numbers become typed placeholders — {int1}, {decimal2}, \
            {fraction3}, {percent4}, {money5}, {ordinal6}, {word7} — numbered in order; problems \
            that differ only in their numbers share the template key.

            Examples:
              kg template ../shared/data/gsm8k/test.jsonl -o gsm8k-templates.jsonl
              echo '{"problem": "Tom has 3 apples and buys twice as many."}' | kg template -
            """
    )

    @Argument(help: ArgumentHelp("JSONL files of problems; - reads standard input.", valueName: "file"))
    var files: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the template lines here (written whole or not at all).", valueName: "file"))
    var output: String = "-"

    @Option(help: ArgumentHelp("The field holding the problem text, or a dotted path to it (default: the first of problem, question, text, statement, prompt).", valueName: "field"))
    var textField: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one JSONL file, or - for standard input.") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input (-) can be named only once.") }
        if let textField, textField.isEmpty { throw ValidationError("--text-field needs a field name.") }
    }

    func run() throws {
        let masker = NumberMasker()
        let fields = textField.map { [$0] } ?? SeedProblem.defaultTextFields
        do {
            try AtomicOutput.write(to: output) { file in
                var w = JSONWriter()
                for path in files {
                    try ProblemLines.forEach(path: path, textFields: fields) { line in
                        masker.mask(line.text).writeJSON(id: line.id, line: line.location.line, to: &w)
                        w.endLine()
                        if output != "-", w.bytes.count > 1 << 20 { try file.write(w.bytes); w.clear() }
                    }
                }
                try file.write(w.bytes)
            }
        } catch let error as RecordError {
            throw CommandFailure("\(error)\nNothing was written; fix that line (or name the text field with --text-field) and run again.")
        }
    }
}
