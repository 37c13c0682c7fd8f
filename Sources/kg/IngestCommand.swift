import ArgumentParser
import Foundation
import Coverage
import KnowledgeBase

import Sampling

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
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("JSONL files to ingest; - reads standard input.", valueName: "file"))
    var files: [String]

    @Flag(help: "Skip bad lines instead of aborting; report how many and why.")
    var skipBad = false

    @Option(help: ArgumentHelp("With --skip-bad, write each skipped line here, preceded by a '# file:line: reason' comment.", valueName: "file"))
    var rejects: String?

    @Flag(help: "Do not store problem texts (smaller database; sampling does not need them).")
    var noText = false

    @Option(help: "Longest line accepted, in bytes.")
    var maxLineBytes: Int = 1 << 20

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one JSONL file, or - for standard input.") }
        if rejects != nil && !skipBad { throw ValidationError("--rejects only makes sense with --skip-bad.") }
        if maxLineBytes < 64 { throw ValidationError("--max-line-bytes must be at least 64.") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input (-) can be named only once.") }
    }

    func run() throws {
        let kb = try database.openOrCreate()
        var decoder = RecordDecoder()
        decoder.maximumLineBytes = maxLineBytes
        let ingester = Ingester(knowledgeBase: kb, options: IngestOptions(skipBad: skipBad, storeProblemText: !noText, decoder: decoder))
        let progress = ProgressBar(unit: "records")
        ingester.onProgress = { p in
            progress.update(done: p.records, bytes: p.bytesRead, totalBytes: p.totalBytes, label: p.file)
        }
        var rejectsHandle: FileHandle?
        if let rejects {
            guard FileManager.default.createFile(atPath: rejects, contents: nil), let handle = FileHandle(forWritingAtPath: rejects) else {
                throw CleanExit.message("cannot write --rejects file \(rejects): check that its folder exists and is writable")
            }
            rejectsHandle = handle
            ingester.onReject = { error, raw in
                var data = Data("# \(error)\n".utf8)
                if let raw { data.append(contentsOf: raw) } else { data.append(contentsOf: "# (line not kept: too long)".utf8) }
                data.append(0x0A)
                handle.write(data)
            }
        }
        let started = Date()
        let summary: IngestSummary
        do {
            summary = try ingester.ingest(files: files)
        } catch let error as RecordError {
            progress.finish()
            throw CommandFailure("\(error)\nNothing of this ingest was stored. Fix that line, or rerun with --skip-bad to skip bad lines (and --rejects FILE to keep them).")
        }
        progress.finish()
        try? rejectsHandle?.close()
        let seconds = Date().timeIntervalSince(started)
        if json {
            var w = JSONWriter()
            w.beginObject()
            w.key("records"); w.int(summary.records)
            w.key("new"); w.int(summary.newProblems)
            w.key("replaced"); w.int(summary.replacedProblems)
            w.key("mentions"); w.int(summary.mentions)
            w.key("new_concepts"); w.int(summary.newConcepts)
            w.key("edge_rows_written"); w.int(summary.edgeRowsWritten)
            w.key("skipped"); w.int(summary.skipped)
            w.key("rejected"); w.beginArray()
            for error in summary.rejected { w.string(error.description) }
            w.endArray()
            w.endObject()
            print(w.string)
        } else {
            print("ingested \(summary.records) records (\(summary.newProblems) new, \(summary.replacedProblems) replaced), "
                + "\(summary.mentions) mentions, \(summary.newConcepts) new concepts, "
                + "\(summary.edgeRowsWritten) edge rows written in \(String(format: "%.2f", seconds)) s")
            if summary.skipped > 0 {
                Terminal.error("skipped \(summary.skipped) bad line\(summary.skipped == 1 ? "" : "s"):")
                for error in summary.rejected.prefix(20) { Terminal.error("  \(error)") }
                if summary.skipped > 20 { Terminal.error("  … and \(summary.skipped - 20) more\(rejects.map { " (all in \($0))" } ?? "")") }
            }
        }
    }
}
