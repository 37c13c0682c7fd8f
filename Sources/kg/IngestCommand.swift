import ArgumentParser
import Foundation
import KnowledgeBase

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add extraction records (JSONL) to the knowledge base.",
        discussion: """
            Each line is one JSON object: {"id": …, "topics": [...], "knowledge_points": [...]} with \
            optional "source", "problem" and "level" (K, grade-1 … grade-8, high-school, college, \
            competition). Unknown fields are kept. A record whose id is already stored replaces it, \
            so ingesting the same file twice changes nothing.

            By default one bad line aborts the whole ingest and nothing of it is stored. With \
            --skip-bad, bad lines are skipped and counted, and --rejects FILE writes them out.

            Examples:
              kg ingest records.jsonl
              kg import mathcamps data/seeds/mathcamps | kg ingest -
              kg ingest --skip-bad --rejects bad.jsonl part-*.jsonl
              kg tag ../shared/data/gsm8k/test.jsonl -o tagged.jsonl && kg ingest --auto-id tagged.jsonl
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("JSONL files to ingest; - reads standard input.", valueName: "file"))
    var files: [String]

    @Flag(help: "Skip bad lines instead of aborting; report how many and why.")
    var skipBad = false

    @Option(help: ArgumentHelp("With --skip-bad, write each skipped line here, preceded by a '# file:line: reason' comment.", valueName: "file"))
    var rejects: String?

    @Option(help: ArgumentHelp("The field that holds each record's id.", valueName: "name"))
    var idField: String = "id"

    @Flag(help: "Give a line without an id one from its folder, file name and line number (gsm8k-train/17).")
    var autoId = false

    @Flag(help: "Do not store problem texts (smaller database; sampling does not need them).")
    var noText = false

    @Option(help: "Longest line accepted, in bytes.")
    var maxLineBytes: Int = 1 << 20

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @OptionGroup var snapshot: SnapshotOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one JSONL file, or - for standard input.") }
        if rejects != nil && !skipBad { throw ValidationError("--rejects only makes sense with --skip-bad.") }
        if idField.isEmpty { throw ValidationError("--id-field needs a field name.") }
        if ["topics", "knowledge_points", "source", "problem", "level"].contains(idField) {
            throw ValidationError("--id-field \(idField) names a field records use for something else; name the field that holds the id.")
        }
        if maxLineBytes < 64 { throw ValidationError("--max-line-bytes must be at least 64.") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input (-) can be named only once.") }
    }

    func run() throws {
        let kb = try database.openOrCreate()
        var decoder = RecordDecoder()
        decoder.maximumLineBytes = maxLineBytes
        decoder.idField = idField
        decoder.autoID = autoId
        let ingester = Ingester(knowledgeBase: kb, options: IngestOptions(skipBad: skipBad, storeProblemText: !noText, decoder: decoder))
        let progress = ProgressBar(unit: "records")
        ingester.onProgress = { p in
            progress.update(done: p.records, bytes: p.bytesRead, totalBytes: p.totalBytes, label: p.file)
        }
        let rejectsFile = try rejects.map(RejectsFile.init(path:))
        if let rejectsFile { ingester.onReject = { error, raw in try rejectsFile.write(error, raw: raw) } }
        let started = Date()
        let summary: IngestSummary
        do {
            summary = try ingester.ingest(files: files)
        } catch let error as RecordError {
            progress.finish()
            switch error.problem {
            case .rawProblem, .missingIDField:
                throw CommandFailure("\(error)\nNothing of this ingest was stored.")
            default:
                throw CommandFailure(
                    "\(error)\nNothing of this ingest was stored. Fix that line, or rerun with --skip-bad to skip bad lines (and --rejects FILE to keep them)."
                )
            }
        }
        progress.finish()
        try rejectsFile?.close()
        try snapshot.save(kb)
        if json { return try CommandOutput.printLine(summary.jsonText) }
        try CommandOutput.printLine(summary.line(seconds: Date().timeIntervalSince(started)))
        if summary.skipped > 0 {
            Terminal.error("skipped \(summary.skipped) bad line\(summary.skipped == 1 ? "" : "s"):")
            for error in summary.rejected.prefix(20) { Terminal.error("  \(error)") }
            if summary.skipped > 20 { Terminal.error("  … and \(summary.skipped - 20) more\(rejects.map { " (all in \($0))" } ?? "")") }
        }
    }
}
