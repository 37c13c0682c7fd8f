/// The seed problems of a `GraphSnapshot`, column by column: ids, levels, sources and the
/// topic and knowledge-point node lists in CSR form. A `Problem` is a view of one row.
public struct ProblemTable: RandomAccessCollection, Sendable, Equatable {
    /// The problems' external ids (the records' `id`).
    public let externalIDs: StringTable
    /// Each problem's level as its `rank` (`Level.allCases` index), or `ProblemTable.noLevel`.
    public let levels: FlatArray<UInt8>
    /// Index into the snapshot's `sourceNames`, or -1 when the problem has no source.
    public let sources: FlatArray<Int32>
    /// `topicOffsets[p]..<topicOffsets[p + 1]` indexes `topicNodes`.
    public let topicOffsets: FlatArray<UInt32>
    public let topicNodes: FlatArray<Int32>
    /// `kpOffsets[p]..<kpOffsets[p + 1]` indexes `kpNodes`.
    public let kpOffsets: FlatArray<UInt32>
    public let kpNodes: FlatArray<Int32>

    /// The `levels` value of a problem without a level.
    public static let noLevel: UInt8 = 255

    /// A seed problem as node numbers.
    public struct Problem: Sendable {
        let table: ProblemTable
        let index: Int

        public var externalID: String { table.externalIDs[index] }
        public var level: Level? {
            let raw = table.levels[index]
            return raw == ProblemTable.noLevel ? nil : Level.allCases[Int(raw)]
        }
        /// Index into `sourceNames`, or -1 when the problem has no source.
        public var source: Int32 { table.sources[index] }
        /// Topic nodes, ascending.
        public var topics: FlatArray<Int32> { table.topicNodes.slice(Int(table.topicOffsets[index])..<Int(table.topicOffsets[index + 1])) }
        /// Knowledge point nodes, ascending.
        public var knowledgePoints: FlatArray<Int32> { table.kpNodes.slice(Int(table.kpOffsets[index])..<Int(table.kpOffsets[index + 1])) }
    }

    /// No problems.
    public init() {
        self.init(
            externalIDs: StringTable([]), levels: [], sources: [], topicOffsets: [0], topicNodes: [], kpOffsets: [0], kpNodes: [])
    }

    init(
        externalIDs: StringTable, levels: FlatArray<UInt8>, sources: FlatArray<Int32>, topicOffsets: FlatArray<UInt32>,
        topicNodes: FlatArray<Int32>, kpOffsets: FlatArray<UInt32>, kpNodes: FlatArray<Int32>
    ) {
        self.externalIDs = externalIDs
        self.levels = levels
        self.sources = sources
        self.topicOffsets = topicOffsets
        self.topicNodes = topicNodes
        self.kpOffsets = kpOffsets
        self.kpNodes = kpNodes
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { levels.count }

    public subscript(position: Int) -> Problem {
        precondition(position >= 0 && position < levels.count, "problem index out of range")
        return Problem(table: self, index: position)
    }
}

/// Collects problem rows into a `ProblemTable`.
struct ProblemTableBuilder {
    var externalIDs: [String] = []
    var levels: [UInt8] = []
    var sources: [Int32] = []
    var topicOffsets: [UInt32] = [0]
    var topicNodes: [Int32] = []
    var kpOffsets: [UInt32] = [0]
    var kpNodes: [Int32] = []

    mutating func append(externalID: String, level: Level?, source: Int32, topics: [Int32], knowledgePoints: [Int32]) {
        externalIDs.append(externalID)
        levels.append(level.map { UInt8($0.rank) } ?? ProblemTable.noLevel)
        sources.append(source)
        topicNodes += topics
        topicOffsets.append(UInt32(topicNodes.count))
        kpNodes += knowledgePoints
        kpOffsets.append(UInt32(kpNodes.count))
    }

    func build() -> ProblemTable {
        ProblemTable(
            externalIDs: StringTable(externalIDs), levels: FlatArray(levels), sources: FlatArray(sources),
            topicOffsets: FlatArray(topicOffsets), topicNodes: FlatArray(topicNodes), kpOffsets: FlatArray(kpOffsets),
            kpNodes: FlatArray(kpNodes))
    }
}
