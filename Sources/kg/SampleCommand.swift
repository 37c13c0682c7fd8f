import ArgumentParser
import Foundation
import Graph
import Query

enum SamplerName: String, CaseIterable, ExpressibleByArgument {
    case mathscale, cooccurrence, uniform
}

extension WeightTransform: ExpressibleByArgument {}
extension StartRule: ExpressibleByArgument {}
extension Level: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

extension CountRange: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

/// `k/n`: this worker's shard.
struct Shard: ExpressibleByArgument {
    var index: Int
    var count: Int
    init?(argument: String) {
        let parts = argument.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        index = k
        count = n
    }
}

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Draw concept combinations from the knowledge base as JSONL, for a problem generator.",
        discussion: """
            Each line is one sample: {"id", "sampler", "seed", "topics", "knowledge_points", \
            "topics_text", "knowledge_points_text", "walk", "levels"} (docs/formats.md). The same \
            knowledge base, --seed and options give byte-identical output on any machine.

            Samplers:
              mathscale     MathScale's random walk (default): a start topic, --topic-steps on the
                            topic graph, one step to a KP, --kp-steps on the KP graph; each step to an
                            unvisited neighbour with probability proportional to the weight
              cooccurrence  KPDDS: topics from the co-occurrence matrix (first ∝ row sum, then rows and
                            products of rows), --kps-per-topic KPs from each topic; weight log by default
              uniform       baseline: uniform topics, uniform KPs among their neighbours

            A diversity report (novelty, coverage, entropy) goes to stderr, or to --report FILE as JSON.

            Examples:
              kg sample -n 5 --seed 1
              kg sample -n 2000000 --seed 7 --unique -o samples.jsonl
              kg sample -n 1000000 --seed 7 --shard 0/4 -o part0.jsonl     # one of 4 workers
              kg sample -n 100 --sampler cooccurrence --level grade-5 --level grade-6
              kg sample -n 10 --template data/prompts/mathscale.txt --examples 2
              kg sample -n 100000 --boost auto -o boosted.jsonl   # toward under-covered curriculum areas

            --boost reweights sampling toward the curriculum areas that are short of their target \
            share: auto calibrates on pilot runs of the sampler; FILE takes the deficits of a \
            `kg coverage --json` report (of a generated dataset, say). docs/coverage.md explains.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .short, parsing: .unconditional, help: "How many samples (all shards together).")
    var n: Int = 10

    @Option(help: "The random seed (0 to 2^53-1).")
    var seed: UInt64 = 0

    @Option(help: "mathscale, cooccurrence or uniform.")
    var sampler: SamplerName = .mathscale

    @Option(help: "Edge weight from the co-occurrence count: count, log, sqrt, uniform (default: count; log for cooccurrence).")
    var weight: WeightTransform?

    @Option(help: "p ∝ weight^(1/T): below 1 favours strong edges, above 1 flattens.")
    var temperature: Double = 1

    @Option(help: "Ignore concepts seen in fewer problems (MathScale drops singletons: 2).")
    var minCount: Int = 2

    @Option(name: .customLong("where"), help: ArgumentHelp("Only the concepts of this query's result (docs/query.md), e.g. 'topic \"Geometry\" | ego 1'; it should hold topics and knowledge points.", valueName: "query"))
    var whereQuery: String?

    @Option(help: ArgumentHelp("Only concepts that occur at this level (repeatable): K, grade-1 … grade-8, high-school, college, competition.", valueName: "level"))
    var level: [Level] = []

    @Option(help: "mathscale: how the first topic is chosen: epoch (each topic once per epoch, shuffled) or frequency.")
    var start: StartRule = .epoch

    @Option(help: "mathscale: steps on the topic graph, a range like 1...2.")
    var topicSteps: CountRange = CountRange(1, 2)

    @Option(help: "mathscale: steps on the KP graph, a range like 0...4.")
    var kpSteps: CountRange = CountRange(0, 4)

    @Option(help: "cooccurrence, uniform: how many topics, a range like 2...3.")
    var topics: CountRange = CountRange(2, 3)

    @Option(help: "cooccurrence: KPs drawn from each topic, a range like 1...2.")
    var kpsPerTopic: CountRange = CountRange(1, 2)

    @Option(help: "uniform: how many KPs, a range like 1...5.")
    var kps: CountRange = CountRange(1, 5)

    @Flag(help: "No two samples with the same topic set and KP set.")
    var unique = false

    @Option(help: ArgumentHelp("Write only shard k of n (0 ≤ k < n): samples whose id ≡ k (mod n).", valueName: "k/n"))
    var shard: Shard?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the samples here instead of standard output.", valueName: "file"))
    var output: String = "-"

    @Option(help: ArgumentHelp("Add a \"prompt\" rendered from this template ({topics}, {knowledge_points}, {examples}, {levels}).", valueName: "file"))
    var template: String?

    @Option(help: "Attach the ids of up to K seed problems with the nearest KP sets (Jaccard); with --template, {examples} holds their texts.")
    var examples: Int = 0

    @Option(help: ArgumentHelp("Write the diversity report here as JSON instead of stderr.", valueName: "file"))
    var report: String?

    @Flag(help: "Print no report.")
    var quiet = false

    @Option(help: ArgumentHelp("Steer sampling toward under-covered curriculum areas: auto (calibrated on pilot runs) or a `kg coverage --json` report.",
                               valueName: "auto|file"))
    var boost: String?

    @Option(help: ArgumentHelp("With --boost auto: the target distribution over areas (uniform or a JSONL file of {\"code\", \"weight\"}).",
                               valueName: "uniform|file"))
    var boostTarget: CoverageTarget = .uniform

    @Option(help: "With --boost: the exponent on target/observed (0 leaves sampling as it is, 1 corrects fully per round).")
    var boostStrength: Double = 1

    @Option(help: "With --boost: no concept's weight is multiplied or divided by more than this.")
    var boostCap: Double = 8

    @OptionGroup var curriculumOptions: CurriculumOptions

    func validate() throws {
        if n < 0 { throw ValidationError("-n must be 0 or more (got \(n)).") }
        if seed > (1 << 53) - 1 { throw ValidationError("--seed must be between 0 and 2^53-1, so that it survives JSON.") }
        if !(temperature > 0) || !temperature.isFinite { throw ValidationError("--temperature must be a positive number.") }
        if minCount < 0 { throw ValidationError("--min-count must be 0 or more.") }
        if examples < 0 { throw ValidationError("--examples must be 0 or more.") }
        if let shard, shard.count < 1 || shard.index < 0 || shard.index >= shard.count {
            throw ValidationError("--shard k/n needs n ≥ 1 and 0 ≤ k < n (got \(shard.index)/\(shard.count)).")
        }
        if topics.lower < 1 { throw ValidationError("--topics needs at least 1 topic.") }
        if !(boostStrength >= 0) || !boostStrength.isFinite { throw ValidationError("--boost-strength must be 0 or more.") }
        if !(boostCap >= 1) || !boostCap.isFinite { throw ValidationError("--boost-cap must be 1 or more.") }
        if boost == nil && (boostTarget != .uniform || boostStrength != 1 || boostCap != 8) {
            throw ValidationError("--boost-target, --boost-strength and --boost-cap only apply with --boost auto|FILE.")
        }
    }

    func run() throws {
        // A query that does not parse fails before anything is opened.
        let query = try whereQuery.map { try Query.parse($0) }
        let kb = try database.open()
        let snapshot = try kb.snapshot()
        if snapshot.problems.isEmpty { throw KnowledgeBaseError.empty(path: database.db) }
        let allowed = try query.map { query -> Set<Int32> in
            let evaluator = QueryEvaluator(snapshot: snapshot, aliases: try kb.queryNameKeys(), keys: try kb.conceptKeys(for: snapshot))
            return Set(try evaluator.evaluate(query).conceptNodes)
        }
        let transform = weight ?? (sampler == .cooccurrence ? .log : .count)
        let boostPlan = try boost.map { try prepareBoost($0, kb: kb, snapshot: snapshot, transform: transform, allowed: allowed) }
        let graph = SamplingGraph(snapshot: snapshot, transform: transform, temperature: temperature,
                                  minimumProblems: minCount, levels: Set(level), allowed: allowed, boost: boostPlan?.boost.logMultipliers)
        var filters = ["--min-count \(minCount)"]
        if !level.isEmpty { filters.append("--level " + level.map(\.rawValue).joined(separator: ",")) }
        if let whereQuery { filters.append("--where '\(whereQuery)' (\(allowed?.count ?? 0) concepts)") }
        if graph.pool(.topic).isEmpty { throw SamplingError.emptyPool(kind: .topic, filters: filters.joined(separator: ", ")) }

        let prompt = try template.map { path -> PromptTemplate in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure("cannot read --template \(path): check the path.")
            }
            do {
                return try PromptTemplate(String(decoding: data, as: UTF8.self))
            } catch let error as PromptTemplate.ParseError {
                throw CommandFailure("\(path): \(error)")
            }
        }
        let file = try OutputFile(path: output)
        let writer = SampleWriter(snapshot: snapshot, samplerName: sampler.rawValue, seed: seed)
        let finder = examples > 0 ? ExampleFinder(snapshot: snapshot) : nil
        var reportBuilder = SamplingReportBuilder(graph: graph)
        var areaTally = boostPlan.map { SampledAreaTally(profiles: $0.profiles) }
        var textCache: [String: String] = [:]
        var written = 0
        let progress = ProgressBar(unit: "samples", enabled: Terminal.stderrIsTerminal && output != "-")
        let options = SampleRunOptions(count: n, seed: seed, unique: unique,
                                       shardIndex: shard?.index ?? 0, shardCount: shard?.count ?? 1)

        let emit: (Int, ConceptCombination) throws -> Void = { id, combination in
            var exampleIDs: [String]?
            var exampleTexts: [String] = []
            if let f = finder {
                let nearest = f.nearest(to: combination.knowledgePoints, k: examples)
                exampleIDs = nearest.map { f.problem($0).externalID }
                if prompt != nil {
                    for id in exampleIDs! {
                        if textCache[id] == nil { textCache[id] = try kb.problemText(externalID: id) ?? "" }
                        exampleTexts.append(textCache[id]!)
                    }
                }
            }
            let rendered = prompt.map { template in
                template.render([
                    .topics: writer.joinedNames(combination.topics),
                    .knowledgePoints: writer.joinedNames(combination.knowledgePoints),
                    .examples: exampleTexts.enumerated().map { "Example \($0.offset + 1):\n\($0.element)" }.joined(separator: "\n\n"),
                    .levels: writer.levels(of: combination).map(\.rawValue).joined(separator: ", "),
                ])
            }
            writer.format(id: id, combination: combination, examples: exampleIDs, prompt: rendered)
            try writer.write(to: file)
            if !quiet || report != nil { reportBuilder.add(combination) }
            if !quiet { areaTally?.add(combination) }
            written += 1
            if written & 0x3FFF == 0 { progress.update(done: written) }
        }
        let summary: SampleRunSummary
        switch sampler {
        case .mathscale:
            var s = MathScaleWalk(graph: graph, start: start, topicSteps: topicSteps, kpSteps: kpSteps, seed: seed)
            summary = try s.run(options, emit: emit)
        case .cooccurrence:
            var s = CooccurrenceSampler(graph: graph, topicCount: topics, kpsPerTopic: kpsPerTopic)
            summary = try s.run(options, emit: emit)
        case .uniform:
            var s = UniformSampler(graph: graph, topicCount: topics, kpCount: kps)
            summary = try s.run(options, emit: emit)
        }
        try file.close()
        progress.finish()
        if summary.exhausted {
            Terminal.error("warning: only \(summary.produced) unique combinations found before the graph ran out; wrote \(summary.emitted).")
        }
        let result = reportBuilder.report
        if let report {
            guard FileManager.default.createFile(atPath: report, contents: Data((result.jsonText + "\n").utf8)) else {
                throw CommandFailure("cannot write --report \(report): check that its folder exists and is writable.")
            }
        } else if !quiet {
            Terminal.error(String(format: "%d samples, %d distinct; novelty %.1f%%; topic coverage %.1f%%, KP coverage %.1f%%; topic entropy %.3f; %.2f topics and %.2f KPs per sample",
                                  result.samples, result.distinctCombinations, result.novelty * 100, result.topicCoverage * 100,
                                  result.kpCoverage * 100, result.topicEntropy, result.meanTopics, result.meanKnowledgePoints))
        }
        if let boostPlan, !quiet {
            Terminal.error(boostPlan.summary)
            if let areaTally, areaTally.samples > 0 {
                Terminal.error(String(format: "sampled areas: %d covered, normalised entropy %.3f (%.3f over the %d areas the knowledge base reaches)",
                                      areaTally.areasCovered, areaTally.normalisedEntropy, areaTally.normalisedEntropyOverReachable,
                                      boostPlan.profiles.reachable.filter { $0 }.count))
            }
        }
    }
}

extension SampleCommand {
    /// A boost and what to say about it.
    struct BoostPlan {
        var boost: SamplingBoost
        var profiles: ConceptAreaProfiles
        var summary: String
    }

    /// The boost `--boost` asks for: calibrated on pilot runs (auto) or from a coverage report.
    func prepareBoost(_ spec: String, kb: KnowledgeBase, snapshot: GraphSnapshot, transform: WeightTransform, allowed: Set<Int32>?) throws -> BoostPlan {
        let context = try curriculumOptions.context()
        let audit = try context.audit(knowledgeBase: kb, keepProfiles: true)
        guard audit.conceptNames.count == snapshot.nodeCount else {
            throw CommandFailure("the knowledge base changed while kg sample read it; run it again.")
        }
        let profiles = ConceptAreaProfiles(audit: audit)
        let curriculum = context.curriculum
        let reachable = profiles.reachable.filter { $0 }.count
        if spec == "auto" {
            let target = try boostTarget.shares(curriculum: curriculum, areas: Array(curriculum.areas.indices))
            var calibration = BoostCalibration()
            calibration.strength = boostStrength
            calibration.cap = boostCap
            let (boost, rounds) = try calibration.calibrate(profiles: profiles, target: target, seed: seed) { pilotBoost, pilotSeed, emit in
                let pilotGraph = SamplingGraph(snapshot: snapshot, transform: transform, temperature: temperature,
                                               minimumProblems: minCount, levels: Set(level), allowed: allowed, boost: pilotBoost?.logMultipliers)
                _ = try runSampler(on: pilotGraph, SampleRunOptions(count: calibration.pilotSamples, seed: pilotSeed)) { _, c in emit(c) }
            }
            let range = boost.range
            let summary = String(format: "boost auto (target %@, %d rounds of %d pilot samples): sampled-area normalised entropy %.3f → %.3f "
                + "(over the %d reachable areas %.3f → %.3f); %d concepts reweighted ×%.2f to ×%.2f",
                boostTarget.description, calibration.rounds, calibration.pilotSamples, rounds.first!.normalisedEntropy,
                rounds.last!.normalisedEntropy, reachable, rounds.first!.normalisedEntropyOverReachable,
                rounds.last!.normalisedEntropyOverReachable, boost.boostedConcepts, range.low, range.high)
            return BoostPlan(boost: boost, profiles: profiles, summary: summary)
        }
        let (observed, target) = try SamplingBoost.readReport(path: spec, curriculum: curriculum)
        let multipliers = SamplingBoost.areaMultipliers(observed: observed, target: target, reachable: profiles.reachable,
                                                        strength: boostStrength, cap: boostCap)
        let boost = SamplingBoost(profiles: profiles, areaMultipliers: multipliers)
        let range = boost.range
        let summary = String(format: "boost from %@: %d of %d reachable areas below target; %d concepts reweighted ×%.2f to ×%.2f",
                             spec, multipliers.filter { $0 > 1 }.count, reachable, boost.boostedConcepts, range.low, range.high)
        return BoostPlan(boost: boost, profiles: profiles, summary: summary)
    }

    /// Runs the configured sampler on `graph` (the pilot runs of --boost auto).
    func runSampler(on graph: SamplingGraph, _ options: SampleRunOptions,
                    emit: (Int, ConceptCombination) throws -> Void) throws -> SampleRunSummary {
        switch sampler {
        case .mathscale:
            var s = MathScaleWalk(graph: graph, start: start, topicSteps: topicSteps, kpSteps: kpSteps, seed: options.seed)
            return try s.run(options, emit: emit)
        case .cooccurrence:
            var s = CooccurrenceSampler(graph: graph, topicCount: topics, kpsPerTopic: kpsPerTopic)
            return try s.run(options, emit: emit)
        case .uniform:
            var s = UniformSampler(graph: graph, topicCount: topics, kpCount: kps)
            return try s.run(options, emit: emit)
        }
    }
}
