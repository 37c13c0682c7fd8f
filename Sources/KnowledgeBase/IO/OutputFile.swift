#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file (or standard output) written through a large buffer.
public final class OutputFile {
    /// Failure to open or write the output.
    public struct WriteError: Error, CustomStringConvertible, Equatable {
        public let path: String
        public let reason: String

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }

        public var description: String {
            "cannot write \(path == "-" ? "standard output" : path): \(reason). Check that the folder exists and is writable."
        }
    }

    public let path: String
    private let file: UnsafeMutablePointer<FILE>
    private let ownsFile: Bool
    private var closed = false
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 20

    /// Opens `path` for writing, truncating it; "-" is standard output.
    public init(path: String) throws {
        self.path = path
        buffer.reserveCapacity((1 << 20) + 65_536)
        if path == "-" {
            file = stdout
            ownsFile = false
        } else {
            guard let f = fopen(path, "wb") else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
            file = f
            ownsFile = true
        }
    }

    /// A file the caller never closed is still flushed and closed, but a failure there has
    /// no one to report to: call `close()`, which throws it.
    deinit {
        guard !closed else { return }
        try? flush()
        if ownsFile { fclose(file) }
    }

    /// Appends bytes, writing through when the buffer is full.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { try write($0) }
    }

    /// Appends bytes, writing through when the buffer is full.
    @inline(__always)
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    public func write(_ text: String) throws {
        try write(Array(text.utf8))
    }

    /// Writes the buffered bytes out.
    public func flush() throws {
        precondition(!closed, "write after close")
        guard !buffer.isEmpty else { return }
        let written = buffer.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        let failed = written != buffer.count
        buffer.removeAll(keepingCapacity: true)
        if failed || fflush(file) != 0 { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Flushes and closes (standard output is flushed and stays open). Throws when the last
    /// bytes cannot be written — a full disk shows up here, not earlier, when the data fit
    /// in the buffers — so a caller that returns normally knows every byte reached the file.
    public func close() throws {
        guard !closed else { return }
        do {
            try flush()
        } catch {
            closed = true
            if ownsFile { fclose(file) }
            throw error
        }
        closed = true
        if ownsFile {
            if fclose(file) != 0 { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        } else if fflush(file) != 0 {
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
