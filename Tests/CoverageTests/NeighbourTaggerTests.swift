import Foundation
import KGTestSupport
import XCTest

@testable import Coverage
@testable import KnowledgeBase

/// The neighbours tagger, its index and its evaluation, on hand-made knowledge bases where the
/// right neighbours are known.
final class NeighbourTaggerTests: XCTestCase {
    /// One record line with a problem text.
    static func record(_ id: String, _ text: String, topics: [String], kps: [String] = [], level: String, source: String) -> String {
        recordLine(id, topics: topics, kps: kps, source: source, level: level, problem: text)
    }

    /// Circles at competition level, fractions at grade 4, and logic puzzles: three families
    /// whose texts share words only within the family.
    static let records = [
        record("c1", "A chord of length 6 is 4 units from the centre of a circle. Find the radius.", topics: ["Circles"], kps: ["Chord length"], level: "competition", source: "comp"),
        record("c2", "A chord of length 10 is 12 units from the centre of a circle. Find the radius.", topics: ["Circles"], kps: ["Chord length"], level: "competition", source: "comp"),
        record("c3", "The radius of a circle is 5. Find the length of a chord 3 units from the centre.", topics: ["Circles"], kps: ["Chord length", "Pythagorean theorem"], level: "competition", source: "comp"),
        record("f1", "Which fraction is equivalent to 2/4: 3/6 or 4/9? Explain with equivalent fractions.", topics: ["Fractions"], kps: ["Equivalent fractions"], level: "grade-4", source: "school"),
        record("f2", "Write two equivalent fractions for 3/5 and explain why they are equivalent.", topics: ["Fractions"], kps: ["Equivalent fractions"], level: "grade-4", source: "school"),
        record("f3", "Add the unit fractions 1/4 and 1/4 and write the sum as an equivalent fraction.", topics: ["Fractions"], kps: ["Unit fractions"], level: "grade-4", source: "school"),
        record("l1", "Knights always tell the truth and knaves always lie. A says B is a knave. Who is who?", topics: ["Logic"], kps: ["Knights and knaves"], level: "competition", source: "comp"),
        record("l2", "On the island of knights and knaves, A says: we are both knaves. What are A and B?", topics: ["Logic"], kps: ["Knights and knaves"], level: "competition", source: "comp"),
    ]

    struct Fixture {
        let folder = TemporaryFolder()
        let context: CoverageContext
        let corpus: LabelledCorpus

        init() throws {
            context = CoverageContext(curriculum: try tinyCurriculum(in: folder), curriculumPath: "tiny.jsonl")
            let path = folder.write("records.jsonl", NeighbourTaggerTests.records.joined(separator: "\n") + "\n")
            let kb = try KnowledgeBase(path: folder.databasePath, create: true)
            _ = try Ingester(knowledgeBase: kb).ingest(files: [path])
            corpus = try LabelledCorpus.load(knowledgeBase: kb, context: context)
        }

        func tagger(_ configure: (inout NeighbourTagger.Options) -> Void = { _ in }) -> NeighbourTagger {
            var options = NeighbourTagger.Options()
            options.neighbours = 3
            configure(&options)
            return NeighbourTagger(corpus: corpus, curriculum: context.curriculum, options: options)
        }

        func names(_ votes: [NeighbourTagger.Vote]) -> [String] { votes.map { corpus.concepts[Int($0.label)].name } }
    }

    func testTheCorpusHoldsEveryProblemWithItsLabelsAndPlacement() throws {
        let fixture = try Fixture()
        let corpus = fixture.corpus
        XCTAssertEqual(corpus.problems.map(\.externalID), ["c1", "c2", "c3", "f1", "f2", "f3", "l1", "l2"])
        let c3 = corpus.problems[2]
        XCTAssertEqual(c3.source, "comp")
        XCTAssertEqual(c3.level, .competition)
        XCTAssertEqual(fixture.names(c3.topics.map { .init(label: $0, confidence: 1) }), ["Circles"])
        XCTAssertEqual(Set(fixture.names(c3.knowledgePoints.map { .init(label: $0, confidence: 1) })), ["Chord length", "Pythagorean theorem"])
        // The circle problems are placed in the tiny curriculum's circles area, as kg coverage places them.
        XCTAssertEqual(fixture.context.curriculum.areaCodes(c3.areas.map(Int.init)), ["COMP.GEO.CIRC"])
    }

