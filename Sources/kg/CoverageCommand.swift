import ArgumentParser
import Coverage
import Foundation
import KnowledgeBase

extension CoverageTarget: ExpressibleByArgument {
    public init?(argument: String) {
        self = argument == "uniform" ? .uniform : .file(argument)
    }
}

/// The options every coverage-aware command shares: which curriculum, which overrides.
struct CurriculumOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The curriculum (JSONL, docs/coverage.md); default: data/curriculum/curriculum.jsonl of this checkout.",
            valueName: "file"))
    var curriculum: String?

    @Option(
        help: ArgumentHelp(
            "Concept → area corrections (JSONL: {\"concept\", \"kind\"?, \"areas\"}); they win over the keyword rules.",
            valueName: "file"))
    var overrides: String?

    /// The curriculum file to read.
    func curriculumPath() throws -> String {
        try curriculum ?? DataLocator.require(Curriculum.defaultRelativePath, option: "--curriculum FILE")
    }

    /// A coverage context for the chosen curriculum and overrides.
    func context(useText: Bool = true) throws -> CoverageContext {
        try CoverageContext(curriculumPath: curriculumPath(), overridesPath: overrides, useText: useText)
    }
}

struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Audit the knowledge base or a dataset against a K → competition curriculum and rank the gaps.",
        discussion: """
            Every problem is placed in curriculum areas (Common Core clusters for K-12, college \
            and competition areas beyond): by its own labels first (a MathCAMPS standard, a KMX \
            grade and unit, the "areas" kg tag writes), then by its concepts (--overrides, then \
            keyword rules), then by keywords in its text within the domains or band those give. \
            The report compares each area's share of problems with the target and gives, over all \
            areas: coverage, Shannon entropy (bits, and normalised by log2 of the area count), \
            the Gini coefficient (empty areas included), KL(target ‖ observed) with a pseudo-count \
            of --smoothing per area, and the long-tail share. docs/coverage.md defines every figure \
            and every JSON field.

            Examples:
              kg coverage                                   # the knowledge base (--db)
              kg coverage --dataset generated.jsonl --json > coverage.json
              kg coverage --dataset tagged.jsonl --against seeds.jsonl --chart compare.svg
              kg coverage --band grade-6 --band grade-7 --band grade-8 \\
                  --target my-target.jsonl
              kg coverage --unmapped                        # concepts no rule places
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var curriculumOptions: CurriculumOptions

    @Option(
        help: ArgumentHelp(
            "Audit this dataset (extraction records or kg tag output, JSONL) instead of the knowledge base.",
            valueName: "file"))
    var dataset: String?

    @Option(help: ArgumentHelp("Compare with this second dataset, side by side.", valueName: "file"))
    var against: String?

    @Option(
        help: ArgumentHelp(
            "The target distribution: uniform (every area alike) or a JSONL file of {\"code\", \"weight\"}.",
            valueName: "uniform|file"))
    var target: CoverageTarget = .uniform

    @Option(
        help: ArgumentHelp(
            "Only these bands (repeatable): K, grade-1 … grade-8, high-school, college, competition.",
            valueName: "band"))
    var band: [Level] = []

    @Flag(help: "Print the report as JSON (docs/coverage.md).")
    var json = false

    @Option(help: ArgumentHelp("Also draw coverage by band and strand as an SVG heatmap.", valueName: "file.svg"))
    var chart: String?

    @Flag(help: "List the concepts no rule maps to an area, instead of the report.")
    var unmapped = false

    @Option(help: "How many under-represented areas to rank.")
    var top: Int = 15

    @Flag(help: "Print every domain's line.")
    var domains = false

    @Flag(help: "Print every area's line.")
    var areas = false

    @Flag(help: "Do not let problem texts choose areas (labels and concepts only).")
    var noText = false

    @Option(help: "The pseudo-count added to each area before KL(target ‖ observed).")
    var smoothing: Double = CoverageMetrics.defaultSmoothing

    func validate() throws {
        if top < 0 { throw ValidationError("--top must be 0 or more.") }
        if !(smoothing > 0) || !smoothing.isFinite { throw ValidationError("--smoothing must be a positive number.") }
        if let chart, !chart.lowercased().hasSuffix(".svg") {
            throw ValidationError("--chart writes SVG; give a file name ending in .svg (convert it to PNG with rsvg-convert).")
        }
        if unmapped && (chart != nil || against != nil) {
            throw ValidationError("--unmapped prints a list of concepts; use it without --chart and --against.")
        }
    }

    func run() throws {
        let context = try curriculumOptions.context(useText: !noText)
        let audit = try audited(context, dataset: dataset)
        if unmapped {
            try printUnmapped(audit)
            return
        }
        let report = try CoverageReport(audit: audit, target: target, bands: band, smoothing: smoothing)
        let other = try against.map { try CoverageReport(audit: audited(context, dataset: $0), target: target, bands: band, smoothing: smoothing) }
        if let chart {
            let svg = CoverageChart(report: report, against: other).svg
            // Never renamed over a device or pipe (/dev/null): AtomicOutput writes those in place.
            try AtomicOutput.write(to: chart) { file in
                try file.write(svg)
                try file.close()
            }
            if !json { Terminal.error("wrote \(chart)") }
        }
        if json {
            try CommandOutput.printLine(report.jsonText(top: top, against: other))
            return
        }
        try CommandOutput.printLine(report.text(against: other, top: top, domains: domains, areas: areas))
    }

    private func audited(_ context: CoverageContext, dataset: String?) throws -> CoverageAudit {
        do {
            if let dataset {
                let progress = ProgressBar(unit: "records")
                defer { progress.finish() }
                return try context.audit(datasetPath: dataset) { records, bytes, total in
                    progress.update(done: records, bytes: bytes, totalBytes: total, label: dataset)
                }
            }
            let kb = try database.open()
            return try context.audit(knowledgeBase: kb)
        } catch let error as RecordError {
            throw CommandFailure(
                "\(error)\nkg coverage --dataset reads extraction records (kg import, kg tag): one JSON object per line with "
                    + "\"id\", \"topics\" and \"knowledge_points\". Tag raw problems first with `kg tag FILE`.")
        }
    }

    private func printUnmapped(_ audit: CoverageAudit) throws {
        let list = audit.unmappedConcepts()
        if json { return try CommandOutput.printLine(audit.unmappedJSON) }
        let rows = list.map { [$0.kind.rawValue, $0.name, String($0.problems), $0.levels.map(\.rawValue).joined(separator: ",")] }
        try CommandOutput.printLine(
            TextTable.render(header: ["kind", "concept", "problems", "levels"], rows: rows, rightAligned: [2]).joined(separator: "\n"))
        Terminal.error("\(list.count) of \(audit.conceptNames.count) concepts map to no area; place them with --overrides FILE (docs/coverage.md).")
    }
}
