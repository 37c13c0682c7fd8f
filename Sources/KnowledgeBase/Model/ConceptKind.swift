/// Whether a concept is a broad topic or a fine-grained knowledge point.
public enum ConceptKind: String, CaseIterable, Codable, Sendable, Comparable {
    case topic
    case kp

    /// The plural word used in listings: "topics", "KPs".
    public var plural: String { self == .topic ? "topics" : "KPs" }

    public static func < (lhs: ConceptKind, rhs: ConceptKind) -> Bool {
        lhs == .topic && rhs == .kp
    }
}

// Stored in place in snapshot files (`FlatArray<ConceptKind>`): one tag byte, topic 0 and kp
// 1 (checked when a snapshot is opened).
extension ConceptKind: BitwiseCopyable {}
