import Foundation

/// What an ingest did.
public struct IngestSummary: Sendable, Equatable {
    /// Records stored (new plus replaced).
    public var records = 0
    /// Records whose id was new.
    public var newProblems = 0
    /// Records that replaced a stored record with the same id.
    public var replacedProblems = 0
    /// Concept mentions stored.
    public var mentions = 0
    /// Concepts created.
    public var newConcepts = 0
    /// Distinct edge rows inserted, updated or removed.
    public var edgeRowsWritten = 0
    /// Lines skipped with `skipBad` (all of them counted; see `rejected` for the errors).
    public var skipped = 0
    /// The errors of skipped lines, in input order (at most `rejectedLimit` kept).
    public var rejected: [RecordError] = []
    /// How many rejections `rejected` keeps.
    public static let rejectedLimit = 1_000

    public init() {}

    /// The summary as one JSON object (docs/formats.md): `records`, `new`, `replaced`,
    /// `mentions`, `new_concepts`, `edge_rows_written`, `skipped`, `rejected` (messages).
    public var jsonText: String {
        var w = JSONWriter()
        w.beginObject()
        w.key("records"); w.int(records)
        w.key("new"); w.int(newProblems)
        w.key("replaced"); w.int(replacedProblems)
        w.key("mentions"); w.int(mentions)
        w.key("new_concepts"); w.int(newConcepts)
        w.key("edge_rows_written"); w.int(edgeRowsWritten)
        w.key("skipped"); w.int(skipped)
        w.key("rejected"); w.beginArray()
        for error in rejected { w.string(error.description) }
        w.endArray()
        w.endObject()
        return w.string
    }

    /// The one line `kg ingest` prints.
    public func line(seconds: Double) -> String {
        "ingested \(records) records (\(newProblems) new, \(replacedProblems) replaced), "
            + "\(mentions) mentions, \(newConcepts) new concepts, "
            + "\(edgeRowsWritten) edge rows written in \(String(format: "%.2f", seconds)) s"
    }
}
