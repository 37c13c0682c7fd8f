/// One CSV record: its fields, in order, and the line it starts on.
public struct CSVRecord: Equatable, Sendable {
    /// The field values, unquoted (`""` inside a quoted field is one `"`).
    public var fields: [String]
    /// 1-based line on which the record starts (a quoted field may span several lines).
    public var line: Int

    /// A record with `fields` starting on `line`.
    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// A CSV text that breaks RFC 4180, and where.
public struct CSVError: Error, CustomStringConvertible, Equatable {
    /// The file, as given to the reader ("" when reading bytes with no name).
    public var path: String
    /// 1-based line of the problem.
    public var line: Int
    /// 1-based byte column of the problem within its line.
    public var column: Int
    public var message: String

    /// An error at `line`:`column` of `path`.
    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:column: message`, as compilers print it.
    public var description: String { "\(path.isEmpty ? "" : path + ":")\(line):\(column): \(message)" }
}

/// Reads comma-separated values as RFC 4180 defines them: records end with CRLF or LF,
/// fields are separated by commas, and a field in double quotes may hold commas, line
/// breaks and doubled quotes.
///
/// The reader is strict where guessing would corrupt data: a quote inside an unquoted field,
/// text after a closing quote, an unterminated quoted field and invalid UTF-8 are errors with
/// their line and column. It is lenient where nothing is lost: a UTF-8 byte-order mark is
/// skipped, the last record may lack a line break, and blank lines between records are
/// skipped.
///
/// ```swift
/// var reader = try CSVReader(path: "kmx_train.csv")
/// while let record = try reader.next() { print(record.line, record.fields) }
/// ```
public struct CSVReader {
    /// The file name used in errors.
    public let path: String
    private let bytes: [UInt8]
    private var index: Int
    private var line = 1
    private var lineStart: Int

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    /// Reads from `bytes`; `path` only names them in errors. Throws `CSVError` when the
    /// bytes are not valid UTF-8.
    public init(bytes: [UInt8], path: String = "") throws {
        self.path = path
        self.bytes = bytes
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        index = start
        lineStart = start
        let invalid = bytes.withUnsafeBufferPointer { buffer in
            UTF8Validation.firstInvalidOffset(UnsafeBufferPointer(rebasing: buffer[start...]))
        }
        if let invalid {
            let offset = start + invalid
            var line = 1
            var lineStart = start
            for i in start..<offset where bytes[i] == CSVReader.lineFeed {
                line += 1
                lineStart = i + 1
            }
            throw CSVError(path: path, line: line, column: offset - lineStart + 1, message: "not valid UTF-8")
        }
    }

    /// Reads the file at `path`; throws `InputFileError` when it cannot be read.
    public init(path: String) throws {
        try self.init(bytes: try LocalFile.bytes(atPath: path), path: path)
    }

    /// All records, in order.
    public static func records(bytes: [UInt8], path: String = "") throws -> [CSVRecord] {
        var reader = try CSVReader(bytes: bytes, path: path)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// The next record, or nil at the end of the text.
    public mutating func next() throws -> CSVRecord? {
        skipBlankLines()
        guard index < bytes.count else { return nil }
        let recordLine = line
        var fields: [String] = []
        while true {
            fields.append(try readField())
            guard index < bytes.count else { return CSVRecord(fields: fields, line: recordLine) }
            let b = bytes[index]
            if b == CSVReader.comma {
                index += 1
                continue
            }
            // readField stops only at a comma, a line break or the end.
            consumeLineBreak()
            return CSVRecord(fields: fields, line: recordLine)
        }
    }

    private mutating func skipBlankLines() {
        while index < bytes.count {
            if bytes[index] == CSVReader.lineFeed {
                index += 1
                newLine()
            } else if bytes[index] == CSVReader.carriageReturn, index + 1 < bytes.count,
                bytes[index + 1] == CSVReader.lineFeed
            {
                index += 2
                newLine()
            } else {
                return
            }
        }
    }

    private mutating func newLine() {
        line += 1
        lineStart = index
    }

    /// Consumes the LF or CRLF at `index`.
    private mutating func consumeLineBreak() {
        if bytes[index] == CSVReader.carriageReturn { index += 1 }
        index += 1
        newLine()
    }

    private func isLineBreak(at i: Int) -> Bool {
        bytes[i] == CSVReader.lineFeed
            || (bytes[i] == CSVReader.carriageReturn && i + 1 < bytes.count && bytes[i + 1] == CSVReader.lineFeed)
    }

    private func error(_ message: String, at position: Int) -> CSVError {
        CSVError(path: path, line: line, column: position - lineStart + 1, message: message)
    }

    private mutating func readField() throws -> String {
        guard index < bytes.count, bytes[index] == CSVReader.quote else { return try readUnquotedField() }
        let openingLine = line
        let openingColumn = index - lineStart + 1
        index += 1
        var value: [UInt8] = []
        var runStart = index
        while index < bytes.count {
            let b = bytes[index]
            if b == CSVReader.quote {
                value.append(contentsOf: bytes[runStart..<index])
                if index + 1 < bytes.count, bytes[index + 1] == CSVReader.quote {
                    value.append(CSVReader.quote)
                    index += 2
                    runStart = index
                    continue
                }
                index += 1
                if index < bytes.count, bytes[index] != CSVReader.comma, !isLineBreak(at: index) {
                    throw error(
                        "unexpected text after the closing quote of a field; "
                            + "a quote inside a quoted field must be doubled (\"\")", at: index)
                }
                return String(decoding: value, as: UTF8.self)
            }
            index += 1
            if b == CSVReader.lineFeed { newLine() }
        }
        throw CSVError(
            path: path, line: openingLine, column: openingColumn,
            message: "quoted field is never closed: add the missing closing quote")
    }

    private mutating func readUnquotedField() throws -> String {
        let start = index
        while index < bytes.count {
            let b = bytes[index]
            if b == CSVReader.comma || isLineBreak(at: index) { break }
            if b == CSVReader.quote {
                throw error("quote inside an unquoted field: quote the whole field and double the quote (\"\")", at: index)
            }
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }
}
