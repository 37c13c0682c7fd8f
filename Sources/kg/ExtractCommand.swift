import ArgumentParser
import Extraction
import Foundation
import KnowledgeBase
import LLMFormats

extension ExtractionRequestBuilder.ResponseFormat: ExpressibleByArgument {}

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Seed problems → topics and knowledge points with an LLM (MathScale's first step).",
        discussion: """
            Three steps, for any OpenAI-compatible server (vLLM, llama.cpp's server, Ollama, a \
            hosted API) or batch API:
              kg extract requests seeds.jsonl --model M -o requests.jsonl
              vllm run-batch -i requests.jsonl -o results.jsonl   # or a hosted batch API
              kg extract parse results.jsonl --seeds seeds.jsonl -o records.jsonl --ingest
            or all at once against a live server, resumable:
              kg extract run seeds.jsonl --endpoint http://127.0.0.1:8000/v1 --model M \\
                  -o records.jsonl

            Try it on seeds that ship with kg:
              cp "$(kg data path examples/gsm8k-train-200.jsonl)" seeds.jsonl

            Seeds are JSONL with the problem text in "problem", "question", "text", "statement" \
            or "prompt" (or --text-field); a seed's "id" (or a hash of its text) becomes the \
            request's custom_id, and its other fields are kept in the record. docs/extraction.md \
            has the formats and the answer-reading rules.
            """,
        subcommands: [ExtractRequestsCommand.self, ExtractParseCommand.self, ExtractRunCommand.self]
    )
}

/// What the request-building subcommands share.
struct ExtractionRequestOptions: ParsableArguments {
    @Option(help: "The model name the requests carry.")
    var model: String

    @Option(
        help: ArgumentHelp(
            "The prompt template, with {problem}: a file, or a shipped template's name (default: extract-mathscale).",
            valueName: "file|name"))
    var template: String?

    @Option(help: "none (the prompt asks for JSON), json-object, or json-schema (structured outputs: OpenAI, vLLM).")
    var responseFormat: ExtractionRequestBuilder.ResponseFormat = .none

    @Option(help: "Sampling temperature.")
    var temperature: Double = 0

    @Option(help: "The most tokens an answer may use.")
    var maxTokens: Int = 512

    @Option(
        help: ArgumentHelp(
            "The field that holds the problem text (default: the first of problem, question, text, statement, prompt).",
            valueName: "name"))
    var textField: String?

    func validate() throws {
        if model.isEmpty { throw ValidationError("--model needs a model name.") }
        if !(temperature >= 0) || !temperature.isFinite { throw ValidationError("--temperature must be 0 or more.") }
        if maxTokens < 1 { throw ValidationError("--max-tokens must be at least 1.") }
    }

    var textFields: [String] { textField.map { [$0] } ?? SeedProblem.defaultTextFields }

    func builder(limits: ExtractionLimits) throws -> ExtractionRequestBuilder {
        let path = try template.map { try DataLocator.template($0) }
            ?? DataLocator.require("data/prompts/extract-mathscale.txt", option: "--template FILE")
        var builder = ExtractionRequestBuilder(
            template: try PromptTemplate(contentsOfFile: path, allowed: PromptTemplate.extractionPlaceholders),
            model: model)
        builder.temperature = temperature
        builder.maxTokens = maxTokens
        builder.responseFormat = responseFormat
        builder.maximumTopics = limits.maxTopics
        builder.maximumKnowledgePoints = limits.maxKps
        return builder
    }
}

/// How bad seed lines are handled (`kg extract requests`, `kg extract run`, `kg extract parse`).
struct SeedLineOptions: ParsableArguments {
    @Flag(help: "Skip malformed seed lines (counted, and kept with --bad-seeds) instead of stopping before anything is sent.")
    var skipBad = false

    @Option(help: ArgumentHelp("With --skip-bad, write each skipped seed line here after a '# file:line: reason' comment.", valueName: "file"))
    var badSeeds: String?

    func validate() throws {
        if badSeeds != nil && !skipBad { throw ValidationError("--bad-seeds only makes sense with --skip-bad.") }
        try OutputPathCheck.require(badSeeds, option: "--bad-seeds")
    }

