import ArgumentParser
import Coverage
import Foundation
import Server

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Explore the knowledge base in a web browser: concepts, their neighbourhoods drawn, queries, coverage, samples.",
        discussion: """
            Serves HTML pages and a JSON API (docs/serve.md, docs/serve-openapi.yaml) on \
            127.0.0.1 unless --host says otherwise; the database is opened read-only, and a \
            database changed by an ingest is picked up on the next request. Everything the pages \
            use is served by kg itself: it works offline. Stop it with Ctrl-C (SIGINT) or SIGTERM.

            Examples:
              kg serve                             # http://127.0.0.1:8765/
              kg serve --db other.sqlite --port 9000
              kg serve --dataset generated.jsonl   # that dataset's coverage too
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The address to listen on (127.0.0.1: this machine only; 0.0.0.0: every network it is on).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8765

    @Option(help: ArgumentHelp("The curriculum of the coverage page (default: data/curriculum/curriculum.jsonl of this checkout).", valueName: "file"))
    var curriculum: String?

    @Option(help: ArgumentHelp("How long one query may run, in seconds, before the server answers 503 instead.", valueName: "seconds"))
    var queryTimeLimit = Double(ServerLimits.queryTime.components.seconds)

    @Option(
        help: ArgumentHelp(
            "A dataset of extraction records (kg import, kg tag) whose coverage the coverage page shows beside the knowledge base's; repeatable.",
            valueName: "file"))
    var dataset: [String] = []

    @Flag(help: "Lay out drawings in the server's own process, not in a worker process: Graphviz leaks memory on every layout, so only for short sessions.")
    var drawInProcess = false

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535 (got \(port)).") }
        for path in dataset where !FileManager.default.isReadableFile(atPath: path) {
            throw ValidationError("--dataset \(path): no readable file there.")
        }
        if !(queryTimeLimit > 0) || queryTimeLimit > 3600 {
            throw ValidationError("--query-time-limit must be more than 0 and at most 3600 seconds (got \(queryTimeLimit)).")
        }
    }

    func run() throws {
        let configuration = ServerConfiguration(
            databasePath: database.db, host: host, port: port,
            curriculumPath: curriculum ?? DataLocator.find(Curriculum.defaultRelativePath),
            templatePath: DataLocator.find(SampleCommand.defaultTemplate),
            queryTimeLimit: .milliseconds(max(1, Int64((queryTimeLimit * 1000).rounded()))),
            graphvizWorker: drawInProcess ? nil : [DataLocator.executablePath() ?? CommandLine.arguments[0], "graphviz-worker"],
            datasetPaths: dataset)
        let server = try ExplorerServer(configuration: configuration, note: { Terminal.error($0) })
        let host = self.host
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var failure: Error?
        Task {
            do {
                try await server.run(handlingSignals: true) { port in
                    let address = host.contains(":") ? "[\(host)]" : host
                    Terminal.error("kg serve: http://\(address):\(port)/ on \(configuration.databasePath) (read-only)")
                    Terminal.error(
                        configuration.isLoopback
                            ? "listening on \(host) only: reachable from this machine, not from the network (--host to change)"
                            : "listening on \(host): reachable from other machines on the network, with no authentication")
                    Terminal.error("stop with Ctrl-C")
                }
            } catch {
                failure = error
            }
            finished.signal()
        }
        finished.wait()
        if let failure { throw CommandFailure("kg serve stopped: \(failure)") }
        Terminal.error("kg serve: stopped")
    }
}
