/// A set of levels as 12 bits, bit `level.rank` for each member: how the snapshot records
/// at which levels a concept occurs, and how filters name the levels they accept.
/// ```swift
/// let early: LevelSet = [.kindergarten, .grade1]
/// early.contains(.grade1)        // true
/// early.union(LevelSet(.grade2)).levels  // [K, grade-1, grade-2]
/// ```
public struct LevelSet: OptionSet, Hashable, Sendable {
    public var rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The set holding `level` alone.
    @inlinable
    public init(_ level: Level) { rawValue = 1 << UInt16(level.rank) }

    /// The set of `levels`.
    @inlinable
    public init<S: Sequence>(_ levels: S) where S.Element == Level {
        rawValue = 0
        for level in levels { rawValue |= 1 << UInt16(level.rank) }
    }

    /// The set holding the level of `rank` (0 = K … 11 = competition).
    @inlinable
    public init(rank: Int) { rawValue = 1 << UInt16(rank) }

    /// Whether `level` is in the set.
    @inlinable
    public func contains(_ level: Level) -> Bool { rawValue & (1 << UInt16(level.rank)) != 0 }

    /// Whether the level of `rank` is in the set.
    @inlinable
    public func contains(rank: Int) -> Bool { rawValue & (1 << UInt16(rank)) != 0 }

    /// The members, from K to competition.
    public var levels: [Level] { Level.allCases.filter { contains($0) } }

    /// The lowest member's rank; nil for the empty set.
    @inlinable
    public var lowestRank: Int? { rawValue == 0 ? nil : rawValue.trailingZeroBitCount }
}

// Stored in place in snapshot files (`FlatArray<LevelSet>`): a `UInt16` and nothing else.
extension LevelSet: BitwiseCopyable {}