    /// Reads the whole seeds file before anything is sent: the first bad line stops here
    /// (unless --skip-bad), an empty file is an error, and the skipped lines go to
    /// --bad-seeds. Says what was skipped or repeated.
    func scan(_ seeds: String, textFields: [String]) throws -> SeedFile.Scan {
        let scan: SeedFile.Scan
        do {
            if let badSeeds {
                let file = try RejectsFile(path: badSeeds)
                scan = try SeedFile.scan(path: seeds, textFields: textFields, skipBad: true) { error, raw in
                    try file.write(error, raw: raw)
                }
                try file.close()
            } else {
                scan = try SeedFile.scan(path: seeds, textFields: textFields, skipBad: skipBad)
            }
        } catch let error as RecordError {
            throw CommandFailure("\(error)\nNothing was sent or written. Fix that line, or rerun with --skip-bad to skip bad lines (and --bad-seeds FILE to keep them).")
        }
        guard scan.seeds > 0 else {
            throw CommandFailure("\(seeds) holds no seed problem\(scan.bad.isEmpty ? "" : " that could be read (\(scan.bad.count) bad lines)"): nothing to do.")
        }
        if !scan.notes.isEmpty { Terminal.error("\(seeds): \(scan.seeds) seeds" + scan.notes) }
        return scan
    }
}

/// How many topics and knowledge points an answer may have: asked for in the JSON schema,
/// kept when answers are read.
struct ExtractionLimits: ParsableArguments {
    @Option(help: "Topics per problem: the schema's maximum, and more are clipped (and counted) when read.")
    var maxTopics: Int = 2

    @Option(help: "Knowledge points per problem: the schema's maximum, and more are clipped (and counted) when read.")
    var maxKps: Int = 5

    func validate() throws {
        if maxTopics < 1 || maxKps < 0 { throw ValidationError("--max-topics must be at least 1 and --max-kps 0 or more.") }
    }
}

/// Refuses two options naming one file: the join reads one while it replaces another.
func requireDistinctFiles(_ files: [(option: String, path: String?)]) throws {
    var seen: [String: String] = [:]
    for (option, path) in files {
        guard let path, path != "-" else { continue }
        let key = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        if let other = seen[key] { throw ValidationError("\(other) and \(option) name the same file (\(path)); give each its own.") }
        seen[key] = option
    }
}

/// What the record-writing subcommands share.
struct ExtractionRecordOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the extraction records here (- for standard output).", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("Write every seed that gave no record here, with its custom_id and the reason.", valueName: "file"))
    var rejects: String?

    @Flag(help: "Also store the records in the knowledge base (--db).")
    var ingest = false

    @Option(help: "The source of records whose seed has none (default: the seeds file's name).")
    var source: String?

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func validate() throws {
        if ingest && output == "-" { throw ValidationError("--ingest reads the records back from -o FILE; give a file, not -.") }
        try OutputPathCheck.require(output, option: "-o")
        try OutputPathCheck.require(rejects, option: "--rejects")
    }

    /// Joins `results` to `seeds` into the records file and, with --ingest, stores them;
    /// then exits 3 when some seeds gave no record (see `RunOutcome`). A join that makes no
    /// record at all writes nothing and exits 4.
    func writeRecords(
        results: String, seeds: String, textFields: [String], skipBad: Bool, limits: ExtractionLimits, database: DatabaseOptions
    ) throws {
        var join = ExtractionJoin()
        join.skipBad = skipBad
        join.parser = ExtractionAnswerParser(maximumTopics: limits.maxTopics, maximumKnowledgePoints: limits.maxKps)
        join.source = source
        join.textFields = textFields
        // Records and rejects both replace earlier files only when the join succeeds.
        let summary: ExtractionJoin.Summary
        do {
            summary = try AtomicOutput.write(to: output) { file in
                guard let rejects else { return try join.run(results: results, seeds: seeds, output: file, rejects: nil) }
                return try AtomicOutput.write(to: rejects) { rejectsFile in
                    try join.run(results: results, seeds: seeds, output: file, rejects: rejectsFile)
                }
            }
        } catch let error as ExtractionJoinError {
            if json { try CommandOutput.printLine(error.summary.jsonText) } else { Terminal.error(error.summary.line) }
            Terminal.error("Error: \(error)" + (output == "-" ? "" : " \(output) was left as it was."))
            throw ExitCode(RunOutcome.nothing)
        }
        if json { try CommandOutput.printLine(summary.jsonText) } else { Terminal.error(summary.line) }
        if ingest && summary.parsed > 0 {
            let kb = try database.openOrCreate()
            let stored = try Ingester(knowledgeBase: kb).ingest(files: [output])
            try kb.saveSnapshot()
            Terminal.error("stored \(stored.records) records (\(stored.newProblems) new, \(stored.replacedProblems) replaced) in \(database.db)")
        }
        if summary.parsed < summary.seeds {
            Terminal.error(
                "\(summary.seeds - summary.parsed) of \(summary.seeds) seeds gave no record"
                    + (rejects.map { ": see \($0)" } ?? " (keep them with --rejects FILE)"))
        }
        try RunOutcome.finish(succeeded: summary.parsed, total: summary.seeds)
    }
}

