import Dispatch

/// Reads a JSONL file in batches and works on each batch on several threads, handing the
/// results back in input order: the driver behind `kg tag` and `kg coverage --dataset`.
///
/// Each batch (up to `linesPerBatch` lines or `bytesPerBatch` bytes) is split into one
/// contiguous range per worker; `work(worker, batch, range)` runs on all workers at once,
/// then `consume` gets the results in range order on the calling thread, so output order
/// never depends on scheduling. Blank lines are skipped; a line over `maximumLineBytes` ends
/// the run with `RecordError.lineTooLong` after the lines before it were consumed.
public struct ParallelLineBatches {
    public var path: String
    public var maximumLineBytes: Int
    public var workers: Int
    public var linesPerBatch = 8_192
    public var bytesPerBatch = 16 << 20

    public init(path: String, maximumLineBytes: Int, workers: Int) {
        self.path = path
        self.maximumLineBytes = maximumLineBytes
        self.workers = max(1, workers)
    }

    /// Runs the file through `work` and `consume`; `batchDone(bytesRead, totalBytes)` follows
    /// each batch's results (total nil for a pipe), for progress bars.
    public func run<Result>(
        work: (_ worker: Int, _ batch: LineBatch, _ range: Range<Int>) -> Result,
        consume: (Result) throws -> Void,
        batchDone: (_ bytesRead: Int, _ totalBytes: Int?) throws -> Void = { _, _ in }
    ) throws {
        let reader = try LineReader(path: path, maximumLineBytes: maximumLineBytes)
        var batch = LineBatch()
        func process() throws {
            guard !batch.lines.isEmpty else { return }
            let chunks = batch.split(into: workers)
            let results = [Result](unsafeUninitializedCapacity: chunks.count) { slots, initialized in
                let base = slots.baseAddress!
                DispatchQueue.concurrentPerform(iterations: chunks.count) { k in
                    (base + k).initialize(to: work(k, batch, chunks[k]))
                }
                initialized = chunks.count
            }
            for result in results { try consume(result) }
            try batchDone(reader.bytesRead, reader.totalBytes)
            batch.removeAll()
        }
        try reader.forEachLine { line in
            switch line {
            case .tooLong(let bytes):
                try process()
                throw RecordError(
                    location: RecordLocation(file: path, line: reader.lineNumber),
                    problem: .lineTooLong(bytes: bytes, limit: maximumLineBytes))
            case .bytes(let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
                batch.append(bytes, line: reader.lineNumber)
                if batch.lines.count >= linesPerBatch || batch.bytes.count >= bytesPerBatch { try process() }
            }
        }
        try process()
    }
}
