/// Where a piece of a query is: `start..<end` in Unicode scalars from the start of the text.
///
/// Every node of the syntax tree carries one, so an error found while evaluating can still
/// point at the word that caused it.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    /// Offset of the first scalar.
    public var start: Int
    /// Offset just past the last scalar (equal to `start` for the end of the query).
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }

    /// `start..<end`.
    public var description: String { "\(start)..<\(end)" }
}