struct ExtractRequestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "Write one OpenAI Batch API request line per seed problem.",
        discussion: """
            Each line: {"custom_id", "method": "POST", "url": "/v1/chat/completions", "body": \
            {"model", "messages", "temperature", "max_tokens", "response_format"?}}. Hosted batch \
            APIs and vllm run-batch take the file as it is.

            Example:
              kg extract requests seeds.jsonl --model Qwen/Qwen2.5-7B-Instruct \\
                  --response-format json-schema -o requests.jsonl
              kg extract requests seeds.jsonl --model M --skip-bad --bad-seeds bad.jsonl \\
                  -o requests.jsonl

            The whole seeds file is read first: a malformed line stops the command before \
            anything is written (or is skipped with --skip-bad); a problem text repeated \
            without an id is one seed, written once and counted.
            """
    )

    @Argument(help: ArgumentHelp("The seed problems (JSONL); - reads standard input.", valueName: "seeds"))
    var seeds: String

    @OptionGroup var request: ExtractionRequestOptions
    @OptionGroup var limits: ExtractionLimits

    @OptionGroup var seedLines: SeedLineOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the request lines here (- for standard output).", valueName: "file"))
    var output: String = "-"

    func validate() throws {
        try requireDistinctFiles([("the seeds", seeds), ("-o", output), ("--bad-seeds", seedLines.badSeeds)])
        try OutputPathCheck.require(output, option: "-o")
    }

    func run() throws {
        let builder = try request.builder(limits: limits)
        if seeds != "-" { _ = try seedLines.scan(seeds, textFields: request.textFields) }
        let count: Int
        do {
            count = try AtomicOutput.write(to: output) { file in
                let seedFile = try SeedFile(path: seeds, textFields: request.textFields, skipBad: seedLines.skipBad)
                let count = try ExtractionRequests.write(seeds: seedFile, builder: builder, to: file)
                if seeds == "-", count == 0 { throw CommandFailure("standard input holds no seed problem: nothing written.") }
                return count
            }
        } catch let error as RecordError {
            throw CommandFailure("\(error)\nNothing was written. Fix that line, or rerun with --skip-bad to skip bad lines (and --bad-seeds FILE to keep them).")
        }
        Terminal.error("wrote \(count) requests")
    }
}

