import Dispatch
import KnowledgeBase
import Sampling

import TextAnalysis

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
}

extension ProblemTagger {
    /// Tags every line of `files` ("-" is standard input) into `output`, in input order, on
    /// `threads` threads: lines are read in batches and each batch is split between threads.
    /// The first malformed line (in input order) stops the run with a `RecordError`.
    public func run(files: [String], output: OutputFile, threads: Int = 2,
                    onProgress: ((TagSummary) -> Void)? = nil) throws -> TagSummary {
        var summary = TagSummary()
        let threadCount = max(1, threads)
        let workers = [self] + (1..<threadCount).map { _ in replica() }
        for path in files {
            let reader = try LineReader(path: path, maximumLineBytes: 16 << 20)
            let stem = ProblemTagger.stem(of: path)
            var batch = LineBatch()
            func process() throws {
                guard !batch.lines.isEmpty else { return }
                let chunks = batch.split(into: threadCount)
                var results = [ChunkResult](repeating: ChunkResult(), count: chunks.count)
                results.withUnsafeMutableBufferPointer { slots in
                    let base = slots.baseAddress!
                    DispatchQueue.concurrentPerform(iterations: chunks.count) { k in
                        base[k] = workers[k].tagChunk(batch, range: chunks[k], path: path, stem: stem)
                    }
                }
                for result in results {
                    if let error = result.error { throw error }
                    try output.write(result.bytes)
                    summary.add(result.summary)
                }
                onProgress?(summary)
                batch.removeAll()
            }
            try reader.forEachLine { line in
                switch line {
                case .tooLong(let bytes):
                    try process()
                    throw RecordError(location: RecordLocation(file: path, line: reader.lineNumber),
                                      problem: .lineTooLong(bytes: bytes, limit: 16 << 20))
                case .bytes(let bytes):
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
                    batch.append(bytes, line: reader.lineNumber)
                    if batch.lines.count >= 8_192 || batch.bytes.count >= 16 << 20 { try process() }
                }
            }
            try process()
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
        batch.bytes.withUnsafeBufferPointer { all in
            for i in range {
                let line = batch.lines[i]
                let bytes = UnsafeBufferPointer(rebasing: all[line.start..<line.end])
                do {
                    let (written, tags) = try tagLine(bytes, location: RecordLocation(file: path, line: line.number), stem: stem, writer: &writer)
                    result.summary.records += 1
                    if tags.areas.isEmpty { result.summary.untagged += 1 } else { result.summary.tagged += 1 }
                    if !written { result.summary.dropped += 1 }
                    if tags.bandGuessed { result.summary.bandGuessed += 1 }
                    if written, !tags.knowledgePoints.isEmpty {
                        result.summary.withKnowledgePoints += 1
                        result.summary.knowledgePoints += tags.knowledgePoints.count
                    }
                } catch {
                    result.error = error
                    break
                }
            }
        }
        result.bytes = writer.bytes
        return result
    }

    /// "data/gsm8k/train.jsonl" → "train"; "-" → "stdin".
    static func stem(of path: String) -> String {
        if path == "-" { return "stdin" }
        var name = Substring(LocalFile.baseName(path))
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        return String(name)
    }
}

/// Lines copied out of a `LineReader` so that several threads can work on them.
struct LineBatch {
    var bytes: [UInt8] = []
    var lines: [(start: Int, end: Int, number: Int)] = []

    mutating func append(_ line: UnsafeBufferPointer<UInt8>, line number: Int) {
        let start = bytes.count
        bytes.append(contentsOf: line)
        lines.append((start, bytes.count, number))
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }

    /// Contiguous line ranges of about equal byte size.
    func split(into parts: Int) -> [Range<Int>] {
        guard parts > 1, lines.count > 1 else { return [0..<lines.count] }
        var ranges: [Range<Int>] = []
        let target = max(1, bytes.count / parts)
        var start = 0
        for i in lines.indices where ranges.count < parts - 1 {
            if lines[i].end - lines[start].start >= target {
                ranges.append(start..<(i + 1))
                start = i + 1
            }
        }
        ranges.append(start..<lines.count)
        return ranges.filter { !$0.isEmpty }
    }
}
