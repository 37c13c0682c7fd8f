import KnowledgeBase
import LLMFormats

/// One `kg sample` run from start to end: the sampler draws, and each sample goes through
/// the per-sample pipeline — few-shot examples, the rendered prompt, the JSONL line, the
/// quality report and any observer (the coverage boost's area tally) — in id order.
///
/// ```swift
/// var job = SamplingJob(settings: SamplerSettings(), options: SampleRunOptions(count: 100, seed: 7))
/// job.examples = 2
/// let result = try job.run(snapshot: snapshot, output: try OutputFile(path: "samples.jsonl"),
///                          example: { try kb.exampleProblem(externalID: $0) })
/// ```
public struct SamplingJob {
    public var settings: SamplerSettings
    public var options: SampleRunOptions
    /// Adds a `prompt` field rendered from this template.
    public var prompt: PromptTemplate?
    /// Attach up to this many seed problems with the nearest KP sets (Jaccard).
    public var examples = 0
    /// Build the quality report (`SamplingReport`) while sampling.
    public var keepsReport = true
    /// Only these nodes are sampled (a `--where` query's result).
    public var allowed: Set<Int32>?
    /// Per node, the log of a weight multiplier (`SamplingBoost.logMultipliers`).
    public var boost: [Double]?
    /// The `--where` text, for the message when the filters leave nothing.
    public var whereQuery: String?
    /// What each output line is.
    public var format = SampleOutputFormat.samples
    /// With a request format, where the sample lines themselves go (joined by `custom_id`
    /// = `sample-<id>`); nil: nowhere.
    public var samplesFile: OutputFile?

    public init(settings: SamplerSettings, options: SampleRunOptions) {
        self.settings = settings
        self.options = options
    }

    /// What a run produced.
    public struct Result {
        public var summary: SampleRunSummary
        /// Nil unless `keepsReport`.
        public var report: SamplingReport?
    }

    /// Samples from `snapshot` into `output` and closes it.
    ///
    /// - Parameters:
    ///   - example: an example problem by its id (read once per problem), for `{examples}`
    ///     in the prompt: its text with its solution or answer (`ExampleProblem.promptText`).
    ///   - observe: sees every sample written.
    ///   - progress: called with the samples written so far, every 16,384 samples.
    /// - Throws: `SamplingError.emptyPool` when the filters leave no topic; the output's
    ///   `OutputFile.WriteError`; whatever `example` throws.
    public func run(
        snapshot: GraphSnapshot, output: OutputFile,
        example: (String) throws -> ExampleProblem? = { _ in nil },
        observe: ((ConceptCombination) -> Void)? = nil,
        progress: ((Int) -> Void)? = nil
    ) throws -> Result {
        let graph = settings.graph(snapshot: snapshot, allowed: allowed, boost: boost, expectedSamples: options.count)
        if graph.pool(.topic).isEmpty {
            throw SamplingError.emptyPool(kind: .topic, filters: settings.filterDescription(whereQuery: whereQuery, allowedCount: allowed?.count))
        }
        let writer = SampleWriter(snapshot: snapshot, samplerName: settings.kind.rawValue, seed: options.seed)
        let finder = examples > 0 ? ExampleFinder(snapshot: snapshot) : nil
        var report = keepsReport ? SamplingReportBuilder(graph: graph) : nil
        var cache: [String: (text: String, template: Int64?)] = [:]
        func cached(_ id: String) throws -> (text: String, template: Int64?) {
            if let known = cache[id] { return known }
            let problem = try example(id)
            let entry = (text: problem?.promptText ?? "", template: problem?.template)
            cache[id] = entry
            return entry
        }
        var written = 0
        let summary = try settings.run(on: graph, options) { id, combination in
            var exampleIDs: [String]?
            if let finder {
                let candidates = finder.nearest(
                    to: combination.knowledgePoints, k: examples * Self.exampleCandidatesPerExample,
                    tieBreak: SampleSeed.exampleTieBreak(seed: options.seed, index: id)
                ).map { finder.problem($0).externalID }
                exampleIDs = try Self.preferringDistinctTemplates(candidates, count: examples) { try cached($0).template }
            }
            let rendered = try prompt.map { template in
                var exampleTexts: [String] = []
                for id in exampleIDs ?? [] { exampleTexts.append(try cached(id).text) }
                return template.renderLeavingOutEmptySections([
                    .topics: writer.joinedNames(combination.topics),
                    .knowledgePoints: writer.joinedNames(combination.knowledgePoints),
                    .examples: exampleTexts.enumerated().map { "Example \($0.offset + 1):\n\($0.element)" }.joined(separator: "\n\n"),
                    .levels: writer.levels(of: combination).map(\.rawValue).joined(separator: ", "),
                ])
            }
            writer.format(id: id, combination: combination, examples: exampleIDs, prompt: rendered)
            switch format {
            case .samples:
                try writer.write(to: output)
            case .openAIBatch(let request), .chat(let request):
                if let samplesFile { try writer.write(to: samplesFile) }
                var chat = request
                chat.messages.append(ChatRequest.Message(role: "user", content: rendered ?? ""))
                var w = JSONWriter()
                if case .chat = format {
                    w.beginObject()
                    w.key("custom_id"); w.string(SampleOutputFormat.customID(id))
                    w.key("messages"); chat.writeMessages(to: &w)
                    w.endObject()
                } else {
                    BatchRequestLine.write(customID: SampleOutputFormat.customID(id), request: chat, to: &w)
                }
                w.endLine()
                try output.write(w.bytes)
            }
            report?.add(combination)
            observe?(combination)
            written += 1
            if written & 0x3FFF == 0 { progress?(written) }
        }
        try output.close()
        try samplesFile?.close()
        return Result(summary: summary, report: report?.report)
    }
}

/// What `kg sample` writes per sample.
public enum SampleOutputFormat {
    /// The sample line (docs/formats.md).
    case samples
    /// A Batch API request line whose last user message is the rendered prompt; `request`
    /// gives the model, options and any system message (its own messages come first).
    case openAIBatch(ChatRequest)
    /// `{"custom_id", "messages": [...]}`: the chat messages alone.
    case chat(ChatRequest)

    /// The `custom_id` of sample `id`'s request.
    public static func customID(_ id: Int) -> String { "sample-\(id)" }
}

extension SamplingJob {
    /// Nearest problems fetched per example wanted, so that near-copies can be passed over.
    static let exampleCandidatesPerExample = 4

    /// `count` of `candidates` (nearest first): the nearest of each template key first, so
    /// that two examples are not the same problem with other numbers; when there are fewer
    /// templates than `count`, the nearest of the rest fill in, in their order. Problems
    /// without a template key (no text) count as distinct.
    static func preferringDistinctTemplates(
        _ candidates: [String], count: Int, template: (String) throws -> Int64?
    ) rethrows -> [String] {
        guard candidates.count > count else { return candidates }
        var chosen: [String] = [], passed: [String] = []
        var seen = Set<Int64>()
        for id in candidates where chosen.count < count {
            if let key = try template(id), !seen.insert(key).inserted {
                passed.append(id)
            } else {
                chosen.append(id)
            }
        }
        if chosen.count < count { chosen += passed.prefix(count - chosen.count) }
        let order = Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($1, $0) })
        return chosen.sorted { order[$0]! < order[$1]! }
    }
}
