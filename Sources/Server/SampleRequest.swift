import Coverage
import Foundation
import KnowledgeBase
import LLMFormats
import Query
import Sampling

/// A `/sample` request: the options of `kg sample` the page offers, checked against their
/// bounds, and the run that writes exactly what `kg sample` writes with them.
struct SampleRequest {
    var n = 10
    var seed: UInt64 = 0
    var sampler = SamplerKind.mathscale
    var levels: [Level] = []
    var whereQuery: String?
    var template = false
    var examples = 0
    /// `--boost auto`: sampling steered toward the curriculum areas short of their share.
    var boost = false

    /// The options from the URL's parameters; a value that is not one (or past its bound)
    /// is a 400 or 413 saying what the parameter takes.
    init(parameters: [String: String]) throws {
        if let text = parameters["n"], !text.isEmpty {
            guard let value = Int(text), value >= 0 else { throw ServerError(status: 400, message: "n must be a whole number, 0 or more (got \"\(text)\")") }
            guard value <= ServerLimits.samples else {
                throw ServerError(
                    status: 413,
                    message: "n = \(value) is more samples than the server draws at once (at most \(ServerLimits.samples)); draw more with `kg sample -n \(value)`")
            }
            n = value
        }
        if let text = parameters["seed"], !text.isEmpty {
            guard let value = UInt64(text), value <= ServerLimits.maximumSeed else {
                throw ServerError(status: 400, message: "seed must be a whole number from 0 to 2^53-1 (got \"\(text)\")")
            }
            seed = value
        }
        if let text = parameters["sampler"], !text.isEmpty {
            guard let kind = SamplerKind(rawValue: text) else {
                throw ServerError(status: 400, message: "unknown sampler \"\(text)\"; samplers are \(SamplerKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            sampler = kind
        }
        if let text = parameters["level"], !text.isEmpty {
            for part in text.split(separator: ",") {
                guard let level = Level(parsing: String(part)) else {
                    throw ServerError(status: 400, message: "unknown level \"\(part)\"; levels are \(Level.canonicalList)")
                }
                levels.append(level)
            }
        }
        if let text = parameters["where"], !text.isEmpty { whereQuery = try QueryPage.checked(text) }
        template = ["1", "on", "true", "mathscale"].contains(parameters["template"] ?? "")
        if let text = parameters["examples"], !text.isEmpty {
            guard let value = Int(text), (0...ServerLimits.examples).contains(value) else {
                throw ServerError(status: 400, message: "examples must be a whole number from 0 to \(ServerLimits.examples) (got \"\(text)\")")
            }
            examples = value
        }
        switch parameters["boost"] ?? "" {
        case "", "none", "off": boost = false
        case "auto": boost = true
        case let text:
            throw ServerError(
                status: 400,
                message: "boost takes auto (toward the curriculum's gaps, as kg sample --boost auto) or none (got \"\(text)\"); a boost from a coverage report file is for kg sample --boost FILE")
        }
    }

    /// The `kg sample` command line that writes the same bytes.
    var commandLine: String {
        var parts = ["kg", "sample", "-n", String(n), "--seed", String(seed), "--sampler", sampler.rawValue]
        for level in levels { parts += ["--level", level.rawValue] }
        if let whereQuery { parts += ["--where", "'" + whereQuery.replacingOccurrences(of: "'", with: "'\\''") + "'"] }
        if template { parts += ["--template", "mathscale"] }
        if examples > 0 { parts += ["--examples", String(examples)] }
        if boost { parts += ["--boost", "auto"] }
        return parts.joined(separator: " ")
    }

    /// What a boost plan depends on: the sampler, levels, `where` and seed (not n).
    var boostKey: String {
        [sampler.rawValue, levels.map(\.rawValue).joined(separator: ","), whereQuery ?? "", String(seed)].joined(separator: "\u{1F}")
    }

    /// The parameters of this request as a URL query.
    var query: String {
        var items = ["n=\(n)", "seed=\(seed)", "sampler=\(sampler.rawValue)"]
        if !levels.isEmpty { items.append("level=" + HTML.url(levels.map(\.rawValue).joined(separator: ","))) }
        if let whereQuery { items.append("where=" + HTML.url(whereQuery)) }
        if template { items.append("template=mathscale") }
        if examples > 0 { items.append("examples=\(examples)") }
        if boost { items.append("boost=auto") }
        return items.joined(separator: "&")
    }

    /// The job `kg sample` with these options runs, over `state`'s snapshot: the `where` query
    /// evaluated (stopping at `timeLimit`), the template read and, with `boost`, the plan
    /// `boostPlan(settings, allowed)` gives (the one `kg sample --boost auto` calibrates). It
    /// reads nothing from the store, so it runs without holding it.
    func job(
        state: ExplorerState, templatePath: String?, timeLimit: Duration,
        boostPlan: (SamplerSettings, Set<Int32>?) throws -> SamplingBoostPlan
    ) throws -> SamplingJob {
        var settings = SamplerSettings(kind: sampler)
        settings.levels = Set(levels)
        var job = SamplingJob(settings: settings, options: SampleRunOptions(count: n, seed: seed))
        if let whereQuery {
            let result = try QueryPage.evaluate(whereQuery, state: state, timeLimit: timeLimit)
            job.allowed = Set(result.conceptNodes)
            job.whereQuery = whereQuery
        }
        if template {
            guard let templatePath else {
                throw ServerError(status: 404, message: "the shipped prompt template (data/prompts/mathscale.txt) was not found; start kg serve from a kg checkout, or set KG_DATA")
            }
            job.prompt = try PromptTemplate(contentsOfFile: templatePath)
        }
        job.examples = examples
        if boost { job.boost = try boostPlan(settings, job.allowed).boost.logMultipliers }
        job.keepsReport = false
        return job
    }

    /// The JSONL lines `job` writes over `state`'s snapshot; `example` reads example problems
    /// (text, solution) from the store.
    static func write(_ job: SamplingJob, state: ExplorerState, example: (String) throws -> ExampleProblem?) throws -> [UInt8] {
        let path = NSTemporaryDirectory() + "kg-serve-sample-\(UUID().uuidString).jsonl"
        defer { unlink(path) }
        let file = try OutputFile(path: path)
        do {
            _ = try job.run(snapshot: state.snapshot, output: file, example: example)
        } catch let error as SamplingError {
            throw ServerError(status: 400, message: "\(error)")
        }
        try file.close()
        return Array(FileManager.default.contents(atPath: path) ?? Data())
    }
}
