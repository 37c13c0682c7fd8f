import KnowledgeBase

/// Reads a curriculum file: JSON Lines, one node per line (docs/coverage.md).
///
/// ```json
/// {"curriculum": "My syllabus", "version": 1}
/// {"kind": "strand", "code": "geometry", "title": "Geometry"}
/// {"code": "6.G", "kind": "domain", "band": "grade-6", "strand": "geometry", "title": "Geometry"}
/// {"code": "6.G.A", "parent": "6.G", "kind": "cluster", "band": "grade-6", "title": "Area, surface area and volume", "keywords": ["area of triangles"]}
/// {"code": "6.G.A.1", "parent": "6.G.A", "kind": "standard", "band": "grade-6", "title": "…", "aliases": ["6.G.1"]}
/// ```
/// Every problem is reported with the file, the line and the field, and what to do.
public enum CurriculumReader {
    /// The kinds a line may have.
    static let kinds = "domain, cluster, standard or strand"

    /// Reads and validates the file at `path`.
    public static func read(path: String) throws -> Curriculum {
        var name = LocalFile.baseName(path)
        var strands: [CurriculumStrand] = []
        var strandLines: [String: Int] = [:]
        struct Pending {
            var node: CurriculumNode
            var parentCode: String?
        }
        var pending: [Pending] = []
        var lineOfCode: [String: Int] = [:]
        var indexOfCode: [String: Int] = [:]

        try CoverageLine.forEach(kind: "curriculum", path: path) { row in
            if row.object["curriculum"] != nil {
                name = try row.string("curriculum")
                return
            }
            let kindText = try row.string("kind")
            if kindText == "strand" {
                let code = try row.string("code")
                if let first = strandLines[code] { throw row.error("code", "strand '\(code)' is also defined on line \(first)") }
                strandLines[code] = row.line
                strands.append(CurriculumStrand(code: code, title: try row.string("title")))
                return
            }
            guard let kind = CurriculumNode.Kind(rawValue: kindText) else {
                throw row.error("kind", "unknown kind '\(kindText)'; expected \(kinds)")
            }
            let code = try row.string("code")
            let key = CCSSCode.key(code)
            if let first = lineOfCode[key] {
                throw row.error("code", "'\(code)' is also defined on line \(first)")
            }
            let bandText = try row.string("band")
            guard let band = Level(parsing: bandText) else {
                throw row.error("band", "unknown band '\(bandText)'; expected one of \(Level.canonicalList)")
            }
            let parentCode = try row.optionalString("parent")
            switch (kind, parentCode) {
            case (.domain, .some): throw row.error("parent", "a domain has no parent; remove the field or make the line a cluster")
            case (.cluster, nil), (.standard, nil):
                throw row.error("parent", "a \(kind.rawValue) needs the code of its \(kind == .cluster ? "domain" : "cluster or standard")")
            default: break
            }
            let strand = try row.optionalString("strand")
            if kind != .domain, strand != nil {
                throw row.error("strand", "only domains name a strand; their clusters and standards inherit it")
            }
            lineOfCode[key] = row.line
            indexOfCode[key] = pending.count
            pending.append(
                Pending(
                    node: CurriculumNode(
                        code: code, title: try row.string("title"), kind: kind, band: band, strand: strand,
                        keywords: try row.strings("keywords"), labels: try row.strings("labels"), aliases: try row.strings("aliases"),
                        emphasis: try row.optionalString("emphasis"), line: row.line), parentCode: parentCode))
        }

        func error(_ node: CurriculumNode, _ field: String, _ message: String) -> CoverageInputError {
            CoverageInputError(kind: "curriculum", path: path, line: node.line, field: field, message: message)
        }
        // Resolve parents and check the tree's shape.
        var parents = [Int?](repeating: nil, count: pending.count)
        for (i, item) in pending.enumerated() {
            let node = item.node
            if let strand = node.strand, !strands.isEmpty, strandLines[strand] == nil {
                throw error(node, "strand", "unknown strand '\(strand)'; the file defines " + strands.map(\.code).joined(separator: ", "))
            }
            guard let parentCode = item.parentCode else { continue }
            guard let p = indexOfCode[CCSSCode.key(parentCode)] else {
                throw error(node, "parent", "no node has the code '\(parentCode)'")
            }
            let parent = pending[p].node
            let allowed: [CurriculumNode.Kind] = node.kind == .cluster ? [.domain] : [.cluster, .standard]
            guard allowed.contains(parent.kind) else {
                throw error(
                    node, "parent",
                    "a \(node.kind.rawValue)'s parent must be a "
                        + allowed.map(\.rawValue).joined(separator: " or ") + ", but '\(parentCode)' is a \(parent.kind.rawValue)")
            }
            guard parent.band == node.band else {
                throw error(node, "band", "'\(node.band.rawValue)' differs from the band of its parent '\(parentCode)' (\(parent.band.rawValue))")
            }
            parents[i] = p
        }
        // Standards under standards: no cycles.
        for i in pending.indices {
            var steps = 0
            var current = parents[i]
            while let c = current {
                steps += 1
                if c == i || steps > pending.count {
                    throw error(pending[i].node, "parent", "the parents of '\(pending[i].node.code)' form a cycle")
                }
                current = parents[c]
            }
        }
        // Tree order: each domain in file order, then its descendants depth first, in file order.
        var children = [[Int]](repeating: [], count: pending.count)
        for i in pending.indices { if let p = parents[i] { children[p].append(i) } }
        var order: [Int] = []
        order.reserveCapacity(pending.count)
        func visit(_ i: Int) {
            order.append(i)
            for c in children[i] { visit(c) }
        }
        for i in pending.indices where parents[i] == nil { visit(i) }
        var newIndex = [Int](repeating: 0, count: pending.count)
        for (position, i) in order.enumerated() { newIndex[i] = position }
        let nodes: [CurriculumNode] = order.map { i in
            var node = pending[i].node
            node.parent = parents[i].map { newIndex[$0] }
            return node
        }
        let curriculum = Curriculum(name: name, strands: strands, nodes: nodes)
        if curriculum.areas.isEmpty {
            throw CoverageInputError(
                kind: "curriculum", path: path,
                message: "the file defines no areas; it needs at least one domain (with or without clusters)")
        }
        return curriculum
    }
}

extension Curriculum {
    /// Reads a curriculum file (`CurriculumReader`).
    public static func load(path: String) throws -> Curriculum {
        try CurriculumReader.read(path: path)
    }

    /// The default curriculum's path relative to a checkout.
    public static let defaultRelativePath = "data/curriculum/curriculum.jsonl"
}
