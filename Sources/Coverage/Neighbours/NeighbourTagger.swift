import Foundation
import KnowledgeBase

/// Tags a problem from its nearest labelled problems in the knowledge base: the `k` best by
/// BM25 (`NeighbourIndex`) vote their topics, knowledge points, curriculum areas and level,
/// each neighbour with its score to the fourth power as its weight (`Options.votePower`).
///
/// A label's confidence is the weight of the neighbours that carry it over the weight of all
/// `k` (so 1 when every neighbour agrees). When the problem's band is known (its own level,
/// or `--level`), neighbours of that band are preferred: the `k` are taken from the band's
/// problems among the best `4k`, and areas outside the band get no vote.
public final class NeighbourTagger: @unchecked Sendable {
    /// How many neighbours vote, and what a label needs to be kept.
    public struct Options: Sendable, Equatable {
        public var neighbours = 20
        /// A neighbour votes with its BM25 score to this power: 4 measured best on the default
        /// knowledge base (topic@1 74.3% against 70.7% with plain scores, 10 neighbours, `kg tag
        /// --evaluate`).
        public var votePower = 4.0
        /// Labels below this confidence are dropped (the best topic and area are kept whatever
        /// their confidence, so a tagged problem always has one).
        public var minimumConfidence = 0.3
        public var maximumTopics = 3
        public var maximumKnowledgePoints = 5
        public var maximumAreas = 3

        public init() {}
    }

    /// One label and its confidence, 0…1.
    public struct Vote: Sendable, Equatable {
        /// An index into `LabelledCorpus.concepts`, or into `Curriculum.areas` for areas.
        public var label: Int32
        public var confidence: Double
    }

    /// What tagging one problem found; votes best first (equal confidences in label order).
    public struct Tags: Sendable, Equatable {
        public var topics: [Vote] = []
        public var knowledgePoints: [Vote] = []
        public var areas: [Vote] = []
        /// The band: the given one, else the neighbours' vote.
        public var band: Level?
        public var bandConfidence = 0.0
        public var bandGiven = false
        /// The neighbours that voted, best first.
        public var neighbours: [NeighbourIndex.Hit] = []
    }

    public let corpus: LabelledCorpus
    public let index: NeighbourIndex
    public let options: Options
    /// The curriculum whose areas the tags name.
    public let areaCurriculum: Curriculum
    /// Each area's band, by area index (`Curriculum.areas`).
    private let areaBands: [Level]

    /// Indexes `corpus`'s texts.
    public init(corpus: LabelledCorpus, curriculum: Curriculum, settings: NeighbourIndex.Settings = .init(), options: Options = .init()) {
        self.corpus = corpus
        self.options = options
        index = NeighbourIndex(texts: corpus.problems.map(\.text), settings: settings)
        areaCurriculum = curriculum
        areaBands = curriculum.areas.map { curriculum.nodes[$0].band }
    }

    private init(corpus: LabelledCorpus, index: NeighbourIndex, options: Options, curriculum: Curriculum) {
        self.corpus = corpus
        self.index = index
        self.options = options
        areaCurriculum = curriculum
        areaBands = curriculum.areas.map { curriculum.nodes[$0].band }
    }

    /// The same tagger with other options (the index is shared).
    public func with(options: Options) -> NeighbourTagger {
        NeighbourTagger(corpus: corpus, index: index, options: options, curriculum: areaCurriculum)
    }

    /// Tags one text; `level` is its band when known. `exclude` leaves problems out of the
    /// vote (for evaluation: the problem itself).
    public func tag(text: String, level: Level?, scratch: inout NeighbourIndex.Scratch, exclude: (Int32) -> Bool = { _ in false }) -> Tags {
        var tags = Tags()
        let k = max(1, options.neighbours)
        var hits = index.search(text, k: level == nil ? k : 4 * k, scratch: &scratch, exclude: exclude)
        if let level {
            let inBand = hits.filter { corpus.problems[Int($0.document)].level == level }
            hits = Array((inBand.isEmpty ? hits : inBand).prefix(k))
        }
        tags.neighbours = hits
        guard !hits.isEmpty else {
            tags.band = level
            tags.bandGiven = level != nil
            return tags
        }
        let weights = hits.map { Self.weight(score: $0.score, power: options.votePower) }
        let total = weights.reduce(0, +)
        var topicWeight = SmallTally(), kpWeight = SmallTally(), areaWeight = SmallTally()
        var levelWeight: [Level: Double] = [:]
        for (hit, weight) in zip(hits, weights) {
            let problem = corpus.problems[Int(hit.document)]
            for topic in problem.topics { topicWeight.add(topic, weight) }
            for kp in problem.knowledgePoints { kpWeight.add(kp, weight) }
            if let band = problem.level { levelWeight[band, default: 0] += weight }
        }
        if let level {
            tags.band = level
            tags.bandGiven = true
            tags.bandConfidence = 1
        } else if let best = levelWeight.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }) {
            tags.band = best.key
            tags.bandConfidence = best.value / total
        }
        for (hit, weight) in zip(hits, weights) {
            for area in corpus.problems[Int(hit.document)].areas where tags.band == nil || areaBands[Int(area)] == tags.band {
                areaWeight.add(area, weight)
            }
        }
        tags.topics = Self.ranked(topicWeight, total: total, keepBest: true, minimum: options.minimumConfidence, limit: options.maximumTopics)
        tags.knowledgePoints = Self.ranked(
            kpWeight, total: total, keepBest: false, minimum: options.minimumConfidence, limit: options.maximumKnowledgePoints)
        tags.areas = Self.ranked(areaWeight, total: total, keepBest: true, minimum: options.minimumConfidence, limit: options.maximumAreas)
        return tags
    }

    /// A neighbour's weight in the vote: its score to the power `power`, so that a close
    /// match outweighs several loose ones.
    static func weight(score: Float, power: Double) -> Double {
        let score = Double(score)
        switch power {
        case 1: return score
        case 2: return score * score
        case 4: let square = score * score; return square * square
        default: return Foundation.pow(score, power)
        }
    }

    /// Votes as confidences, best first, ties by label; below `minimum` dropped but for the
    /// best one when `keepBest`.
    static func ranked(_ weights: SmallTally, total: Double, keepBest: Bool, minimum: Double, limit: Int) -> [Vote] {
        let sorted = zip(weights.labels, weights.weights).map { Vote(label: $0.0, confidence: min(1, $0.1 / total)) }
            .sorted { $0.confidence > $1.confidence || ($0.confidence == $1.confidence && $0.label < $1.label) }
        var kept: [Vote] = []
        for (i, vote) in sorted.enumerated() where kept.count < limit {
            if vote.confidence >= minimum || (keepBest && i == 0) { kept.append(vote) }
        }
        return kept
    }
}

/// Weights per label for one vote: a few dozen labels at most, so two arrays searched in
/// order beat a dictionary.
struct SmallTally {
    var labels: [Int32] = []
    var weights: [Double] = []

    mutating func add(_ label: Int32, _ weight: Double) {
        if let i = labels.firstIndex(of: label) {
            weights[i] += weight
        } else {
            labels.append(label)
            weights.append(weight)
        }
    }
}
