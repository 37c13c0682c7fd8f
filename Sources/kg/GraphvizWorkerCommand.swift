import ArgumentParser
import Render

/// `kg graphviz-worker`: lays out and renders drawings sent on standard input (the protocol of
/// `GraphvizWorker`), for `kg serve`, which starts it and replaces it now and then. Not meant
/// to be run by hand, so not listed in `kg --help`.
struct GraphvizWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graphviz-worker",
        abstract: "Render drawings sent on standard input, for kg serve (internal).",
        shouldDisplay: false
    )

    func run() throws {
        try GraphvizWorker.serve()
    }
}
