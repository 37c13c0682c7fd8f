import Foundation
import KnowledgeBase

/// Draws a coverage report as an SVG heatmap: one row per band (K at the top, competition at
/// the bottom), one column per strand (a family of domains: geometry, fractions and ratios, …),
/// each cell coloured by how the cell's share of the problems compares with its target share
/// — red below, white on target, blue above, on a log scale from ⅛× to 8× — and labelled
/// with its problems and the areas it covers. Empty cells are hatched; cells the curriculum
/// has no domain for are left blank. A bar per band on the right shows its share against its
/// target; the totals run along the bottom. With a second report, the two grids are stacked
/// on one scale.
public struct CoverageChart {
    public let report: CoverageReport
    public let against: CoverageReport?

    public init(report: CoverageReport, against: CoverageReport? = nil) {
        self.report = report
        self.against = against
    }

    // Layout, in pixels.
    static let margin = 24.0
    static let rowLabelWidth = 104.0
    static let cellWidth = 100.0
    static let cellHeight = 40.0
    static let headerHeight = 58.0
    static let barWidth = 170.0
    static let titleHeight = 64.0
    static let legendHeight = 70.0

    /// One cell of the grid.
    struct Cell {
        var domains: [String] = []
        var problems = 0
        var share = 0.0
        var target = 0.0
        var areas = 0
        var covered = 0
    }

    /// The strands that have a domain in the report's bands, in the curriculum's strand order.
    static func columns(of report: CoverageReport, _ other: CoverageReport?) -> [String] {
        let present = Set((report.domains + (other?.domains ?? [])).map(\.strand))
        var order = report.strands.map(\.code).filter(present.contains)
        for row in report.domains + (other?.domains ?? []) where !order.contains(row.strand) { order.append(row.strand) }
        return order
    }

    static func cells(of report: CoverageReport, columns: [String]) -> [[Cell]] {
        var grid = Array(repeating: Array(repeating: Cell(), count: columns.count), count: report.bands.count)
        for domain in report.domains {
            guard let r = report.bands.firstIndex(of: domain.band), let c = columns.firstIndex(of: domain.strand) else { continue }
            grid[r][c].domains.append(domain.code + " " + domain.title)
            grid[r][c].problems += domain.problems
            grid[r][c].share += domain.share
            grid[r][c].target += domain.targetShare
            grid[r][c].areas += domain.areas
            grid[r][c].covered += domain.areasCovered
        }
        return grid
    }

    /// The SVG document.
    public var svg: String {
        let columns = CoverageChart.columns(of: report, against)
        var titles: [String: String] = [:]
        for strand in report.strands { titles[strand.code] = strand.title }
        let gridWidth = CoverageChart.rowLabelWidth + Double(columns.count) * CoverageChart.cellWidth
        let width = CoverageChart.margin * 2 + gridWidth + 16 + CoverageChart.barWidth
        let panels = [report] + (against.map { [$0] } ?? [])
        let panelHeight = CoverageChart.titleHeight + CoverageChart.headerHeight + Double(report.bands.count) * CoverageChart.cellHeight + 48
        let height = CoverageChart.margin + Double(panels.count) * panelHeight + CoverageChart.legendHeight + CoverageChart.margin
        var svg = SVGBuilder(width: width, height: height)
        svg.raw(
            "<defs><pattern id=\"empty\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"8\" height=\"8\" fill=\"#fdf0ee\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#e8a49b\" stroke-width=\"1.6\"/></pattern></defs>"
        )
        svg.rect(x: 0, y: 0, width: width, height: height, fill: "#ffffff")
        var y = CoverageChart.margin
        for (index, panel) in panels.enumerated() {
            drawPanel(
                &svg, panel, label: panels.count > 1 ? (index == 0 ? "A" : "B") : nil,
                columns: columns, titles: titles, top: y)
            y += panelHeight
        }
        drawLegend(&svg, top: y)
        return svg.document
    }

