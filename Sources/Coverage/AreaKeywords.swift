import KnowledgeBase
import TextAnalysis

/// The curriculum's keywords and labels as one multi-pattern matcher, with the rules that turn
/// matches into curriculum nodes: for concept names (`nodes(forName:)`) and for problem
/// texts (`scoreAreas`).
///
/// A concept name that *is* a node's label ("Whole Numbers") maps to that node. Otherwise
/// names and texts start the same way: find every keyword (for names, also label) occurrence,
/// keep only patterns that have a node in the scope (a band, or some domains), and drop an
/// occurrence that lies inside a longer one ("area of a circle" hides "circle" and "area").
/// Then:
/// - a concept name maps to the nodes of its longest surviving patterns, per band;
/// - a text scores each area by the sum, over the distinct keywords that point into it, of
///   the keyword's length in words; the best area and any within `TextScoring.closeness` of it
///   are kept, up to `TextScoring.maximumAreas`.
public struct AreaKeywords: Sendable {
    public let curriculum: Curriculum
    /// The distinct pattern texts (normalised words); pattern i of `matcher` is `keywords[i]`.
    public let keywords: [String]
    /// Whether pattern i is a keyword of some node (matched in texts), not only a label.
    public let isTextPattern: [Bool]
    /// Nodes whose label is exactly a name's normalised words.
    let labelNodes: [String: [Int]]
    public let matcher: KeywordMatcher
    /// Nodes of pattern p: `payloadNodes[payloadStart[p]..<payloadStart[p + 1]]`.
    let payloadStart: [Int32]
    let payloadNodes: [Int32]
    /// Whether the pattern is a keyword (not only a label) of that node.
    let payloadIsKeyword: [Bool]
    /// Bands (bit = `Level.rank`) each pattern has nodes in, and how many; the same for the
    /// nodes it is a keyword of.
    let patternBands: [LevelSet]
    let patternBandCount: [Int]
    let patternTextBands: [LevelSet]
    let patternTextBandCount: [Int]
    let nodeBandRank: [Int8]

    public init(curriculum: Curriculum) {
        self.curriculum = curriculum
        var textIndex: [String: Int] = [:]
        var texts: [String] = []
        var nodesOf: [[(node: Int32, keyword: Bool)]] = []
        var labels: [String: [Int]] = [:]
        for (i, node) in curriculum.nodes.enumerated() {
            for (phrase, isKeyword) in node.keywords.map({ ($0, true) }) + node.labels.map({ ($0, false) }) {
                // Phrases that tokenise alike are one pattern.
                let key = TextTokenizer.tokens(phrase).joined(separator: " ")
                guard !key.isEmpty else { continue }
                if !isKeyword, labels[key]?.contains(i) != true { labels[key, default: []].append(i) }
                let p: Int
                if let known = textIndex[key] {
                    p = known
                } else {
                    p = texts.count
                    textIndex[key] = p
                    texts.append(key)
                    nodesOf.append([])
                }
                if let k = nodesOf[p].firstIndex(where: { $0.node == Int32(i) }) {
                    if isKeyword { nodesOf[p][k].keyword = true }
                } else {
                    nodesOf[p].append((Int32(i), isKeyword))
                }
            }
        }
        keywords = texts
        labelNodes = labels
        matcher = KeywordMatcher(patterns: texts)
        var start: [Int32] = [0], flat: [Int32] = [], flatKeyword: [Bool] = []
        var bands: [LevelSet] = [], bandCount: [Int] = [], textBands: [LevelSet] = [], textBandCount: [Int] = []
        for nodes in nodesOf {
            flat += nodes.map(\.node)
            flatKeyword += nodes.map(\.keyword)
            start.append(Int32(flat.count))
            var mask = LevelSet(), textMask = LevelSet()
            for n in nodes {
                let band = LevelSet(curriculum.nodes[Int(n.node)].band)
                mask.formUnion(band)
                if n.keyword { textMask.formUnion(band) }
            }
            bands.append(mask)
            bandCount.append(mask.rawValue.nonzeroBitCount)
            textBands.append(textMask)
            textBandCount.append(textMask.rawValue.nonzeroBitCount)
        }
        isTextPattern = nodesOf.map { $0.contains { $0.keyword } }
        payloadStart = start
        payloadNodes = flat
        payloadIsKeyword = flatKeyword
        patternBands = bands
        patternBandCount = bandCount
        patternTextBands = textBands
        patternTextBandCount = textBandCount
        nodeBandRank = curriculum.nodes.map { Int8($0.band.rank) }
    }

    /// The nodes of pattern `p` (as a keyword or a label).
    @inline(__always)
    func nodes(ofPattern p: Int) -> ArraySlice<Int32> {
        payloadNodes[Int(payloadStart[p])..<Int(payloadStart[p + 1])]
    }

    /// The nodes pattern `p` is a keyword of: those it may put a text in.
    @inline(__always)
    func textNodes(ofPattern p: Int) -> [Int32] {
        (Int(payloadStart[p])..<Int(payloadStart[p + 1])).compactMap { payloadIsKeyword[$0] ? payloadNodes[$0] : nil }
    }

    // MARK: Concept names

