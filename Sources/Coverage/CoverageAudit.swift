import Dispatch
import Foundation
import KnowledgeBase

/// Where a knowledge base's or a dataset's problems fall in a curriculum, with the concepts
/// behind them: what `CoverageReport` and `SamplingBoost` are built from.
public struct CoverageAudit {
    /// Whether the problems came from a knowledge base or a dataset file.
    public enum SourceKind: String, Sendable {
        case knowledgeBase = "knowledge-base"
        case dataset
    }

    public var sourceKind: SourceKind
    /// The knowledge base's or the dataset's path.
    public var sourcePath: String
    public var curriculumPath: String
    public var tally: CoverageTally
    /// Concepts by id: name, kind, problems that mention it, levels it occurs at (bit = rank).
    public var conceptNames: [String] = []
    public var conceptKinds: [ConceptKind] = []
    public var conceptProblems: [Int] = []
    public var conceptLevels: [LevelSet] = []
    /// The nodes the concept rules (override or keywords) give each concept, all bands.
    public var conceptRuleNodes: [[Int]] = []
    /// For a knowledge base: the store's concept id of each concept (ids ascending, so concept
    /// i is node i of the knowledge base's `GraphSnapshot`).
    public var storeConceptIDs: [Int64] = []

    public var curriculum: Curriculum { tally.curriculum }

    /// A concept that no rule maps to any node in the bands where it occurs and that no
    /// problem with an explicit label mentions: what an overrides file should name.
    public struct UnmappedConcept: Equatable, Sendable {
        public var kind: ConceptKind
        public var name: String
        public var problems: Int
        public var levels: [Level]
    }

    /// `kg coverage --unmapped --json`: `{"concepts": N, "unmapped": [{"kind", "name",
    /// "problems", "levels"}]}`, in the order of `unmappedConcepts()`.
    public var unmappedJSON: String {
        var w = JSONWriter()
        w.beginObject()
        w.key("concepts"); w.int(conceptNames.count)
        w.key("unmapped"); w.beginArray()
        for concept in unmappedConcepts() {
            w.beginObject()
            w.key("kind"); w.string(concept.kind.rawValue)
            w.key("name"); w.string(concept.name)
            w.key("problems"); w.int(concept.problems)
            w.stringArray("levels", concept.levels.map(\.rawValue))
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.string
    }

    /// The unmapped concepts, most problems first, then by kind and name.
    public func unmappedConcepts() -> [UnmappedConcept] {
        var result: [UnmappedConcept] = []
        for id in conceptNames.indices {
            let levels = conceptLevels[id].levels
            let ruled = conceptRuleNodes[id].contains { levels.isEmpty || levels.contains(curriculum.nodes[$0].band) }
            let explicit = id < tally.conceptCount && tally.conceptHasExplicit[id]
            if !ruled && !explicit {
                result.append(UnmappedConcept(kind: conceptKinds[id], name: conceptNames[id], problems: conceptProblems[id], levels: levels))
            }
        }
        result.sort { ($0.problems, $1.kind, $1.name) > ($1.problems, $0.kind, $0.name) }
        return result
    }
}

extension CoverageContext {
    /// Places every problem of a knowledge base. Explicit labels come from the problems' kept
    /// extra fields, concepts from their mentions, texts from the stored problem text.
    ///
    /// - Parameter keepProfiles: keep each concept's area weights (for `SamplingBoost`).
    public func audit(knowledgeBase kb: KnowledgeBase, keepProfiles: Bool = false) throws -> CoverageAudit {
        var audit = CoverageAudit(
            sourceKind: .knowledgeBase, sourcePath: kb.path, curriculumPath: curriculumPath,
            tally: CoverageTally(curriculum: curriculum, keepProfiles: keepProfiles))
        var indexOf: [Int64: Int] = [:]
        for concept in try kb.mentionedConcepts() {
            indexOf[concept.id] = audit.conceptNames.count
            audit.storeConceptIDs.append(concept.id)
            audit.conceptNames.append(concept.name)
            audit.conceptKinds.append(concept.kind)
            audit.conceptRuleNodes.append(mapper.nodes(concept: concept.name, kind: concept.kind).nodes)
        }
        audit.conceptProblems = Array(repeating: 0, count: audit.conceptNames.count)
        audit.conceptLevels = Array(repeating: [], count: audit.conceptNames.count)
        audit.tally.reserveConcepts(audit.conceptNames.count)

        var ids: [Int] = []
        try kb.forEachProblem { problem in
            var evidence = ProblemEvidence(level: problem.level)
            if let extraText = problem.extraJSON, extraText.count > 2,
                case .object(let extra)? = try? JSONParser.parse(extraText)
            {
                (evidence.explicitNodes, evidence.explicitBand) = labels.nodes(in: extra)
            }
            ids.removeAll(keepingCapacity: true)
            for concept in problem.conceptIDs {
                guard let id = indexOf[concept] else { continue }
                ids.append(id)
                audit.conceptProblems[id] += 1
                if let level = problem.level { audit.conceptLevels[id].insert(LevelSet(level)) }
            }
            evidence.conceptNodes = ids.map { audit.conceptRuleNodes[$0] }
            let placement = resolver.place(evidence) { problem.text() }
            audit.tally.add(placement, concepts: ids)
        }
        return audit
    }

