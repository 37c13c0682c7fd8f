import ArgumentParser
import Foundation
import KnowledgeBase

@main
struct KG: ParsableCommand {
    /// kg's version, printed by `kg --version`.
    static let version = "0.2.0"

    static let configuration = CommandConfiguration(
        commandName: "kg",
        abstract: "A concept-graph knowledge base for synthesising math training data.",
        discussion: """
            kg stores seed problems with the topics and knowledge points extracted from them, links \
            concepts that co-occur in a weighted graph, and samples concept combinations from it \
            to prompt a problem generator.

            Start with `kg init --default` to build the shipped knowledge base, then try:
              kg stats
              kg sample -n 5 --seed 1
              kg query 'topic "Geometry" | neighbors kp | top 5 by weight'
              kg render --overview -o overview.svg
              kg coverage --chart coverage.svg
              kg extract run seeds.jsonl --endpoint http://127.0.0.1:8000/v1 --model M \\
                  -o records.jsonl
              kg data list
            """,
        version: KG.version,
        subcommands: [
            InitCommand.self, IngestCommand.self, ImportCommand.self, StatsCommand.self,
            ConceptsCommand.self, MergeCommand.self, SampleCommand.self, RenderCommand.self,
            QueryCommand.self,
            CoverageCommand.self, TagCommand.self, ExtractCommand.self, GenerateCommand.self,
            TemplateCommand.self, DedupCommand.self, DecontaminateCommand.self, VariantsCommand.self,
            DataCommand.self, SnapshotCommand.self, ServeCommand.self, GraphvizWorkerCommand.self,
        ]
    )

    /// Runs kg. When the command line does not parse, a mistyped command or option gets the
    /// closest known one instead of ArgumentParser's own message (looked for only then, so a
    /// good command line pays nothing for it).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            if let message = CommandSuggestions.message(for: arguments) {
                FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
                Foundation.exit(64)
            }
            exit(withError: error)
        }
        do {
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
