/// How `Ingester` treats its input.
public struct IngestOptions: Sendable {
    /// Skip bad lines (counting and listing them) instead of aborting the whole ingest.
    public var skipBad: Bool
    /// Keep problem texts in the store (they are optional for sampling).
    public var storeProblemText: Bool
    /// Limits on lines and names.
    public var decoder: RecordDecoder

    public init(skipBad: Bool = false, storeProblemText: Bool = true, decoder: RecordDecoder = RecordDecoder()) {
        self.skipBad = skipBad
        self.storeProblemText = storeProblemText
        self.decoder = decoder
    }
}

/// Where an ingest stands, for progress reporting.
public struct IngestProgress: Sendable {
    public var file: String
    public var bytesRead: Int
    public var totalBytes: Int?
    public var records: Int
}

/// What an ingest did.
public struct IngestSummary: Sendable, Equatable {
    /// Records stored (new plus replaced).
    public var records = 0
    /// Records whose id was new.
    public var newProblems = 0
    /// Records that replaced a stored record with the same id.
    public var replacedProblems = 0
    /// Concept mentions stored.
    public var mentions = 0
    /// Concepts created.
    public var newConcepts = 0
    /// Distinct edge rows inserted, updated or removed.
    public var edgeRowsWritten = 0
    /// Lines skipped with `skipBad` (all of them counted; see `rejected` for the errors).
    public var skipped = 0
    /// The errors of skipped lines, in input order (at most `rejectedLimit` kept).
    public var rejected: [RecordError] = []
    /// How many rejections `rejected` keeps.
    public static let rejectedLimit = 1_000

    public init() {}
}

/// Adds extraction records to a knowledge base in one transaction: all or nothing.
///
/// ```swift
/// let kb = try KnowledgeBase(path: "kg.sqlite", create: true)
/// let summary = try Ingester(knowledgeBase: kb).ingest(files: ["records.jsonl"])
/// ```
/// A record whose `id` is already stored replaces the stored one: its old mentions and edge
/// counts are removed first, so counts stay exact and ingesting a file twice changes nothing.
public final class Ingester {
    public let knowledgeBase: KnowledgeBase
    public let options: IngestOptions
    /// Called about every 64K records and at the end of each file.
    public var onProgress: ((IngestProgress) -> Void)?
    /// Called with each skipped line's error and raw bytes (for `--rejects`).
    public var onReject: ((RecordError, UnsafeBufferPointer<UInt8>?) throws -> Void)?

    public init(knowledgeBase: KnowledgeBase, options: IngestOptions = IngestOptions()) {
        self.knowledgeBase = knowledgeBase
        self.options = options
    }

    /// Ingests JSONL files (`-` is standard input) in order, in one transaction.
    public func ingest(files: [String]) throws -> IngestSummary {
        // Open every file first: a missing file fails before anything is written.
        let readers = try files.map { try LineReader(path: $0, maximumLineBytes: options.decoder.maximumLineBytes) }
        return try run { session in
            for reader in readers {
                try reader.forEachLine { line in
                    let location = RecordLocation(file: reader.path, line: reader.lineNumber)
                    switch line {
                    case .tooLong(let bytes):
                        try session.reject(RecordError(location: location, problem: .lineTooLong(bytes: bytes, limit: options.decoder.maximumLineBytes)), raw: nil)
                    case .bytes(let bytes):
                        if isBlank(bytes) { return }
                        do {
                            let record = try options.decoder.decode(bytes, at: location)
                            try session.add(record, at: location)
                        } catch let error as RecordError {
                            try session.reject(error, raw: bytes)
                        }
                    }
                    if session.summary.records & 0xFFFF == 0 {
                        onProgress?(IngestProgress(file: reader.path, bytesRead: reader.bytesRead,
                                                   totalBytes: reader.totalBytes, records: session.summary.records))
                    }
                }
                onProgress?(IngestProgress(file: reader.path, bytesRead: reader.bytesRead,
                                           totalBytes: reader.totalBytes, records: session.summary.records))
            }
        }
    }

    /// Ingests records already in memory (from an importer, say), in one transaction.
    public func ingest(records: [ExtractionRecord], sourceName: String = "<records>") throws -> IngestSummary {
        try run { session in
            for (index, record) in records.enumerated() {
                let location = RecordLocation(file: sourceName, line: index + 1)
                do {
                    try session.add(record, at: location)
                } catch let error as RecordError {
                    try session.reject(error, raw: nil)
                }
            }
        }
    }

