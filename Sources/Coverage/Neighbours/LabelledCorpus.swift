import KnowledgeBase

/// The knowledge base's problems that have text, each with its labels — topics, knowledge
/// points, curriculum areas, level and source: what the neighbours tagger votes with and what
/// `kg tag --evaluate` scores against.
///
/// A problem's areas are its coverage placement (`CoverageContext`), the same as `kg
/// coverage` counts: explicit labels first, then its concepts, then its text.
public struct LabelledCorpus: Sendable {
    /// One labelled problem.
    public struct Problem: Sendable, Equatable {
        /// The record id, e.g. `mathcamps/17`.
        public var externalID: String
        /// The record's source; "" when it gave none.
        public var source: String
        public var level: Level?
        public var text: String
        /// Indices into `concepts`, ascending.
        public var topics: [Int32]
        /// Indices into `concepts`, ascending.
        public var knowledgePoints: [Int32]
        /// Indices into `Curriculum.areas`, ascending; empty when the placement reached no area.
        public var areas: [Int32]
    }

    /// A concept some problem mentions.
    public struct Concept: Sendable, Equatable {
        public var kind: ConceptKind
        /// The display name.
        public var name: String
    }

    public var problems: [Problem]
    public var concepts: [Concept]

    public init(problems: [Problem], concepts: [Concept]) {
        self.problems = problems
        self.concepts = concepts
    }

    /// Every problem of `kb` that has text, in store order, placed in `context`'s curriculum.
    public static func load(knowledgeBase kb: KnowledgeBase, context: CoverageContext) throws -> LabelledCorpus {
        var index: [Int64: Int32] = [:]
        var concepts: [Concept] = []
        var ruleNodes: [[Int]] = []
        for concept in try kb.mentionedConcepts() {
            index[concept.id] = Int32(concepts.count)
            concepts.append(Concept(kind: concept.kind, name: concept.name))
            ruleNodes.append(context.mapper.nodes(concept: concept.name, kind: concept.kind).nodes)
        }
        var problems: [Problem] = []
        try kb.forEachProblem { row in
            guard let text = row.text(), !text.isEmpty else { return }
            var evidence = ProblemEvidence(level: row.level)
            if let extraText = row.extraJSON, extraText.count > 2, case .object(let extra)? = try? JSONParser.parse(extraText) {
                (evidence.explicitNodes, evidence.explicitBand) = context.labels.nodes(in: extra)
            }
            var topics: [Int32] = [], knowledgePoints: [Int32] = []
            for id in row.conceptIDs {
                guard let concept = index[id] else { continue }
                evidence.conceptNodes.append(ruleNodes[Int(concept)])
                if concepts[Int(concept)].kind == .topic { topics.append(concept) } else { knowledgePoints.append(concept) }
            }
            let placement = context.resolver.place(evidence) { text }
            problems.append(
                Problem(
                    externalID: row.externalID(), source: row.source() ?? "", level: row.level, text: text,
                    topics: topics.sorted(), knowledgePoints: knowledgePoints.sorted(),
                    areas: placement.areas.map { Int32($0) }))
        }
        return LabelledCorpus(problems: problems, concepts: concepts)
    }

    /// The problems whose index `keep` accepts, with the same concepts.
    public func filter(_ keep: (Int) -> Bool) -> LabelledCorpus {
        LabelledCorpus(problems: problems.indices.filter(keep).map { problems[$0] }, concepts: concepts)
    }
}
