import Foundation
import KnowledgeBase

extension CoverageReport {
    /// The report as the tables `kg coverage` prints: the summary (and `against`'s), the
    /// bands, optionally every domain and area, the `top` largest gaps and, with
    /// `against`, the largest differences.
    public func text(against: CoverageReport? = nil, top: Int = 15, domains: Bool = false, areas: Bool = false) -> String {
        CoverageTables(report: self, against: against, top: top, domains: domains, areas: areas).text
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
        lines.append(
            "problems   \(r.problemCounts.total): \(r.problemsInAreas) placed in areas (explicit labels \(r.problems(route: .explicit)), "
                + "concepts \(r.problems(route: .concepts)), text \(r.problems(route: .text))); domain only \(r.problems(route: .domain)), "
                + "band only \(r.problems(route: .band)), unmapped \(r.problems(route: .unmapped))")
        if r.problemCounts.weightOutsideBands > 0 {
            lines.append("           \(Self.fixed(r.problemCounts.weightOutsideBands, 1)) of the area weight lies outside the selected bands")
        }
        lines.append(
            "areas      \(t.areasCovered) of \(t.areas) covered (\(Self.percent(t.areas > 0 ? Double(t.areasCovered) / Double(t.areas) : 0)))")
        lines.append(
            "entropy    \(Self.fixed(t.entropyBits, 2)) bits of \(Self.fixed(t.maximumEntropyBits, 2)) (normalised \(Self.fixed(t.normalisedEntropy)))"
        )
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
            var cells = [
                row.code, String(row.areas), String(row.areasCovered), String(row.problems), String(row.unplaced),
                Self.percent(row.share), Self.percent(row.targetShare), Self.percent(row.deficit),
            ]
            if let b = other?[row.code] { cells += [String(b.problems), Self.percent(b.share)] }
            rows.append(cells)
        }
        return TextTable.render(header: header, rows: rows, rightAligned: Set(1..<header.count))
    }

    func domainTable() -> [String] {
        let header = ["domain", "band", "title", "areas", "covered", "problems", "unplaced", "share", "target", "deficit"]
        let rows = report.domains.map {
            [
                $0.code, $0.band.rawValue, String($0.title.prefix(48)), String($0.areas), String($0.areasCovered), String($0.problems),
                String($0.unplaced), Self.percent($0.share), Self.percent($0.targetShare), Self.percent($0.deficit),
            ]
        }
        return TextTable.render(header: header, rows: rows, rightAligned: Set(3..<header.count))
    }

    func areaTable() -> [String] {
        var header = ["area", "band", "title", "problems", "concepts", "share", "target", "deficit"]
        let other = against.map { Dictionary(uniqueKeysWithValues: $0.areas.map { ($0.code, $0) }) }
        if against != nil { header += ["vs share", "Δ share"] }
        let rows: [[String]] = report.areas.map { row in
            var cells = [
                row.code, row.band.rawValue, String(row.title.prefix(56)), String(row.problems), String(row.concepts),
                Self.percent(row.share), Self.percent(row.targetShare), Self.percent(row.deficit),
            ]
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
            [
                row.code, row.band.rawValue, String(row.title.prefix(50)), Self.percent(row.share), Self.percent(share),
                String(format: "%+.1f%%", (share - row.share) * 100),
            ]
        }
        return TextTable.render(
            header: ["area", "band", "largest differences", "share", "vs share", "Δ share"], rows: rows,
            rightAligned: [3, 4, 5])
    }

    func gapTable() -> [String] {
        let rows = report.underRepresented.prefix(top).enumerated().map { rank, row in
            [
                String(rank + 1), row.code, row.band.rawValue, String(row.title.prefix(56)), String(row.problems),
                Self.percent(row.share), Self.percent(row.targetShare), Self.percent(row.deficit), String(row.needed),
            ]
        }
        let header = ["rank", "area", "band", "most under-represented", "problems", "share", "target", "deficit", "needed"]
        return TextTable.render(header: header, rows: rows, rightAligned: [0, 4, 5, 6, 7, 8])
    }
}
