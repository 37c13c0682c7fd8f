import KnowledgeBase

/// A coverage input file that cannot be used — a curriculum, overrides, target or boost
/// file, or a dataset — with where and what is wrong.
public struct CoverageInputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of file it is ("curriculum", "overrides", "target", "dataset", "boost").
    public var kind: String
    public var path: String
    /// 1-based line, when the problem is on one.
    public var line: Int?
    public var field: String?
    public var message: String

    public init(kind: String, path: String, line: Int? = nil, field: String? = nil, message: String) {
        self.kind = kind
        self.path = path
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = "\(kind) \(path)"
        if let line { text += ":\(line)" }
        if let field { text += ": field '\(field)'" }
        return text + ": " + message
    }
}

/// Typed access to the members of one JSON object read from a line of a coverage input
/// file, with errors that name the file, line and field.
struct CoverageLine {
    let kind: String
    let path: String
    let line: Int
    let object: JSONObject

    func error(_ field: String?, _ message: String) -> CoverageInputError {
        CoverageInputError(kind: kind, path: path, line: line, field: field, message: message)
    }

    func string(_ field: String) throws -> String {
        guard let value = object[field] else { throw error(field, "missing") }
        guard case .string(let text) = value else { throw error(field, "expected a string, found \(value.typeDescription)") }
        let trimmed = LabelList.clean(text)
        guard !trimmed.isEmpty else { throw error(field, "is empty") }
        return trimmed
    }

    func optionalString(_ field: String) throws -> String? {
        switch object[field] {
        case nil, .null?: return nil
        case .string(let text)?:
            let trimmed = LabelList.clean(text)
            return trimmed.isEmpty ? nil : trimmed
        case let value?: throw error(field, "expected a string, found \(value.typeDescription)")
        }
    }

    func strings(_ field: String) throws -> [String] {
        switch object[field] {
        case nil, .null?: return []
        case .array(let elements)?:
            return try elements.enumerated().map { offset, element in
                guard case .string(let text) = element else {
                    throw error(field, "element \(offset + 1) should be a string, found \(element.typeDescription)")
                }
                return LabelList.clean(text)
            }.filter { !$0.isEmpty }
        case let value?: throw error(field, "expected an array of strings, found \(value.typeDescription)")
        }
    }

    func number(_ field: String) throws -> Double {
        guard let value = object[field] else { throw error(field, "missing") }
        guard let number = value.doubleValue, number.isFinite else {
            throw error(field, "expected a number, found \(value.typeDescription)")
        }
        return number
    }

    /// Calls `body` with each non-blank line of a JSONL file, which must be a JSON object.
    static func forEach(kind: String, path: String, _ body: (CoverageLine) throws -> Void) throws {
        do {
            try JSONLines.forEach(path: path) { value, line in
                guard case .object(let object) = value else {
                    throw CoverageInputError(
                        kind: kind, path: path, line: line,
                        message: "expected a JSON object per line, found \(value.typeDescription)")
                }
                try body(CoverageLine(kind: kind, path: path, line: line, object: object))
            }
        } catch let failure as JSONFileError {
            throw CoverageInputError(kind: kind, path: path, line: failure.line, message: failure.message)
        } catch let failure as InputFileError {
            throw CoverageInputError(kind: kind, path: path, message: failure.reason)
        }
    }
}
