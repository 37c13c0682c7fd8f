import ArgumentParser
import Foundation
import KnowledgeBase

extension Dataset: ExpressibleByArgument {}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a labelled public dataset into extraction records (JSONL).",
        discussion: """
            Datasets:
            \(Dataset.allCases.map { "  \($0.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \($0.summary)" }.joined(separator: "\n"))

            PATH is the dataset's file or folder (as in data/seeds/ or the original release). \
            Records go to standard output, or to --output; with --ingest they go straight into \
            the knowledge base.

            Examples:
              kg import mathcamps data/seeds/mathcamps > mathcamps.jsonl
              kg import tal-scq5k data/seeds/tal-scq5k --ingest --db my.sqlite
              kg import collegemath ../shared/data/collegemath --licence-safe -o collegemath.jsonl
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The dataset's name.")
    var dataset: Dataset

    @Argument(help: ArgumentHelp("The dataset's file or folder.", valueName: "path"))
    var path: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the JSONL here instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Ingest the records into the knowledge base (--db) instead of printing them.")
    var ingest = false

    @Flag(help: "collegemath: keep only rows under a CC BY licence (redistribution with changes, any use).")
    var licenceSafe = false

    func validate() throws {
        if ingest && output != nil { throw ValidationError("Use either --ingest or --output, not both.") }
        if licenceSafe && !dataset.hasPerRowLicences {
            throw ValidationError("--licence-safe applies to datasets whose rows carry their own licence (collegemath); \(dataset.rawValue) has one licence for all rows, see docs/importers.md.")
        }
    }

    func run() throws {
        let records = try dataset.records(at: path, licenceSafeOnly: licenceSafe)
        if ingest {
            let kb = try database.openOrCreate()
            let summary = try Ingester(knowledgeBase: kb).ingest(records: records, sourceName: path)
            try kb.saveSnapshot()
            try CommandOutput.printLine(
                "ingested \(summary.records) \(dataset.rawValue) records (\(summary.newProblems) new, \(summary.replacedProblems) replaced) into \(database.db)"
            )
            return
        }
        var writer = JSONWriter()
        for record in records {
            record.write(to: &writer)
            writer.endLine()
        }
        if let output {
            // Never renamed over a device or pipe (/dev/null): AtomicOutput writes those in place.
            try AtomicOutput.write(to: output) { file in
                try file.write(writer.bytes)
                try file.close()
            }
            Terminal.error("wrote \(records.count) records to \(output)")
        } else {
            FileHandle.standardOutput.write(Data(writer.bytes))
        }
    }
}
