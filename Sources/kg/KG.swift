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
              kg extract run seeds.jsonl --endpoint http://127.0.0.1:8000/v1 --model M -o records.jsonl
            """,
        version: KG.version,
        subcommands: [
            InitCommand.self, IngestCommand.self, ImportCommand.self, StatsCommand.self,
            ConceptsCommand.self, MergeCommand.self, SampleCommand.self, RenderCommand.self,
            QueryCommand.self,
            CoverageCommand.self, TagCommand.self, ExtractCommand.self, GenerateCommand.self,
            TemplateCommand.self, DedupCommand.self, DecontaminateCommand.self, VariantsCommand.self,
        ]
    )

    /// Runs kg; an unknown command gets the closest known ones before ArgumentParser's
    /// plain "unexpected argument".
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, let suggestion = suggestion(for: first) {
            FileHandle.standardError.write(Data("Error: unknown command '\(first)'. \(suggestion) See 'kg --help'.\n".utf8))
            Foundation.exit(64)
        }
        main(nil)
    }

    /// "Did you mean 'stats'?" for a first argument that is no command; nil for a command,
    /// an option, or a word too far from every command.
    static func suggestion(for word: String) -> String? {
        guard !word.hasPrefix("-"), word != "help" else { return nil }
        let names = configuration.subcommands.map { $0._commandName }
        guard !names.contains(word) else { return nil }
        let ranked = names.map { ($0, EditDistance.levenshtein(word, $0, limit: 3)) }.filter { $0.1 <= 2 }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        guard let best = ranked.first else { return nil }
        return "Did you mean '\(best.0)'?"
    }
}
