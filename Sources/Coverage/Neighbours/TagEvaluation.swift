import KnowledgeBase

/// `kg tag --evaluate`: holds out a stable share of the knowledge base's labelled problems,
/// tags them from the rest with the neighbours tagger and with the keyword tagger, and scores
/// both against the problems' own labels, per source and per band.
///
/// The split is by a hash of the record id (FNV-1a, 64-bit): the same ids are held out on
/// every run and on every machine, and adding problems never moves an old one across.
public struct TagEvaluation: Sendable {
    /// Scores of one tagger on one group of held-out problems.
    public struct Scores: Sendable, Equatable {
        public var problems = 0
        /// Problems whose best topic is one of theirs, and whose best three hold one.
        public var topicTop1 = 0
        public var topicTop3 = 0
        /// Over problems that have knowledge points: the KPs tagged that are theirs, tagged
        /// that are not, and theirs not tagged.
        public var kpProblems = 0
        public var kpTruePositives = 0
        public var kpFalsePositives = 0
        public var kpFalseNegatives = 0
        /// Over problems placed in an area: whose best area is one of theirs.
        public var areaProblems = 0
        public var areaTop1 = 0
        /// Over problems with a level: whose band was guessed right (no level is given).
        public var bandProblems = 0
        public var bandCorrect = 0

        public init() {}

        public var topicTop1Accuracy: Double { Self.ratio(topicTop1, problems) }
        public var topicTop3Accuracy: Double { Self.ratio(topicTop3, problems) }
        public var kpPrecision: Double { Self.ratio(kpTruePositives, kpTruePositives + kpFalsePositives) }
        public var kpRecall: Double { Self.ratio(kpTruePositives, kpTruePositives + kpFalseNegatives) }
        public var kpF1: Double {
            let p = kpPrecision, r = kpRecall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
        public var areaAccuracy: Double { Self.ratio(areaTop1, areaProblems) }
        public var bandAccuracy: Double { Self.ratio(bandCorrect, bandProblems) }

        static func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

        mutating func add(_ other: Scores) {
            problems += other.problems
            topicTop1 += other.topicTop1
            topicTop3 += other.topicTop3
            kpProblems += other.kpProblems
            kpTruePositives += other.kpTruePositives
            kpFalsePositives += other.kpFalsePositives
            kpFalseNegatives += other.kpFalseNegatives
            areaProblems += other.areaProblems
            areaTop1 += other.areaTop1
            bandProblems += other.bandProblems
            bandCorrect += other.bandCorrect
        }
    }

    /// One row of the report: a group and both taggers' scores on it.
    public struct Row: Sendable, Equatable {
        /// "all", a source's name, or a band's.
        public var group: String
        public var neighbours = Scores()
        public var keywords = Scores()
        /// The keyword tagger told each problem's band (areas and KPs only).
        public var keywordsBandGiven = Scores()
        /// `--method both`: the neighbours' labels, plus the keyword KPs, and the keyword
        /// areas (in the voted band) where the vote's best area is unsure.
        public var both = Scores()
    }

    /// The share held out, 0…1.
    public var heldOutShare: Double
    /// Problems tagged from and held out.
    public var trainingProblems = 0
    public var heldOutProblems = 0
    /// Every held-out problem, then per source, then per band (sorted by name; bands in
    /// curriculum order).
    public var all = Row(group: "all")
    public var bySource: [Row] = []
    public var byBand: [Row] = []
    public var neighbourOptions: NeighbourTagger.Options

    /// Whether the record `id` is held out at `share` (the FNV-1a hash of its UTF-8 bytes,
    /// modulo 10,000, below share × 10,000).
    public static func isHeldOut(id: String, share: Double) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return Double(hash % 10_000) < share * 10_000
    }

