import Foundation
import Coverage
import KnowledgeBase

/// The coverage report of the knowledge base (what `kg coverage` prints), made once per
/// generation: the audit (with the concepts' area profiles, which the sample page's boost
/// needs), the report and its JSON.
struct CoverageView: @unchecked Sendable {
    /// Never changed after `init`.
    let audit: CoverageAudit
    var report: CoverageReport
    /// `kg coverage --json` (top 15 gaps).
    var jsonText: String

    /// The audit of `kb` against the curriculum at `curriculumPath`.
    init(kb: KnowledgeBase, curriculumPath: String) throws {
        let context = try CoverageContext(curriculumPath: curriculumPath)
        try self.init(audit: try context.audit(knowledgeBase: kb, keepProfiles: true))
    }

    /// The audit of the dataset at `datasetPath` (extraction records, as
    /// `kg coverage --dataset`), against the curriculum at `curriculumPath`.
    init(datasetPath: String, curriculumPath: String) throws {
        let context = try CoverageContext(curriculumPath: curriculumPath)
        do {
            try self.init(audit: try context.audit(datasetPath: datasetPath))
        } catch let error as RecordError {
            throw ServerError(
                status: 500,
                message:
                    "\(error). kg serve --dataset reads extraction records (kg import, kg tag): one JSON object per line with \"id\", \"topics\" and \"knowledge_points\"; mend the file (the next request reads it again) or tag raw problems first with `kg tag FILE`"
            )
        }
    }

    init(audit: CoverageAudit) throws {
        self.audit = audit
        report = try CoverageReport(audit: audit, target: .uniform)
        jsonText = report.jsonText(top: 15)
    }

    /// The heatmap's columns: strand codes present in the report, in curriculum order.
    var columns: [String] {
        let present = Set(report.domains.map(\.strand))
        var order = report.strands.map(\.code).filter(present.contains)
        for row in report.domains where !order.contains(row.strand) { order.append(row.strand) }
        return order
    }
}

