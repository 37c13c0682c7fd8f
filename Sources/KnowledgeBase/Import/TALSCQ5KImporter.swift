/// Imports TAL-SCQ5K: competition-style single-choice problems labelled with knowledge-point
/// routes, coarse to fine, such as
/// `Overseas Competition->Knowledge Point->Number Theory Modules->Division without Remainders->Divisibility Rules`.
///
/// A route is `system->kind->module->finer…`. The system ("Overseas Competition", "课内体系", …)
/// and the kind ("Knowledge Point", "知识点", "能力", …) are not mathematics and are dropped.
/// Then, by kind:
/// - knowledge kinds: the module becomes the topic, without its "Modules"/"模块" suffix
///   ("Number Theory Modules" → "Number Theory"); the level below it, a chapter of the module
///   ("Division without Remainders", "Fractions", "Age Problems", 有理数), becomes a second
///   topic; every finer level becomes a knowledge point ("Divisibility Rules"). A label's kind
///   follows from its level in TAL's tree, never from how deep one problem's route happens to
///   go, so a chapter is a topic also where a route stops at it;
/// - thinking and method kinds (Chinese file only: 思想, 数学思想, 方法): every level is a
///   knowledge point (方程思想, 配方法) and there is no topic;
/// - ability, literacy and question-style kinds (能力, 七大能力, 学习能力, 素养, 特色题型) are
///   general skills, not concepts, and are dropped.
/// Placeholder levels with no meaning of their own ("Basic Type", "Ordinary Type", 典型问题) are
/// skipped. A problem left without a topic is not labelled and gives no record: every English
/// row has a topic; 1,011 Chinese rows do not (25 have no route, the rest only ability or
/// thinking routes).
///
/// Level: competition. Every row comes from TAL's competition sets (`dataset_name`
/// `prime_math_competition_…`, `mid_…`, `high_…`); the nine English rows that also carry an
/// "Overseas In-curriculum" route carry a competition route too, and no route names a grade.
///
/// A folder means the English file `en_single_choice_train_3K.jsonl`; the Chinese file can be
/// imported by naming it. Ids are `tal-scq5k/<en|zh>/<queId>`, the language taken from the file
/// name (`ch_…`/`zh_…` is Chinese). Extra fields: `difficulty` (0-4) and the original
/// `knowledge_point_routes`.
public struct TALSCQ5KImporter {
    /// The dataset's name: the `source` of every record and the first part of its id.
    public static let name = "tal-scq5k"
    /// What a folder resolves to.
    public static let folderFiles = ["en_single_choice_train_3K.jsonl"]

    /// An importer; it keeps no state between calls.
    public init() {}

    /// Reads `en_single_choice_train_3K.jsonl` or `ch_single_choice_train_3K.jsonl` (or a folder
    /// holding the former).
    public func records(at path: String) throws -> [ExtractionRecord] {
        var records: [ExtractionRecord] = []
        for file in try DatasetFile.resolve(dataset: Self.name, path: path, folderDefaults: Self.folderFiles) {
            let language = Self.language(ofFileNamed: file.fileName)
            try file.forEachJSONLine { row in
                if let record = try record(from: row, language: language) { records.append(record) }
            }
        }
        return records
    }

    static func language(ofFileNamed name: String) -> String {
        name.hasPrefix("ch_") || name.hasPrefix("zh_") ? "zh" : "en"
    }

