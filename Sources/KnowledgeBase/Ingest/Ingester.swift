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
    ///
    /// Lines are read and decoded on a second thread while this one writes.
    public func ingest(files: [String]) throws -> IngestSummary {
        // Open every file first: a missing file fails before anything is written.
        let readers = try files.map { try LineReader(path: $0, maximumLineBytes: options.decoder.maximumLineBytes) }
        return try run { session in
            let stream = ParsedRecordStream(readers: readers, decoder: options.decoder, stopAtFirstError: !options.skipBad)
            defer { stream.cancel() }
            var lastReported = 0
            while let batch = try stream.next() {
                session.names.append(contentsOf: batch.newNames)
                for line in batch.lines {
                    switch line {
                    case .record(let record, let location):
                        do {
                            try session.add(record, at: location)
                        } catch let error as RecordError {
                            try session.reject(error, raw: nil)
                        }
                    case .rejected(let error, let raw):
                        if let raw {
                            try raw.withUnsafeBufferPointer { try session.reject(error, raw: $0) }
                        } else {
                            try session.reject(error, raw: nil)
                        }
                    }
                }
                if session.summary.records - lastReported >= 65_536 || batch.lines.isEmpty {
                    lastReported = session.summary.records
                    onProgress?(
                        IngestProgress(
                            file: batch.file, bytesRead: batch.bytesRead,
                            totalBytes: batch.totalBytes, records: session.summary.records))
                }
            }
        }
    }

    /// Ingests records already in memory (from an importer, say), in one transaction.
    public func ingest(records: [ExtractionRecord], sourceName: String = "<records>") throws -> IngestSummary {
        try run { session in
            for (index, record) in records.enumerated() {
                let location = RecordLocation(file: sourceName, line: index + 1)
                do {
                    try session.add(session.intern(record), at: location)
                } catch let error as RecordError {
                    try session.reject(error, raw: nil)
                }
            }
        }
    }

    private func run(_ body: (IngestSession) throws -> Void) throws -> IngestSummary {
        let database = knowledgeBase.database
        try database.execute("PRAGMA cache_size = -262144")  // 256 MiB while ingesting
        try database.execute("PRAGMA foreign_keys = OFF")
        defer { try? database.execute("PRAGMA cache_size = -2000; PRAGMA foreign_keys = ON") }
        let summary = try database.transaction { () -> IngestSummary in
            let session = try IngestSession(
                database: database, options: options, templateKey: knowledgeBase.templateKey, onReject: onReject)
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
    let templateKey: (@Sendable (String) -> UInt64)?
    var summary = IngestSummary()

    private let insertProblem: SQLiteStatement
    private let findProblem: SQLiteStatement
    private let updateProblem: SQLiteStatement

    init(
        database: SQLiteDatabase, options: IngestOptions, templateKey: (@Sendable (String) -> UInt64)?,
        onReject: ((RecordError, UnsafeBufferPointer<UInt8>?) throws -> Void)?
    ) throws {
        self.database = database
        self.options = options
        self.onReject = onReject
        self.templateKey = templateKey
        writer = try ConceptGraphWriter(database: database)
        insertProblem = try database.prepare(
            """
            INSERT INTO problem(external_id, source, level, text, extra, mentions, template) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(external_id) DO NOTHING
            """)
        findProblem = try database.prepare("SELECT id FROM problem WHERE external_id = ?")
        updateProblem = try database.prepare("UPDATE problem SET source = ?, level = ?, text = ?, extra = ?, mentions = ?, template = ? WHERE id = ?")
    }

    func reject(_ error: RecordError, raw: UnsafeBufferPointer<UInt8>?) throws {
        guard options.skipBad else { throw error }
        summary.skipped += 1
        if summary.rejected.count < IngestSummary.rejectedLimit { summary.rejected.append(error) }
        try onReject?(error, raw)
    }

    /// Every spelling seen, by its interned number.
    var names: [String] = []
    private var interner = NameInterner()
    private enum NameState {
        case unknown
        case empty
        case resolved(ConceptGraphWriter.Mention)
    }
    /// Per kind (topic, kp): what each interned spelling resolved to.
    private var states: [[NameState]] = [[], []]

    /// Interns the names of a record built in memory (files are interned while parsing).
    func intern(_ record: ExtractionRecord) -> InternedRecord {
        let interned = InternedRecord(record, interner: &interner)
        names.append(contentsOf: interner.names[names.count...])
        return interned
    }

    /// Stores one record, replacing a stored record with the same id.
    func add(_ interned: InternedRecord, at location: RecordLocation) throws {
        let record = interned.record
        // Check every name first, so that a bad name rejects the record before any write.
        let fields: [(kind: ConceptKind, field: String, names: [Int32])] = [
            (.topic, "topics", interned.topics), (.kp, "knowledge_points", interned.knowledgePoints),
        ]
        var mentions: [ConceptGraphWriter.Mention] = []
        mentions.reserveCapacity(interned.topics.count + interned.knowledgePoints.count)
        var unresolved = false
        for (kindIndex, entry) in fields.enumerated() {
            if states[kindIndex].count < names.count {
                states[kindIndex].append(contentsOf: repeatElement(.unknown, count: names.count - states[kindIndex].count))
            }
            for (index, name) in entry.names.enumerated() {
                switch states[kindIndex][Int(name)] {
                case .empty:
                    throw RecordError(location: location, field: "\(entry.field)[\(index)]", problem: .emptyName(index: index))
                case .unknown:
                    if writer.key(for: names[Int(name)]).isEmpty {
                        states[kindIndex][Int(name)] = .empty
                        throw RecordError(location: location, field: "\(entry.field)[\(index)]", problem: .emptyName(index: index))
                    }
                    unresolved = true
                case .resolved(let mention):
                    if !mentions.contains(where: { $0.concept == mention.concept }) { mentions.append(mention) }
                }
            }
        }
        if unresolved {
            // Slow path, once per new spelling: resolve (creating concepts) in record order.
            mentions.removeAll(keepingCapacity: true)
            for (kindIndex, entry) in fields.enumerated() {
                for name in entry.names {
                    let mention: ConceptGraphWriter.Mention
                    if case .resolved(let known) = states[kindIndex][Int(name)] {
                        mention = known
                    } else {
                        guard let created = try writer.resolve(kind: entry.kind, text: names[Int(name)]) else { continue }
                        states[kindIndex][Int(name)] = .resolved(created)
                        mention = created
                    }
                    if !mentions.contains(where: { $0.concept == mention.concept }) { mentions.append(mention) }
                }
            }
        }
        let extra = record.extra.members.isEmpty ? nil : JSONValue.object(record.extra).serialized
        let text = options.storeProblemText ? record.problem : nil
        let mentionText = MentionList(mentions).jsonText
        // The key is kept even with --no-text: it is what template statistics count.
        let template = record.problem.flatMap { text in templateKey.map { Int64(bitPattern: $0(text)) } }

        insertProblem.reset()
        insertProblem.bind(record.id, at: 1)
        insertProblem.bind(record.source, at: 2)
        insertProblem.bind(record.level?.rawValue, at: 3)
        insertProblem.bind(text, at: 4)
        insertProblem.bind(extra, at: 5)
        insertProblem.bind(mentionText, at: 6)
        insertProblem.bind(template, at: 7)
        try insertProblem.run()
        var old: [ConceptGraphWriter.Mention] = []
        if database.changes == 1 {
            summary.newProblems += 1
        } else {
            findProblem.reset()
            findProblem.bind(record.id, at: 1)
            guard try findProblem.step() else { throw SQLiteError(code: 0, message: "problem \(record.id) vanished", sql: nil) }
            let problemID = findProblem.int64(0)
            findProblem.reset()
            old = try writer.mentions(ofProblem: problemID)
            updateProblem.reset()
            updateProblem.bind(record.source, at: 1)
            updateProblem.bind(record.level?.rawValue, at: 2)
            updateProblem.bind(text, at: 3)
            updateProblem.bind(extra, at: 4)
            updateProblem.bind(mentionText, at: 5)
            updateProblem.bind(template, at: 6)
            updateProblem.bind(problemID, at: 7)
            try updateProblem.run()
            summary.replacedProblems += 1
        }
        try writer.replaceMentions(old: old, new: mentions)
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
