import KnowledgeBase
import TextAnalysis

/// Tags untagged problems — GSM8K, MATH, a generated dataset — with curriculum areas and the
/// knowledge base's knowledge points, by keyword and name matching, and writes each as an
/// extraction record (`kg tag`).
///
/// One Aho–Corasick pass over a problem's words finds both the curriculum's keywords and the
/// known KP names. Areas: the band is the record's level (or `--level`), else a keyword vote
/// (`AreaKeywords.likelyBand`); then the areas of that band scored by `AreaKeywords.scoreAreas`.
/// KPs: every known KP name that occurs whole and is not inside a longer one, in text order.
public final class ProblemTagger: @unchecked Sendable {
    /// What a record that matches no area becomes.
    public enum Untagged: String, CaseIterable, Sendable {
        /// Written with the topic "Untagged" and no areas (coverage counts it as unmapped).
        case keep
        /// Left out of the output.
        case drop
    }

    /// How `kg tag` reads and tags.
    public struct Options: Sendable {
        /// Fields tried in order for the problem text.
        public var textFields: [String] = SeedProblem.defaultTextFields
        /// The band of every problem; nil: the record's own `level`, else a guess.
        public var level: Level?
        /// Guess the band by keyword vote when neither gives one.
        public var guessBand = true
        /// The `source` of records without one (default: the file's name without extension).
        public var source: String?
        public var untagged: Untagged = .keep
        /// Most KPs per record.
        public var maximumKnowledgePoints = 5
        public var scoring = AreaKeywords.TextScoring()
        /// Also write the keywords that chose the areas (`tagged.keywords`).
        public var explain = false

        public init() {}
    }

    /// The topic of records that match no area (with `Untagged.keep`).
    public static let untaggedTopic = "Untagged"

    public let keywords: AreaKeywords
    public let options: Options
    /// The KP names matched, as written in the output.
    public let knowledgePointNames: [String]
    /// The KP names as given, for `replica()`.
    private let givenKnowledgePoints: [String]
    private let matcher: KeywordMatcher
    private let keywordCount: Int
    private let areaTitles: [String]
    private let areaCodes: [String]

    /// - Parameter knowledgePoints: the KP names to look for (a knowledge base's, say); names
    ///   that are one short or very common word are left out (`isSpecific`).
    public init(keywords: AreaKeywords, knowledgePoints: [String] = [], options: Options = Options()) {
        self.keywords = keywords
        self.options = options
        givenKnowledgePoints = knowledgePoints
        var seen = Set<String>()
        var names: [String] = []
        for name in knowledgePoints {
            let tokens = TextTokenizer.tokens(name)
            guard ProblemTagger.isSpecific(tokens), seen.insert(tokens.joined(separator: " ")).inserted else { continue }
            names.append(name)
        }
        knowledgePointNames = names
        keywordCount = keywords.keywords.count
        matcher = KeywordMatcher(patterns: keywords.keywords + names)
        let curriculum = keywords.curriculum
        areaTitles = curriculum.areas.map { curriculum.nodes[$0].title }
        areaCodes = curriculum.areas.map { curriculum.nodes[$0].code }
    }

    /// An equal tagger that shares no storage with this one: each worker thread gets its own,
    /// since threads reading the same arrays contend on their reference counts.
    public func replica() -> ProblemTagger {
        ProblemTagger(
            keywords: AreaKeywords(curriculum: keywords.curriculum.replica()),
            knowledgePoints: givenKnowledgePoints.map { String(decoding: Array($0.utf8), as: UTF8.self) },
            options: options)
    }

    /// Words too common to name a knowledge point on their own.
    static let commonWords: Set<String> = [
        "number", "problem", "word", "time", "money", "sum", "difference", "product", "quotient", "value", "equation",
        "expression", "area", "volume", "length", "angle", "rate", "ratio", "mean", "average", "total", "fraction",
        "decimal", "percent", "integer", "function", "graph", "square", "circle", "triangle", "counting", "addition",
        "subtraction", "multiplication", "division", "pattern", "estimation", "rounding", "algebra", "geometry",
    ]

    /// Whether a KP name is specific enough to tag by: two words or more, or one word of six
    /// letters or more that is not in `commonWords`.
    static func isSpecific(_ tokens: [String]) -> Bool {
        if tokens.count >= 2 { return true }
        guard let word = tokens.first else { return false }
        return word.count >= 6 && !commonWords.contains(word)
    }

