import KnowledgeBase

/// The curriculum nodes a record's own labels name — the first and strongest mapping rule.
///
/// Read from a record's extra fields (what importers and `kg tag` keep there):
/// - `areas`: curriculum codes, as `kg tag` writes them (a string or an array of strings);
/// - `standard` / `standards`: Common Core codes in any notation (MathCAMPS keeps its
///   problem's standard in `standard`; MathFish-style `[["Alignment", "1.MD.B.3"]]` pairs are
///   read too); an unknown standard falls back to its cluster or domain;
/// - `grade` and `unit`: KMX's grade and Khan Academy unit, through `KMXUnitAreas`.
/// A grade also fixes the band, when the record has no level.
public struct ExplicitAreaLabels: Sendable {
    public let curriculum: Curriculum
    /// KMX units resolved to node indices, by (grade, unit).
    private let units: [Level: [String: [Int]]]

    public init(curriculum: Curriculum) {
        self.curriculum = curriculum
        var units: [Level: [String: [Int]]] = [:]
        for (grade, table) in KMXUnitAreas.table {
            for (unit, codes) in table {
                let nodes = codes.compactMap { curriculum.node(forCode: $0) }
                if !nodes.isEmpty { units[grade, default: [:]][unit] = nodes }
            }
        }
        self.units = units
    }

    /// The names of the extra fields this reads.
    public static let fields: Set<String> = ["areas", "standard", "standards", "grade", "unit"]

    /// Nodes named by `extra`, ascending, and the band a grade field gives.
    public func nodes(in extra: JSONObject) -> (nodes: [Int], band: Level?) {
        var nodes: [Int] = []
        var band: Level?
        for member in extra.members {
            switch member.key {
            case "areas":
                for code in ExplicitAreaLabels.codes(member.value) {
                    if let node = curriculum.node(forCode: code) { nodes.append(node) }
                }
            case "standard", "standards":
                for code in ExplicitAreaLabels.codes(member.value) {
                    if let node = curriculum.nearestNode(forCode: code) { nodes.append(node) }
                }
            case "grade":
                if case .string(let text) = member.value { band = Level(parsing: LabelList.clean(text)) }
            default: break
            }
        }
        if let band, let unit = extra["unit"]?.stringValue, let mapped = units[band]?[LabelList.clean(unit)] {
            nodes += mapped
        }
        return (Array(Set(nodes)).sorted(), band)
    }

    /// Codes in a string, an array of strings, or an array of [label, code] pairs.
    static func codes(_ value: JSONValue) -> [String] {
        switch value {
        case .string(let text): return [text]
        case .array(let elements):
            return elements.flatMap { element -> [String] in
                switch element {
                case .string(let text): return [text]
                case .array(let pair): return pair.last?.stringValue.map { [$0] } ?? []
                default: return []
                }
            }
        default: return []
        }
    }
}
