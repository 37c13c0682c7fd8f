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
/// Opening reads what an earlier run wrote: the `custom_id`s it holds with a 2xx answer are
/// done (kept as 64-bit hashes, so memory stays small for millions of requests), and a last
/// line cut short by a kill is dropped. Failed answers are not done: a rerun sends them again
/// and the later line supersedes the earlier one (`ExtractionJoin` keeps the last).
public final class ResultJournal {
    public let path: String
    private let file: UnsafeMutablePointer<FILE>
    private var done: Set<UInt64> = []
    /// Lines an earlier run left, and how many of them were answers.
    public private(set) var existingLines = 0
    public private(set) var existingAnswers = 0
    private var sequence = 0

    /// Opens (or creates) the journal at `path` for appending.
    public init(path: String) throws {
        self.path = path
        var keep = 0
        if let existing = try? LocalFile.bytes(atPath: path) {
            // Only whole lines count: a kill may have cut the last one.
            keep = (existing.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
            var start = 0
            for end in 0..<keep where existing[end] == 0x0A {
                defer { start = end + 1 }
                guard end > start else { continue }
                existingLines += 1
                guard let line = try? existing.withUnsafeBufferPointer({ try BatchResultLine.decode(UnsafeBufferPointer(rebasing: $0[start..<end])) })
                else { continue }
                if line.error == nil, let status = line.statusCode, (200...299).contains(status) {
                    if done.insert(StableID.fnv1a(line.customID)).inserted { existingAnswers += 1 }
                }
            }
            if keep < existing.count { _ = truncate(path, off_t(keep)) }
        }
        guard let f = fopen(path, "ab") else {
            throw OutputFile.WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        file = f
        sequence = existingLines
    }

    deinit { fclose(file) }

    /// Whether an earlier run already has an answer for `customID`.
    public func isDone(_ customID: String) -> Bool {
        done.contains(StableID.fnv1a(customID))
    }

    /// Appends one result line and flushes it to the file.
    ///
    /// - Parameters:
    ///   - body: the server's response body, written as it is when it is valid JSON.
    ///   - error: why the request failed, or nil.
    public func append(customID: String, status: Int?, body: JSONValue?, rawBody: [UInt8]?, error: String?) throws {
        sequence += 1
        var w = JSONWriter()
        w.beginObject()
        w.key("id"); w.string("kg-\(sequence)")
        w.key("custom_id"); w.string(customID)
        w.key("response")
        if let status {
            w.beginObject()
            w.key("status_code"); w.int(status)
            w.key("body")
            if let rawBody, body != nil { w.rawJSON(rawBody) } else { w.null() }
            w.endObject()
        } else {
            w.null()
        }
        w.key("error")
        if let error {
            w.beginObject()
            w.key("code"); status.map { w.int($0) } ?? w.string("transport")
            w.key("message"); w.string(error)
            w.endObject()
        } else {
            w.null()
        }
        w.endObject()
        w.bytes.append(0x0A)
        let written = w.bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        if written != w.bytes.count || fflush(file) != 0 {
            throw OutputFile.WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        if error == nil, let status, (200...299).contains(status) { done.insert(StableID.fnv1a(customID)) }
    }

    /// Flushes and closes the journal, reporting a failure of the last write.
    public func close() throws {
        if fflush(file) != 0 { throw OutputFile.WriteError(path: path, reason: String(cString: strerror(errno))) }
    }
}
