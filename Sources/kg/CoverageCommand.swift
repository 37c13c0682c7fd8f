import ArgumentParser
import Foundation
import Coverage
import KnowledgeBase

import Sampling

extension CoverageTarget: ExpressibleByArgument {
    public init?(argument: String) {
        self = argument == "uniform" ? .uniform : .file(argument)
    }
}

/// The options every coverage-aware command shares: which curriculum, which overrides.
struct CurriculumOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The curriculum (JSONL, docs/coverage.md); default: data/curriculum/curriculum.jsonl of this checkout.",
                               valueName: "file"))
    var curriculum: String?

    @Option(help: ArgumentHelp("Concept → area corrections (JSONL: {\"concept\", \"kind\"?, \"areas\"}); they win over the keyword rules.",
                               valueName: "file"))
    var overrides: String?

    /// The curriculum file to read.
    func curriculumPath() throws -> String {
        if let curriculum { return curriculum }
        guard let found = CurriculumLocator.defaultCurriculum() else {
            throw CommandFailure("cannot find data/curriculum/curriculum.jsonl. Run kg from the checkout's root folder, or pass --curriculum FILE.")
        }
        return found
    }

    /// A coverage context for the chosen curriculum and overrides.
    func context(useText: Bool = true) throws -> CoverageContext {
        try CoverageContext(curriculumPath: curriculumPath(), overridesPath: overrides, useText: useText)
    }
}