    /// What tagging one problem found.
    public struct Tags: Equatable, Sendable {
        public var band: Level?
        /// Whether the band was guessed by keyword vote.
        public var bandGuessed = false
        /// Area indices into `Curriculum.areas`, best first, with scores.
        public var areas: [Int] = []
        public var scores: [Double] = []
        /// Indices into `knowledgePointNames`, in text order.
        public var knowledgePoints: [Int] = []
        /// With `Options.explain`: the keywords that chose the areas.
        public var keywords: [String] = []
    }

    /// Tags one text.
    package func tag(text: UnsafeBufferPointer<UInt8>, level: Level?) -> Tags {
        var areaMatches: [KeywordMatcher.Match] = []
        var kpMatches: [KeywordMatcher.Match] = []
        matcher.forEachMatch(in: text) { match in
            if match.pattern < keywordCount { areaMatches.append(match) } else { kpMatches.append(match) }
        }
        var tags = Tags()
        tags.band = options.level ?? level
        if tags.band == nil, options.guessBand, let guess = keywords.likelyBand(areaMatches) {
            tags.band = guess
            tags.bandGuessed = true
        }
        if tags.band != nil {
            for (area, score) in keywords.scoreAreas(areaMatches, scope: .init(band: tags.band), scoring: options.scoring) {
                tags.areas.append(area)
                tags.scores.append(score)
            }
            if options.explain {
                tags.keywords = keywords.keywords(explaining: tags.areas, areaMatches, scope: .init(band: tags.band))
            }
        }
        var seen = Set<Int>()
        for match in AreaKeywords.dropHidden(kpMatches) where tags.knowledgePoints.count < options.maximumKnowledgePoints {
            let kp = match.pattern - keywordCount
            if seen.insert(kp).inserted { tags.knowledgePoints.append(kp) }
        }
        return tags
    }

    /// Tags a text given as a string.
    public func tag(text: String, level: Level? = nil) -> Tags {
        var copy = text
        return copy.withUTF8 { tag(text: $0, level: level) }
    }

    /// Tags one JSONL line and appends the extraction record to `writer`; false when the record
    /// is dropped (`Untagged.drop`). `stem` names records that have no `id`.
    package func tagLine(
        _ bytes: UnsafeBufferPointer<UInt8>, location: RecordLocation, stem: String,
        writer: inout JSONWriter
    ) throws -> (written: Bool, tags: Tags) {
        let seed = try SeedProblem(line: bytes, at: location, textFields: options.textFields)
        let object = seed.object, text = seed.text, textField = seed.textField, id = seed.id
        let source = object["source"]?.stringValue ?? options.source ?? stem
        let ownLevel = object["level"]?.stringValue.flatMap { Level(parsing: LabelList.clean($0)) }
        var copy = text
        let tags = copy.withUTF8 { tag(text: $0, level: ownLevel) }
        if tags.areas.isEmpty && options.untagged == .drop { return (false, tags) }

        writer.beginObject()
        writer.key("id"); writer.string(id ?? "\(source)/\(location.line)")
        writer.key("source"); writer.string(source)
        if let band = tags.band { writer.key("level"); writer.string(band.rawValue) }
        writer.key("topics"); writer.beginArray()
        if tags.areas.isEmpty { writer.string(ProblemTagger.untaggedTopic) }
        for area in tags.areas { writer.string(areaTitles[area]) }
        writer.endArray()
        writer.key("knowledge_points"); writer.beginArray()
        for kp in tags.knowledgePoints { writer.string(knowledgePointNames[kp]) }
        writer.endArray()
        writer.key("problem"); writer.string(text)
        writer.key("areas"); writer.beginArray()
        for area in tags.areas { writer.string(areaCodes[area]) }
        writer.endArray()
        writer.key("tagged"); writer.beginObject()
        writer.key("by"); writer.string("kg tag")
        writer.key("band"); writer.string(tags.band == nil ? "none" : tags.bandGuessed ? "guessed" : "given")
        writer.key("scores"); writer.beginArray()
        for score in tags.scores { writer.double(score) }
        writer.endArray()
        if options.explain { writer.stringArray("keywords", tags.keywords) }
        writer.endObject()
        Self.writeOtherFields(of: object, textField: textField, to: &writer)
        writer.endObject()
        writer.endLine()
        return (true, tags)
    }

    /// The input's fields that a tagged record does not write itself, as they came.
    static func writeOtherFields(of object: JSONObject, textField: String, to writer: inout JSONWriter) {
        for member in object.members
        where !["id", "source", "level", "topics", "knowledge_points", "areas", "tagged", textField].contains(member.key) {
            writer.key(member.key)
            writer.value(member.value)
        }
    }
}