struct ExtractParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Read batch output lines back into extraction records, joined with their seeds.",
        discussion: """
            Reads OpenAI Batch API or vllm run-batch output (custom_id, response.status_code, \
            response.body.choices[0].message.content, error) and writes one extraction record per \
            seed in seed order: {"id", "source", "level", "problem", "topics", "knowledge_points", \
            "extracted": {"by", "model", "notes"}, then the seed's other fields}. Answers may be \
            fenced, chatty, in other key spellings or plain "Topics: … / Knowledge points: …" \
            text; too many items are clipped and counted. Seeds with no usable answer go to \
            --rejects with the reason; nothing is dropped silently.

            Example:
              kg extract parse results.jsonl --seeds seeds.jsonl -o records.jsonl \\
                  --rejects rejects.jsonl --ingest

            A join that makes no record (a results file from another run) writes \
            nothing and leaves an earlier -o file as it was.
            Exit status: 0 when every seed got a record; 3 when some were rejected or \
            missing; 4 when none got one; 1 for an error.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The batch output file.", valueName: "results"))
    var results: String

    @Option(help: ArgumentHelp("The seed problems the requests were made from.", valueName: "file"))
    var seeds: String

    @Option(help: ArgumentHelp("The field that holds the problem text.", valueName: "name"))
    var textField: String?

    @Flag(help: "Skip malformed seed lines (as kg extract requests --skip-bad did) instead of stopping.")
    var skipBad = false

    @OptionGroup var records: ExtractionRecordOptions
    @OptionGroup var limits: ExtractionLimits

    func validate() throws {
        try requireDistinctFiles([("the results", results), ("--seeds", seeds), ("-o", records.output), ("--rejects", records.rejects)])
    }

    func run() throws {
        try records.writeRecords(
            results: results, seeds: seeds, textFields: textField.map { [$0] } ?? SeedProblem.defaultTextFields,
            skipBad: skipBad, limits: limits, database: database)
    }
}

struct ExtractRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Extract against a live OpenAI-compatible server: concurrent, retried, resumable.",
        discussion: """
            Sends one request per seed, --concurrency at a time, retrying 408/409/429/5xx, \
            timeouts and dropped connections with exponential backoff and jitter (honouring \
            Retry-After). Every answer is appended to --results as it arrives (Batch API output \
            lines), so a killed run loses nothing: run the same command again and it sends only \
            the seeds without an answer. At the end the results are joined into -o as by \
            `kg extract parse`. The API key is read from $OPENAI_API_KEY (or --api-key-env) and \
            never printed.

            Example:
              kg extract run seeds.jsonl --endpoint http://127.0.0.1:8000/v1 \\
                  --model Qwen/Qwen2.5-7B-Instruct -o records.jsonl --concurrency 64

            The whole seeds file is read before the first request (--skip-bad skips bad \
            lines), and every output path is checked before it.
            Exit status: 0 when every seed got a record; 3 when some failed for good or \
            were rejected (the summary says how many; a rerun retries failed requests); \
            4 when none got one; 1 for an error (an unreachable server, a refused key).
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The seed problems (JSONL).", valueName: "seeds"))
    var seeds: String

    @OptionGroup var request: ExtractionRequestOptions
    @OptionGroup var limits: ExtractionLimits
    @OptionGroup var seedLines: SeedLineOptions
    @OptionGroup var live: LiveRunOptions
    @OptionGroup var records: ExtractionRecordOptions

    @Option(help: ArgumentHelp("The answers file, appended to and resumed from (default: the -o file + .results.jsonl).", valueName: "file"))
    var results: String?

    func validate() throws {
        if seeds == "-" { throw ValidationError("kg extract run reads the seeds twice (requests, then the join): give a file, not -.") }
        if records.output == "-" && results == nil { throw ValidationError("Name the answers file with --results when -o is standard output.") }
        if results == "-" { throw ValidationError("--results is appended to and read back: give a file, not -.") }
        try requireDistinctFiles([
            ("the seeds", seeds), ("--results", resultsPath), ("-o", records.output), ("--rejects", records.rejects),
            ("--bad-seeds", seedLines.badSeeds),
        ])
        try OutputPathCheck.require(resultsPath, option: "--results")
    }

    var resultsPath: String { results ?? records.output + ".results.jsonl" }

    func run() throws {
        let builder = try request.builder(limits: limits)
        // The whole seeds file is read first: a bad line stops the run before anything is sent.
        let scan = try seedLines.scan(seeds, textFields: request.textFields)
        let seedFile = try SeedFile(path: seeds, textFields: request.textFields, skipBad: seedLines.skipBad)
        let requests = ExtractionRequests.pending(seeds: seedFile, builder: builder)
        try live.run(requests, total: scan.seeds, resultsPath: resultsPath)
        if let error = seedFile.error { throw error }
        try records.writeRecords(
            results: resultsPath, seeds: seeds, textFields: request.textFields, skipBad: seedLines.skipBad, limits: limits,
            database: database)
    }
}
