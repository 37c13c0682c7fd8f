import KnowledgeBase

/// A user's corrections to the concept → area mapping: the last word on a concept.
///
/// JSON Lines, one concept per line (docs/coverage.md):
/// ```json
/// {"concept": "Pythagorean theorem", "areas": ["8.G.B", "G-SRT.C"]}
/// {"concept": "Word problems", "kind": "topic", "areas": []}
/// ```
/// A concept is matched by its normalised name (`ConceptKey`), of either kind unless `kind`
/// says which. Its `areas` (any curriculum codes: areas, standards or domains) replace what the
/// keyword rules would give, in every band; an empty list maps the concept nowhere.
public struct AreaOverrides: Sendable {
    /// Nodes by (kind or nil for both, concept key).
    private var entries: [String: [Int]] = [:]
    public private(set) var count = 0

    public init() {}

    private static func slot(_ kind: ConceptKind?, _ key: String) -> String {
        (kind?.rawValue ?? "*") + "\u{1F}" + key
    }

    /// Adds or replaces one override.
    public mutating func set(concept name: String, kind: ConceptKind? = nil, nodes: [Int]) {
        let slot = AreaOverrides.slot(kind, ConceptKey(name).rawValue)
        if entries[slot] == nil { count += 1 }
        entries[slot] = Array(Set(nodes)).sorted()
    }

    /// The overriding nodes for a concept, nil when no override names it.
    public func nodes(concept name: String, kind: ConceptKind?) -> [Int]? {
        let key = ConceptKey(name).rawValue
        if let kind, let exact = entries[AreaOverrides.slot(kind, key)] { return exact }
        return entries[AreaOverrides.slot(nil, key)]
    }

    /// Reads an overrides file; codes are resolved against `curriculum`.
    public static func load(path: String, curriculum: Curriculum) throws -> AreaOverrides {
        var overrides = AreaOverrides()
        var lines: [String: Int] = [:]
        try CoverageLine.forEach(kind: "overrides", path: path) { row in
            let name = try row.string("concept")
            var kind: ConceptKind?
            if let text = try row.optionalString("kind") {
                guard let parsed = ConceptKind(rawValue: text) else {
                    throw row.error("kind", "unknown kind '\(text)'; expected topic or kp (or leave it out for both)")
                }
                kind = parsed
            }
            guard row.object["areas"] != nil else {
                throw row.error("areas", "missing; give the concept's area codes, or [] to map it nowhere")
            }
            var nodes: [Int] = []
            for code in try row.strings("areas") {
                guard let node = curriculum.node(forCode: code) else {
                    throw row.error("areas", "no node has the code '\(code)' in the curriculum \(curriculum.name)")
                }
                nodes.append(node)
            }
            let slot = slot(kind, ConceptKey(name).rawValue)
            if let first = lines[slot] { throw row.error("concept", "'\(name)' is also overridden on line \(first)") }
            lines[slot] = row.line
            overrides.set(concept: name, kind: kind, nodes: nodes)
        }
        return overrides
    }
}

/// Maps concept names to curriculum nodes: the user's override when there is one, else the
/// keyword rules (`AreaKeywords.nodes(forName:)`). Results are cached per name and kind.
public final class ConceptAreaMapper {
    public let keywords: AreaKeywords
    public let overrides: AreaOverrides
    private var cache: [String: (nodes: [Int], overridden: Bool)] = [:]

    public init(keywords: AreaKeywords, overrides: AreaOverrides = AreaOverrides()) {
        self.keywords = keywords
        self.overrides = overrides
    }

    /// The nodes of a concept in all bands, ascending, and whether an override gave them.
    public func nodes(concept name: String, kind: ConceptKind?) -> (nodes: [Int], overridden: Bool) {
        let cacheKey = (kind?.rawValue ?? "*") + "\u{1F}" + name
        if let hit = cache[cacheKey] { return hit }
        let result: (nodes: [Int], overridden: Bool)
        if let overridden = overrides.nodes(concept: name, kind: kind) {
            result = (overridden, true)
        } else {
            result = (keywords.nodes(forName: name), false)
        }
        cache[cacheKey] = result
        return result
    }
}