    /// Runs the evaluation on `corpus` (the whole knowledge base's labelled problems).
    public static func run(
        corpus: LabelledCorpus, context: CoverageContext, heldOutShare: Double = 0.2,
        settings: NeighbourIndex.Settings = .init(), options: NeighbourTagger.Options = .init()
    ) -> TagEvaluation {
        let heldOut = corpus.problems.indices.filter { isHeldOut(id: corpus.problems[$0].externalID, share: heldOutShare) }
        let heldOutSet = Set(heldOut)
        let training = corpus.filter { !heldOutSet.contains($0) }
        let neighbours = NeighbourTagger(corpus: training, curriculum: context.curriculum, settings: settings, options: options)
        // The keyword tagger looks for the training part's knowledge points, by name.
        let kpNames = training.concepts.enumerated().filter { $0.element.kind == .kp }.map(\.element.name)
        var keywordOptions = ProblemTagger.Options()
        keywordOptions.maximumKnowledgePoints = options.maximumKnowledgePoints
        let keywords = ProblemTagger(keywords: context.keywords, knowledgePoints: kpNames, options: keywordOptions)
        var conceptByKey: [ConceptKey: Int32] = [:]
        for (i, concept) in corpus.concepts.enumerated() where concept.kind == .kp { conceptByKey[ConceptKey(concept.name)] = Int32(i) }
        let keywordKP = keywords.knowledgePointNames.map { conceptByKey[ConceptKey($0)] ?? -1 }

        var evaluation = TagEvaluation(heldOutShare: heldOutShare, neighbourOptions: options)
        evaluation.trainingProblems = training.problems.count
        evaluation.heldOutProblems = heldOut.count
        var sources: [String: Row] = [:], bands: [Level: Row] = [:]
        var scratch = NeighbourIndex.Scratch()
        for i in heldOut {
            let problem = corpus.problems[i]
            let tags = neighbours.tag(text: problem.text, level: nil, scratch: &scratch)
            var n = Scores()
            n.problems = 1
            if let best = tags.topics.first, problem.topics.contains(best.label) { n.topicTop1 = 1 }
            if tags.topics.prefix(3).contains(where: { problem.topics.contains($0.label) }) { n.topicTop3 = 1 }
            score(kps: tags.knowledgePoints.map(\.label), gold: problem.knowledgePoints, into: &n)
            score(area: tags.areas.first.map { Int($0.label) }, band: tags.band, problem: problem, into: &n)

            let keywordTags = keywords.tag(text: problem.text, level: nil)
            var k = Scores()
            k.problems = 1
            score(kps: keywordTags.knowledgePoints.map { keywordKP[$0] }, gold: problem.knowledgePoints, into: &k)
            score(area: keywordTags.areas.first, band: keywordTags.band, problem: problem, into: &k)

            // Both: the neighbours' topics; KPs and area scored below.
            var b = Scores()
            (b.problems, b.topicTop1, b.topicTop3) = (n.problems, n.topicTop1, n.topicTop3)
            let votedBand = keywords.tag(text: problem.text, level: tags.band)
            var bothKPs = tags.knowledgePoints.map(\.label)
            for kp in votedBand.knowledgePoints.map({ keywordKP[$0] }) where kp >= 0 && !bothKPs.contains(kp)
                && bothKPs.count < options.maximumKnowledgePoints { bothKPs.append(kp) }
            score(kps: bothKPs, gold: problem.knowledgePoints, into: &b)
            let unsure = (tags.areas.first?.confidence ?? 0) < options.minimumConfidence
            let bothArea = unsure && !votedBand.areas.isEmpty ? votedBand.areas.first : tags.areas.first.map { Int($0.label) }
            score(area: bothArea, band: tags.band, problem: problem, into: &b)

            var g = Scores()
            if let level = problem.level {
                let given = keywords.tag(text: problem.text, level: level)
                g.problems = 1
                score(kps: given.knowledgePoints.map { keywordKP[$0] }, gold: problem.knowledgePoints, into: &g)
                score(area: given.areas.first, band: level, problem: problem, into: &g)
            }
            func add(_ row: inout Row) {
                row.neighbours.add(n)
                row.keywords.add(k)
                row.keywordsBandGiven.add(g)
                row.both.add(b)
            }
            add(&evaluation.all)
            add(&sources[problem.source, default: Row(group: problem.source)])
            if let level = problem.level { add(&bands[level, default: Row(group: level.rawValue)]) }
        }
        evaluation.bySource = sources.keys.sorted().map { sources[$0]! }
        evaluation.byBand = Level.allCases.compactMap { bands[$0] }
        return evaluation
    }

    static func score(kps: [Int32], gold: [Int32], into scores: inout Scores) {
        guard !gold.isEmpty else { return }
        scores.kpProblems = 1
        let tagged = Set(kps.filter { $0 >= 0 })
        let hits = tagged.filter { gold.contains($0) }.count
        scores.kpTruePositives = hits
        scores.kpFalsePositives = kps.count - hits
        scores.kpFalseNegatives = gold.count - hits
    }

    static func score(area: Int?, band: Level?, problem: LabelledCorpus.Problem, into scores: inout Scores) {
        if !problem.areas.isEmpty {
            scores.areaProblems = 1
            if let area, problem.areas.contains(Int32(area)) { scores.areaTop1 = 1 }
        }
        if let level = problem.level {
            scores.bandProblems = 1
            if band == level { scores.bandCorrect = 1 }
        }
    }
}
