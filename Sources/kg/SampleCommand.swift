import ArgumentParser
import Coverage
import Foundation
import KnowledgeBase
import LLMFormats
import Query
import Sampling

extension SamplerKind: ExpressibleByArgument {}

/// `--format`'s names.
enum SampleFormatName: String, CaseIterable, ExpressibleByArgument {
    case samples
    case openaiBatch = "openai-batch"
    case chat
}

extension WeightTransform: ExpressibleByArgument {}
extension StartRule: ExpressibleByArgument {}
extension KPFallback: ExpressibleByArgument {}
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
              mathscale     MathScale's random walk (default): a start topic,
                            --topic-steps on the topic graph, one step to a KP, --kp-steps
                            on the KP graph; each step to an unvisited neighbour with
                            probability proportional to the weight. Where the KP graph has
                            no unvisited neighbour, --kp-fallback topic (default) goes on
                            through one of the KP's topics; --kp-fallback none is the
                            paper's walk.
              cooccurrence  KPDDS: topics from the co-occurrence matrix (first ∝ row sum,
                            then rows and products of rows), --kps-per-topic KPs from each
                            topic; weight log by default.
              uniform       baseline: uniform topics, uniform KPs among their neighbours.

            A report goes to stderr, or to --report FILE as JSON: distinct samples, novelty (KP sets \
            no seed problem has), coverage, entropy, topics and KPs per sample, and plausible KP \
            pairs (pairs that co-occur in a seed problem or share a topic with one).

            Examples:
              kg sample -n 5 --seed 1
              kg sample -n 2000000 --seed 7 --unique -o samples.jsonl
              kg sample -n 1000000 --seed 7 --shard 0/4 -o part0.jsonl   # 1 of 4 workers
              kg sample -n 100 --sampler cooccurrence --level grade-5 --level grade-6
              kg sample -n 10 --template mathscale --examples 2
              kg sample -n 10000 --kp-fallback none      # the paper's walk, unchanged
              kg sample -n 100000 --boost auto -o boosted.jsonl   # toward the gaps
            Generation requests (the shipped mathscale prompt), sent by kg generate run:
              kg sample -n 1000 --examples 2 --format openai-batch --model M \\
                  --samples-file samples.jsonl -o requests.jsonl

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
    var sampler: SamplerKind = .mathscale

    @Option(help: "Edge weight from the co-occurrence count: count, log, sqrt, uniform (default: count; log for cooccurrence).")
    var weight: WeightTransform?

    @Option(help: "p ∝ weight^(1/T): below 1 favours strong edges, above 1 flattens.")
    var temperature: Double = 1

    @Option(help: "Ignore concepts seen in fewer problems (MathScale drops singletons: 2).")
    var minCount: Int = 2

    @Option(
        name: .customLong("where"),
        help: ArgumentHelp(
            "Only the concepts of this query's result (docs/query.md), e.g. 'topic \"Geometry\" | ego 1'; it should hold topics and knowledge points.",
            valueName: "query"))
    var whereQuery: String?

    @Option(
        help: ArgumentHelp(
            "Only concepts that occur at this level (repeatable): K, grade-1 … grade-8, high-school, college, competition.", valueName: "level"))
    var level: [Level] = []

    @Option(help: "mathscale: how the first topic is chosen: epoch (each topic once per epoch, shuffled) or frequency.")
    var start: StartRule = .epoch

    @Option(help: "mathscale: steps on the topic graph, a range like 1...2.")
    var topicSteps: CountRange = CountRange(1, 2)

    @Option(help: "mathscale: steps on the KP graph, a range like 0...4.")
    var kpSteps: CountRange = CountRange(0, 4)

    @Option(
        help: ArgumentHelp(
            "mathscale: where a KP step goes when the KP graph has no unvisited neighbour: topic (through one of the KP's topics to another of its KPs; default), bridge (the same, the topic left out of the sample), walk-topics (another KP of the walk's topics) or none (stop there, as the paper's walk does).",
            valueName: "rule"))
    var kpFallback: KPFallback = SamplerSettings().kpFallback

    @Option(help: "cooccurrence, uniform: how many topics, a range like 2...3.")
    var topics: CountRange = CountRange(2, 3)

    @Option(help: "cooccurrence: KPs drawn from each topic, a range like 1...2.")
    var kpsPerTopic: CountRange = CountRange(1, 2)

    @Option(help: "uniform: how many KPs, a range like 1...5.")
    var kps: CountRange = CountRange(1, 5)

    @Option(
        help: ArgumentHelp(
            "Every sampler: a sample with fewer knowledge points gets more, from the KP graph next to its latest KP, its topics' KPs, or a neighbouring topic's (which then joins its topics); 0 keeps samples as drawn. Samples nothing could top up are counted in the report.",
            valueName: "n"))
    var minKps: Int = SamplerSettings().minimumKnowledgePoints

    @Flag(help: "No two samples with the same topic set and KP set: a repeat gains a knowledge point next to its own until it is new (docs/sampling.md).")
    var unique = false

    @Option(help: ArgumentHelp("Write only shard k of n (0 ≤ k < n): samples whose id ≡ k (mod n).", valueName: "k/n"))
    var shard: Shard?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the samples here instead of standard output.", valueName: "file"))
    var output: String = "-"

    @Option(
        help: ArgumentHelp(
            "Add a \"prompt\" rendered from this template (a file, or a shipped template's name: mathscale) ({topics}, {knowledge_points}, {examples}, {levels}); a line whose placeholders are all empty is left out. Request formats default to data/prompts/mathscale.txt.",
            valueName: "file"))
    var template: String?

    @Option(help: "Attach the ids of up to K seed problems with the nearest KP sets (Jaccard); with --template, {examples} holds their texts.")
    var examples: Int = 0

    @Option(help: ArgumentHelp("Write the quality report here as JSON instead of stderr (docs/formats.md).", valueName: "file"))
    var report: String?

    @Flag(help: "Print no report.")
    var quiet = false

    @Option(
        help: ArgumentHelp(
            "Steer sampling toward under-covered curriculum areas: auto (calibrated on pilot runs) or a `kg coverage --json` report.",
            valueName: "auto|file"))
    var boost: String?

    @Option(
        help: ArgumentHelp(
            "With --boost auto: the target distribution over areas (uniform or a JSONL file of {\"code\", \"weight\"}).",
            valueName: "uniform|file"))
    var boostTarget: CoverageTarget = .uniform

    @Option(help: "With --boost: the exponent on target/observed (0 leaves sampling as it is, 1 corrects fully per round).")
    var boostStrength: Double = 1

    @Option(help: "With --boost: no concept's weight is multiplied or divided by more than this.")
    var boostCap: Double = 8

    @OptionGroup var curriculumOptions: CurriculumOptions

    @Option(
        help: ArgumentHelp(
            "samples (the sample lines), openai-batch (Batch API request lines holding the prompt) or chat ({\"custom_id\", \"messages\"} lines); the request formats render --template, by default data/prompts/mathscale.txt.",
            valueName: "format"))
    var format: SampleFormatName = .samples

    @Option(help: "openai-batch: the model the requests name.")
    var model: String?

    @Option(help: "openai-batch: the temperature the requests carry (default: none, the server's).")
    var requestTemperature: Double?

    @Option(help: "openai-batch: the most tokens an answer may use (default: none, the server's).")
    var maxTokens: Int?

    @Option(
        help: ArgumentHelp(
            "With a request format: also write the sample lines here, joined to the requests by custom_id sample-ID.",
            valueName: "file"))
    var samplesFile: String?

    func validate() throws {
        if n < 0 { throw ValidationError("-n must be 0 or more (got \(n)).") }
        if seed > (1 << 53) - 1 { throw ValidationError("--seed must be between 0 and 2^53-1, so that it survives JSON.") }
        if !(temperature > 0) || !temperature.isFinite { throw ValidationError("--temperature must be a positive number.") }
        if minCount < 0 { throw ValidationError("--min-count must be 0 or more.") }
        if examples < 0 { throw ValidationError("--examples must be 0 or more.") }
        if minKps < 0 { throw ValidationError("--min-kps must be 0 or more.") }
        if let shard, shard.count < 1 || shard.index < 0 || shard.index >= shard.count {
            throw ValidationError("--shard k/n needs n ≥ 1 and 0 ≤ k < n (got \(shard.index)/\(shard.count)).")
        }
        if topics.lower < 1 { throw ValidationError("--topics needs at least 1 topic.") }
        if !(boostStrength >= 0) || !boostStrength.isFinite { throw ValidationError("--boost-strength must be 0 or more.") }
        if !(boostCap >= 1) || !boostCap.isFinite { throw ValidationError("--boost-cap must be 1 or more.") }
        if format == .openaiBatch && (model ?? "").isEmpty { throw ValidationError("--format openai-batch needs --model NAME.") }
        if format == .samples && (model != nil || samplesFile != nil || requestTemperature != nil || maxTokens != nil) {
            throw ValidationError("--model, --samples-file, --request-temperature and --max-tokens only apply with --format openai-batch or chat.")
        }
        if format == .chat && (model != nil || requestTemperature != nil || maxTokens != nil) {
            throw ValidationError(
                "Chat lines carry only {\"custom_id\", \"messages\"}: --model, --request-temperature and --max-tokens go into "
                    + "--format openai-batch lines, or give the model to kg generate run --model.")
        }
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
        var job = SamplingJob(
            settings: settings,
            options: SampleRunOptions(
                count: n, seed: seed, unique: unique,
                shardIndex: shard?.index ?? 0, shardCount: shard?.count ?? 1))
        job.allowed = try query.map { Set(try QueryEvaluator(knowledgeBase: kb, snapshot: snapshot).evaluate($0).conceptNodes) }
        job.whereQuery = whereQuery
        job.prompt = try templatePath().map { try PromptTemplate(contentsOfFile: $0) }
        job.examples = examples
        job.keepsReport = !quiet || report != nil
        job.format = outputFormat
        let plan = try boost.map { try boostPlan($0, kb: kb, snapshot: snapshot, allowed: job.allowed) }
        job.boost = plan?.boost.logMultipliers
        var tally = plan.map { SampledAreaTally(profiles: $0.profiles) }
        let progress = ProgressBar(
            unit: "samples", total: shard.map { (n - $0.index + $0.count - 1) / $0.count } ?? n,
            enabled: Terminal.stderrIsTerminal && output != "-")
        // Outputs replace earlier files only when sampling finished.
        let result = try AtomicOutput.write(to: output) { file in
            try AtomicOutput.write(to: samplesFile ?? "/dev/null") { samples in
                job.samplesFile = samplesFile == nil ? nil : samples
                return try job.run(
                    snapshot: snapshot, output: file, example: { try kb.exampleProblem(externalID: $0) },
                    observe: quiet || tally == nil ? nil : { tally!.add($0) }, progress: { progress.update(done: $0) })
            }
        }
        progress.finish()
        try tell(result, plan: plan, tally: tally)
    }

    /// The warning, the report (to --report or standard error) and the boost's lines.
    func tell(_ result: SamplingJob.Result, plan: SamplingBoostPlan?, tally: SampledAreaTally?) throws {
        if result.summary.exhausted {
            Terminal.error(
                "warning: only \(result.summary.produced) unique combinations found before the graph ran out; wrote \(result.summary.emitted).")
        }
        let short = result.summary.shortOfKnowledgePoints
        if short > 0 && !quiet {
            Terminal.error(
                "warning: \(short) \(short == 1 ? "sample has" : "samples have") fewer than --min-kps \(minKps) knowledge points: "
                    + "no KP in the pool is near their topics. Lower --min-count or drop --level/--where filters to widen the pool.")
        }
        if let report, let sampled = result.report {
            try CommandOutput.write(sampled.jsonText + "\n", to: report)
        } else if !quiet, let sampled = result.report {
            Terminal.error(sampled.summaryLine)
        }
        if let plan, let tally, !quiet {
            Terminal.error(plan.summary)
            if let line = plan.sampledSummary(tally) { Terminal.error(line) }
        }
    }

    /// The template the prompts come from: --template, or with a request format the shipped
    /// MathScale prompt; nil: the samples carry no prompt.
    func templatePath() throws -> String? {
        if let template { return try DataLocator.template(template) }
        guard format != .samples else { return nil }
        return try DataLocator.require(Self.defaultTemplate, option: "--template FILE")
    }

    /// The prompt the request formats use without --template.
    static let defaultTemplate = "data/prompts/mathscale.txt"

    /// What each line is, with the request fields the options give.
    var outputFormat: SampleOutputFormat {
        var request = ChatRequest(model: model ?? "", prompt: "")
        request.messages = []
        request.temperature = requestTemperature
        request.maxTokens = maxTokens
        switch format {
        case .samples: return .samples
        case .openaiBatch: return .openAIBatch(request)
        case .chat: return .chat(request)
        }
    }

    /// The sampler and pool these options describe.
    var settings: SamplerSettings {
        var settings = SamplerSettings(kind: sampler)
        settings.weight = weight
        settings.temperature = temperature
        settings.minimumProblems = minCount
        settings.levels = Set(level)
        settings.start = start
        settings.topicSteps = topicSteps
        settings.kpSteps = kpSteps
        settings.kpFallback = kpFallback
        settings.topics = topics
        settings.kpsPerTopic = kpsPerTopic
        settings.kps = kps
        settings.minimumKnowledgePoints = minKps
        return settings
    }

    /// The boost `--boost` asks for: calibrated on pilot runs (auto) or from a coverage report.
    func boostPlan(_ spec: String, kb: KnowledgeBase, snapshot: GraphSnapshot, allowed: Set<Int32>?) throws -> SamplingBoostPlan {
        let context = try curriculumOptions.context()
        let audit = try context.audit(knowledgeBase: kb, keepProfiles: true)
        guard spec == "auto" else {
            return try .fromReport(
                path: spec, audit: audit, curriculum: context.curriculum, snapshot: snapshot,
                strength: boostStrength, cap: boostCap)
        }
        var calibration = BoostCalibration()
        calibration.strength = boostStrength
        calibration.cap = boostCap
        return try .calibrated(
            audit: audit, curriculum: context.curriculum, snapshot: snapshot, settings: settings,
            allowed: allowed, target: boostTarget, calibration: calibration, seed: seed)
    }
}
