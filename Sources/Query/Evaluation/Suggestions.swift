import KnowledgeBase

/// "Did you mean" candidates: the closest keywords to a misspelt word, the closest concept
/// names to an unknown name.
enum Suggestions {
    /// Up to `limit` of `candidates` within a small edit distance of `word`, closest first
    /// (ties alphabetical).
    static func words(near word: String, in candidates: [String], limit: Int = 3) -> [String] {
        let allowed = max(2, word.count / 3)
        let lowered = word.lowercased()
        var scored: [(Int, String)] = []
        for candidate in Set(candidates) {
            let distance = EditDistance.levenshtein(lowered, candidate.lowercased(), limit: allowed)
            if distance <= allowed { scored.append((distance, candidate)) }
        }
        return scored.sorted { $0 < $1 }.prefix(limit).map(\.1)
    }

    /// Up to `limit` concept names close to `name` among `nodes`, best first.
    ///
    /// Tiers: keys within edit distance max(2, length/3); then keys containing the name's key;
    /// then names every word of which loosely matches (`NamePattern`). Within a tier: smaller
    /// distance, more problems, then name.
    static func concepts(near name: String, nodes: [Int32], index: ConceptIndex, snapshot: GraphSnapshot, limit: Int = 3) -> [String] {
        let pattern = NamePattern(name)
        let key = pattern.key
        let allowed = max(2, key.count / 3)
        var scored: [(tier: Int, distance: Int, problems: Int32, name: String)] = []
        for node in nodes {
            let candidate = index.keys[Int(node)]
            let distance = EditDistance.levenshtein(key, candidate, limit: allowed)
            let tier: Int
            if distance <= allowed {
                tier = 0
            } else if pattern.keyScalars.count >= 3, NamePattern.contains(index.scalars(of: Int(node)), pattern.keyScalars[...]) {
                tier = 1
            } else if !pattern.words.isEmpty, pattern.matches(index.scalars(of: Int(node))) {
                tier = 2
            } else {
                continue
            }
            scored.append((tier, tier == 0 ? distance : 0, snapshot.problemCounts[Int(node)], snapshot.names[Int(node)]))
        }
        scored.sort { ($0.tier, $0.distance, -$0.problems, $0.name) < ($1.tier, $1.distance, -$1.problems, $1.name) }
        var seen: Set<String> = []
        return scored.map(\.name).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }
}