    func testTheIndexFindsTheNumberVariantFirstAndBreaksTiesByOrder() throws {
        let texts = [
            "Tom has 3 apples and buys 4 more apples. How many apples?",
            "A train travels 60 miles in 2 hours. What is its speed?",
            "Tom has 12 apples and buys 7 more apples. How many apples?",
            "A train travels 60 miles in 2 hours. What is its speed?",
        ]
        var settings = NeighbourIndex.Settings()
        settings.maximumDocumentShare = 1
        let index = NeighbourIndex(texts: texts, settings: settings)
        var scratch = NeighbourIndex.Scratch()
        // Numbers are masked: the variants with other numbers score as the same text.
        let hits = index.search("Tom has 40 apples and buys 2 more apples. How many apples?", k: 2, scratch: &scratch)
        XCTAssertEqual(hits.map(\.document), [0, 2])
        XCTAssertEqual(hits[0].score, hits[1].score)
        // Equal texts tie; the earlier wins. `exclude` leaves a problem out.
        XCTAssertEqual(index.search("A train travels 5 miles", k: 1, scratch: &scratch).map(\.document), [1])
        XCTAssertEqual(index.search("A train travels 5 miles", k: 1, scratch: &scratch, exclude: { $0 == 1 }).map(\.document), [3])
        // A text that shares no word finds nothing, and the scratch is clean for the next search.
        XCTAssertEqual(index.search("zebra quantum", k: 3, scratch: &scratch), [])
        XCTAssertEqual(index.search("speed of a train", k: 4, scratch: &scratch).map(\.document), [1, 3])
    }

    func testFeaturesInMostProblemsAreLeftOutOfTheIndex() throws {
        let texts = ["the cat", "the dog", "the cow", "the owl"] + (0..<12).map { "the word\(Character(UnicodeScalar(97 + $0)!))" }
        var settings = NeighbourIndex.Settings()
        settings.maximumDocumentShare = 0.5
        let index = NeighbourIndex(texts: texts, settings: settings)
        var scratch = NeighbourIndex.Scratch()
        // "the" is in every text: it is not indexed, so it finds nothing on its own.
        XCTAssertEqual(index.search("the", k: 4, scratch: &scratch), [])
        XCTAssertEqual(index.search("the owl", k: 4, scratch: &scratch).map(\.document), [3])
        // 16 texts × (2 words + 1 pair) features, less the 1 frequent one: "cat", "the cat", ….
        XCTAssertEqual(index.size.features, 32)
        // Below `minimumDocumentLimit` problems nothing is left out.
        XCTAssertEqual(NeighbourIndex(texts: Array(texts.prefix(4)), settings: settings).search("the", k: 4, scratch: &scratch).count, 4)
    }

    func testANewProblemGetsItsFamilysLabelsWithConfidences() throws {
        let fixture = try Fixture()
        let tagger = fixture.tagger()
        var scratch = NeighbourIndex.Scratch()
        let tags = tagger.tag(text: "A chord of length 8 is 3 units from the centre of a circle. Find the radius.", level: nil, scratch: &scratch)
        XCTAssertEqual(fixture.names(tags.topics), ["Circles"])
        XCTAssertEqual(tags.topics.first?.confidence, 1)
        XCTAssertEqual(fixture.names(tags.knowledgePoints).first, "Chord length")
        XCTAssertEqual(tags.knowledgePoints.first?.confidence, 1)
        XCTAssertEqual(tags.band, .competition)
        XCTAssertFalse(tags.bandGiven)
        XCTAssertEqual(fixture.context.curriculum.areaCodes(tags.areas.map { Int($0.label) }), ["COMP.GEO.CIRC"])
        // The nearest neighbours are the two chord problems with the same wording.
        XCTAssertEqual(tags.neighbours.prefix(2).map { fixture.corpus.problems[Int($0.document)].externalID }, ["c1", "c2"])

        let fractions = tagger.tag(text: "Are 1/2 and 2/4 equivalent fractions?", level: nil, scratch: &scratch)
        XCTAssertEqual(fixture.names(fractions.topics), ["Fractions"])
        XCTAssertEqual(fixture.names(fractions.knowledgePoints).first, "Equivalent fractions")
        XCTAssertEqual(fractions.band, .grade4)
        // Nothing in common with the knowledge base: no labels, no band.
        let nothing = tagger.tag(text: "zebra quantum", level: nil, scratch: &scratch)
        XCTAssertEqual(nothing.topics, [])
        XCTAssertNil(nothing.band)
    }

    func testMinimumConfidenceDropsMinorityLabelsButKeepsTheBestTopic() throws {
        let fixture = try Fixture()
        var scratch = NeighbourIndex.Scratch()
        let text = "Find the length of a chord 3 units from the centre of a circle of radius 5."
        let loose = fixture.tagger { $0.minimumConfidence = 0 }.tag(text: text, level: nil, scratch: &scratch)
        XCTAssertTrue(fixture.names(loose.knowledgePoints).contains("Pythagorean theorem"))
        let strict = fixture.tagger { $0.minimumConfidence = 0.99 }.tag(text: text, level: nil, scratch: &scratch)
        XCTAssertEqual(fixture.names(strict.topics), ["Circles"])
        XCTAssertEqual(fixture.names(strict.knowledgePoints), ["Chord length"])
        let confidences = loose.knowledgePoints.map(\.confidence)
        XCTAssertEqual(confidences, confidences.sorted(by: >))
    }

