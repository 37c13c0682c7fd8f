import Coverage
import Foundation
import KnowledgeBase

/// `kg-bench tagging`: the neighbours tagger's index (build time and size), its speed on one
/// core beside the keyword tagger's, its accuracy on the default knowledge base's 80/20 split
/// (`kg tag --evaluate`), and on shipped sets that are not in the knowledge base: MATH test
/// (subjects), OlympiadBench (subfields), CollegeMath (topics) and MathFish (standards).
enum TaggingBenchmark {
    static func run(arguments: [String]) throws {
        let folder = option("--dir", in: arguments) ?? NSTemporaryDirectory()
        let repository = repositoryRoot
        let seeds = option("--seeds", in: arguments) ?? repository + "/data/seeds"
        let shared = option("--shared-data", in: arguments) ?? repository + "/../shared/data"
        let problems = Int(option("--problems", in: arguments) ?? "") ?? 50_000
        let curriculumPath = repository + "/" + Curriculum.defaultRelativePath
        let context = try CoverageContext(curriculumPath: curriculumPath)

        let kbPath = folder + "/kg-bench-tagging.sqlite"
        removeDatabase(kbPath)
        defer { removeDatabase(kbPath) }
        let kb = try KnowledgeBase(path: kbPath, create: true)
        _ = try Ingester(knowledgeBase: kb).ingest(records: try DefaultKnowledgeBase.records(seedsFolder: seeds))
        let (corpus, loadSeconds) = try measure { try LabelledCorpus.load(knowledgeBase: kb, context: context) }
        var settings = NeighbourIndex.Settings()
        if let share = option("--share", in: arguments).flatMap(Double.init) { settings.maximumDocumentShare = share }
        let (tagger, buildSeconds) = measure { NeighbourTagger(corpus: corpus, curriculum: context.curriculum, settings: settings) }
        let size = tagger.index.size
        print(
            String(
                format: "default knowledge base: %d problems with text; loaded and placed in %.2f s; index built in %.2f s "
                    + "(features in at most %.0f%% of problems): %d features, %d postings, %.1f MiB", corpus.problems.count, loadSeconds,
                buildSeconds, settings.maximumDocumentShare * 100, size.features, size.postings,
                Double(tagger.index.byteCount) / 1_048_576))

        // Speed: GSM8K and MATH test texts (not in the knowledge base), one core, in memory.
        var texts: [String] = []
        for path in [shared + "/gsm8k/test.jsonl", shared + "/math/test.jsonl"] {
            for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
                guard case .object(let object)? = try? JSONParser.parse(String(line)) else { continue }
                if let text = (object["question"] ?? object["problem"])?.stringValue { texts.append(text) }
            }
        }
        let keywords = ProblemTagger(
            keywords: context.keywords, knowledgePoints: corpus.concepts.filter { $0.kind == .kp }.map(\.name))
        var scratch = NeighbourIndex.Scratch()
        var found = 0
        let (_, neighbourSeconds) = measure {
            for i in 0..<problems { found += tagger.tag(text: texts[i % texts.count], level: nil, scratch: &scratch).topics.isEmpty ? 0 : 1 }
        }
        var areas = 0
        let (_, keywordSeconds) = measure {
            for i in 0..<problems { areas += keywords.tag(text: texts[i % texts.count], level: nil).areas.isEmpty ? 0 : 1 }
        }
        print(
            "speed, one core, \(problems) GSM8K and MATH test problems (\(texts.count) distinct), in memory: "
                + "neighbours \(formatRate(Double(problems) / neighbourSeconds)) problems/s (\(found) with a topic), "
                + "keywords \(formatRate(Double(problems) / keywordSeconds)) problems/s (\(areas) with an area)")

        // Accuracy on the knowledge base's own split.
        let (evaluation, evaluationSeconds) = measure { TagEvaluation.run(corpus: corpus, context: context, settings: settings) }
        print("")
        print(evaluation.text, terminator: "")
        print(String(format: "(evaluation: %.1f s)", evaluationSeconds))