    private func drawPanel(
        _ svg: inout SVGBuilder, _ panel: CoverageReport, label: String?, columns: [String],
        titles: [String: String], top: Double
    ) {
        let left = CoverageChart.margin
        let source = panel.sourceKind == .knowledgeBase ? "knowledge base" : "dataset"
        let name = (label.map { "\($0): " } ?? "") + "Coverage of the \(source) \(LocalFile.baseName(panel.sourcePath))"
        svg.text(name, x: left, y: top + 18, size: 17, weight: "bold")
        let t = panel.totals
        let placed = panel.problemCounts.total > 0 ? Double(panel.problemsInAreas) / Double(panel.problemCounts.total) : 0
        svg.text(
            "\(panel.problemCounts.total) problems, \(SVGBuilder.percent(placed)) placed in areas · target \(panel.target.description) · "
                + "curriculum \(panel.curriculumName)", x: left, y: top + 38, size: 12, fill: "#444444")
        svg.text(
            "areas covered \(t.areasCovered)/\(t.areas) · entropy \(SVGBuilder.number(t.entropyBits, 2)) of "
                + "\(SVGBuilder.number(t.maximumEntropyBits, 2)) bits (normalised \(SVGBuilder.number(t.normalisedEntropy, 3))) · "
                + "Gini \(SVGBuilder.number(t.gini, 3)) · KL \(SVGBuilder.number(t.klBits, 2)) bits · long tail \(SVGBuilder.percent(t.longTailShare))",
            x: left, y: top + 55, size: 12, fill: "#444444")

        let gridTop = top + CoverageChart.titleHeight
        let cellsTop = gridTop + CoverageChart.headerHeight
        // Column headers: strand titles wrapped on up to three lines, bottom-aligned.
        for (c, strand) in columns.enumerated() {
            let x = left + CoverageChart.rowLabelWidth + Double(c) * CoverageChart.cellWidth + CoverageChart.cellWidth / 2
            let lines = SVGBuilder.wrap(titles[strand] ?? strand, width: 13, maxLines: 3)
            for (k, line) in lines.enumerated() {
                let baseline = cellsTop - 8 - Double(lines.count - 1 - k) * 13
                svg.text(line, x: x, y: baseline, size: 10.5, anchor: "middle", weight: "bold", fill: "#333333")
            }
        }
        let grid = CoverageChart.cells(of: panel, columns: columns)
        for (r, band) in panel.bands.enumerated() {
            let y = cellsTop + Double(r) * CoverageChart.cellHeight
            svg.text(
                band.rawValue, x: left + CoverageChart.rowLabelWidth - 10, y: y + CoverageChart.cellHeight / 2 + 4,
                size: 12, anchor: "end", weight: "bold", fill: "#333333")
            for (c, cell) in grid[r].enumerated() {
                let x = left + CoverageChart.rowLabelWidth + Double(c) * CoverageChart.cellWidth
                drawCell(&svg, cell, x: x, y: y, band: band)
            }
            // The band's share against its target.
            if let row = panel.bandRows.first(where: { $0.band == band }) {
                drawBandBar(
                    &svg, row, x: left + CoverageChart.rowLabelWidth + Double(columns.count) * CoverageChart.cellWidth + 16,
                    y: y, scale: max(panel.bandRows.map { max($0.share, $0.targetShare) }.max() ?? 0, 0.01))
            }
        }
        let barLeft = left + CoverageChart.rowLabelWidth + Double(columns.count) * CoverageChart.cellWidth + 16
        svg.text("band share", x: barLeft, y: cellsTop - 21, size: 11, weight: "bold", fill: "#333333")
        svg.text("bar: share · tick: target", x: barLeft, y: cellsTop - 8, size: 10, fill: "#666666")
        let gridHeight = Double(panel.bands.count) * CoverageChart.cellHeight
        svg.rect(
            x: left + CoverageChart.rowLabelWidth, y: cellsTop, width: Double(columns.count) * CoverageChart.cellWidth,
            height: gridHeight, fill: "none", stroke: "#999999", strokeWidth: 1)
        let bandGaps = panel.bandRows.filter { $0.deficit > 0 }.sorted { $0.deficit > $1.deficit }.prefix(4)
            .map { "\($0.code) \(SVGBuilder.percent($0.share)) of \(SVGBuilder.percent($0.targetShare))" }
        let areaGaps = panel.underRepresented.prefix(4).map { "\($0.code) \(SVGBuilder.percent($0.share)) of \(SVGBuilder.percent($0.targetShare))" }
        if !bandGaps.isEmpty {
            svg.text(
                "largest band gaps (share of target): " + bandGaps.joined(separator: " · "),
                x: left, y: cellsTop + gridHeight + 18, size: 11, fill: "#444444")
        }
        if !areaGaps.isEmpty {
            svg.text(
                "largest area gaps: " + areaGaps.joined(separator: " · ") + " — kg coverage lists them all",
                x: left, y: cellsTop + gridHeight + 33, size: 11, fill: "#444444")
        }
    }

