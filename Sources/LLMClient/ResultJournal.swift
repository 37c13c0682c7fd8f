import KnowledgeBase
import LLMFormats

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The results file of a live run: one Batch-API output line per answered request,
/// appended as each answer arrives and flushed at once, so a killed run keeps every answer
/// it got and a rerun sends only what is missing.
///
/// Each line kg writes carries `kg_request` (a hash of the request body), so a rerun with
/// another model, template or options does not take old answers for new requests. Opening
/// streams what an earlier run wrote: requests answered with a chat completion are done (as
/// 64-bit hashes, so memory stays small for millions of requests); a last line cut short by
/// a kill is dropped. Failed answers are not done: a rerun sends them again. One run at a
/// time may write a journal (an advisory lock).
public final class ResultJournal {
    public let path: String
    private let file: UnsafeMutablePointer<FILE>
    /// custom_id hash → hash of the request body it answered (0: unknown, from another tool).
    private var done: [UInt64: UInt64] = [:]
    /// Lines an earlier run left, and how many of them were answers.
    public private(set) var existingLines = 0
    public private(set) var existingAnswers = 0
    /// Answers of an earlier run found to be for a different request body, sent again.
    public private(set) var staleAnswers = 0
    private var sequence = 0

    /// Opens (or creates) the journal at `path` for appending.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw OutputFile.WriteError(path: path, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            Glibc.close(fd)
            throw OutputFile.WriteError(path: path, reason: "another kg run is writing it; wait for that run, or give another --results file")
        }
        var keep = 0
        var lastLineWhole = true
        do {
            let reader = try LineReader(path: path, maximumLineBytes: 64 << 20)
            var hadNewline = true
            while let line = try reader.withNextLine({ line -> (BatchResultLine?, UInt64) in
                guard case .bytes(let bytes) = line else { return (nil, 0) }
                return (try? BatchResultLine.decode(bytes), ResultJournal.requestHash(in: bytes))
            }) {
                existingLines += 1
                let (decoded, requestHash) = line
                // Only whole lines count: a kill may have cut the last one.
                // Only the file's last line can lack its newline: look at its last byte alone.
                hadNewline = reader.bytesRead < (reader.totalBytes ?? 0) || ResultJournal.endsWithNewline(fd: fd, at: reader.bytesRead)
                if !hadNewline && decoded == nil {
                    lastLineWhole = false
                    existingLines -= 1
                    break
                }
                keep = reader.bytesRead
                guard let decoded, decoded.error == nil, decoded.content != nil || decoded.refusal != nil,
                    let status = decoded.statusCode, (200...299).contains(status)
                else { continue }
                if done.updateValue(requestHash, forKey: StableID.fnv1a(decoded.customID)) == nil { existingAnswers += 1 }
            }
            if !hadNewline && lastLineWhole {
                // A whole last line without its newline (a file from elsewhere): finish it.
                guard pwrite(fd, "\n", 1, off_t(keep)) == 1 else { throw OutputFile.WriteError(path: path, reason: String(cString: strerror(errno))) }
                keep += 1
            }
        } catch let error as OutputFile.WriteError {
            Glibc.close(fd)
            throw error
        } catch {
            Glibc.close(fd)
            throw OutputFile.WriteError(path: path, reason: "cannot read it back: \(error)")
        }
        var info = stat()
        if fstat(fd, &info) == 0, Int(info.st_size) > keep, ftruncate(fd, off_t(keep)) != 0 {
            Glibc.close(fd)
            throw OutputFile.WriteError(path: path, reason: "cannot drop its cut-off last line: \(String(cString: strerror(errno)))")
        }
        guard lseek(fd, 0, SEEK_END) >= 0, let f = fdopen(fd, "ab") else {
            Glibc.close(fd)
            throw OutputFile.WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        file = f
        sequence = existingLines
    }

    deinit { fclose(file) }

    /// Whether an earlier answer exists for `customID` made from this `body`; an answer for
    /// another body is counted in `staleAnswers` and not done.
    public func isDone(_ customID: String, body: [UInt8]) -> Bool {
        guard let answered = done[StableID.fnv1a(customID)] else { return false }
        if answered == 0 || answered == ResultJournal.hash(body) { return true }
        staleAnswers += 1
        return false
    }

    /// Appends one result line and flushes it to the file.
    ///
    /// - Parameters:
    ///   - body: the server's response body, when it was JSON (written compactly, so one
    ///     answer is one line whatever white space the server used).
    ///   - error: why the request failed, or nil. A 2xx body that is not a chat completion
    ///     is written as failed, with the reason.
    public func append(customID: String, request: [UInt8], status: Int?, body: JSONValue?, error: String?) throws {
        sequence += 1
        var line = ResultJournal.line(sequence: sequence, customID: customID, request: request, status: status, body: body, error: error)
        var failure = error
        if failure == nil, let status, (200...299).contains(status) {
            do {
                let decoded = try line.withUnsafeBufferPointer { try BatchResultLine.decode($0) }
                if decoded.content == nil && decoded.refusal == nil { failure = "the server's answer holds no message content" }
            } catch {
                failure = "the server's answer is not a chat completion: \(error)"
            }
            if let failure {
                line = ResultJournal.line(sequence: sequence, customID: customID, request: request, status: status, body: nil, error: failure)
            }
        }
        line.append(0x0A)
        let written = line.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        if written != line.count || fflush(file) != 0 {
            throw OutputFile.WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        if failure == nil, let status, (200...299).contains(status) { done[StableID.fnv1a(customID)] = ResultJournal.hash(request) }
    }

    /// Whether this append made a request done (for counting).
    public func isAnswered(_ customID: String) -> Bool { done[StableID.fnv1a(customID)] != nil }

    /// Flushes the journal, reporting a failure of the last write.
    public func close() throws {
        if fflush(file) != 0 { throw OutputFile.WriteError(path: path, reason: String(cString: strerror(errno))) }
    }

    static func line(sequence: Int, customID: String, request: [UInt8], status: Int?, body: JSONValue?, error: String?) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.key("id"); w.string("kg-\(sequence)")
        w.key("custom_id"); w.string(customID)
        w.key("response")
        if let status {
            w.beginObject()
            w.key("status_code"); w.int(status)
            w.key("body")
            if let body { w.value(body) } else { w.null() }
            w.endObject()
        } else {
            w.null()
        }
        w.key("error")
        if let error {
            w.beginObject()
            w.key("code")
            if let status { w.int(status) } else { w.string("transport") }
            w.key("message"); w.string(error)
            w.endObject()
        } else {
            w.null()
        }
        w.key("kg_request"); w.string(String(hash(request), radix: 16))
        w.endObject()
        return w.bytes
    }

    /// The hash of a request body that answers are checked against (never 0).
    static func hash(_ body: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in body {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash == 0 ? 1 : hash
    }

    /// The `kg_request` hash of a journal line; 0 when it has none (another tool's line).
    static func requestHash(in line: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let key = Array(#""kg_request":""#.utf8)
        guard line.count > key.count + 2 else { return 0 }
        // kg writes it last: look for it near the end.
        var i = line.count - key.count - 1
        let lowest = max(0, line.count - key.count - 24)
        while i >= lowest {
            if key.indices.allSatisfy({ line[i + $0] == key[$0] }) {
                var value: UInt64 = 0
                var j = i + key.count
                while j < line.count, let digit = hexDigit(line[j]) {
                    value = value << 4 | UInt64(digit)
                    j += 1
                }
                return value
            }
            i -= 1
        }
        return 0
    }

    private static func hexDigit(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: return Int(byte - 0x30)
        case 0x61...0x66: return Int(byte - 0x61 + 10)
        default: return nil
        }
    }

    /// Whether the byte just before `offset` is a newline.
    private static func endsWithNewline(fd: Int32, at offset: Int) -> Bool {
        guard offset > 0 else { return true }
        var byte: UInt8 = 0
        return pread(fd, &byte, 1, off_t(offset - 1)) == 1 && byte == 0x0A
    }
}
