import ArgumentParser
import KnowledgeBase

extension KnowledgeBase.ConceptOrder: ExpressibleByArgument {}

struct ConceptsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concepts",
        abstract: "List concepts with the number of problems that mention them.",
        discussion: """
            Examples:
              kg concepts --kind topic --limit 20
              kg concepts --kind kp --min-count 5 --json > kps.jsonl
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Only topics or only knowledge points (topic, kp).")
    var kind: ConceptKind?

    @Option(help: "Only concepts mentioned by at least this many problems.")
    var minCount: Int = 1

    @Option(help: "Order: problems (most first) or name.")
    var sort: KnowledgeBase.ConceptOrder = .problems

    @Option(help: "Print at most this many.")
    var limit: Int?

    @Flag(help: "Print one JSON object per line: kind, name, key, problems.")
    var json = false

    func validate() throws {
        if minCount < 0 { throw ValidationError("--min-count must be 0 or more.") }
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more.") }
    }

    func run() throws {
        let concepts = try database.open().concepts(kind: kind, minimumProblems: minCount, order: sort, limit: limit)
        if json {
            var w = JSONWriter()
            for concept in concepts {
                w.beginObject()
                w.key("kind"); w.string(concept.kind.rawValue)
                w.key("name"); w.string(concept.name)
                w.key("key"); w.string(concept.key)
                w.key("problems"); w.int(concept.problems)
                w.endObject()
                w.endLine()
            }
            try CommandOutput.write(w.string)
            return
        }
        let rows = concepts.map { [$0.kind.rawValue, $0.name, String($0.problems)] }
        try CommandOutput.printLine(TextTable.render(header: ["kind", "name", "problems"], rows: rows, rightAligned: [2]).joined(separator: "\n"))
    }
}
