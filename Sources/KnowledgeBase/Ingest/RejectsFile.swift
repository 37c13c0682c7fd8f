/// The file `kg ingest --skip-bad --rejects FILE` keeps skipped lines in: each as a
/// `# error` comment line followed by the line itself, so a fixed copy can be ingested again.
public final class RejectsFile {
    private let file: OutputFile

    /// Creates (or truncates) the file; throws `OutputFile.WriteError` when it cannot be
    /// written, before anything is ingested.
    public init(path: String) throws {
        file = try OutputFile(path: path)
    }

    /// Keeps one skipped line (`raw` nil: too long to keep).
    public func write(_ error: RecordError, raw: UnsafeBufferPointer<UInt8>?) throws {
        try file.write("# \(error)\n")
        if let raw { try file.write(raw) } else { try file.write("# (line not kept: too long)") }
        try file.write([0x0A])
    }

    /// Writes out what is buffered and closes the file.
    public func close() throws {
        try file.close()
    }
}
