/// The member names and plain-text headings that the extraction parser accepts for topics and knowledge points.
///
/// Names are compared after *normalising*: ASCII letters lower-cased and spaces, `_` and `-`
/// removed, so "Knowledge Points", "knowledge_points", "knowledge-points", "knowledgePoints"
/// and "KPs" all match. The lists are deliberately short: "skills", "concepts",
/// "key_concepts" and "subtopics" are *not* accepted, because they are different things
/// that a model may add next to the real lists.
public enum ExtractionAnswerKeys {
    /// What a member name or heading stands for.
    public enum Kind: Sendable, Equatable {
        /// The general topics list.
        case topics
        /// The specific knowledge points list.
        case knowledgePoints
    }

    /// Normalised names accepted for the topics list.
    public static let topics: [String] = [
        "topics", "topic", "generaltopics", "generaltopic", "maintopics", "maintopic",
    ]

    /// Normalised names accepted for the knowledge-points list.
    public static let knowledgePoints: [String] = [
        "knowledgepoints", "knowledgepoint", "specificknowledgepoints", "specificknowledgepoint",
        "keyknowledgepoints", "keyknowledgepoint", "kps", "kp",
    ]

    /// Normalised member names read as an item's name when a list holds objects, first match wins
    /// (`{"topic": "Algebra", "description": "…"}` gives "Algebra"; "description" is never used).
    public static let itemNames: [String] = [
        "name", "topic", "title", "knowledgepoint", "point", "kp", "text", "label",
    ]

    /// The topics synonyms as written in rejection messages.
    static let topicsKeysForDocs = "topics, topic, general_topics, main_topics (any case, spaces, '_' or '-')"

    private static let topicBytes: [[UInt8]] = topics.map { Array($0.utf8) }
    private static let knowledgePointBytes: [[UInt8]] = knowledgePoints.map { Array($0.utf8) }
    private static let itemNameBytes: [[UInt8]] = itemNames.map { Array($0.utf8) }

    /// Which list a member name or heading label stands for, or nil.
    public static func kind(of name: String) -> Kind? {
        if name == "topics" { return .topics }
        if name == "knowledge_points" { return .knowledgePoints }
        var name = name
        return name.withUTF8 { kind(of: $0) }
    }

    /// Which list a normalisable byte string stands for, or nil.
    static func kind(of bytes: UnsafeBufferPointer<UInt8>) -> Kind? {
        for candidate in topicBytes where matches(bytes, candidate) { return .topics }
        for candidate in knowledgePointBytes where matches(bytes, candidate) { return .knowledgePoints }
        return nil
    }

    /// Whether `name` is one of the item-name members (`name`, `topic`, …).
    static func isItemName(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in itemNameBytes.contains { matches(bytes, $0) } }
    }

    /// Whether `bytes`, normalised, equals `candidate` (already normalised); no allocation.
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ candidate: [UInt8]) -> Bool {
        var k = 0
        for b in bytes {
            if b == 0x20 || b == 0x5F || b == 0x2D { continue }  // space _ -
            let lower = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
            guard k < candidate.count, candidate[k] == lower else { return false }
            k += 1
        }
        return k == candidate.count
    }
}