    func testAGivenBandPrefersThatBandsNeighboursAndAreas() throws {
        let fixture = try Fixture()
        var scratch = NeighbourIndex.Scratch()
        // Words of both families; told grade 4, the fractions problems vote.
        let text = "A circle is cut into equivalent fractions: which fraction is equivalent to 2/4?"
        let tags = fixture.tagger().tag(text: text, level: .grade4, scratch: &scratch)
        XCTAssertTrue(tags.bandGiven)
        XCTAssertEqual(tags.band, .grade4)
        XCTAssertEqual(fixture.names(tags.topics), ["Fractions"])
        XCTAssertTrue(tags.neighbours.allSatisfy { fixture.corpus.problems[Int($0.document)].level == .grade4 })
        XCTAssertTrue(tags.areas.allSatisfy { fixture.context.curriculum.nodes[fixture.context.curriculum.areas[Int($0.label)]].band == .grade4 })
    }

    func testTheSplitIsStableAndNearItsShare() {
        let ids = (0..<10_000).map { "source/\($0)" }
        let heldOut = ids.filter { TagEvaluation.isHeldOut(id: $0, share: 0.2) }
        XCTAssertEqual(heldOut, ids.filter { TagEvaluation.isHeldOut(id: $0, share: 0.2) })
        XCTAssertEqual(Double(heldOut.count) / 10_000, 0.2, accuracy: 0.02)
        // A larger share holds out a superset: ids never move back.
        XCTAssertTrue(Set(heldOut).isSubset(of: Set(ids.filter { TagEvaluation.isHeldOut(id: $0, share: 0.3) })))
        // FNV-1a of "a" is 0xaf63dc4c8601ec8c; modulo 10,000 that is 1,996: held out at 20%, not at 19%.
        XCTAssertTrue(TagEvaluation.isHeldOut(id: "a", share: 0.2))
        XCTAssertFalse(TagEvaluation.isHeldOut(id: "a", share: 0.19))
    }

    func testTheEvaluationScoresHeldOutProblemsAgainstTheirOwnLabels() throws {
        let fixture = try Fixture()
        let evaluation = TagEvaluation.run(corpus: fixture.corpus, context: fixture.context, heldOutShare: 0.5, options: {
            var options = NeighbourTagger.Options()
            options.neighbours = 2
            return options
        }())
        let heldOut = fixture.corpus.problems.filter { TagEvaluation.isHeldOut(id: $0.externalID, share: 0.5) }
        XCTAssertEqual(evaluation.heldOutProblems, heldOut.count)
        XCTAssertEqual(evaluation.trainingProblems, fixture.corpus.problems.count - heldOut.count)
        XCTAssertEqual(evaluation.all.neighbours.problems, heldOut.count)
        XCTAssertEqual(evaluation.bySource.map(\.group), Array(Set(heldOut.map(\.source))).sorted())
        XCTAssertEqual(evaluation.bySource.map(\.neighbours.problems).reduce(0, +), heldOut.count)
        // Every family has a member on each side of this split, and the families share no words.
        XCTAssertEqual(evaluation.all.neighbours.topicTop1Accuracy, 1, evaluation.text)
        XCTAssertEqual(evaluation.all.neighbours.bandAccuracy, 1, evaluation.text)
        // The same knowledge base gives the same report, byte for byte.
        let again = TagEvaluation.run(corpus: fixture.corpus, context: fixture.context, heldOutShare: 0.5, options: evaluation.neighbourOptions)
        XCTAssertEqual(again.json, evaluation.json)
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(evaluation.json.utf8)))
    }

    func testTopicOnlyRecordsGetTheirSameLevelNeighboursKnowledgePointsMarkedAsTagged() throws {
        func record(_ id: String, _ text: String, kps: [String], level: Level) -> ExtractionRecord {
            ExtractionRecord(id: id, source: "s", problem: text, level: level, topics: ["T"], knowledgePoints: kps)
        }
        var records = [
            record("a", "A chord of length 6 is 4 units from the centre of a circle.", kps: ["Chord length"], level: .competition),
            record("b", "A chord of length 10 is 12 units from the centre of a circle.", kps: ["Chord length"], level: .competition),
            record("c", "A chord of length 8 is 3 units from the centre of a circle.", kps: ["Chord length"], level: .grade4),
            // Topic-only: a competition chord problem, a grade-8 one (no donor of its level) and one with no text.
            record("d", "A chord of length 2 is 1 unit from the centre of a circle.", kps: [], level: .competition),
            record("e", "A chord of length 2 is 1 unit from the centre of a circle.", kps: [], level: .grade8),
            ExtractionRecord(id: "f", source: "s", problem: nil, level: .competition, topics: ["T"], knowledgePoints: []),
        ]
        let before = records
        let summary = KnowledgePointFill().fill(&records)
        XCTAssertEqual(summary, KnowledgePointFill.Summary(candidates: 2, filled: 1, knowledgePoints: 1))
        XCTAssertEqual(records[3].knowledgePoints, ["Chord length"])
        let provenance = try XCTUnwrap(records[3].extra[KnowledgePointFill.provenanceField]?.objectValue)
        XCTAssertEqual(provenance["by"]?.stringValue, "kg tag")
        XCTAssertEqual(provenance["confidence"], .array([.number("1.0")]))
        // Everything else is as it was.
        for i in [0, 1, 2, 4, 5] { XCTAssertEqual(records[i].jsonLine, before[i].jsonLine, "record \(i)") }
    }
}
