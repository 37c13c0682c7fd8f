import Dispatch
import Foundation
import KnowledgeBase

/// How far a `kg tag` run is: what it did so far, and how much of the current file it read.
public struct TagProgress: Sendable {
    public var summary: TagSummary
    public var file: String
    public var bytesRead: Int
    /// Nil when the file is a pipe.
    public var totalBytes: Int?
}

/// What a `kg tag` run did.
public struct TagSummary: Equatable, Sendable {
    /// Input records read.
    public var records = 0
    /// Records given at least one area.
    public var tagged = 0
    /// Records with no area (kept or dropped).
    public var untagged = 0
    /// Records left out (`--untagged drop`).
    public var dropped = 0
    /// Records whose band was guessed.
    public var bandGuessed = 0
    /// Records given at least one knowledge point, and KPs written in all.
    public var withKnowledgePoints = 0
    public var knowledgePoints = 0

    public init() {}

    mutating func add(_ other: TagSummary) {
        records += other.records
        tagged += other.tagged
        untagged += other.untagged
        dropped += other.dropped
        bandGuessed += other.bandGuessed
        withKnowledgePoints += other.withKnowledgePoints
        knowledgePoints += other.knowledgePoints
    }

    /// The one line `kg tag` prints when it is done.
    public func line(seconds: Double, withKnowledgePoints: Bool) -> String {
        let seconds = max(seconds, 1e-9)
        var text =
            "tagged \(records) problems in \(String(format: "%.2f", seconds)) s (\(Int(Double(records) / seconds))/s): "
            + "\(tagged) with areas, \(untagged) without"
        if dropped > 0 { text += " (dropped)" }
        if bandGuessed > 0 { text += "; band guessed for \(bandGuessed)" }
        if withKnowledgePoints { text += "; \(self.withKnowledgePoints) with knowledge points (\(knowledgePoints) in all)" }
        return text
    }
}

extension ProblemTagger {
    /// Tags every line of `files` ("-" is standard input) into `output`, in input order, on
    /// `threads` threads: lines are read in batches and each batch is split between threads.
    /// The first malformed line (in input order) stops the run with a `RecordError`.
    public func run(
        files: [String], output: OutputFile, threads: Int = 2,
        onProgress: ((TagProgress) -> Void)? = nil
    ) throws -> TagSummary {
        let threadCount = max(1, threads)
        let workers = [self] + (1..<threadCount).map { _ in replica() }
        return try Self.runChunks(files: files, output: output, threads: threadCount, onProgress: onProgress) { k, batch, range, path, stem in
            workers[k].tagChunk(batch, range: range, path: path, stem: stem)
        }
    }

    /// The loop both taggers share: every line of `files` in batches, each batch split between
    /// `threads` workers by `chunk`, the results written in input order.
    static func runChunks(
        files: [String], output: OutputFile, threads: Int, onProgress: ((TagProgress) -> Void)?,
        chunk: @escaping (Int, LineBatch, Range<Int>, String, String) -> ChunkResult
    ) throws -> TagSummary {
        var summary = TagSummary()
        for path in files {
            let stem = LocalFile.stem(of: path)
            try ParallelLineBatches(path: path, maximumLineBytes: 16 << 20, workers: threads).run(
                work: { k, batch, range in chunk(k, batch, range, path, stem) },
                consume: { result in
                    if let error = result.error { throw error }
                    try output.write(result.bytes)
                    summary.add(result.summary)
                },
                batchDone: { bytes, total in onProgress?(TagProgress(summary: summary, file: path, bytesRead: bytes, totalBytes: total)) })
        }
        try output.flush()
        return summary
    }

    struct ChunkResult {
        var bytes: [UInt8] = []
        var summary = TagSummary()
        var error: Error?
    }

    func tagChunk(_ batch: LineBatch, range: Range<Int>, path: String, stem: String) -> ChunkResult {
        var result = ChunkResult()
        var writer = JSONWriter()
        do {
            for i in range {
                let (written, tags) = try batch.withLine(i) { bytes, number in
                    try tagLine(bytes, location: RecordLocation(file: path, line: number), stem: stem, writer: &writer)
                }
                result.summary.records += 1
                if tags.areas.isEmpty { result.summary.untagged += 1 } else { result.summary.tagged += 1 }
                if !written { result.summary.dropped += 1 }
                if tags.bandGuessed { result.summary.bandGuessed += 1 }
                if written, !tags.knowledgePoints.isEmpty {
                    result.summary.withKnowledgePoints += 1
                    result.summary.knowledgePoints += tags.knowledgePoints.count
                }
            }
        } catch {
            result.error = error
        }
        result.bytes = writer.bytes
        return result
    }
}

/// Lines copied out of a `LineReader` so that several threads can work on them.
