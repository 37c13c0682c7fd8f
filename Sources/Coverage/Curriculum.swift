import KnowledgeBase

/// A tree of curriculum areas, from kindergarten to competition: what `kg coverage` counts
/// problems against.
///
/// Nodes are domains, clusters and standards, each in one band (`Level`). An *area* is a
/// cluster, or a domain without clusters; every standard belongs to exactly one area, and
/// a domain with clusters to none (it is their roll-up). The default curriculum,
/// `data/curriculum/curriculum.jsonl`, holds the Common Core K-12 standards plus college and
/// competition areas; `Curriculum.load(path:)` reads it or a user's own (docs/coverage.md).
///
/// ```swift
/// let curriculum = try Curriculum.load(path: "data/curriculum/curriculum.jsonl")
/// let area = curriculum.node(forCode: "6.RP.1").flatMap(curriculum.area(of:))
/// ```
public struct Curriculum: Sendable {
    /// The curriculum's name, from its header line.
    public var name: String
    /// Chart columns, in file order; empty when the file names none.
    public var strands: [CurriculumStrand]
    /// Every node, in file order (parents before children after loading).
    public var nodes: [CurriculumNode]
    /// Node indices of the areas, in file order.
    public private(set) var areas: [Int] = []
    /// For each node, the index in `areas` of its area; -1 for a domain with clusters.
    public private(set) var areaIndex: [Int] = []
    /// For each node, its domain's node index.
    public private(set) var domainOf: [Int] = []
    /// Node indices of the domains, in file order.
    public private(set) var domains: [Int] = []
    /// For each area, the node index of its domain.
    public private(set) var areaDomain: [Int] = []
    private var children: [[Int]] = []
    private var codes: [String: Int] = [:]
    /// Codes exactly as the file writes them: the fast path for canonical codes.
    private var exactCodes: [String: Int] = [:]

    /// A curriculum from nodes whose `parent` indices are already set; validates nothing
    /// (`CurriculumReader` does). Builds the area and lookup tables.
    public init(name: String, strands: [CurriculumStrand], nodes: [CurriculumNode]) {
        self.name = name
        self.strands = strands
        self.nodes = nodes
        index()
    }

    private mutating func index() {
        children = Array(repeating: [], count: nodes.count)
        for (i, node) in nodes.enumerated() {
            if let parent = node.parent { children[parent].append(i) }
        }
        areaIndex = Array(repeating: -1, count: nodes.count)
        domainOf = Array(repeating: -1, count: nodes.count)
        areas = []
        domains = []
        areaDomain = []
        // Parents precede children (the reader orders them), so one pass fills both tables.
        for (i, node) in nodes.enumerated() {
            switch node.kind {
            case .domain:
                domainOf[i] = i
                domains.append(i)
                if !children[i].contains(where: { nodes[$0].kind == .cluster }) {
                    areaIndex[i] = areas.count
                    areas.append(i)
                    areaDomain.append(i)
                }
            case .cluster:
                let parent = node.parent!
                domainOf[i] = domainOf[parent]
                areaIndex[i] = areas.count
                areas.append(i)
                areaDomain.append(domainOf[parent])
            case .standard:
                let parent = node.parent!
                domainOf[i] = domainOf[parent]
                areaIndex[i] = areaIndex[parent]
            }
        }
        codes = [:]
        exactCodes = [:]
        for (i, node) in nodes.enumerated() {
            let key = CCSSCode.key(node.code)
            if codes[key] == nil { codes[key] = i }
            if exactCodes[node.code] == nil { exactCodes[node.code] = i }
        }
        // Aliases and the older notation, where they do not name another node.
        for (i, node) in nodes.enumerated() {
            var keys = node.aliases.map(CCSSCode.key)
            if let older = CCSSCode.olderNotation(CCSSCode.key(node.code)) { keys.append(older) }
            for key in keys where codes[key] == nil { codes[key] = i }
        }
    }

    /// An equal curriculum that shares no storage with this one (for worker threads, which
    /// would otherwise contend on the shared buffers' reference counts).
    public func replica() -> Curriculum {
        func fresh(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }
        return Curriculum(
            name: fresh(name), strands: strands.map { CurriculumStrand(code: fresh($0.code), title: fresh($0.title)) },
            nodes: nodes.map { node in
                var n = node
                n.code = fresh(node.code)
                n.title = fresh(node.title)
                n.keywords = node.keywords.map(fresh)
                n.labels = node.labels.map(fresh)
                n.aliases = node.aliases.map(fresh)
                return n
            })
    }

    /// The node a code names, in any notation `CCSSCode` understands; nil when unknown.
    public func node(forCode code: String) -> Int? {
        exactCodes[code] ?? codes[CCSSCode.key(code)]
    }

    /// The node a code names, or, for an unknown standard code, its nearest known ancestor
    /// code ("4.NF.A.9" → "4.NF.A" → "4.NF"); nil when nothing matches.
    public func nearestNode(forCode code: String) -> Int? {
        if let exact = exactCodes[code] { return exact }
        var key = CCSSCode.key(code)
        while true {
            if let node = codes[key] { return node }
            guard let dot = key.lastIndex(of: ".") else { return nil }
            key = String(key[..<dot])
        }
    }

    /// The area index (into `areas`) of a node; nil for a domain with clusters.
    public func area(of node: Int) -> Int? {
        areaIndex[node] >= 0 ? areaIndex[node] : nil
    }

    /// The node's children, in file order.
    public func children(of node: Int) -> [Int] { children[node] }

    /// Whether `node` is `ancestor` or lies under it.
    public func isInSubtree(_ node: Int, of ancestor: Int) -> Bool {
        var current: Int? = node
        while let n = current {
            if n == ancestor { return true }
            current = nodes[n].parent
        }
        return false
    }

    /// The area indices under a node (itself when it is an area; its areas when it is a domain).
    public func areas(under node: Int) -> [Int] {
        if let area = area(of: node) { return [area] }
        return children[node].compactMap { area(of: $0) }
    }

    /// The area indices of one band, in file order.
    public func areas(in band: Level) -> [Int] {
        areas.indices.filter { nodes[areas[$0]].band == band }
    }

    /// The bands that have at least one area, from K to competition.
    public var bands: [Level] {
        var seen = Set<Level>()
        for area in areas { seen.insert(nodes[area].band) }
        return Level.allCases.filter(seen.contains)
    }

    /// The strand of a node: its domain's strand, or the domain's title when the curriculum
    /// names no strands.
    public func strand(of node: Int) -> String {
        let domain = nodes[domainOf[node]]
        return domain.strand ?? domain.title
    }

    /// The chart's columns: the named strands, or else the distinct domain titles in file order.
    public var columns: [CurriculumStrand] {
        if !strands.isEmpty { return strands }
        var seen = Set<String>()
        return domains.compactMap { d in
            seen.insert(nodes[d].title).inserted ? CurriculumStrand(code: nodes[d].title, title: nodes[d].title) : nil
        }
    }
}
