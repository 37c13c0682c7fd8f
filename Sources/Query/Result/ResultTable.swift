import KnowledgeBase

/// A result as rows of text under a header: what `kg query` aligns for the terminal and
/// writes as CSV.
public struct ResultTable: Equatable, Sendable {
    /// A line printed above the table ("3 concepts"), or nil.
    public var title: String?
    /// Column names.
    public var header: [String]
    /// Cells, one array per row, as many as `header`.
    public var rows: [[String]]
    /// Columns holding numbers (right-aligned on a terminal).
    public var numericColumns: Set<Int>

    public init(title: String? = nil, header: [String], rows: [[String]], numericColumns: Set<Int> = []) {
        self.title = title
        self.header = header
        self.rows = rows
        self.numericColumns = numericColumns
    }

    /// The table as CSV (RFC 4180: `\r\n`-free, fields with commas, quotes or line breaks
    /// quoted, quotes doubled), header first.
    public var csvText: String {
        var out = ""
        for row in [header] + rows {
            out += row.map(ResultTable.csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || field.hasPrefix(" ") || field.hasSuffix(" ") else {
            return field
        }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Every occurrence of `target` replaced (without Foundation).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self {
            if c == target { out += replacement } else { out.append(c) }
        }
        return out
    }
}

extension QueryResult {
    /// The result as tables for a terminal: one table, or two (nodes, then edges) for a
    /// subgraph; a path's table ends with its cost in the title.
    public var tables: [ResultTable] {
        switch kind {
        case .concepts:
            return [conceptTable(title: nil)]
        case .edges:
            return [edgeTable(edges, title: nil)]
        case .subgraph:
            return [
                conceptTable(title: "\(nodes.count) concept\(nodes.count == 1 ? "" : "s")"),
                edgeTable(edges, title: "\(edges.count) edge\(edges.count == 1 ? "" : "s")"),
            ]
        case .path:
            return [pathTable]
        case .problems:
            return [problemTable]
        }
    }

    /// The result as one CSV table (a subgraph's nodes and edges share one table, told apart
    /// by the `element` column).
    public var csvTable: ResultTable {
        switch kind {
        case .concepts:
            var header = ["id", "kind", "name", "problems", "degree"]
            if weights != nil { header.append("weight") }
            let rows = nodes.enumerated().map { row, n -> [String] in
                var cells = [
                    String(snapshot.conceptIDs[Int(n)]), snapshot.kinds[Int(n)].rawValue, snapshot.names[Int(n)],
                    String(snapshot.problemCounts[Int(n)]), String(snapshot.degree(of: Int(n))),
                ]
                if let weights { cells.append(String(weights[row])) }
                return cells
            }
            return ResultTable(header: header, rows: rows)
        case .edges:
            let rows = edges.map { e -> [String] in
                let (x, y) = displayEnds(e)
                return [
                    String(snapshot.conceptIDs[Int(x)]), snapshot.kinds[Int(x)].rawValue, snapshot.names[Int(x)],
                    String(snapshot.conceptIDs[Int(y)]), snapshot.kinds[Int(y)].rawValue, snapshot.names[Int(y)], String(e.count),
                ]
            }
            return ResultTable(header: ["a_id", "a_kind", "a_name", "b_id", "b_kind", "b_name", "count"], rows: rows)
        case .subgraph:
            var rows = nodes.map { n -> [String] in
                [
                    "node", String(snapshot.conceptIDs[Int(n)]), snapshot.kinds[Int(n)].rawValue, snapshot.names[Int(n)],
                    String(snapshot.problemCounts[Int(n)]), "", "", "",
                ]
            }
            rows += edges.map { e -> [String] in
                ["edge", "", "", "", "", String(snapshot.conceptIDs[Int(e.a)]), String(snapshot.conceptIDs[Int(e.b)]), String(e.count)]
            }
            return ResultTable(header: ["element", "id", "kind", "name", "problems", "a_id", "b_id", "count"], rows: rows)
        case .path:
            let rows = nodes.enumerated().map { step, n -> [String] in
                [
                    String(step), String(snapshot.conceptIDs[Int(n)]), snapshot.kinds[Int(n)].rawValue, snapshot.names[Int(n)],
                    String(snapshot.problemCounts[Int(n)]), step == 0 ? "" : String(edges[step - 1].count), JSONWriter.format(pathCosts[step]),
                ]
            }
            return ResultTable(header: ["step", "id", "kind", "name", "problems", "count", "cost"], rows: rows)
        case .problems:
            let table = problemTable
            return ResultTable(header: ["id", "source", "level", "topics", "knowledge_points"], rows: table.rows)
        }
    }

    // MARK: - Tables

    private func conceptTable(title: String?) -> ResultTable {
        var header = ["kind", "name", "problems", "degree"]
        if weights != nil { header.append("weight") }
        let rows = nodes.enumerated().map { row, n -> [String] in
            var cells = [
                snapshot.kinds[Int(n)].rawValue, snapshot.names[Int(n)], String(snapshot.problemCounts[Int(n)]), String(snapshot.degree(of: Int(n))),
            ]
            if let weights { cells.append(String(weights[row])) }
            return cells
        }
        return ResultTable(title: title, header: header, rows: rows, numericColumns: weights == nil ? [2, 3] : [2, 3, 4])
    }

    private func edgeTable(_ edges: [Subgraph.Edge], title: String?) -> ResultTable {
        let rows = edges.map { e -> [String] in
            let (x, y) = displayEnds(e)
            return [edgeKind(e), snapshot.names[Int(x)], snapshot.names[Int(y)], String(e.count)]
        }
        return ResultTable(title: title, header: ["kind", "a", "b", "count"], rows: rows, numericColumns: [3])
    }

    private var pathTable: ResultTable {
        let rows = nodes.enumerated().map { step, n -> [String] in
            [
                String(step), snapshot.kinds[Int(n)].rawValue, snapshot.names[Int(n)], String(snapshot.problemCounts[Int(n)]),
                step == 0 ? "" : String(edges[step - 1].count), JSONWriter.format(pathCosts[step], decimals: 4),
            ]
        }
        let title =
            nodes.isEmpty
            ? "no path"
            : "path of \(max(0, nodes.count - 1)) hop\(nodes.count == 2 ? "" : "s"), cost \(JSONWriter.format(pathCost ?? 0, decimals: 4))"
        return ResultTable(title: title, header: ["step", "kind", "name", "problems", "count", "cost"], rows: rows, numericColumns: [0, 3, 4, 5])
    }

    private var problemTable: ResultTable {
        let rows = problems.map { p -> [String] in
            let problem = snapshot.problems[Int(p)]
            return [
                problem.externalID, problem.source >= 0 ? snapshot.sourceNames[Int(problem.source)] : "",
                problem.level?.rawValue ?? "", problem.topics.map { snapshot.names[Int($0)] }.joined(separator: "; "),
                problem.knowledgePoints.map { snapshot.names[Int($0)] }.joined(separator: "; "),
            ]
        }
        return ResultTable(header: ["id", "source", "level", "topics", "knowledge points"], rows: rows)
    }

    /// `topic-topic`, `topic-kp` or `kp-kp`.
    func edgeKind(_ e: Subgraph.Edge) -> String {
        let x = snapshot.kinds[Int(e.a)], y = snapshot.kinds[Int(e.b)]
        return x == y ? "\(x.rawValue)-\(y.rawValue)" : "topic-kp"
    }

    /// An edge's ends in reading order: a topic before a KP, otherwise by name.
    func displayEnds(_ e: Subgraph.Edge) -> (Int32, Int32) {
        let x = e.a, y = e.b
        let kx = snapshot.kinds[Int(x)], ky = snapshot.kinds[Int(y)]
        if kx != ky { return kx == .topic ? (x, y) : (y, x) }
        let nx = snapshot.names[Int(x)], ny = snapshot.names[Int(y)]
        return nx <= ny ? (x, y) : (y, x)
    }
}
