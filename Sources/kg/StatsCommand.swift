import ArgumentParser
import KnowledgeBase

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Summarise the knowledge base: problems, concepts, edges, sources, levels, template families.",
        discussion: "--json prints the stable form documented in docs/formats.md."
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: "How many top topics and knowledge points to list.")
    var top: Int = 10

    func validate() throws {
        if top < 0 { throw ValidationError("--top must be 0 or more.") }
    }

    func run() throws {
        let stats = try database.open().statistics(top: top)
        if json {
            try CommandOutput.printLine(stats.jsonText)
            return
        }
        var lines: [String] = []
        lines.append("problems   \(stats.problems)")
        lines.append("topics     \(stats.topics)")
        lines.append("KPs        \(stats.kps)")
        lines.append("mentions   \(stats.mentions)")
        lines.append("aliases    \(stats.aliases)")
        lines.append(
            "edges      \(stats.edges.total) (topic-topic \(stats.edges.topicTopic), topic-KP \(stats.edges.topicKP), KP-KP \(stats.edges.kpKP))")
        lines.append("templates  \(stats.templates) distinct over \(stats.keyedProblems) problems with text")
        lines.append("")
        lines.append(
            contentsOf: TextTable.render(
                header: ["source", "problems"], rows: stats.sources.map { [$0.name, String($0.problems)] }, rightAligned: [1]))
        lines.append("")
        lines.append(
            contentsOf: TextTable.render(
                header: ["level", "problems"], rows: stats.levels.map { [$0.name, String($0.problems)] }, rightAligned: [1]))
        for (title, concepts) in [("top topics", stats.topTopics), ("top KPs", stats.topKPs)] where !concepts.isEmpty {
            lines.append("")
            lines.append(
                contentsOf: TextTable.render(header: [title, "problems"], rows: concepts.map { [$0.name, String($0.problems)] }, rightAligned: [1]))
        }
        if !stats.templateFamilies.isEmpty {
            lines.append("")
            lines.append(
                contentsOf: TextTable.render(
                    header: ["largest template families", "problems", "example"],
                    rows: stats.templateFamilies.map { [$0.key, String($0.problems), StatsCommand.excerpt($0.exampleID, $0.exampleText)] },
                    rightAligned: [1]))
        }
        try CommandOutput.printLine(lines.joined(separator: "\n"))
    }

    /// "id: first words of the text…" on one line.
    static func excerpt(_ id: String, _ text: String?) -> String {
        guard let text else { return id }
        let flat = text.split(whereSeparator: { $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        let clipped = flat.count > 60 ? String(flat.prefix(59)) + "…" : flat
        return "\(id): \(clipped)"
    }
}
