/// The topics or knowledge points of one record being built: cleaned, in first-seen order,
/// without repeats.
package struct LabelList {
    private(set) var labels: [String] = []

    /// Adds `raw` after cleaning it; blank labels and repeats are ignored.
    package mutating func append(_ raw: String) {
        let label = LabelList.clean(raw)
        if !label.isEmpty, !labels.contains(label) { labels.append(label) }
    }

    package mutating func append<S: Sequence>(contentsOf raws: S) where S.Element == String {
        for raw in raws { append(raw) }
    }

    package var isEmpty: Bool { labels.isEmpty }

    /// `text` with white space trimmed and inner runs of white space made one space: dataset
    /// labels carry stray spaces ("Operations of Numbers ", " Difference of Two Squares").
    package static func clean(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