        // Accuracy on shipped sets not in the knowledge base.
        print("")
        print("shipped sets not in the knowledge base, tagged from all of it (band given, as kg tag --level gives it):")
        let header = ["set", "problems", "topic@1", "area@1", "kw area@1", "both area@1", "gold"]
        var rows: [[String]] = []
        func evaluate(_ name: String, _ items: [External], gold: String, topics: Bool) {
            var topicHits = 0, areaHits = 0, keywordHits = 0, bothHits = 0, placed = 0
            for item in items {
                let tags = tagger.tag(text: item.text, level: item.band, scratch: &scratch)
                if let best = tags.topics.first, item.topicKeys.contains(ConceptKey(corpus.concepts[Int(best.label)].name)) { topicHits += 1 }
                guard !item.areas.isEmpty || !item.domains.isEmpty else { continue }
                placed += 1
                if let best = tags.areas.first, item.accepts(area: Int(best.label), in: context.curriculum) { areaHits += 1 }
                let keywordArea = keywords.tag(text: item.text, level: item.band).areas.first
                if let best = keywordArea, item.accepts(area: best, in: context.curriculum) { keywordHits += 1 }
                // kg tag --method both: the keyword area where the vote's best area is unsure.
                let unsure = (tags.areas.first?.confidence ?? 0) < tagger.options.minimumConfidence
                if let best = unsure && keywordArea != nil ? keywordArea : tags.areas.first.map({ Int($0.label) }),
                    item.accepts(area: best, in: context.curriculum)
                {
                    bothHits += 1
                }
            }
            func percent(_ a: Int, _ b: Int) -> String { b == 0 ? "-" : String(format: "%.1f%%", 100 * Double(a) / Double(b)) }
            rows.append([
                name, String(items.count), topics ? percent(topicHits, items.count) : "-", percent(areaHits, placed),
                percent(keywordHits, placed), percent(bothHits, placed), gold,
            ])
        }
        evaluate("MATH test", try external(.math, shared + "/math/test.jsonl", context), gold: "subject (7)", topics: true)
        evaluate("OlympiadBench", try external(.olympiadbench, shared + "/olympiadbench-math-en", context), gold: "subfield (4) → domain", topics: true)
        evaluate("CollegeMath", try external(.collegemath, shared + "/collegemath", context), gold: "topic (7) → domain", topics: false)
        evaluate("MathFish", try mathFish(shared + "/mathfish-generated/generated_problems_as_input_data.jsonl", context), gold: "CCSS standard → area", topics: false)
        for line in TextTable.render(header: header, rows: rows, rightAligned: [1, 2, 3, 4, 5]) { print(line) }
        print(
            "topic@1: the best topic is the set's own label (by name); area@1: the best area is the label's area, or lies in the "
                + "label's domain when the label names only a domain; kw: the keyword tagger (kg tag --method keywords) on the same problems; "
                + "both: kg tag --method both.")
        print("peak memory: \(String(format: "%.0f", peakMemoryMiB())) MiB")
    }

    /// A problem of a shipped set with the labels to score against.
    struct External {
        var text: String
        var band: Level?
        var topicKeys: Set<ConceptKey>
        var areas: Set<Int>
        var domains: [Int]

        func accepts(area: Int, in curriculum: Curriculum) -> Bool {
            if areas.contains(area) { return true }
            return domains.contains { curriculum.isInSubtree(curriculum.areas[area], of: $0) }
        }
    }

    /// A dataset's records, placed by their labels alone (no text).
    static func external(_ dataset: Dataset, _ path: String, _ context: CoverageContext) throws -> [External] {
        let resolver = AreaResolver(keywords: context.keywords, useText: false)
        var items: [External] = []
        for record in try dataset.records(at: path) {
            guard let text = record.problem else { continue }
            var evidence = ProblemEvidence(level: record.level)
            let explicit = context.labels.nodes(in: record.extra)
            evidence.explicitNodes = explicit.nodes
            evidence.explicitBand = explicit.band
            var conceptNodes: [[Int]] = []
            for topic in record.topics { conceptNodes.append(context.mapper.nodes(concept: topic, kind: .topic).nodes) }
            for kp in record.knowledgePoints { conceptNodes.append(context.mapper.nodes(concept: kp, kind: .kp).nodes) }
            evidence.conceptNodes = conceptNodes
            let placement = resolver.place(evidence) { nil }
            items.append(
                External(
                    text: text, band: record.level, topicKeys: Set(record.topics.map { ConceptKey($0) }), areas: Set(placement.areas),
                    domains: placement.domains))
        }
        return items
    }

    /// MathFish's generated problems, each with the CCSS standard it was written for.
    static func mathFish(_ path: String, _ context: CoverageContext) throws -> [External] {
        let curriculum = context.curriculum
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard case .object(let object)? = try? JSONParser.parse(String(line)), let text = object["text"]?.stringValue,
                case .array(let standards)? = object["standards"]
            else { return nil }
            var areas = Set<Int>(), band: Level?
            for case .array(let pair) in standards {
                guard pair.count == 2, let code = pair[1].stringValue, let node = curriculum.node(forCode: code),
                    let area = curriculum.area(of: node)
                else { continue }
                areas.insert(area)
                band = curriculum.nodes[node].band
            }
            return External(text: text, band: band, topicKeys: [], areas: areas, domains: [])
        }
    }
}