/// Finds the shipped curriculum: under the working directory, or next to the checkout the
/// `kg` binary was built in.
enum CurriculumLocator {
    static func defaultCurriculum() -> String? {
        var candidates = [FileManager.default.currentDirectoryPath + "/" + Curriculum.defaultRelativePath]
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(folder.appendingPathComponent(Curriculum.defaultRelativePath).path)
            folder.deleteLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
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
              kg coverage --band grade-6 --band grade-7 --band grade-8 --target my-target.jsonl
              kg coverage --unmapped                        # concepts no rule places
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var curriculumOptions: CurriculumOptions

    @Option(help: ArgumentHelp("Audit this dataset (extraction records or kg tag output, JSONL) instead of the knowledge base.",
                               valueName: "file"))
    var dataset: String?

    @Option(help: ArgumentHelp("Compare with this second dataset, side by side.", valueName: "file"))
    var against: String?

    @Option(help: ArgumentHelp("The target distribution: uniform (every area alike) or a JSONL file of {\"code\", \"weight\"}.",
                               valueName: "uniform|file"))
    var target: CoverageTarget = .uniform

    @Option(help: ArgumentHelp("Only these bands (repeatable): K, grade-1 … grade-8, high-school, college, competition.",
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
        if unmapped && (json || chart != nil || against != nil) {
            throw ValidationError("--unmapped prints a list of concepts; use it without --json, --chart and --against.")
        }
    }

    func run() throws {
        let context = try curriculumOptions.context(useText: !noText)
        let audit = try audited(context, dataset: dataset)
        if unmapped {
            printUnmapped(audit)
            return
        }
        let report = try CoverageReport(audit: audit, target: target, bands: band, smoothing: smoothing)
        let other = try against.map { try CoverageReport(audit: audited(context, dataset: $0), target: target, bands: band, smoothing: smoothing) }
        if let chart {
            let svg = CoverageChart(report: report, against: other).svg
            guard FileManager.default.createFile(atPath: chart, contents: Data(svg.utf8)) else {
                throw CommandFailure("cannot write --chart \(chart): check that its folder exists and is writable.")
            }
            if !json { Terminal.error("wrote \(chart)") }
        }
        if json {
            print(report.jsonText(top: top, against: other))
            return
        }
        print(CoverageTables(report: report, against: other, top: top, domains: domains, areas: areas).text)
    }

    private func audited(_ context: CoverageContext, dataset: String?) throws -> CoverageAudit {
        do {
            if let dataset { return try context.audit(datasetPath: dataset) }
            let kb = try database.open()
            return try context.audit(knowledgeBase: kb)
        } catch let error as RecordError {
            throw CommandFailure("\(error)\nkg coverage --dataset reads extraction records (kg import, kg tag): one JSON object per line with "
                + "\"id\", \"topics\" and \"knowledge_points\". Tag raw problems first with `kg tag FILE`.")
        }
    }

    private func printUnmapped(_ audit: CoverageAudit) {
        let list = audit.unmappedConcepts()
        let rows = list.map { [$0.kind.rawValue, $0.name, String($0.problems), $0.levels.map(\.rawValue).joined(separator: ",")] }
        print(TextTable.render(header: ["kind", "concept", "problems", "levels"], rows: rows, rightAligned: [2]).joined(separator: "\n"))
        Terminal.error("\(list.count) of \(audit.conceptNames.count) concepts map to no area; place them with --overrides FILE (docs/coverage.md).")
    }
}

/// The plain-text form of a coverage report.
struct CoverageTables {
    let report: CoverageReport
    let against: CoverageReport?
    let top: Int
    let domains: Bool
    let areas: Bool

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
    static func fixed(_ value: Double, _ decimals: Int = 3) -> String { String(format: "%.\(decimals)f", value) }

    var text: String {
        var lines: [String] = []
        let source = report.sourceKind == .knowledgeBase ? "knowledge base \(report.sourcePath)" : "dataset \(report.sourcePath)"
        lines.append("coverage of \(source)")
        lines.append("curriculum \(report.curriculumName) (\(report.curriculumPath)), target \(report.target.description)")
        lines.append("")
        lines.append(contentsOf: summary(report))
        if let against {
            lines.append("")
            lines.append("against dataset \(against.sourcePath)")
            lines.append(contentsOf: summary(against))
        }
        lines.append("")
        lines.append(contentsOf: bandTable())
        if domains {
            lines.append("")
            lines.append(contentsOf: domainTable())
        }
        if areas {
            lines.append("")
            lines.append(contentsOf: areaTable())
        }
        if top > 0 {
            lines.append("")
            lines.append(contentsOf: gapTable())
            if against != nil {
                lines.append("")
                lines.append(contentsOf: differenceTable())
            }
        }
        return lines.joined(separator: "\n")
    }

    func summary(_ r: CoverageReport) -> [String] {
        let t = r.totals
        var lines: [String] = []
        lines.append("problems   \(r.problemCounts.total): \(r.problemsInAreas) placed in areas (explicit labels \(r.problems(route: .explicit)), "
            + "concepts \(r.problems(route: .concepts)), text \(r.problems(route: .text))); domain only \(r.problems(route: .domain)), "
            + "band only \(r.problems(route: .band)), unmapped \(r.problems(route: .unmapped))")
        if r.problemCounts.weightOutsideBands > 0 {
            lines.append("           \(Self.fixed(r.problemCounts.weightOutsideBands, 1)) of the area weight lies outside the selected bands")
        }
        lines.append("areas      \(t.areasCovered) of \(t.areas) covered (\(Self.percent(t.areas > 0 ? Double(t.areasCovered) / Double(t.areas) : 0)))")
        lines.append("entropy    \(Self.fixed(t.entropyBits, 2)) bits of \(Self.fixed(t.maximumEntropyBits, 2)) (normalised \(Self.fixed(t.normalisedEntropy)))")
        lines.append("Gini       \(Self.fixed(t.gini)) over area counts, empty areas included")
        lines.append("KL         \(Self.fixed(t.klBits)) bits, KL(target ‖ observed), pseudo-count \(JSONWriter.format(r.smoothing)) per area")
        let head = Int((r.headFraction * Double(t.areas)).rounded(.up))
        lines.append("long tail  \(Self.percent(t.longTailShare)) of the weight outside the \(head) largest areas")
        return lines
    }

    func bandTable() -> [String] {
        var header = ["band", "areas", "covered", "problems", "unplaced", "share", "target", "deficit"]
        var rows: [[String]] = []
        let other = against.map { Dictionary(uniqueKeysWithValues: $0.bandRows.map { ($0.code, $0) }) }
        if against != nil { header += ["vs problems", "vs share"] }
        for row in report.bandRows {
            var cells = [row.code, String(row.areas), String(row.areasCovered), String(row.problems), String(row.unplaced),
                         Self.percent(row.share), Self.percent(row.targetShare), Self.percent(row.deficit)]
            if let b = other?[row.code] { cells += [String(b.problems), Self.percent(b.share)] }
            rows.append(cells)
        }
        return TextTable.render(header: header, rows: rows, rightAligned: Set(1..<header.count))
    }

    func domainTable() -> [String] {
        let header = ["domain", "band", "title", "areas", "covered", "problems", "unplaced", "share", "target", "deficit"]
        let rows = report.domains.map {
            [$0.code, $0.band.rawValue, String($0.title.prefix(48)), String($0.areas), String($0.areasCovered), String($0.problems),
             String($0.unplaced), Self.percent($0.share), Self.percent($0.targetShare), Self.percent($0.deficit)]
        }
        return TextTable.render(header: header, rows: rows, rightAligned: Set(3..<header.count))
    }

    func areaTable() -> [String] {
        var header = ["area", "band", "title", "problems", "concepts", "share", "target", "deficit"]
        let other = against.map { Dictionary(uniqueKeysWithValues: $0.areas.map { ($0.code, $0) }) }
        if against != nil { header += ["vs share", "Δ share"] }
        let rows: [[String]] = report.areas.map { row in
            var cells = [row.code, row.band.rawValue, String(row.title.prefix(56)), String(row.problems), String(row.concepts),
                         Self.percent(row.share), Self.percent(row.targetShare), Self.percent(row.deficit)]
            if let other {
                let b = other[row.code]?.share ?? 0
                cells += [Self.percent(b), String(format: "%+.1f%%", (b - row.share) * 100)]
            }
            return cells
        }
        return TextTable.render(header: header, rows: rows, rightAligned: Set(3..<header.count))
    }

    /// The areas whose shares differ most between the two reports.
    func differenceTable() -> [String] {
        guard let against else { return [] }
        let other = Dictionary(uniqueKeysWithValues: against.areas.map { ($0.code, $0) })
        var pairs: [(row: CoverageReport.AreaRow, share: Double, delta: Double)] = []
        for row in report.areas {
            let share = other[row.code]?.share ?? 0
            if share != row.share { pairs.append((row, share, abs(share - row.share))) }
        }
        pairs.sort { $0.delta != $1.delta ? $0.delta > $1.delta : $0.row.area < $1.row.area }
        let ranked = pairs.prefix(top).map { ($0.row, $0.share) }
        let rows = ranked.map { row, share in
            [row.code, row.band.rawValue, String(row.title.prefix(50)), Self.percent(row.share), Self.percent(share),
             String(format: "%+.1f%%", (share - row.share) * 100)]
        }
        return TextTable.render(header: ["area", "band", "largest differences", "share", "vs share", "Δ share"], rows: rows,
                                rightAligned: [3, 4, 5])
    }

    func gapTable() -> [String] {
        let rows = report.underRepresented.prefix(top).enumerated().map { rank, row in
            [String(rank + 1), row.code, row.band.rawValue, String(row.title.prefix(56)), String(row.problems),
             Self.percent(row.share), Self.percent(row.targetShare), Self.percent(row.deficit), String(row.needed)]
        }
        let header = ["rank", "area", "band", "most under-represented", "problems", "share", "target", "deficit", "needed"]
        return TextTable.render(header: header, rows: rows, rightAligned: [0, 4, 5, 6, 7, 8])
    }
}
