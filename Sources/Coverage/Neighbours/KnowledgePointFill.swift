import KnowledgeBase

/// Gives records that have topics but no knowledge points the knowledge points of their
/// nearest neighbours among the records that have some (`kg init --default --tag-kps`).
///
/// Nothing is filled silently: each filled record says so in its extra field `kps_tagged`,
/// `{"by": "kg tag", "method": "neighbours", "confidence": [number, …]}`, one confidence per
/// knowledge point added, and the store keeps it with the problem. Only neighbours of the
/// record's own level vote (among the best `4 × neighbours` by BM25, as `NeighbourTagger`
/// does with a band given); a record with no such neighbour, or whose best knowledge point is
/// below `minimumConfidence`, is left as it was.
public struct KnowledgePointFill: Sendable {
    /// What a fill did.
    public struct Summary: Sendable, Equatable {
        /// Records that had topics, text and no knowledge point.
        public var candidates = 0
        /// Of those, records given knowledge points, and how many in all.
        public var filled = 0
        public var knowledgePoints = 0
    }

    public var neighbours = 20
    public var minimumConfidence = 0.5
    public var maximumKnowledgePoints = 3
    public var votePower = 4.0

    public init() {}

    /// The extra field that marks a record's tagged knowledge points.
    public static let provenanceField = "kps_tagged"

    /// Fills `records` in place.
    public func fill(_ records: inout [ExtractionRecord]) -> Summary {
        var summary = Summary()
        var donors: [Int] = []
        var kpIndex: [ConceptKey: Int32] = [:]
        var kpNames: [String] = []
        var donorKPs: [[Int32]] = []
        for (i, record) in records.enumerated() where !record.knowledgePoints.isEmpty && record.problem?.isEmpty == false {
            donors.append(i)
            donorKPs.append(
                record.knowledgePoints.map { name in
                    let key = ConceptKey(name)
                    if let known = kpIndex[key] { return known }
                    kpIndex[key] = Int32(kpNames.count)
                    kpNames.append(name)
                    return Int32(kpNames.count - 1)
                })
        }
        let index = NeighbourIndex(texts: donors.map { records[$0].problem ?? "" })
        var scratch = NeighbourIndex.Scratch()
        for i in records.indices where records[i].knowledgePoints.isEmpty {
            guard let text = records[i].problem, !text.isEmpty else { continue }
            summary.candidates += 1
            let level = records[i].level
            let hits = index.search(text, k: 4 * neighbours, scratch: &scratch)
                .filter { records[donors[Int($0.document)]].level == level }
                .prefix(neighbours)
            guard !hits.isEmpty else { continue }
            var weights = SmallTally()
            var total = 0.0
            for hit in hits {
                let weight = NeighbourTagger.weight(score: hit.score, power: votePower)
                total += weight
                for kp in donorKPs[Int(hit.document)] { weights.add(kp, weight) }
            }
            let votes = NeighbourTagger.ranked(weights, total: total, keepBest: false, minimum: minimumConfidence, limit: maximumKnowledgePoints)
            guard !votes.isEmpty else { continue }
            records[i].knowledgePoints = votes.map { kpNames[Int($0.label)] }
            var provenance = JSONObject()
            provenance.members.append((key: "by", value: .string("kg tag")))
            provenance.members.append((key: "method", value: .string(TagMethod.neighbours.rawValue)))
            provenance.members.append(
                (key: "confidence", value: .array(votes.map { .number(String(NeighbourLineTagger.rounded($0.confidence))) })))
            records[i].extra.members.append((key: Self.provenanceField, value: .object(provenance)))
            summary.filled += 1
            summary.knowledgePoints += votes.count
        }
        return summary
    }
}
