import KnowledgeBase
import LLMFormats

/// Where each `custom_id`'s answer is in a batch output file, found in one pass over the
/// mapped file: 64-bit id hash → the span of its last line (a rerun's line supersedes an
/// earlier failure). The lines themselves stay in the file and are read when joined.
struct ResultIndex {
    let file: MappedFile
    private(set) var spans: [UInt64: (start: Int, end: Int)] = [:]
    private(set) var lines = 0

    /// Indexes `path`; a line that is not a batch output line is a `ResultFileError` with
    /// its line number, before anything is written.
    init(path: String) throws {
        file = try MappedFile(path: path)
        let bytes = file.bytes
        var start = 0
        var number = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            number += 1
            defer { start = end + 1 }
            var lineEnd = end
            if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<lineEnd])
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            lines += 1
            guard let id = ResultIndex.customID(in: line) ?? (try? ResultIndex.decode(line, path: path, line: number))?.customID else {
                _ = try ResultIndex.decode(line, path: path, line: number)  // throws the precise error
                continue
            }
            spans[StableID.fnv1a(id)] = (start, lineEnd)
        }
    }

    /// The decoded last line for `customID`, or nil when the file has none.
    func line(for customID: String, path: String) throws -> BatchResultLine? {
        guard let span = spans[StableID.fnv1a(customID)] else { return nil }
        let line = UnsafeBufferPointer(rebasing: file.bytes[span.start..<span.end])
        let decoded = try ResultIndex.decode(line, path: path, line: nil)
        return decoded.customID == customID ? decoded : nil
    }

    static func decode(_ line: UnsafeBufferPointer<UInt8>, path: String, line number: Int?) throws -> BatchResultLine {
        do {
            let value = try JSONParser.parse(line)
            return try BatchResultLine(value)
        } catch let error as BatchResultLineError {
            throw ResultFileError(path: path, line: number, problem: error.description)
        } catch {
            throw ResultFileError(path: path, line: number, problem: BatchResultLineError.invalidJSON("\(error)").description)
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