/// `/coverage`: the band × strand heatmap of `kg coverage`; a cell's link lists its areas with
/// their counts and its gaps. With datasets (`kg serve --dataset FILE`), links above the
/// heatmap switch between the knowledge base (`dataset` 0) and each dataset (1, 2, …).
enum CoveragePage {
    static func html(_ view: CoverageView, band: String?, strand: String?, datasets: [String] = [], selected: Int = 0) -> String {
        let report = view.report
        var titles: [String: String] = [:]
        for s in report.strands { titles[s.code] = s.title }
        let columns = view.columns
        // The cell links keep the dataset shown.
        let datasetParameter = selected == 0 ? "" : "dataset=\(selected)&amp;"
        var body = "<h1>Coverage</h1>\n"
        if !datasets.isEmpty {
            // File names, or whole paths where two files share a name.
            let short = datasets.map { ($0 as NSString).lastPathComponent }
            let names = ["the knowledge base"] + zip(datasets, short).map { path, name in short.filter { $0 == name }.count > 1 ? path : name }
            body += "<p id=\"datasets\">"
            body += names.enumerated().map { index, name in
                index == selected
                    ? "<strong>\(HTML.escape(name))</strong>"
                    : "<a href=\"/coverage\(index == 0 ? "" : "?dataset=\(index)")\">\(HTML.escape(name))</a>"
            }.joined(separator: " · ")
            body += "</p>\n"
        }
        let subject = selected == 0 ? "The knowledge base" : "The dataset " + HTML.escape(datasets[selected - 1])
        body += "<p class=\"muted\">\(subject) against \(HTML.escape(report.curriculumName)) (uniform target): each cell is a band and a strand, "
        body += "coloured by its share of the problems against its target share. Click a cell for its areas and gaps.</p>\n"
        let t = report.totals
        body += "<p>\(t.areasCovered) of \(t.areas) areas covered · normalised entropy \(JSONWriter.format(t.normalisedEntropy, decimals: 3)) · Gini \(JSONWriter.format(t.gini, decimals: 3)) · KL \(JSONWriter.format(t.klBits, decimals: 3)) bits</p>\n"
        body += "<table id=\"heatmap\" class=\"heatmap\"><thead><tr><th>band</th>"
        for c in columns { body += "<th>\(HTML.escape(titles[c] ?? c))</th>" }
        body += "</tr></thead><tbody>\n"
        for level in report.bands.reversed() {
            body += "<tr><th>\(HTML.escape(level.rawValue))</th>"
            for c in columns {
                let domains = report.domains.filter { $0.band == level && $0.strand == c }
                guard !domains.isEmpty else {
                    body += "<td class=\"none\"></td>"
                    continue
                }
                let share = domains.map(\.share).reduce(0, +), target = domains.map(\.targetShare).reduce(0, +)
                let ratio = target > 0 ? share / target : 0
                let shade = ratio == 0 ? 0 : ratio < 0.25 ? 1 : ratio < 0.5 ? 2 : ratio < 1 ? 3 : 4
                let selected = band == level.rawValue && strand == c
                body += "<td class=\"h\(shade)\(selected ? " selected" : "")\"><a href=\"/coverage?\(datasetParameter)band=\(HTML.url(level.rawValue))&amp;strand=\(HTML.url(c))#cell\" title=\"\(HTML.escape(level.rawValue)) · \(HTML.escape(titles[c] ?? c)): \(JSONWriter.format(share * 100, decimals: 1))% of problems, target \(JSONWriter.format(target * 100, decimals: 1))%\">\(JSONWriter.format(ratio, decimals: 2))</a></td>"
            }
            body += "</tr>\n"
        }
        body += "</tbody></table>\n<p class=\"legend\"><span class=\"h0\">no problems</span> <span class=\"h1\">&lt; ¼ of target</span> <span class=\"h2\">&lt; ½</span> <span class=\"h3\">&lt; 1</span> <span class=\"h4\">at or above target</span></p>\n"
        if let band, let strand {
            let areas = report.areas.filter { $0.band.rawValue == band && $0.strand == strand }
            body += "<section id=\"cell\"><h2>\(HTML.escape(band)) · \(HTML.escape(titles[strand] ?? strand))</h2>"
            if areas.isEmpty {
                body += "<p>No curriculum area in this cell.</p>"
            } else {
                body += HTML.table(
                    id: "areas", header: ["area", "title", "problems", "concepts", "share %", "target %", "to reach the target"],
                    rows: areas.map {
                        [
                            HTML.escape($0.code), HTML.escape($0.title), String($0.problems), String($0.concepts),
                            JSONWriter.format($0.share * 100, decimals: 2), JSONWriter.format($0.targetShare * 100, decimals: 2), String($0.needed),
                        ]
                    }, numeric: [2, 3, 4, 5, 6], sortable: true)
                let gaps = areas.filter { $0.deficit > 0 }.sorted { $0.deficit > $1.deficit }
                body += "<h3>Gaps</h3>"
                body +=
                    gaps.isEmpty
                    ? "<p>Every area here is at or above its target share.</p>"
                    : "<ul id=\"gaps\">" + gaps.map { "<li>\(HTML.escape($0.code)) \(HTML.escape($0.title)): \($0.problems) problems, \($0.needed) more to reach the target</li>" }.joined() + "</ul>"
            }
            body += "</section>"
        }
        body += "<h2>Most under-represented areas</h2>"
        body += HTML.table(
            header: ["area", "band", "title", "problems", "to reach the target"],
            rows: report.underRepresented.prefix(15).map { [HTML.escape($0.code), HTML.escape($0.band.rawValue), HTML.escape($0.title), String($0.problems), String($0.needed)] },
            numeric: [3, 4])
        return HTML.page(title: "Coverage", body: body)
    }
}