    /// nil when no route gives the problem a topic.
    func record(from row: DatasetRow, language: String) throws -> ExtractionRecord? {
        let id = try row.string("queId")
        let problem = try row.string("problem")
        let routes = try row.stringArray("knowledge_point_routes")
        let labels = Self.labels(routes: routes)
        guard !labels.topics.isEmpty else { return nil }
        var extra = JSONObject()
        switch row["difficulty"] {
        case .string(let text)?:
            guard let difficulty = Int(LabelList.clean(text)) else {
                throw row.error(field: "difficulty", "expected a number 0-4, found \"\(text)\"")
            }
            extra.members.append((key: "difficulty", value: .number(String(difficulty))))
        case .number(let text)?: extra.members.append((key: "difficulty", value: .number(text)))
        case nil, .null?: break
        case let value?: throw row.error(field: "difficulty", "expected a number 0-4, found \(value.typeDescription)")
        }
        extra.members.append((key: "knowledge_point_routes", value: .array(routes.map(JSONValue.string))))
        if case .array(let analysis)? = row["answer_analysis"] {
            let solution = analysis.compactMap { part -> String? in
                if case .string(let text) = part, !text.allSatisfy(\.isWhitespace) { return Self.trimmed(text) }
                return nil
            }
            if !solution.isEmpty { extra.members.append((key: "solution", value: .string(solution.joined(separator: "\n")))) }
        }
        if let answer = Self.answer(row) { extra.members.append((key: "answer", value: .string(answer))) }
        return ExtractionRecord(
            id: "\(Self.name)/\(language)/\(id)", source: Self.name, problem: problem,
            level: .competition, topics: labels.topics, knowledgePoints: labels.knowledgePoints, extra: extra)
    }

    /// The topics and knowledge points the routes give, in route order.
    static func labels(routes: [String]) -> (topics: [String], knowledgePoints: [String]) {
        var topics = LabelList()
        var knowledgePoints = LabelList()
        for route in routes {
            let levels = route.split(separator: "->", omittingEmptySubsequences: false)
                .map { level(String($0)) }
                .filter { !$0.isEmpty }
            guard levels.count >= 3 else { continue }
            let kind = levels[1]
            if droppedKinds.contains(kind) { continue }
            if methodKinds.contains(kind) {
                knowledgePoints.append(contentsOf: levels[2...].filter { !placeholders.contains($0) })
                continue
            }
            topics.append(topic(module: levels[2]))
            if levels.count > 3, !placeholders.contains(levels[3]) { topics.append(levels[3]) }
            knowledgePoints.append(contentsOf: levels.dropFirst(4).filter { !placeholders.contains($0) })
        }
        return (topics.labels, knowledgePoints.labels)
    }

    /// One route level, cleaned: white space tidied and a "题型：" (question type) prefix dropped.
    static func level(_ text: String) -> String {
        var level = LabelList.clean(text)
        for prefix in ["题型：", "题型:"] where level.hasPrefix(prefix) && level.count > prefix.count {
            level = LabelList.clean(String(level.dropFirst(prefix.count)))
        }
        return level
    }

    /// "Number Theory Modules" → "Number Theory", "数论模块" → "数论".
    static func topic(module: String) -> String {
        if module == "Word Problem Modules" { return "Word Problems" }
        for suffix in [" Modules", " Module", "模块"] where module.hasSuffix(suffix) && module.count > suffix.count {
            return LabelList.clean(String(module.dropLast(suffix.count)))
        }
        return module
    }

    /// The correct option as `A: <its text>` (`answer_value` with its entry of
    /// `answer_option_list`), or `answer_value` alone; nil when the row has none.
    static func answer(_ row: DatasetRow) -> String? {
        guard case .string(let value)? = row["answer_value"] else { return nil }
        let letter = trimmed(value)
        guard !letter.isEmpty else { return nil }
        if case .array(let options)? = row["answer_option_list"] {
            for option in options {
                guard case .array(let parts) = option else { continue }
                for part in parts {
                    guard case .object(let fields) = part, case .string(let key)? = fields["aoVal"], trimmed(key) == letter,
                        case .string(let content)? = fields["content"]
                    else { continue }
                    return letter + ": " + trimmed(content)
                }
            }
        }
        return letter
    }

    /// `text` without white space at either end.
    static func trimmed(_ text: String) -> String {
        var s = Substring(text)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// Route kinds that name general abilities, literacies or question styles, not concepts.
    static let droppedKinds: Set<String> = ["能力", "七大能力", "学习能力", "素养", "特色题型"]
    /// Route kinds that name ways of thinking or solution methods: knowledge points without a topic.
    static let methodKinds: Set<String> = ["思想", "数学思想", "方法"]
    /// Route levels that only say "the usual case".
    static let placeholders: Set<String> = ["Basic Type", "Non-typical Types", "Ordinary Type", "典型问题", "其他"]
}