    private func drawCell(_ svg: inout SVGBuilder, _ cell: Cell, x: Double, y: Double, band: Level) {
        let w = CoverageChart.cellWidth, h = CoverageChart.cellHeight
        guard !cell.domains.isEmpty else {
            svg.rect(x: x, y: y, width: w, height: h, fill: "#f4f4f4", stroke: "#ffffff", strokeWidth: 1.5)
            return
        }
        let tooltip =
            "\(band.rawValue): " + cell.domains.joined(separator: "; ")
            + " — \(cell.problems) problems, share \(SVGBuilder.percent(cell.share)), target \(SVGBuilder.percent(cell.target)), "
            + "\(cell.covered)/\(cell.areas) areas covered"
        let fill: String
        var textColour = "#1a1a1a"
        if cell.share <= 0 && cell.target > 0 {
            fill = "url(#empty)"
        } else if cell.target <= 0 {
            fill = "#e8eef5"
        } else {
            let ratio = log2(cell.share / cell.target)
            let colour = CoverageChart.colour(ratio)
            fill = colour.hex
            if colour.luminance < 0.45 { textColour = "#ffffff" }
        }
        svg.rect(x: x, y: y, width: w, height: h, fill: fill, stroke: "#ffffff", strokeWidth: 1.5, title: tooltip)
        if cell.share <= 0 {
            // An empty cell: a plain label on a white tag, so the hatching stays readable.
            svg.rect(x: x + 8, y: y + h / 2 - 9, width: w - 16, height: 18, fill: "#ffffff", stroke: "#e8a49b", strokeWidth: 1)
            svg.text(
                "0 · \(cell.areas) area\(cell.areas == 1 ? "" : "s")", x: x + w / 2, y: y + h / 2 + 4, size: 10.5,
                anchor: "middle", weight: "bold", fill: "#a93226")
            return
        }
        svg.text(SVGBuilder.count(cell.problems), x: x + w / 2, y: y + 18, size: 13, anchor: "middle", weight: "bold", fill: textColour)
        svg.text("\(cell.covered)/\(cell.areas) areas", x: x + w / 2, y: y + 32, size: 10, anchor: "middle", fill: textColour)
    }

    private func drawBandBar(_ svg: inout SVGBuilder, _ row: CoverageReport.RollUp, x: Double, y: Double, scale: Double) {
        let maxWidth = CoverageChart.barWidth - 64
        let h = CoverageChart.cellHeight
        let shareWidth = maxWidth * row.share / scale
        let targetX = x + maxWidth * row.targetShare / scale
        svg.rect(
            x: x, y: y + 12, width: max(shareWidth, row.share > 0 ? 1 : 0), height: h - 24,
            fill: row.share + 1e-12 >= row.targetShare ? "#4a7ab5" : "#d77a6a")
        svg.line(x1: targetX, y1: y + 7, x2: targetX, y2: y + h - 7, stroke: "#222222", width: 2)
        svg.text("\(SVGBuilder.percent(row.share))", x: x + maxWidth + 8, y: y + h / 2 + 4, size: 11, fill: "#333333")
    }

    private func drawLegend(_ svg: inout SVGBuilder, top: Double) {
        let left = CoverageChart.margin + CoverageChart.rowLabelWidth
        svg.text(
            "cell colour: the cell's share of the problems against its target share", x: left, y: top + 12, size: 11,
            weight: "bold", fill: "#333333")
        let steps = [-3.0, -2, -1, 0, 1, 2, 3]
        let labels = ["≤⅛×", "¼×", "½×", "on target", "2×", "4×", "≥8×"]
        let swatch = 58.0
        for (k, step) in steps.enumerated() {
            let x = left + Double(k) * swatch
            let colour = CoverageChart.colour(step)
            svg.rect(x: x, y: top + 20, width: swatch, height: 16, fill: colour.hex, stroke: "#ffffff", strokeWidth: 1)
            svg.text(labels[k], x: x + swatch / 2, y: top + 50, size: 10, anchor: "middle", fill: "#333333")
        }
        var x = left + Double(steps.count) * swatch + 24
        svg.rect(x: x, y: top + 20, width: 28, height: 16, fill: "url(#empty)")
        svg.text("no problems", x: x + 34, y: top + 32, size: 11, fill: "#333333")
        x += 120
        svg.rect(x: x, y: top + 20, width: 28, height: 16, fill: "#f4f4f4", stroke: "#cccccc", strokeWidth: 1)
        svg.text("not in the curriculum", x: x + 34, y: top + 32, size: 11, fill: "#333333")
        svg.text(
            "numbers: problems in the cell · areas with problems / areas in the cell (0 · n areas: none of its n areas has a problem); hover a cell for its domains",
            x: left,
            y: top + 66, size: 10, fill: "#666666")
    }