    private func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    private func run(_ body: (IngestSession) throws -> Void) throws -> IngestSummary {
        let database = knowledgeBase.database
        try database.execute("PRAGMA cache_size = -262144") // 256 MiB while ingesting
        try database.execute("PRAGMA foreign_keys = OFF")
        defer { try? database.execute("PRAGMA cache_size = -2000; PRAGMA foreign_keys = ON") }
        let summary = try database.transaction { () -> IngestSummary in
            let session = try IngestSession(database: database, options: options, onReject: onReject)
            try body(session)
            return try session.finish()
        }
        return summary
    }
}

/// The state of one ingest transaction.
final class IngestSession {
    let options: IngestOptions
    let writer: ConceptGraphWriter
    let database: SQLiteDatabase
    let onReject: ((RecordError, UnsafeBufferPointer<UInt8>?) throws -> Void)?
    var summary = IngestSummary()

    private let insertProblem: SQLiteStatement
    private let findProblem: SQLiteStatement
    private let updateProblem: SQLiteStatement

    init(database: SQLiteDatabase, options: IngestOptions,
         onReject: ((RecordError, UnsafeBufferPointer<UInt8>?) throws -> Void)?) throws {
        self.database = database
        self.options = options
        self.onReject = onReject
        writer = try ConceptGraphWriter(database: database)
        insertProblem = try database.prepare("""
            INSERT INTO problem(external_id, source, level, text, extra) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(external_id) DO NOTHING
            """)
        findProblem = try database.prepare("SELECT id FROM problem WHERE external_id = ?")
        updateProblem = try database.prepare("UPDATE problem SET source = ?, level = ?, text = ?, extra = ? WHERE id = ?")
    }

    func reject(_ error: RecordError, raw: UnsafeBufferPointer<UInt8>?) throws {
        guard options.skipBad else { throw error }
        summary.skipped += 1
        if summary.rejected.count < IngestSummary.rejectedLimit { summary.rejected.append(error) }
        try onReject?(error, raw)
    }

    /// Stores one record, replacing a stored record with the same id.
    func add(_ record: ExtractionRecord, at location: RecordLocation) throws {
        // Resolve every name first, so that a bad name rejects the record before any write.
        var mentions: [ConceptGraphWriter.Mention] = []
        mentions.reserveCapacity(record.topics.count + record.knowledgePoints.count)
        var seen: Set<Int64> = []
        for (kind, field, names) in [(ConceptKind.topic, "topics", record.topics), (.kp, "knowledge_points", record.knowledgePoints)] {
            for (index, name) in names.enumerated() {
                if writer.key(for: name).isEmpty {
                    throw RecordError(location: location, field: "\(field)[\(index)]", problem: .emptyName(index: index))
                }
            }
            for name in names {
                guard let mention = try writer.resolve(kind: kind, text: name) else { continue }
                if seen.insert(mention.concept).inserted { mentions.append(mention) }
            }
        }
        let extra = record.extra.members.isEmpty ? nil : JSONValue.object(record.extra).serialized
        let text = options.storeProblemText ? record.problem : nil

        insertProblem.reset()
        insertProblem.bind(record.id, at: 1)
        insertProblem.bind(record.source, at: 2)
        insertProblem.bind(record.level?.rawValue, at: 3)
        insertProblem.bind(text, at: 4)
        insertProblem.bind(extra, at: 5)
        try insertProblem.run()
        let problemID: Int64
        var old: [ConceptGraphWriter.Mention] = []
        if database.changes == 1 {
            problemID = database.lastInsertRowID
            summary.newProblems += 1
        } else {
            findProblem.reset()
            findProblem.bind(record.id, at: 1)
            guard try findProblem.step() else { throw SQLiteError(code: 0, message: "problem \(record.id) vanished", sql: nil) }
            problemID = findProblem.int64(0)
            findProblem.reset()
            updateProblem.reset()
            updateProblem.bind(record.source, at: 1)
            updateProblem.bind(record.level?.rawValue, at: 2)
            updateProblem.bind(text, at: 3)
            updateProblem.bind(extra, at: 4)
            updateProblem.bind(problemID, at: 5)
            try updateProblem.run()
            old = try writer.mentions(ofProblem: problemID)
            summary.replacedProblems += 1
        }
        try writer.replaceMentions(ofProblem: problemID, old: old, new: mentions)
        summary.records += 1
        summary.mentions += mentions.count
    }

    func finish() throws -> IngestSummary {
        try writer.finish()
        summary.newConcepts = writer.conceptsCreated
        summary.edgeRowsWritten = writer.edgeRowsWritten
        return summary
    }
}
