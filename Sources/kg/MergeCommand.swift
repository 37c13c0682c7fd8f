import ArgumentParser
import KnowledgeBase

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Fold concept B into concept A; B's name becomes an alias of A.",
        discussion: """
            Mentions, spellings and co-occurrence counts of B move to A, and later ingests that \
            name B (in any spelling with the same key) land on A. Names are matched through \
            normalisation; when a name is both a topic and a knowledge point, say which with --kind.

            Example:
              kg merge "Pythagorean theorem" "Pythagoras theorem" --kind kp
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The concept that remains.")
    var into: String

    @Argument(help: "The concept folded into it.")
    var from: String

    @Option(help: "The kind of both concepts (topic, kp), when a name is ambiguous.")
    var kind: ConceptKind?

    func run() throws {
        let result = try database.open().merge(into: into, from: from, kind: kind)
        try CommandOutput.printLine(
            "merged \"\(result.mergedName)\" into \"\(result.into.name)\" (\(result.into.kind.rawValue)): "
                + "\(result.problemsRewritten) problems rewritten, now \(result.into.problems) problems")
    }
}