    /// The curriculum nodes a concept name maps to by keywords, in all bands: per band, the
    /// nodes of the longest keywords found in the name after hidden occurrences are dropped.
    /// Ascending node order; empty when no keyword occurs.
    public func nodes(forName name: String) -> [Int] {
        if let exact = labelNodes[TextTokenizer.tokens(name).joined(separator: " ")] { return exact.sorted() }
        let found = matcher.matches(in: name)
        guard !found.isEmpty else { return [] }
        var result = Set<Int>()
        var bandsSeen = LevelSet()
        for match in found { bandsSeen.formUnion(patternBands[match.pattern]) }
        for rank in 0..<Level.allCases.count where bandsSeen.contains(rank: rank) {
            let inBand = found.filter { patternBands[$0.pattern].contains(rank: rank) }
            let visible = AreaKeywords.dropHidden(inBand)
            let longest = visible.map { matcher.tokenCounts[$0.pattern] }.max() ?? 0
            for match in visible where matcher.tokenCounts[match.pattern] == longest {
                for node in nodes(ofPattern: match.pattern) where Int(nodeBandRank[Int(node)]) == rank {
                    result.insert(Int(node))
                }
            }
        }
        return result.sorted()
    }

    /// The occurrences not strictly inside a longer one.
    static func dropHidden(_ matches: [KeywordMatcher.Match]) -> [KeywordMatcher.Match] {
        matches.filter { m in
            !matches.contains { o in
                (o.firstToken <= m.firstToken && o.lastToken >= m.lastToken)
                    && (o.lastToken - o.firstToken > m.lastToken - m.firstToken)
            }
        }
    }

    // MARK: Texts

    /// Where a text's areas may lie.
    public struct Scope: Sendable {
        /// Only areas of this band (nil: any band).
        public var band: Level?
        /// Only areas under these domains (empty: any domain).
        public var domains: [Int]

        public init(band: Level? = nil, domains: [Int] = []) {
            self.band = band
            self.domains = domains
        }
    }

    /// How text scores become areas.
    public struct TextScoring: Sendable {
        /// Areas scoring at least this fraction of the best are kept too.
        public var closeness = 0.75
        /// At most this many areas per text.
        public var maximumAreas = 2
        /// The least score an area needs (a score is a sum of keyword lengths in words).
        public var minimumScore = 1.0

        public init() {}
    }

    @inline(__always)
    func inScope(_ node: Int, _ scope: Scope) -> Bool {
        if let band = scope.band, Int(nodeBandRank[node]) != band.rank { return false }
        if !scope.domains.isEmpty, !scope.domains.contains(curriculum.domainOf[node]) { return false }
        return true
    }

    /// The band a text most likely belongs to, by a vote of its keywords: each distinct keyword
    /// gives its length in words, split evenly over the bands it has nodes in; ties go to the
    /// lower band. nil when no keyword occurs.
    public func likelyBand(_ matches: [KeywordMatcher.Match]) -> Level? {
        var votes = [Double](repeating: 0, count: Level.allCases.count)
        var seen = Set<Int>()
        for match in AreaKeywords.dropHidden(matches.filter { isTextPattern[$0.pattern] }) where seen.insert(match.pattern).inserted {
            let share = Double(matcher.tokenCounts[match.pattern]) / Double(max(1, patternTextBandCount[match.pattern]))
            for rank in 0..<votes.count where patternTextBands[match.pattern].contains(rank: rank) {
                votes[rank] += share
            }
        }
        guard let best = votes.max(), best > 0 else { return nil }
        return Level.allCases[votes.firstIndex(of: best)!]
    }

    /// Areas (indices into `curriculum.areas`) for a text's keyword matches, best first, with
    /// their scores; empty when nothing in scope scores `minimumScore`.
    public func scoreAreas(
        _ matches: [KeywordMatcher.Match], scope: Scope,
        scoring: TextScoring = TextScoring()
    ) -> [(area: Int, score: Double)] {
        let inScope = matches.filter { m in
            isTextPattern[m.pattern] && textNodes(ofPattern: m.pattern).contains { self.inScope(Int($0), scope) }
        }
        guard !inScope.isEmpty else { return [] }
        var scores: [(area: Int, score: Double)] = []
        var seen = Set<Int>()
        for match in AreaKeywords.dropHidden(inScope) where seen.insert(match.pattern).inserted {
            let weight = Double(matcher.tokenCounts[match.pattern])
            for node in textNodes(ofPattern: match.pattern) where self.inScope(Int(node), scope) {
                guard let area = curriculum.area(of: Int(node)) else { continue }
                if let k = scores.firstIndex(where: { $0.area == area }) {
                    scores[k].score += weight
                } else {
                    scores.append((area, weight))
                }
            }
        }
        scores.sort { $0.score != $1.score ? $0.score > $1.score : $0.area < $1.area }
        guard let best = scores.first?.score, best >= scoring.minimumScore else { return [] }
        return Array(scores.prefix { $0.score >= best * scoring.closeness }.prefix(scoring.maximumAreas))
    }

    /// The distinct keywords, in text order, that point into `areas` (within `scope`): why
    /// `scoreAreas` chose them.
    public func keywords(explaining areas: [Int], _ matches: [KeywordMatcher.Match], scope: Scope) -> [String] {
        let inScope = matches.filter { m in
            isTextPattern[m.pattern] && textNodes(ofPattern: m.pattern).contains { self.inScope(Int($0), scope) }
        }
        var result: [String] = []
        for match in AreaKeywords.dropHidden(inScope) where !result.contains(keywords[match.pattern]) {
            let hits = textNodes(ofPattern: match.pattern).contains { node in
                self.inScope(Int(node), scope) && curriculum.area(of: Int(node)).map(areas.contains) == true
            }
            if hits { result.append(keywords[match.pattern]) }
        }
        return result
    }

    /// Areas for a text, best first (`scoreAreas` over `matcher`'s matches).
    public func scoreAreas(text: String, scope: Scope, scoring: TextScoring = TextScoring()) -> [(area: Int, score: Double)] {
        scoreAreas(matcher.matches(in: text), scope: scope, scoring: scoring)
    }
}
