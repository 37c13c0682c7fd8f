/// Gives every distinct concept spelling a small integer, so that the thread writing the
/// store looks names up in arrays instead of hashing strings.
struct NameInterner {
    private var index: [String: Int32] = [:]
    /// The spellings, by their number.
    private(set) var names: [String] = []

    /// The number of `name`, assigning the next one when it is new.
    mutating func intern(_ name: String) -> Int32 {
        if let known = index[name] { return known }
        let number = Int32(names.count)
        index[name] = number
        names.append(name)
        return number
    }
}

/// A decoded record whose concept names have been replaced by interned numbers.
struct InternedRecord {
    /// The record, without its topic and knowledge point lists.
    var record: ExtractionRecord
    var topics: [Int32]
    var knowledgePoints: [Int32]

    init(_ record: ExtractionRecord, interner: inout NameInterner) {
        topics = record.topics.map { interner.intern($0) }
        knowledgePoints = record.knowledgePoints.map { interner.intern($0) }
        var stripped = record
        stripped.topics = []
        stripped.knowledgePoints = []
        self.record = stripped
    }
}
