/// One row of a dataset file (a JSONL line, a JSON array element or a CSV record) as a JSON
/// object, with typed field access whose failures are `ImportError`s that say where.
struct DatasetRow {
    /// The dataset's name, for errors.
    let dataset: String
    /// The file the row is in.
    let path: String
    /// 1-based line (JSONL, CSV) or element index (JSON array), as `ImportError.line` defines.
    let position: Int
    /// Put before every message, e.g. "element 3 (line 40): " for JSON arrays.
    let context: String
    let object: JSONObject

    /// An error about this row.
    func error(field: String?, _ message: String) -> ImportError {
        ImportError(dataset: dataset, path: path, line: position, field: field, message: context + message)
    }

    /// The raw value of `field`, nil when absent.
    subscript(field: String) -> JSONValue? { object[field] }

    /// A string field that must be present and not blank.
    func string(_ field: String) throws -> String {
        guard let value = object[field] else { throw error(field: field, "missing") }
        guard case .string(let text) = value else {
            throw error(field: field, "expected a string, found \(value.typeDescription)")
        }
        guard !LabelList.clean(text).isEmpty else { throw error(field: field, "is empty") }
        return text
    }

    /// A string field that may be absent or null.
    func optionalString(_ field: String) throws -> String? {
        switch object[field] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let value?: throw error(field: field, "expected a string or null, found \(value.typeDescription)")
        }
    }

    /// An identifier that may be written as a string or as an integer.
    func identifier(_ field: String) throws -> String {
        guard let value = object[field] else { throw error(field: field, "missing") }
        switch value {
        case .string(let text) where !LabelList.clean(text).isEmpty: return text
        case .number(let text) where Int(text) != nil: return text
        default: throw error(field: field, "expected a non-empty string or an integer, found \(value.typeDescription)")
        }
    }

    /// An array of strings that must be present (it may be empty).
    func stringArray(_ field: String) throws -> [String] {
        guard let value = object[field] else { throw error(field: field, "missing") }
        guard case .array(let elements) = value else {
            throw error(field: field, "expected an array of strings, found \(value.typeDescription)")
        }
        return try elements.enumerated().map { offset, element in
            guard case .string(let text) = element else {
                throw error(field: field, "element \(offset + 1) should be a string, found \(element.typeDescription)")
            }
            return text
        }
    }
}
