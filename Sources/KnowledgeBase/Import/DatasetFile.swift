/// One file of a dataset being imported: finds the files behind a path and reads their rows,
/// turning every read or parse failure into an `ImportError` with the file and line.
struct DatasetFile {
    /// The dataset's name, for errors.
    let dataset: String
    let path: String

    /// The files to read for `path`: the file itself, or for a folder the `defaults` inside it,
    /// in that order (each must exist).
    static func resolve(dataset: String, path: String, folderDefaults: [String]) throws -> [DatasetFile] {
        guard LocalFile.exists(path) else {
            throw ImportError(dataset: dataset, path: path, message: "no such file or folder")
        }
        guard LocalFile.isDirectory(path) else { return [DatasetFile(dataset: dataset, path: path)] }
        return try folderDefaults.map { name in
            let file = LocalFile.join(path, name)
            guard LocalFile.exists(file) else {
                throw ImportError(
                    dataset: dataset, path: path,
                    message: "the folder has no \(name); pass the dataset's file itself, or a folder holding "
                        + folderDefaults.joined(separator: " and "))
            }
            return DatasetFile(dataset: dataset, path: file)
        }
    }

    /// Every record of the JSONL files behind `path` (see `resolve`), one per line that
    /// `record` makes one of, in file order: what most importers' `records(at:)` is.
    static func jsonLineRecords(
        dataset: String, path: String, folderDefaults: [String], _ record: (DatasetRow) throws -> ExtractionRecord?
    ) throws -> [ExtractionRecord] {
        var records: [ExtractionRecord] = []
        for file in try resolve(dataset: dataset, path: path, folderDefaults: folderDefaults) {
            try file.forEachJSONLine { row in
                if let made = try record(row) { records.append(made) }
            }
        }
        return records
    }

    /// The file's name without its folder.
    var fileName: String { LocalFile.baseName(path) }

    /// An error about this file.
    func error(line: Int? = nil, field: String? = nil, _ message: String) -> ImportError {
        ImportError(dataset: dataset, path: path, line: line, field: field, message: message)
    }

    /// Calls `body` with each non-blank line of a JSONL file, which must be a JSON object.
    func forEachJSONLine(_ body: (DatasetRow) throws -> Void) throws {
        do {
            try JSONLines.forEach(path: path) { value, line in
                guard case .object(let object) = value else {
                    throw error(line: line, "expected a JSON object, found \(value.typeDescription)")
                }
                try body(DatasetRow(dataset: dataset, path: path, position: line, context: "", object: object))
            }
        } catch let failure as JSONFileError {
            throw error(line: failure.line, failure.message)
        } catch let failure as InputFileError {
            throw error(failure.reason)
        }
    }

    /// Calls `body` with each element of a file holding one JSON array of objects; the row's
    /// position is the 1-based element index, and messages name the element's line.
    func forEachJSONElement(_ body: (DatasetRow) throws -> Void) throws {
        let elements: [JSONArrayElement]
        do {
            elements = try JSONArrayReader.elements(of: try LocalFile.bytes(atPath: path))
        } catch let failure as JSONArrayError {
            let context = failure.element.map { "element \($0) (line \(failure.line)): " } ?? "line \(failure.line): "
            throw error(line: failure.element, context + failure.message)
        } catch let failure as InputFileError {
            throw error(failure.reason)
        }
        for element in elements {
            let context = "element \(element.index) (line \(element.line)): "
            guard case .object(let object) = element.value else {
                throw error(line: element.index, context + "expected a JSON object, found \(element.value.typeDescription)")
            }
            try body(DatasetRow(dataset: dataset, path: path, position: element.index, context: context, object: object))
        }
    }

    /// Calls `body` with each record of a CSV file with a header line, as an object from
    /// column name to (string) value. The header must name every column in `requiredColumns`
    /// and every record must have as many fields as the header.
    func forEachCSVRow(requiredColumns: [String], _ body: (DatasetRow) throws -> Void) throws {
        do {
            var reader = try CSVReader(path: path)
            guard let header = try reader.next() else { throw error("the file is empty; expected a header line") }
            for column in requiredColumns where !header.fields.contains(column) {
                throw error(
                    line: header.line, field: column,
                    "the header has no column '\(column)' (it has \(header.fields.joined(separator: ", ")))")
            }
            while let record = try reader.next() {
                guard record.fields.count == header.fields.count else {
                    throw error(
                        line: record.line,
                        "the record has \(record.fields.count) fields but the header has "
                            + "\(header.fields.count); check for an unquoted comma or a missing quote")
                }
                let object = JSONObject(zip(header.fields, record.fields).map { (key: $0, value: .string($1)) })
                try body(DatasetRow(dataset: dataset, path: path, position: record.line, context: "", object: object))
            }
        } catch let failure as CSVError {
            throw error(line: failure.line, "column \(failure.column): \(failure.message)")
        } catch let failure as InputFileError {
            throw error(failure.reason)
        }
    }
}
