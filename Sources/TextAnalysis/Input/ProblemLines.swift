import KnowledgeBase

/// One problem line of a JSONL input, as `ProblemLines.forEach` hands it over.
public struct ProblemLine {
    /// The file (as named) and 1-based line.
    public var location: RecordLocation
    /// The parsed line: its object, text field, text and id.
    public var problem: SeedProblem
    /// The line's bytes as they were (valid only during the call), for writing it back unchanged.
    public var raw: UnsafeBufferPointer<UInt8>
}

/// Reads JSONL files of problems — any object with the text in `problem`, `question`,
/// `text`, `statement` or `prompt` (or the fields given) — line by line. A bad line is a
/// `RecordError` naming the file, the line and the field; blank lines are skipped.
public enum ProblemLines {
    /// The longest line read, in bytes.
    public static let maximumLineBytes = 16 << 20

    /// Calls `body` with each problem line of `path` ("-" is standard input), in order.
    public static func forEach(
        path: String, textFields: [String] = SeedProblem.defaultTextFields, _ body: (ProblemLine) throws -> Void
    ) throws {
        let reader = try LineReader(path: path, maximumLineBytes: maximumLineBytes)
        try reader.forEachLine { line in
            let location = RecordLocation(file: path, line: reader.lineNumber)
            switch line {
            case .tooLong(let bytes):
                throw RecordError(location: location, problem: .lineTooLong(bytes: bytes, limit: maximumLineBytes))
            case .bytes(let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
                let problem = try SeedProblem(line: bytes, at: location, textFields: textFields)
                try body(ProblemLine(location: location, problem: problem, raw: bytes))
            }
        }
    }
}
