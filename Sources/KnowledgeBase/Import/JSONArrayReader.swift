/// One element of a JSON array document, with where it is.
struct JSONArrayElement {
    var value: JSONValue
    /// 1-based position in the array.
    var index: Int
    /// 1-based line on which the element starts.
    var line: Int
}

/// A JSON array document that cannot be split or parsed, and where.
struct JSONArrayError: Error, CustomStringConvertible, Equatable {
    /// 1-based line of the problem.
    var line: Int
    /// 1-based index of the element being read, when the problem is inside one.
    var element: Int?
    var message: String

    var description: String {
        (element.map { "element \($0), " } ?? "") + "line \(line): " + message
    }
}

/// Splits a document holding one JSON array into its elements and parses each on its own,
/// so that an error names the element and the line it is on, not just a byte offset.
///
/// Datasets shipped as a single pretty-printed JSON array (MathCAMPS, the MathScale sample)
/// are read with this; JSONL files go through `JSONLines`.
enum JSONArrayReader {
    static func elements(of bytes: [UInt8]) throws -> [JSONArrayElement] {
        var scanner = Scanner(bytes: bytes)
        return try scanner.readArray()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1

        init(bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x0A: line += 1; index += 1
                case 0x20, 0x09, 0x0D: index += 1
                default: return
                }
            }
        }

        func found() -> String {
            guard index < bytes.count else { return "the end of the file" }
            let b = bytes[index]
            if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
            return "byte 0x\(String(b, radix: 16, uppercase: true))"
        }

        mutating func readArray() throws -> [JSONArrayElement] {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else {
                throw JSONArrayError(line: line, element: nil, message: "expected a JSON array ('['), found \(found())")
            }
            index += 1
            var elements: [JSONArrayElement] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
            } else {
                while true {
                    skipWhitespace()
                    let number = elements.count + 1
                    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                        throw JSONArrayError(line: line, element: number - 1, message: "trailing comma after the last element")
                    }
                    elements.append(try readElement(number: number))
                    skipWhitespace()
                    guard index < bytes.count else {
                        throw JSONArrayError(line: line, element: number, message: "the array is never closed: expected ',' or ']'")
                    }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; break }
                    throw JSONArrayError(line: line, element: number, message: "expected ',' or ']' after the element, found \(found())")
                }
            }
            skipWhitespace()
            if index < bytes.count {
                throw JSONArrayError(line: line, element: nil, message: "unexpected text after the array: \(found())")
            }
            return elements
        }

        /// Finds where the value starting at `index` ends (the next ',' or ']' outside strings
        /// and brackets) and parses it.
        mutating func readElement(number: Int) throws -> JSONArrayElement {
            let start = index
            let startLine = line
            var depth = 0
            var inString = false
            scan: while index < bytes.count {
                let b = bytes[index]
                if inString {
                    if b == UInt8(ascii: "\\") {
                        index += 1
                        if index < bytes.count, bytes[index] == 0x0A { line += 1 }
                    } else if b == UInt8(ascii: "\"") {
                        inString = false
                    } else if b == 0x0A {
                        line += 1
                    }
                    index += 1
                    continue
                }
                switch b {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { break scan }
                    depth -= 1
                case UInt8(ascii: ","):
                    if depth == 0 { break scan }
                case 0x0A: line += 1
                default: break
                }
                index += 1
            }
            let end = min(index, bytes.count)
            let invalid = bytes.withUnsafeBufferPointer { buffer in
                UTF8Validation.firstInvalidOffset(UnsafeBufferPointer(rebasing: buffer[start..<end]))
            }
            if let invalid {
                var errorLine = startLine
                for i in start..<(start + invalid) where bytes[i] == 0x0A { errorLine += 1 }
                throw JSONArrayError(line: errorLine, element: number, message: "not valid UTF-8")
            }
            do {
                let value = try bytes.withUnsafeBufferPointer { buffer in
                    try JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[start..<end]))
                }
                return JSONArrayElement(value: value, index: number, line: startLine)
            } catch let syntax as JSONSyntaxError {
                // The parser's column counts bytes from the element's start; turn it into a line.
                let offset = min(start + syntax.column - 1, end)
                var errorLine = startLine
                for i in start..<offset where bytes[i] == 0x0A { errorLine += 1 }
                throw JSONArrayError(line: errorLine, element: number, message: "not valid JSON: \(syntax.message)")
            }
        }
    }
}
