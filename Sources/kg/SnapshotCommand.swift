import ArgumentParser
import Foundation
import KnowledgeBase

/// `kg snapshot`: the state of the snapshot file beside the knowledge base.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Show (or rebuild) the snapshot file that lets every command open the graph at once.",
        discussion: """
            kg keeps the concept graph, ready to use, in a file beside the database \
            (kg.sqlite.snapshot), memory-mapped by query, sample, render and coverage. It \
            records the database's content generation, which every ingest and merge bumps: a \
            stale, truncated or corrupt file is detected and rebuilt by the next command that \
            needs the graph, never used. ingest, init and merge save a fresh one at the end \
            (unless --no-snapshot). docs/formats.md has the file's layout.

            Examples:
              kg snapshot
              kg snapshot --rebuild
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Build the snapshot from the database and save it now.")
    var rebuild = false

    @Flag(help: "Print the state as JSON: {\"path\", \"state\", \"bytes\", \"generation\", \"database_generation\", \"problem\"}.")
    var json = false

    func run() throws {
        let kb = try database.open()
        if rebuild {
            let started = Date()
            let saved = try kb.saveSnapshot()
            guard let bytes = saved.bytes else { throw CommandFailure(saved.problem ?? "the snapshot was not saved") }
            Terminal.error(String(format: "saved %@ (%@) in %.2f s", kb.snapshotPath, SnapshotCommand.size(bytes), Date().timeIntervalSince(started)))
        }
        let (header, problem) = try kb.snapshotState()
        let generation = try kb.generation()
        let state = problem == nil ? "fresh" : problem == .missing ? "missing" : {
            if case .stale = problem! { return "stale" }
            return "unusable"
        }()
        if json {
            var w = JSONWriter()
            w.beginObject()
            w.key("path"); w.string(kb.snapshotPath)
            w.key("state"); w.string(state)
            w.key("bytes"); if let header { w.int(header.size) } else { w.null() }
            w.key("generation"); if let header { w.int(Int(header.generation)) } else { w.null() }
            w.key("database_generation"); w.int(Int(generation))
            w.key("problem"); if let problem { w.string(problem.description) } else { w.null() }
            w.endObject()
            return try CommandOutput.printLine(w.string)
        }
        var lines = ["snapshot   \(kb.snapshotPath): \(state)"]
        if let header {
            lines.append("size       \(SnapshotCommand.size(header.size)), format \(SnapshotFile.version)")
            lines.append("generation \(header.generation) (database: \(generation))")
        } else {
            lines.append("generation database: \(generation)")
        }
        if let problem, problem != .missing { lines.append("problem    \(problem): the next command that needs the graph rebuilds it") }
        if problem == .missing { lines.append("           the next command that needs the graph builds it (or: kg snapshot --rebuild)") }
        try CommandOutput.printLine(lines.joined(separator: "\n"))
    }

    static func size(_ bytes: Int) -> String {
        bytes < 1 << 20 ? String(format: "%.1f KB", Double(bytes) / 1024) : String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
