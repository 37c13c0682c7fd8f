import KnowledgeBase

/// The distribution over areas that coverage is compared with.
///
/// - `uniform`: every area of the selected bands equally.
/// - a target file: JSON Lines `{"code": "grade-5", "weight": 2}` where the code is a band
///   name, a domain, an area or a standard; a weight is spread evenly over the areas under its
///   code and added up, and areas no line reaches get 0 (docs/coverage.md).
public enum CoverageTarget: Equatable, Sendable {
    case uniform
    case file(String)

    /// "uniform" or the file's path.
    public var description: String {
        switch self {
        case .uniform: return "uniform"
        case .file(let path): return path
        }
    }

    /// Target shares for `areas` (indices into `curriculum.areas`), summing to 1.
    public func shares(curriculum: Curriculum, areas: [Int]) throws -> [Double] {
        switch self {
        case .uniform:
            return areas.map { _ in 1 / Double(max(1, areas.count)) }
        case .file(let path):
            var weight = [Double](repeating: 0, count: curriculum.areas.count)
            try CoverageLine.forEach(kind: "target", path: path) { row in
                let code = try row.string("code")
                let value = try row.number("weight")
                guard value >= 0 else { throw row.error("weight", "must be 0 or more (got \(value))") }
                let under: [Int]
                if let band = Level(parsing: code) {
                    under = curriculum.areas(in: band)
                } else if let node = curriculum.node(forCode: code) {
                    under = curriculum.areas(under: node)
                } else {
                    throw row.error("code", "'\(code)' is neither a band (\(Level.canonicalList)) nor a code of the curriculum \(curriculum.name)")
                }
                guard !under.isEmpty else { throw row.error("code", "'\(code)' has no areas") }
                for area in under { weight[area] += value / Double(under.count) }
            }
            let selected = areas.map { weight[$0] }
            let total = selected.reduce(0, +)
            guard total > 0 else {
                throw CoverageInputError(
                    kind: "target", path: path,
                    message: "no positive weight falls on the selected areas; check the codes and --band")
            }
            return selected.map { $0 / total }
        }
    }
}