    /// Places every record of a dataset: extraction-shaped JSONL (`kg import`, `kg tag` and
    /// LLM extraction output). A malformed line is a `RecordError` naming its file and line.
    /// Lines are decoded on `threads` threads and placed in input order; after each batch,
    /// `onProgress(records, bytesRead, totalBytes)` reports how far the run is (for a bar).
    public func audit(
        datasetPath path: String, keepProfiles: Bool = false, threads: Int = 2,
        onProgress: (_ records: Int, _ bytesRead: Int, _ totalBytes: Int?) -> Void = { _, _, _ in }
    ) throws -> CoverageAudit {
        var audit = CoverageAudit(
            sourceKind: .dataset, sourcePath: path, curriculumPath: curriculumPath,
            tally: CoverageTally(curriculum: curriculum, keepProfiles: keepProfiles))
        var conceptIndex: [String: Int] = [:]
        let decoder = RecordDecoder(maximumLineBytes: 16 << 20)
        let workers = [labels] + (1..<max(1, threads)).map { _ in ExplicitAreaLabels(curriculum: curriculum.replica()) }
        var ids: [Int] = []
        var placed = 0

        func place(_ record: DecodedRecord) {
            var evidence = ProblemEvidence(level: record.level)
            evidence.explicitNodes = record.explicitNodes
            evidence.explicitBand = record.explicitBand
            ids.removeAll(keepingCapacity: true)
            for (kind, names) in [(ConceptKind.topic, record.topics), (.kp, record.knowledgePoints)] {
                for name in names {
                    let key = kind.rawValue + "\u{1F}" + name
                    let id: Int
                    if let known = conceptIndex[key] {
                        id = known
                    } else {
                        id = audit.conceptNames.count
                        conceptIndex[key] = id
                        audit.conceptNames.append(name)
                        audit.conceptKinds.append(kind)
                        audit.conceptProblems.append(0)
                        audit.conceptLevels.append([])
                        audit.conceptRuleNodes.append(mapper.nodes(concept: name, kind: kind).nodes)
                    }
                    if ids.contains(id) { continue }
                    ids.append(id)
                    audit.conceptProblems[id] += 1
                    if let level = record.level { audit.conceptLevels[id].insert(LevelSet(level)) }
                }
            }
            evidence.conceptNodes = ids.map { audit.conceptRuleNodes[$0] }
            let placement = resolver.place(evidence) { record.text }
            audit.tally.add(placement, concepts: ids)
        }

        try ParallelLineBatches(path: path, maximumLineBytes: decoder.maximumLineBytes, workers: workers.count).run(
            work: { k, batch, range in DecodedChunk.decode(batch, range: range, path: path, decoder: decoder, labels: workers[k]) },
            consume: { chunk in
                for record in chunk.records { place(record) }
                placed += chunk.records.count
                if let error = chunk.error { throw error }
            },
            batchDone: { bytes, total in onProgress(placed, bytes, total) })
        return audit
    }
}

/// A dataset record reduced to what placing it needs.
struct DecodedRecord {
    var level: Level?
    var explicitNodes: [Int]
    var explicitBand: Level?
    var topics: [String]
    var knowledgePoints: [String]
    /// The problem text, kept only when no explicit label places the record.
    var text: String?
}

/// The records of one worker's share of a batch, and the first error in it.
struct DecodedChunk {
    var records: [DecodedRecord] = []
    var error: Error?

    static func decode(
        _ batch: LineBatch, range: Range<Int>, path: String, decoder: RecordDecoder,
        labels: ExplicitAreaLabels
    ) -> DecodedChunk {
        var chunk = DecodedChunk()
        chunk.records.reserveCapacity(range.count)
        for i in range {
            do {
                let record = try batch.withLine(i) { bytes, number in
                    try decoder.decode(bytes, at: RecordLocation(file: path, line: number))
                }
                var explicit: (nodes: [Int], band: Level?) = ([], nil)
                if !record.extra.members.isEmpty { explicit = labels.nodes(in: record.extra) }
                chunk.records.append(
                    DecodedRecord(
                        level: record.level, explicitNodes: explicit.nodes, explicitBand: explicit.band,
                        topics: record.topics, knowledgePoints: record.knowledgePoints,
                        text: explicit.nodes.isEmpty ? record.problem : nil))
            } catch {
                chunk.error = error
                break
            }
        }
        return chunk
    }
}
