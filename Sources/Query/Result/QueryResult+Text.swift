import KnowledgeBase

/// The forms `kg query` writes a result in (docs/query.md).
public enum QueryOutputFormat: String, CaseIterable, Sendable {
    /// Aligned tables for a terminal.
    case table
    /// One JSON object (`QueryResult.jsonText`).
    case json
    /// The main table as CSV.
    case csv
    /// The result's subgraph as Graphviz DOT.
    case dot
    /// The result's subgraph as GraphML.
    case graphml
}

extension QueryResult {
    /// The result written as `format`, ending in a newline; `query` is the text the JSON
    /// form echoes.
    public func text(as format: QueryOutputFormat, query: String) -> String {
        switch format {
        case .table:
            var lines: [String] = []
            for table in tables {
                if !lines.isEmpty { lines.append("") }
                if let title = table.title { lines.append(title) }
                lines.append(contentsOf: TextTable.render(header: table.header, rows: table.rows, rightAligned: table.numericColumns))
            }
            return lines.joined(separator: "\n") + "\n"
        case .json:
            return jsonText(query: query) + "\n"
        case .csv:
            return csvTable.csvText
        case .dot:
            return subgraph.dotText()
        case .graphml:
            return subgraph.graphMLText()
        }
    }
}
