import KnowledgeBase

/// Everything the concept page and `/api/concept/{id}` show about one concept.
struct ConceptDetails {
    struct Neighbour {
        var id: Int64
        var kind: ConceptKind
        var name: String
        /// Problems the two share (the edge's co-occurrence count).
        var count: Int
        var problems: Int
    }

    struct SeedProblem {
        var id: String
        var level: Level?
        var source: String?
        var text: String?
    }

    var node: Int
    var id: Int64
    var kind: ConceptKind
    var name: String
    var problems: Int
    var levels: [Level]
    var sources: [String]
    var spellings: [(text: String, count: Int)]
    var aliases: [String]
    /// Neighbours that are topics, then knowledge points, most shared problems first.
    var neighbours: PerKind<[Neighbour]>
    var neighbourCounts: PerKind<Int>
    var seedProblems: [SeedProblem]
    var page: Int
    var pages: Int

    /// The details of `node` in `state`, with page `page` (from 1) of its seed problems;
    /// `kb` is the store at the same generation (spellings, aliases, problem texts).
    init(node: Int, page: Int, neighbourLimit: Int, state: ExplorerState, kb: KnowledgeBase) throws {
        let snapshot = state.snapshot
        self.node = node
        id = snapshot.conceptIDs[node]
        kind = snapshot.kinds[node]
        name = snapshot.names[node]
        problems = Int(snapshot.problemCounts[node])
        levels = snapshot.levelMasks[node].levels
        sources = (0..<snapshot.sourceNames.count).filter { snapshot.mentions(node: node, source: $0) }.map { snapshot.sourceNames[$0] }
        var lists = PerKind<[Neighbour]>(topic: [], kp: [])
        var counts = PerKind<Int>(topic: 0, kp: 0)
        for kind in ConceptKind.allCases {
            let adjacency = snapshot.neighbours(ofKind: kind)
            var list: [Neighbour] = []
            for i in adjacency.range(of: node) {
                let other = Int(adjacency.targets[i])
                list.append(
                    Neighbour(
                        id: snapshot.conceptIDs[other], kind: kind, name: snapshot.names[other], count: Int(adjacency.counts[i]),
                        problems: Int(snapshot.problemCounts[other])))
            }
            list.sort { ($0.count, $0.problems, $1.name) > ($1.count, $1.problems, $0.name) }
            counts[kind] = list.count
            lists[kind] = Array(list.prefix(neighbourLimit))
        }
        neighbours = lists
        neighbourCounts = counts

        spellings = []
        let spellingRows = try kb.database.prepare("SELECT text, count FROM spelling WHERE concept = ? ORDER BY count DESC, text LIMIT 50")
        try spellingRows.bind([.integer(id)])
        while try spellingRows.step() { spellings.append((spellingRows.text(0), spellingRows.int(1))) }
        aliases = []
        let aliasRows = try kb.database.prepare("SELECT key FROM alias WHERE concept = ? ORDER BY key LIMIT 50")
        try aliasRows.bind([.integer(id)])
        while try aliasRows.step() { aliases.append(aliasRows.text(0)) }

        let rows = state.problems(of: node)
        let perPage = ServerLimits.problemsPerPage
        pages = max(1, (rows.count + perPage - 1) / perPage)
        self.page = min(max(1, page), pages)
        seedProblems = []
        for row in rows.dropFirst((self.page - 1) * perPage).prefix(perPage) {
            let problem = snapshot.problems[Int(row)]
            let source = problem.source >= 0 ? snapshot.sourceNames[Int(problem.source)] : nil
            seedProblems.append(
                SeedProblem(id: problem.externalID, level: problem.level, source: source, text: try kb.problemText(externalID: problem.externalID)))
        }
    }

    /// The JSON form (docs/serve.md).
    var jsonText: String {
        var w = JSONWriter()
        w.beginObject()
        w.key("id"); w.int(Int(id))
        w.key("kind"); w.string(kind.rawValue)
        w.key("name"); w.string(name)
        w.key("problems"); w.int(problems)
        w.stringArray("levels", levels.map(\.rawValue))
        w.stringArray("sources", sources)
        w.key("spellings")
        w.beginArray()
        for s in spellings {
            w.beginObject()
            w.key("text"); w.string(s.text)
            w.key("count"); w.int(s.count)
            w.endObject()
        }
        w.endArray()
        w.stringArray("aliases", aliases)
        w.key("neighbours")
        w.beginObject()
        for kind in ConceptKind.allCases {
            w.key(kind == .topic ? "topics" : "knowledge_points")
            w.beginObject()
            w.key("total"); w.int(neighbourCounts[kind])
            w.key("items")
            w.beginArray()
            for n in neighbours[kind] {
                w.beginObject()
                w.key("id"); w.int(Int(n.id))
                w.key("name"); w.string(n.name)
                w.key("count"); w.int(n.count)
                w.key("problems"); w.int(n.problems)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endObject()
        w.key("seed_problems")
        w.beginObject()
        w.key("page"); w.int(page)
        w.key("pages"); w.int(pages)
        w.key("items")
        w.beginArray()
        for p in seedProblems {
            w.beginObject()
            w.key("id"); w.string(p.id)
            w.key("level"); if let level = p.level { w.string(level.rawValue) } else { w.null() }
            w.key("source"); if let source = p.source { w.string(source) } else { w.null() }
            w.key("text"); if let text = p.text { w.string(text) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endObject()
        return w.string
    }
}
