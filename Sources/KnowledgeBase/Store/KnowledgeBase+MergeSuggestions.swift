/// A pair of concepts of one kind that may name the same thing, for `kg merge --suggest`.
public struct MergeSuggestion: Equatable, Sendable {
    /// The concept with more problems: the one that would remain.
    public var into: ConceptSummary
    /// The concept that would be folded into it.
    public var from: ConceptSummary
    /// 1 − the edit distance of the two names' content words (stop words dropped, words
    /// sorted, so word order does not count), over the longer one's length.
    public var nameSimilarity: Double
    /// The Jaccard similarity of the two concepts' neighbour sets in the co-occurrence graph
    /// (each other excluded); 0 when either has none.
    public var sharedNeighbours: Double
    /// The ranking score: `nameSimilarity` + 0.2 × `sharedNeighbours`.
    public var score: Double
}

extension KnowledgeBase {
    /// Candidate duplicate concepts, best first: pairs of one kind whose content words agree
    /// once stop words ("a", "the", "of", "to", "into", …) are dropped — every word of each
    /// has an equal or like word in the other (the same first six letters, or a word edit
    /// similarity of 0.75 or more) — and whose name similarity is at least
    /// `minimumSimilarity`. Never pairs whose names differ in a number ("within 100" /
    /// "within 1000"), and where a name says a direction ("to", "from", "by", "given", …) the
    /// words must come in the same order ("fractions to decimals" is not "decimals to
    /// fractions"). Word order counts for nothing else ("Odd and Even Numbers" / "Even and
    /// Odd Numbers").
    ///
    /// Pairs are found through the words they share (a word in more than 500 concepts is
    /// not used to pair), so the search stays fast on large knowledge bases.
    public func mergeSuggestions(kind: ConceptKind? = nil, minimumSimilarity: Double = 0.5, limit: Int? = nil) throws
        -> [MergeSuggestion]
    {
        let all = try concepts(kind: kind, minimumProblems: 1, order: .name)
        let neighbours = try neighbourSets()
        var suggestions: [MergeSuggestion] = []
        for conceptKind in ConceptKind.allCases where kind == nil || kind == conceptKind {
            let group = all.filter { $0.kind == conceptKind }
            let words = group.map { MergeSimilarity.contentWords(of: $0.key) }
            // Pair concepts through shared words, and through shared word stems for typos.
            var index: [String: [Int]] = [:]
            for (i, list) in words.enumerated() {
                for word in Set(list.map { MergeSimilarity.stem($0) }) { index[word, default: []].append(i) }
            }
            var pairs: Set<Int64> = []
            for (_, members) in index where members.count > 1 && members.count <= 500 {
                for x in 0..<members.count {
                    for y in (x + 1)..<members.count { pairs.insert(Int64(members[x]) << 32 | Int64(members[y])) }
                }
            }
            for pair in pairs.sorted() {
                let i = Int(pair >> 32), j = Int(pair & 0xFFFF_FFFF)
                guard !MergeSimilarity.differInANumber(words[i], words[j]), MergeSimilarity.wordsAgree(words[i], words[j]) else { continue }
                if MergeSimilarity.saysADirection(group[i].key) || MergeSimilarity.saysADirection(group[j].key) {
                    guard MergeSimilarity.sameOrder(words[i], words[j]) else { continue }
                }
                let similarity = MergeSimilarity.similarity(
                    words[i].sorted().joined(separator: " "), words[j].sorted().joined(separator: " "))
                guard similarity >= minimumSimilarity else { continue }
                var a = group[i], b = group[j]
                if (b.problems, a.name) > (a.problems, b.name) { swap(&a, &b) }
                let shared = MergeSimilarity.jaccard(neighbours[a.id] ?? [], neighbours[b.id] ?? [], excluding: [a.id, b.id])
                let score = similarity + 0.2 * shared
                suggestions.append(MergeSuggestion(into: a, from: b, nameSimilarity: similarity, sharedNeighbours: shared, score: score))
            }
        }
        suggestions.sort { ($1.score, $0.into.name, $0.from.name) < ($0.score, $1.into.name, $1.from.name) }
        if let limit { return Array(suggestions.prefix(max(0, limit))) }
        return suggestions
    }

    /// Every concept's neighbours in the co-occurrence graph.
    private func neighbourSets() throws -> [Int64: Set<Int64>] {
        var result: [Int64: Set<Int64>] = [:]
        let edges = try database.prepare("SELECT a, b FROM edge")
        while try edges.step() {
            let a = edges.int64(0), b = edges.int64(1)
            result[a, default: []].insert(b)
            result[b, default: []].insert(a)
        }
        return result
    }
}

/// The name comparisons behind `mergeSuggestions`.
enum MergeSimilarity {
    /// Words that carry no meaning of their own in a concept name.
    static let stopWords: Set<String> = [
        "a", "an", "the", "of", "to", "into", "in", "on", "for", "and", "with", "by", "from", "using", "as", "at", "its",
    ]

    /// Words that give a name a direction, so that its word order matters.
    static let directionWords: Set<String> = ["to", "into", "from", "by", "given", "per", "over", "than", "versus", "vs"]

    /// Whether a key holds a direction word.
    static func saysADirection(_ key: String) -> Bool {
        key.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).contains { directionWords.contains(String($0)) }
    }

    /// Whether two word lists agree word by word, in order.
    static func sameOrder(_ a: [String], _ b: [String]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { like($0, $1) }
    }

    /// Equal words, words with the same first six letters, or words of edit similarity 0.75 or more.
    static func like(_ x: String, _ y: String) -> Bool {
        x == y || (x.count >= 6 && y.count >= 6 && stem(x) == stem(y)) || similarity(x, y) >= 0.75
    }

    /// The key's words, stop words dropped.
    static func contentWords(of key: String) -> [String] {
        key.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init).filter { !stopWords.contains($0) }
    }

    /// The first six letters of a word (the whole word when shorter): the pairing stem.
    static func stem(_ word: String) -> String { String(word.prefix(6)) }

    /// 1 − edit distance / the longer length.
    static func similarity(_ a: String, _ b: String) -> Double {
        let longest = max(a.unicodeScalars.count, b.unicodeScalars.count)
        guard longest > 0 else { return 1 }
        return 1 - Double(EditDistance.levenshtein(a, b)) / Double(longest)
    }

    /// Whether the lists have as many distinct words and every word of each has an equal
    /// or like word in the other.
    static func wordsAgree(_ a: [String], _ b: [String]) -> Bool {
        // As many distinct words on each side: "Work Word Problems" is not "Word Problems".
        guard !a.isEmpty, Set(a).count == Set(b).count else { return false }
        return a.allSatisfy { x in b.contains { like(x, $0) } } && b.allSatisfy { y in a.contains { like(y, $0) } }
    }

    /// Whether the two names hold different numbers.
    static func differInANumber(_ a: [String], _ b: [String]) -> Bool {
        let numbers = { (words: [String]) in Set(words.filter { $0.contains(where: \.isNumber) }) }
        return numbers(a) != numbers(b)
    }

    /// |A ∩ B| / |A ∪ B| with `excluding` left out of both; 0 when the union is empty.
    static func jaccard(_ a: Set<Int64>, _ b: Set<Int64>, excluding: Set<Int64>) -> Double {
        let x = a.subtracting(excluding), y = b.subtracting(excluding)
        let union = x.union(y).count
        return union == 0 ? 0 : Double(x.intersection(y).count) / Double(union)
    }
}
