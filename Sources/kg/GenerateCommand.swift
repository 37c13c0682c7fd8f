import ArgumentParser
import KnowledgeBase
import LLMFormats

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Send generation requests (kg sample --format openai-batch) to a live server.",
        subcommands: [GenerateRunCommand.self]
    )
}

struct GenerateRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Send Batch API request lines to an OpenAI-compatible server; write Batch API output lines.",
        discussion: """
            Reads any Batch API input file (kg sample --format openai-batch, kg extract requests) \
            and appends one output line per answer to -o: {"id", "custom_id", "response": \
            {"status_code", "body"}, "error"}, the format hosted batch APIs and vllm run-batch \
            write. Concurrent, retried and resumable like kg extract run: rerun the same command \
            after a kill and only the unanswered requests are sent. custom_id joins each answer to \
            its sample (kg sample writes the samples themselves with --samples-file).

            Example:
              kg sample -n 1000 --template mathscale --examples 2 --format openai-batch \\
                  --model M -o requests.jsonl
              kg generate run requests.jsonl --endpoint http://127.0.0.1:8000/v1 \\
                  -o generated.jsonl

            Chat lines (kg sample --format chat: {"custom_id", "messages"}) are sent too, \
            with --model. The whole file is read before the first request.
            Exit status: 0 when every request got an answer; 3 when some failed for good \
            (rerun to retry them); 4 when none got one; 1 for an error.
            """
    )

    @Argument(help: ArgumentHelp("The request lines (JSONL).", valueName: "requests"))
    var requests: String

    @OptionGroup var live: LiveRunOptions

    @Option(help: "Send every request with this model instead of the one in its body.")
    var model: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("The output file, appended to and resumed from.", valueName: "file"))
    var output: String

    func validate() throws {
        if output == "-" { throw ValidationError("-o is appended to and read back on a rerun: give a file, not -.") }
        try requireDistinctFiles([("the requests", requests), ("-o", output)])
        try OutputPathCheck.require(output, option: "-o")
    }

    func run() throws {
        // Every line is read once before anything is sent: a bad line stops here, not half-way.
        let check = try BatchRequestFile(path: requests, model: model)
        var total = 0
        while check.next() != nil { total += 1 }
        if let error = check.error { throw CommandFailure("\(error)\nNothing was sent. Fix that line and run again.") }
        guard total > 0 else { throw CommandFailure("\(requests) holds no request line: nothing to send.") }
        let file = try BatchRequestFile(path: requests, model: model)
        let report = try live.run(file, total: total, resultsPath: output)
        if let error = file.error { throw error }
        if report.failed > 0 {
            Terminal.error("\(report.failed) of \(report.requests) requests failed for good (their errors are in \(output)); run the same command again to retry them")
        }
        try RunOutcome.finish(succeeded: report.answered + report.resumed, total: report.requests)
    }
}
