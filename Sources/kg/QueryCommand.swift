import ArgumentParser
import Foundation
import KnowledgeBase
import Query

/// How `kg query` prints its result.
extension QueryOutputFormat: ExpressibleByArgument {}

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Explore the concept graph with a small pipeline language.",
        discussion: """
            A query starts from a source and runs steps left to right, each separated by '|':

              sources  topics, kps, concepts, topic "NAME", kp "NAME", concept "NAME",
                       kps ~ "TEXT" (loose name match), edges, problems
              steps    neighbors [topic|kp], where CONDITION, sort by FIELD [asc|desc],
                       top N by FIELD, limit N, path to "NAME", ego N [topic|kp],
                       problems, edges, concepts
              fields   name, kind, count (or problems), degree, weight, level, source, id
              sets     (A | …) union (B | …), intersect, except

            Results are concepts, edges, a subgraph (ego), a path, or problems. A table by \
            default; --json or --csv for programs; --format dot or graphml exports the result's \
            subgraph (nodes and the edges among them) for Graphviz, Gephi or NetworkX. \
            docs/query.md has the grammar and an example of every construct.

            Examples:
              kg query 'topics | top 10 by problems'
              kg query 'topic "Number Theory" | neighbors kp | top 10 by weight'
              kg query 'kps ~ "pythag" | neighbors topic'
              kg query 'kp "Pythagorean theorem" | path to "Fractions"'
              kg query --format graphml -o geometry.graphml 'topic "Geometry" | ego 1'
              kg query -f query.kgq --json
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The query (quote it for the shell).", valueName: "query"))
    var query: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Read the query from this file (- for standard input); # starts a comment.", valueName: "file"))
    var file: String?

    @Flag(help: "Print the result as JSON (the same as --format json).")
    var json = false

    @Flag(help: "Print the result as CSV (the same as --format csv).")
    var csv = false

    @Option(help: "table, json, csv, dot or graphml; dot and graphml export the result's subgraph.")
    var format: QueryOutputFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the output here instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if query != nil && file != nil { throw ValidationError("Give the query either as an argument or with --file, not both.") }
        if query == nil && file == nil { throw ValidationError("Give a query, like kg query 'topics | top 10 by problems', or --file FILE.") }
        if [json, csv, format != nil].filter({ $0 }).count > 1 { throw ValidationError("Choose one of --json, --csv and --format.") }
    }

    var outputFormat: QueryOutputFormat { json ? .json : csv ? .csv : format ?? .table }

    func run() throws {
        let text = try queryText()
        let parsed: Query
        let result: QueryResult
        do {
            // Parse before opening the database: a typo fails fast, even without a knowledge base.
            parsed = try Query.parse(text)
            // GraphML carries each concept's levels and sources: load their masks for it.
            let kb = try database.open()
            let contents = outputFormat == .graphml ? max(parsed.snapshotContents, .masks) : parsed.snapshotContents
            result = try QueryEvaluator(knowledgeBase: kb, snapshot: try kb.snapshot(contents)).evaluate(parsed)
        } catch let error as QueryError {
            throw CommandFailure(error.description)
        }
        try CommandOutput.write(result.text(as: outputFormat, query: text), to: output ?? "-")
    }

    private func queryText() throws -> String {
        if let query { return query }
        guard let file else { return "" }
        let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
        guard let data else { throw CommandFailure("cannot read the query file \(file): check the path.") }
        return String(decoding: data, as: UTF8.self)
    }
}
