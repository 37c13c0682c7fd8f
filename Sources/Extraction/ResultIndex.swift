import KnowledgeBase
import LLMFormats

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where each `custom_id`'s answer is in a batch output file, found in one streaming pass:
/// 64-bit id hash → the offset and length of its last line (a rerun's line supersedes an
/// earlier failure). The lines stay in the file and are read back one at a time when
/// joined, so memory holds the index alone, not the file.
final class ResultIndex {
    let path: String
    private(set) var spans: [UInt64: Span] = [:]
    /// Earlier lines of ids that have several (a failure, then a rerun's answer), newest last.
    private var earlier: [UInt64: [Span]] = [:]

    struct Span {
        var offset: Int
        var length: Int
        var line: Int
    }
    private(set) var lines = 0
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// Indexes `path`; a line that is not a batch output line is a `ResultFileError` with
    /// its line number, before anything is written.
    init(path: String) throws {
        self.path = path
        let reader = try LineReader(path: path, maximumLineBytes: 64 << 20)
        var offset = 0
        var lines = 0
        var spans: [UInt64: Span] = [:]
        var earlier: [UInt64: [Span]] = [:]
        while try reader.withNextLine({ line in
            guard case .bytes(let bytes) = line else {
                throw ResultFileError(path: path, line: reader.lineNumber, problem: "the line is longer than 64 MiB")
            }
            defer { offset = reader.bytesRead }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            lines += 1
            let id = try ResultIndex.customID(in: bytes) ?? ResultIndex.decode(bytes, path: path, line: reader.lineNumber).customID
            let key = StableID.fnv1a(id)
            if let previous = spans.updateValue(Span(offset: offset, length: bytes.count, line: reader.lineNumber), forKey: key) {
                earlier[key, default: []].append(previous)
            }
        }) != nil {}
        self.lines = lines
        self.spans = spans
        self.earlier = earlier
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ResultFileError(path: path, line: nil, problem: String(cString: strerror(errno))) }
    }

    deinit { close(descriptor) }

    /// The decoded last line for `customID`, or nil when the file has none.
    func line(for customID: String) throws -> BatchResultLine? {
        let key = StableID.fnv1a(customID)
        guard let last = spans[key] else { return nil }
        guard let decoded = try read(last), decoded.customID == customID else { return nil }
        // A failure after an answer (two runs, or a retry that later failed) does not hide it.
        if decoded.error != nil || !(200...299).contains(decoded.statusCode ?? 0), let older = earlier[key] {
            for span in older.reversed() {
                if let answer = try read(span), answer.customID == customID, answer.error == nil,
                    (200...299).contains(answer.statusCode ?? 0)
                {
                    return answer
                }
            }
        }
        return decoded
    }

    private func read(_ span: Span) throws -> BatchResultLine? {
        if buffer.count < span.length { buffer = [UInt8](repeating: 0, count: span.length) }
        return try buffer.withUnsafeMutableBufferPointer { storage -> BatchResultLine in
            let read = pread(descriptor, storage.baseAddress, span.length, off_t(span.offset))
            guard read == span.length else {
                throw ResultFileError(path: path, line: span.line, problem: "the file changed while it was read")
            }
            return try ResultIndex.decode(UnsafeBufferPointer(rebasing: storage[0..<span.length]), path: path, line: span.line)
        }
    }

    static func decode(_ line: UnsafeBufferPointer<UInt8>, path: String, line number: Int?) throws -> BatchResultLine {
        do {
            return try BatchResultLine.decode(line)
        } catch {
            throw ResultFileError(path: path, line: number, problem: error.description)
        }
    }

    /// The `custom_id` of a line found without parsing it: the value of the first
    /// `"custom_id":"…"` member of the top-level object, when it has no escapes; nil
    /// otherwise (the caller then parses the line).
    static func customID(in line: UnsafeBufferPointer<UInt8>) -> String? {
        let key = Array("\"custom_id\"".utf8)
        var i = 0, depth = 0
        var inString = false
        while i < line.count {
            let byte = line[i]
            if inString {
                if byte == UInt8(ascii: "\\") { i += 2; continue }
                if byte == UInt8(ascii: "\"") { inString = false }
                i += 1
                continue
            }
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
            if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") { depth -= 1 }
            if byte == UInt8(ascii: "\"") {
                if depth == 1, i + key.count <= line.count, key.indices.allSatisfy({ line[i + $0] == key[$0] }) {
                    var j = i + key.count
                    while j < line.count, line[j] == 0x20 || line[j] == 0x09 { j += 1 }
                    guard j < line.count, line[j] == UInt8(ascii: ":") else { return nil }
                    j += 1
                    while j < line.count, line[j] == 0x20 || line[j] == 0x09 { j += 1 }
                    guard j < line.count, line[j] == UInt8(ascii: "\"") else { return nil }
                    let valueStart = j + 1
                    var k = valueStart
                    while k < line.count, line[k] != UInt8(ascii: "\"") {
                        if line[k] == UInt8(ascii: "\\") { return nil }
                        k += 1
                    }
                    guard k < line.count else { return nil }
                    return String(decoding: UnsafeBufferPointer(rebasing: line[valueStart..<k]), as: UTF8.self)
                }
                inString = true
            }
            i += 1
        }
        return nil
    }
}

/// A batch output file that cannot be read: where, and what is wrong.
public struct ResultFileError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var problem: String
    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): \(problem). Nothing was written."
    }
}