    /// A diverging colour for log2(share / target): red below 0, near-white at 0, blue above,
    /// saturating at ±3 (⅛× and 8×).
    static func colour(_ logRatio: Double) -> (hex: String, luminance: Double) {
        let t = max(-1, min(1, logRatio / 3))
        let white = (247.0, 247.0, 247.0)
        let red = (178.0, 24.0, 43.0), blue = (33.0, 102.0, 172.0)
        let end = t < 0 ? red : blue
        let a = abs(t)
        let r = white.0 + (end.0 - white.0) * a, g = white.1 + (end.1 - white.1) * a, b = white.2 + (end.2 - white.2) * a
        let luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
        return (SVGBuilder.hex(r, g, b), luminance)
    }
}

/// A small SVG writer: elements appended in order, numbers formatted by kg, text escaped.
struct SVGBuilder {
    private var body = ""
    let width: Double
    let height: Double

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    var document: String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGBuilder.number(width, 0))\" height=\"\(SVGBuilder.number(height, 0))\" "
            + "viewBox=\"0 0 \(SVGBuilder.number(width, 0)) \(SVGBuilder.number(height, 0))\" "
            + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n" + body + "</svg>\n"
    }

    mutating func raw(_ text: String) { body += text + "\n" }

    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
        strokeWidth: Double = 1, title: String? = nil
    ) {
        var element =
            "<rect x=\"\(SVGBuilder.number(x))\" y=\"\(SVGBuilder.number(y))\" width=\"\(SVGBuilder.number(width))\" "
            + "height=\"\(SVGBuilder.number(height))\" fill=\"\(fill)\""
        if let stroke { element += " stroke=\"\(stroke)\" stroke-width=\"\(SVGBuilder.number(strokeWidth))\"" }
        if let title {
            element += "><title>\(SVGBuilder.escape(title))</title></rect>"
        } else {
            element += "/>"
        }
        body += element + "\n"
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double) {
        body +=
            "<line x1=\"\(SVGBuilder.number(x1))\" y1=\"\(SVGBuilder.number(y1))\" x2=\"\(SVGBuilder.number(x2))\" "
            + "y2=\"\(SVGBuilder.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(SVGBuilder.number(width))\"/>\n"
    }

    mutating func text(
        _ text: String, x: Double, y: Double, size: Double, anchor: String = "start", weight: String = "normal",
        fill: String = "#1a1a1a"
    ) {
        var element = "<text x=\"\(SVGBuilder.number(x))\" y=\"\(SVGBuilder.number(y))\" font-size=\"\(SVGBuilder.number(size))\""
        if anchor != "start" { element += " text-anchor=\"\(anchor)\"" }
        if weight != "normal" { element += " font-weight=\"\(weight)\"" }
        element += " fill=\"\(fill)\">\(SVGBuilder.escape(text))</text>"
        body += element + "\n"
    }

    static func number(_ value: Double, _ decimals: Int = 1) -> String {
        JSONWriter.format(value, decimals: decimals)
    }

    /// A share as a percentage with one decimal ("3.0%", "<0.1%").
    static func percent(_ value: Double) -> String {
        let tenths = Int((value * 1000).rounded())
        if value > 0 && tenths == 0 { return "<0.1%" }
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// 1234 → "1.2K", 999 → "999".
    static func count(_ n: Int) -> String {
        if n < 1000 { return String(n) }
        if n < 10_000 { return JSONWriter.format((Double(n) / 100).rounded() / 10, decimals: 1) + "K" }
        if n < 1_000_000 { return String(Int((Double(n) / 1000).rounded())) + "K" }
        return JSONWriter.format((Double(n) / 100_000).rounded() / 10, decimals: 1) + "M"
    }

    static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
        let digits = Array("0123456789abcdef")
        var text = "#"
        for v in [r, g, b] {
            let byte = Int(max(0, min(255, v.rounded())))
            text.append(digits[byte >> 4])
            text.append(digits[byte & 15])
        }
        return text
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Words of `text` in lines of at most `width` characters (a longer word gets its own line).
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] += "…"
        }
        return lines
    }
}
