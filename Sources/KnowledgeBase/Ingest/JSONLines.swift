/// Reads a JSONL file into parsed values, with file:line errors; for importers and small inputs.
public enum JSONLines {
    /// Calls `body` with each non-blank line's parsed value and its 1-based line number.
    public static func forEach(path: String, _ body: (JSONValue, Int) throws -> Void) throws {
        let reader = try LineReader(path: path, maximumLineBytes: 64 << 20)
        try reader.forEachLine { line in
            guard case .bytes(let bytes) = line else { return }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            if let offset = UTF8Validation.firstInvalidOffset(bytes) {
                throw JSONFileError(path: path, line: reader.lineNumber, message: "not valid UTF-8 at column \(offset + 1)")
            }
            do {
                try body(try JSONParser.parse(bytes), reader.lineNumber)
            } catch let syntax as JSONSyntaxError {
                throw JSONFileError(path: path, line: reader.lineNumber, message: "not valid JSON: \(syntax)")
            }
        }
    }

    /// Parses a whole JSON file (a JSON array, say).
    public static func readDocument(path: String) throws -> JSONValue {
        let reader = try LineReader(path: path, maximumLineBytes: 1 << 30)
        var bytes: [UInt8] = []
        try reader.forEachLine { line in
            if case .bytes(let b) = line { bytes.append(contentsOf: b); bytes.append(0x0A) }
        }
        do {
            return try JSONParser.parse(bytes)
        } catch let syntax as JSONSyntaxError {
            throw JSONFileError(path: path, line: nil, message: "not valid JSON: \(syntax)")
        }
    }
}

/// A JSON file that could not be read or parsed.
public struct JSONFileError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var line: Int?
    public var message: String
    public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(message)" }
}
