import Foundation
import KnowledgeBase

extension TagEvaluation {
    /// The report `kg tag --evaluate` prints: one table, the neighbours tagger's scores beside
    /// the keyword tagger's, for every held-out problem, then per source, then per band.
    public var text: String {
        var lines = [
            "tagging evaluation: \(heldOutProblems) problems held out (\(Self.percent(heldOutShare)) by a hash of their id), "
                + "tagged from the other \(trainingProblems) without their level",
            "neighbours: \(neighbourOptions.neighbours) nearest by BM25, minimum confidence \(neighbourOptions.minimumConfidence); "
                + "keywords: curriculum keywords and knowledge-point names (kg tag --method keywords)",
            "",
        ]
        let header = [
            "group", "held out", "topic@1", "topic@3", "KP P", "KP R", "KP F1", "area@1", "band",
            "kw KP P", "kw KP R", "kw KP F1", "kw area@1", "kw band", "kw area@1 band given", "both KP F1", "both area@1",
        ]
        var rows: [[String]] = []
        for row in [all] + bySource + byBand {
            let n = row.neighbours, k = row.keywords
            rows.append([
                row.group, String(n.problems), Self.percent(n.topicTop1Accuracy), Self.percent(n.topicTop3Accuracy),
                Self.kp(n.kpPrecision, n), Self.kp(n.kpRecall, n), Self.kp(n.kpF1, n, f1: true),
                n.areaProblems == 0 ? "-" : Self.percent(n.areaAccuracy), n.bandProblems == 0 ? "-" : Self.percent(n.bandAccuracy),
                Self.kp(k.kpPrecision, k), Self.kp(k.kpRecall, k), Self.kp(k.kpF1, k, f1: true),
                k.areaProblems == 0 ? "-" : Self.percent(k.areaAccuracy), k.bandProblems == 0 ? "-" : Self.percent(k.bandAccuracy),
                row.keywordsBandGiven.areaProblems == 0 ? "-" : Self.percent(row.keywordsBandGiven.areaAccuracy),
                Self.kp(row.both.kpF1, row.both, f1: true), row.both.areaProblems == 0 ? "-" : Self.percent(row.both.areaAccuracy),
            ])
        }
        lines += TextTable.render(header: header, rows: rows, rightAligned: Set(1..<header.count))
        lines.append("")
        lines.append(
            "topic@1/@3: the best (best three) topics hold one of the problem's own; KP P/R/F1: over problems with knowledge "
                + "points; area@1: the best curriculum area is one of the problem's placement (kg coverage); band: the band guessed; "
                + "kw: the keyword tagger (it writes curriculum areas as topics, so it has no topic@1), last told the problem's band; "
                + "both: kg tag --method both.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same figures as JSON (docs/formats.md, "kg tag --evaluate --json").
    public var json: String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("held_out_share"); writer.double(heldOutShare)
        writer.key("held_out"); writer.int(heldOutProblems)
        writer.key("training"); writer.int(trainingProblems)
        writer.key("neighbours"); writer.int(neighbourOptions.neighbours)
        writer.key("min_confidence"); writer.double(neighbourOptions.minimumConfidence)
        writer.key("all"); Self.write(all, to: &writer)
        writer.key("sources"); writer.beginArray()
        for row in bySource { Self.write(row, to: &writer) }
        writer.endArray()
        writer.key("bands"); writer.beginArray()
        for row in byBand { Self.write(row, to: &writer) }
        writer.endArray()
        writer.endObject()
        writer.endLine()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func write(_ row: Row, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("group"); writer.string(row.group)
        writer.key("neighbours"); write(row.neighbours, topics: true, to: &writer)
        writer.key("keywords"); write(row.keywords, topics: false, to: &writer)
        writer.key("keywords_band_given"); write(row.keywordsBandGiven, topics: false, to: &writer)
        writer.key("both"); write(row.both, topics: true, to: &writer)
        writer.endObject()
    }

    static func write(_ scores: Scores, topics: Bool, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("problems"); writer.int(scores.problems)
        if topics {
            writer.key("topic_top1"); writer.double(rounded(scores.topicTop1Accuracy))
            writer.key("topic_top3"); writer.double(rounded(scores.topicTop3Accuracy))
        }
        writer.key("kp_problems"); writer.int(scores.kpProblems)
        writer.key("kp_precision"); writer.double(rounded(scores.kpPrecision))
        writer.key("kp_recall"); writer.double(rounded(scores.kpRecall))
        writer.key("kp_f1"); writer.double(rounded(scores.kpF1))
        writer.key("area_problems"); writer.int(scores.areaProblems)
        writer.key("area_top1"); writer.double(rounded(scores.areaAccuracy))
        writer.key("band_problems"); writer.int(scores.bandProblems)
        writer.key("band_accuracy"); writer.double(rounded(scores.bandAccuracy))
        writer.endObject()
    }

    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }

    static func kp(_ value: Double, _ scores: Scores, f1: Bool = false) -> String {
        scores.kpProblems == 0 ? "-" : f1 ? String(format: "%.2f", value) : percent(value)
    }
}
