#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Failure to open or read an input file.
public struct InputFileError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String
    public var description: String { "cannot read \(path == "-" ? "standard input" : path): \(reason)" }
}

/// Reads a file (or standard input, `-`) line by line in large chunks, handing out each
/// line's bytes without copying. A UTF-8 byte order mark at the start is skipped. Lines longer than `maximumLineBytes` are reported with
/// their length but not buffered whole, so a runaway line cannot exhaust memory.
public final class LineReader {
    /// The path as given ("-" for standard input).
    public let path: String
    /// Size of the file in bytes, when known (nil for pipes).
    public let totalBytes: Int?
    /// Bytes consumed so far.
    public private(set) var bytesRead = 0
    /// 1-based number of the last line handed out.
    public private(set) var lineNumber = 0

    private let file: UnsafeMutablePointer<FILE>
    private let ownsFile: Bool
    /// The longest line handed out as bytes; longer ones come as `.tooLong`.
    public let maximumLineBytes: Int
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// Whether the start of the input was checked for a UTF-8 byte order mark.
    private var checkedByteOrderMark = false

    public init(path: String, maximumLineBytes: Int = 1 << 20) throws {
        self.path = path
        self.maximumLineBytes = maximumLineBytes
        if path == "-" {
            file = stdin
            ownsFile = false
            totalBytes = nil
        } else {
            guard let f = fopen(path, "rb") else {
                throw InputFileError(path: path, reason: String(cString: strerror(errno)))
            }
            var info = stat()
            if fstat(fileno(f), &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                fclose(f)
                throw InputFileError(path: path, reason: "it is a directory")
            }
            file = f
            ownsFile = true
            totalBytes = (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
        }
        // No line is longer than the file: a small file gets a small buffer (it grows when needed).
        let wanted = max(1 << 20, min(maximumLineBytes + 1, 1 << 24))
        buffer = [UInt8](repeating: 0, count: totalBytes.map { max(4096, min(wanted, $0 + 1)) } ?? wanted)
    }

    deinit {
        if ownsFile { fclose(file) }
    }

    /// One line: either its bytes (valid only during the callback) or, when it was too long,
    /// its length.
    public enum Line {
        case bytes(UnsafeBufferPointer<UInt8>)
        case tooLong(bytes: Int)
    }

    /// Calls `body` with every line until the end of input. A trailing `\r` is dropped.
    public func forEachLine(_ body: (Line) throws -> Void) throws {
        while try withNextLine(body) != nil {}
    }

    /// Calls `body` with the next line and returns what it returns; nil (without calling
    /// it) at the end of input. For readers that pull lines one at a time.
    public func withNextLine<R>(_ body: (Line) throws -> R) throws -> R? {
        while true {
            // Look for a newline in the buffered bytes.
            if let newline = findNewline(from: start) {
                lineNumber += 1
                var lineEnd = newline
                if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let lineStart = start
                start = newline + 1
                bytesRead += newline + 1 - lineStart
                return try buffer.withUnsafeBufferPointer { whole in
                    try body(.bytes(UnsafeBufferPointer(rebasing: whole[lineStart..<lineEnd])))
                }
            }
            if atEOF {
                guard start < end else { return nil }
                lineNumber += 1
                var lineEnd = end
                if buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let lineStart = start
                bytesRead += end - start
                start = end
                return try buffer.withUnsafeBufferPointer { whole in
                    try body(.bytes(UnsafeBufferPointer(rebasing: whole[lineStart..<lineEnd])))
                }
            }
            if end - start > maximumLineBytes {
                // Skip the rest of this runaway line, counting it.
                lineNumber += 1
                let length = try discardRestOfLine()
                return try body(.tooLong(bytes: length))
            }
            try refill()
        }
    }

    private func findNewline(from index: Int) -> Int? {
        guard index < end else { return nil }
        return buffer.withUnsafeBufferPointer { pointer -> Int? in
            guard let base = pointer.baseAddress else { return nil }
            guard let found = memchr(base + index, 0x0A, end - index) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Moves the unread bytes to the front and reads more.
    private func refill() throws {
        if start > 0 {
            if start < end {
                buffer.withUnsafeMutableBufferPointer { p in
                    _ = memmove(p.baseAddress!, p.baseAddress! + start, end - start)
                }
            }
            end -= start
            start = 0
        }
        if end == buffer.count {
            buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
        }
        let count = buffer.withUnsafeMutableBufferPointer { p in
            fread(p.baseAddress! + end, 1, p.count - end, file)
        }
        if count == 0 {
            if ferror(file) != 0 {
                throw InputFileError(path: path, reason: String(cString: strerror(errno)))
            }
            atEOF = true
        }
        end += count
        if !checkedByteOrderMark, end - start >= 3 || atEOF {
            // A leading UTF-8 byte order mark (Windows editors write one) is not part of the
            // first line: skip it, counting its bytes as read.
            checkedByteOrderMark = true
            if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF {
                start += 3
                bytesRead += 3
            }
        }
    }

    /// Drops the current over-long line through its newline; returns its length.
    private func discardRestOfLine() throws -> Int {
        var length = 0
        while true {
            if let newline = findNewline(from: start) {
                length += newline - start
                bytesRead += newline + 1 - start
                start = newline + 1
                return length
            }
            length += end - start
            bytesRead += end - start
            start = 0
            end = 0
            if atEOF { return length }
            try refill()
            if atEOF && end == 0 { return length }
        }
    }
}
