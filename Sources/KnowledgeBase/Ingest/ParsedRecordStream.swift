import Dispatch

/// One input line after parsing: a record, or the error that rejects it.
enum ParsedLine {
    case record(InternedRecord, RecordLocation)
    case rejected(RecordError, raw: [UInt8]?)
}

/// A batch of parsed lines and where the reader stood after them.
struct ParsedBatch {
    var lines: [ParsedLine] = []
    /// Spellings first seen in this batch, numbered on from the previous batch's.
    var newNames: [String] = []
    var file: String
    var bytesRead: Int
    var totalBytes: Int?
}

/// Reads and decodes JSONL files on a background thread while the caller writes the
/// previous batch to the store: parsing and writing overlap on two cores.
///
/// Batches arrive in input order. The consumer calls `next()` until it returns nil; if it
/// stops early it must call `cancel()` so the reader stops too.
final class ParsedRecordStream {
    private let readers: [LineReader]
    private let decoder: RecordDecoder
    private let stopAtFirstError: Bool
    private let batchSize = 2_048
    private var interner = NameInterner()
    private var namesSent = 0

    private var queue: [Result<ParsedBatch, Error>?] = []
    // Semaphores start at 0 and are signalled up to their capacity: libdispatch traps when
    // a semaphore is freed below its initial value.
    private let lock = DispatchSemaphore(value: 0)
    private let filled = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore
    private var cancelled = false
    private var finished = false
    /// Thrown inside the line loop to stop reading early.
    private struct StopReading: Error {}
    private let done = DispatchGroup()

    init(readers: [LineReader], decoder: RecordDecoder, stopAtFirstError: Bool, capacity: Int = 8) {
        self.readers = readers
        self.decoder = decoder
        self.stopAtFirstError = stopAtFirstError
        free = DispatchSemaphore(value: 0)
        for _ in 0..<capacity { free.signal() }
        lock.signal()
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            defer { done.leave() }
            produce()
        }
    }

    deinit {
        cancel()
    }

    private var isCancelled: Bool {
        lock.wait()
        defer { lock.signal() }
        return cancelled
    }

    private func send(_ item: Result<ParsedBatch, Error>?) {
        free.wait()
        lock.wait()
        queue.append(item)
        lock.signal()
        filled.signal()
    }

    private func produce() {
        do {
            for reader in readers {
                var batch = ParsedBatch(file: reader.path, bytesRead: 0, totalBytes: reader.totalBytes)
                batch.lines.reserveCapacity(batchSize)
                var stop = false
                do {
                    try reader.forEachLine { line in
                        if stop { throw StopReading() }
                        let location = RecordLocation(file: reader.path, line: reader.lineNumber)
                        switch line {
                        case .tooLong(let bytes):
                            batch.lines.append(
                                .rejected(
                                    RecordError(location: location, problem: .lineTooLong(bytes: bytes, limit: decoder.maximumLineBytes)), raw: nil))
                        case .bytes(let bytes):
                            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
                            do {
                                let record = try decoder.decode(bytes, at: location)
                                batch.lines.append(.record(InternedRecord(record, interner: &interner), location))
                            } catch let error as RecordError {
                                batch.lines.append(.rejected(error, raw: Array(bytes)))
                                if stopAtFirstError { stop = true }
                            }
                        }
                        if batch.lines.count >= batchSize || stop {
                            batch.bytesRead = reader.bytesRead
                            takeNewNames(into: &batch)
                            send(.success(batch))
                            batch.lines.removeAll(keepingCapacity: true)
                            if isCancelled { stop = true }
                        }
                    }
                } catch is StopReading {}
                batch.bytesRead = reader.bytesRead
                takeNewNames(into: &batch)
                if !batch.lines.isEmpty || !stop { send(.success(batch)) }
                if stop { break }
            }
        } catch {
            send(.failure(error))
        }
        send(nil)
    }

    private func takeNewNames(into batch: inout ParsedBatch) {
        batch.newNames = Array(interner.names[namesSent...])
        namesSent = interner.names.count
    }

    /// The next batch, in input order; nil at the end. Rethrows a read error.
    func next() throws -> ParsedBatch? {
        if finished { return nil }
        filled.wait()
        lock.wait()
        let item = queue.removeFirst()
        lock.signal()
        free.signal()
        guard let item else {
            finished = true
            return nil
        }
        return try item.get()
    }

    /// Stops the reader and waits for it to finish.
    func cancel() {
        if finished { done.wait(); return }
        lock.wait()
        cancelled = true
        lock.signal()
        // Drain so a reader blocked on a full queue can see the flag and end.
        while done.wait(timeout: .now()) == .timedOut {
            if filled.wait(timeout: .now() + .milliseconds(10)) == .success {
                lock.wait()
                _ = queue.removeFirst()
                lock.signal()
                free.signal()
            }
        }
    }
}
