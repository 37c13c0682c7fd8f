import ArgumentParser
import Coverage
import Foundation
import KnowledgeBase

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a knowledge base; with --default, build the shipped one from data/seeds.",
        discussion: """
            The default knowledge base is built from labelled public datasets copied into \
            data/seeds (see data/seeds/*/SOURCE.md): MathCAMPS and KMX (K-8, Common Core and Khan \
            Academy labels), a seeded mathematics_dataset sample (high school, college), \
            MathOdyssey (high school to college), TheoremQA (college), TAL-SCQ5K, the MathScale \
            extraction sample, MATH and CHAMP (competition). docs/importers.md says how each \
            dataset's labels become topics and knowledge points.

            Problems with topics but no knowledge points stay so, unless --tag-kps gives them \
            the knowledge points of their nearest same-level neighbours (marked kps_tagged in \
            each record, with the confidences; docs/coverage.md).
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(name: .customLong("default"), help: "Build the default knowledge base from the shipped seed datasets.")
    var buildDefault = false

    @Option(help: ArgumentHelp("The seed datasets folder (default: data/seeds of this checkout).", valueName: "dir"))
    var seeds: String?

    @Flag(help: "Replace an existing knowledge base file.")
    var force = false

    @Flag(
        help: ArgumentHelp(
            "With --default: give problems that have topics but no knowledge points (MATH train, MathOdyssey) those of their nearest same-level neighbours; each says so in its extra field kps_tagged."))
    var tagKps = false

    func validate() throws {
        if tagKps && !buildDefault { throw ValidationError("--tag-kps goes with --default.") }
    }

    @OptionGroup var snapshot: SnapshotOptions

    func run() throws {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: database.db) {
            guard force else {
                throw CommandFailure("\(database.db) already exists. Use --force to rebuild it, or --db PATH to create another.")
            }
            KnowledgeBase.removeFiles(at: database.db)
        }
        guard buildDefault else {
            _ = try database.openOrCreate()
            try CommandOutput.printLine("created an empty knowledge base at \(database.db)")
            return
        }
        let folder = try seeds ?? DataLocator.require("data/seeds", option: "--seeds DIR")
        let started = Date()
        var records = try DefaultKnowledgeBase.records(seedsFolder: folder) { dataset, path, count in
            Terminal.error("imported \(count) records from \(dataset.rawValue) (\(path))")
        }
        if tagKps {
            let fill = KnowledgePointFill().fill(&records)
            Terminal.error(
                "tagged knowledge points for \(fill.filled) of \(fill.candidates) problems that had none "
                    + "(\(fill.knowledgePoints) in all; each marked kps_tagged)")
        }
        let kb = try database.openOrCreate()
        let summary: IngestSummary
        do {
            summary = try Ingester(knowledgeBase: kb).ingest(records: records, sourceName: folder)
            try kb.checkpoint()
        } catch {
            KnowledgeBase.removeFiles(at: database.db)
            throw error
        }
        try snapshot.save(kb)
        let stats = try kb.statistics(top: 0)
        try CommandOutput.printLine(
            "built \(database.db): \(stats.problems) problems, \(stats.topics) topics, \(stats.kps) knowledge points, "
                + "\(stats.edges.total) edges from \(stats.sources.count) sources "
                + "(\(summary.records) records in \(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
    }
}
