#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole output file or nothing: the bytes go to a temporary file beside `path`,
/// which replaces `path` only when the writer finished without error. A failed run leaves an
/// earlier output as it was. Standard output ("-") and paths that are not regular files
/// (`/dev/null`, a pipe) are written directly: renaming over them would replace them.
public enum AtomicOutput {
    /// Runs `body` with the file to write; the writer must close it (`OutputFile.close()`).
    public static func write<R>(to path: String, _ body: (OutputFile) throws -> R) throws -> R {
        var info = stat()
        if path == "-" || (stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG) {
            let file = try OutputFile(path: path)
            let result = try body(file)
            try file.close()
            return result
        }
        AbandonedTemporaries.sweep(besides: path, marker: ".partial-")
        let temporary = path + ".partial-\(getpid())"
        let file: OutputFile
        do {
            file = try OutputFile(path: temporary)
        } catch let error as OutputFile.WriteError {
            // Name the file the user asked for, not the temporary one beside it.
            throw OutputFile.WriteError(path: path, reason: error.reason)
        }
        let result: R
        do {
            result = try body(file)
            try file.close()
        } catch {
            try? file.close()
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputFile.WriteError(path: path, reason: reason)
        }
        return result
    }
}

/// Line counts for progress bars.
public enum LineCount {
    /// The number of lines of the file at `path` (a last line without a newline counts),
    /// read with `memchr`; nil for standard input or an unreadable file.
    public static func of(_ path: String) -> Int? {
        guard path != "-", let file = try? MappedFile(path: path) else { return nil }
        let bytes = file.bytes
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        var count = 0, offset = 0
        while offset < bytes.count, let found = memchr(base + offset, 0x0A, bytes.count - offset) {
            count += 1
            offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return count + (bytes.last == 0x0A ? 0 : 1)
    }
}
