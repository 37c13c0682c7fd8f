import Foundation

/// An inverted index over problem texts that finds a text's nearest problems by BM25 over
/// number-masked words and word pairs (`TextFeatures`).
///
/// Built once in memory from the texts (on the default knowledge base, about 27,000 problems,
/// in well under a second: `kg-bench tagging` measures it), so it needs no file of its own
/// and is never stale. Each posting holds its precomputed BM25 weight, so a search is one
/// pass over the postings of the text's features plus a top-k selection. Features in more
/// than `Settings.maximumDocumentShare` of the problems (and in more than
/// `minimumDocumentLimit`): "the", "what", `#`, carry almost no weight and are left out of
/// the index, which keeps every search short.
public struct NeighbourIndex: Sendable {
    /// BM25's parameters and the index's cut-off.
    public struct Settings: Sendable, Equatable {
        /// Term-frequency saturation.
        public var k1: Float = 1.2
        /// Length normalisation: 0 none, 1 full.
        public var b: Float = 0.75
        /// Features in more than this share of the problems are not indexed.
        public var maximumDocumentShare = 0.02

        public init() {}
    }

    /// A problem found by `search`, with its BM25 score.
    public struct Hit: Sendable, Equatable {
        /// The problem's index in the texts the index was built from.
        public var document: Int32
        public var score: Float
    }

    public let settings: Settings
    /// The number of texts indexed.
    public let documentCount: Int
    private let termIndex: FeatureTable
    private let offsets: [Int32]
    private let documents: [Int32]
    private let weights: [Float]

    /// Indexes `texts`; a text's position is its document number.
    public init(texts: [String], settings: Settings = Settings()) {
        self.settings = settings
        documentCount = texts.count
        // Pass 1: every text's features, and each feature's document frequency.
        var features: [[(hash: UInt64, count: Int32)]] = []
        features.reserveCapacity(texts.count)
        var frequency: [UInt64: Int32] = [:]
        var words: [UInt64] = []
        var scratch: [(hash: UInt64, count: Int32)] = []
        var totalLength = 0
        var lengths: [Float] = []
        lengths.reserveCapacity(texts.count)
        for text in texts {
            TextFeatures.features(of: text, words: &words, into: &scratch)
            features.append(scratch)
            var length = 0
            for feature in scratch {
                frequency[feature.hash, default: 0] += 1
                length += Int(feature.count)
            }
            lengths.append(Float(length))
            totalLength += length
        }
        // The kept features, numbered in hash order (so the index is the same every run).
        let limit = Int32(max(Double(Self.minimumDocumentLimit), settings.maximumDocumentShare * Double(texts.count)))
        let kept = frequency.filter { $0.value <= limit }.keys.sorted()
        let termIndex = FeatureTable(kept)
        var offsets = [Int32](repeating: 0, count: kept.count + 1)
        for (i, hash) in kept.enumerated() { offsets[i + 1] = frequency[hash]! }
        for i in 0..<kept.count { offsets[i + 1] += offsets[i] }
        // Pass 2: postings in document order, each with its BM25 weight.
        let postingCount = Int(offsets[kept.count])
        var documents = [Int32](repeating: 0, count: postingCount)
        var weights = [Float](repeating: 0, count: postingCount)
        var fill = Array(offsets.dropLast())
        let averageLength = texts.isEmpty ? 1 : max(1, Float(totalLength) / Float(texts.count))
        let n = Float(texts.count)
        for (document, list) in features.enumerated() {
            let norm = settings.k1 * (1 - settings.b + settings.b * lengths[document] / averageLength)
            for feature in list {
                guard let term = termIndex[feature.hash] else { continue }
                let df = Float(frequency[feature.hash]!)
                let idf = (1 + (n - df + 0.5) / (df + 0.5)).logarithm
                let tf = Float(feature.count)
                let slot = Int(fill[Int(term)])
                documents[slot] = Int32(document)
                weights[slot] = idf * tf * (settings.k1 + 1) / (tf + norm)
                fill[Int(term)] += 1
            }
        }
        self.termIndex = termIndex
        self.offsets = offsets
        self.documents = documents
        self.weights = weights
    }

    /// A feature is left out only when it is in more problems than this too, so that a
    /// small knowledge base keeps every feature.
    public static let minimumDocumentLimit = 10

    /// The number of features indexed and of postings: the index's size.
    public var size: (features: Int, postings: Int) { (offsets.count - 1, documents.count) }

    /// Bytes the index's arrays take.
    public var byteCount: Int { termIndex.byteCount + offsets.count * 4 + documents.count * 8 }

    /// Reusable buffers for `search`: one per thread.
    public struct Scratch {
        var scores: [Float] = []
        var touched: [Int32] = []
        var words: [UInt64] = []
        var features: [(hash: UInt64, count: Int32)] = []

        public init() {}
    }

    /// The `k` problems nearest to `text`, best first; equal scores go to the earlier
    /// problem. Problems that share no indexed feature with the text are never returned.
    /// `exclude` leaves out problems (the text's own, say).
    public func search(_ text: String, k: Int, scratch: inout Scratch, exclude: (Int32) -> Bool = { _ in false }) -> [Hit] {
        if scratch.scores.count != documentCount { scratch.scores = [Float](repeating: 0, count: documentCount) }
        TextFeatures.features(of: text, words: &scratch.words, into: &scratch.features)
        var touched = scratch.touched
        touched.removeAll(keepingCapacity: true)
        var best: [Hit] = []
        best.reserveCapacity(k + 1)
        scratch.scores.withUnsafeMutableBufferPointer { scores in
            offsets.withUnsafeBufferPointer { offsets in
                documents.withUnsafeBufferPointer { documents in
                    weights.withUnsafeBufferPointer { weights in
                        for feature in scratch.features {
                            guard let term = termIndex[feature.hash] else { continue }
                            for slot in Int(offsets[Int(term)])..<Int(offsets[Int(term) + 1]) {
                                let document = Int(documents[slot])
                                if scores[document] == 0 { touched.append(Int32(truncatingIfNeeded: document)) }
                                scores[document] += weights[slot]
                            }
                        }
                    }
                }
            }
            for document in touched {
                let score = scores[Int(document)]
                scores[Int(document)] = 0
                guard k > 0, !exclude(document) else { continue }
                if best.count == k, let last = best.last, !Self.precedes(score, document, last) { continue }
                var position = best.count
                while position > 0, Self.precedes(score, document, best[position - 1]) { position -= 1 }
                best.insert(Hit(document: document, score: score), at: position)
                if best.count > k { best.removeLast() }
            }
        }
        scratch.touched = touched
        return best
    }

    @inline(__always)
    private static func precedes(_ score: Float, _ document: Int32, _ other: Hit) -> Bool {
        score > other.score || (score == other.score && document < other.document)
    }
}

extension Float {
    fileprivate var logarithm: Float { Float(Foundation.log(Double(self))) }
}
