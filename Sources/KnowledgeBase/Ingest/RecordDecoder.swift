/// Turns one line of JSONL into an `ExtractionRecord`, or a `RecordError` naming the field.
public struct RecordDecoder: Sendable {
    /// Longest line accepted, in bytes.
    public var maximumLineBytes: Int
    /// Longest concept name accepted, in characters.
    public var maximumNameLength: Int
    /// Most topics, or most knowledge points, one record may carry.
    public var maximumNamesPerField: Int
    /// The field that holds a record's id (`id` unless the file names it otherwise).
    public var idField: String
    /// Whether a line without an id gets one from where it is (see `AutoID`).
    public var autoID: Bool

    public init(
        maximumLineBytes: Int = 1 << 20, maximumNameLength: Int = 300, maximumNamesPerField: Int = 64,
        idField: String = "id", autoID: Bool = false
    ) {
        self.maximumLineBytes = maximumLineBytes
        self.maximumNameLength = maximumNameLength
        self.maximumNamesPerField = maximumNamesPerField
        self.idField = idField
        self.autoID = autoID
    }

    /// Fields that hold the text of a raw problem; a line with one of them and no topics is a
    /// problem that has not been tagged yet, not a broken record.
    static let rawTextFields = ["problem", "question", "text", "prompt"]

    static let knownFields: Set<String> = ["id", "source", "problem", "level", "topics", "knowledge_points"]

    /// Decodes the bytes of one line (without its newline).
    package func decode(_ line: UnsafeBufferPointer<UInt8>, at location: RecordLocation) throws -> ExtractionRecord {
        if line.count > maximumLineBytes {
            throw RecordError(location: location, problem: .lineTooLong(bytes: line.count, limit: maximumLineBytes))
        }
        return try decode(try JSONValue(line: line, at: location), at: location)
    }

    /// Decodes an already-parsed JSON value.
    public func decode(_ value: JSONValue, at location: RecordLocation) throws -> ExtractionRecord {
        guard case .object(let object) = value else {
            throw RecordError(location: location, problem: .notAnObject(found: value.typeDescription))
        }
        func fail(_ field: String, _ problem: RecordError.Problem) -> RecordError {
            RecordError(location: location, field: field, problem: problem)
        }
        var id: String?
        var source: String?, problem: String?, level: Level?
        var topics: [String]?, kps: [String]?
        var extra = JSONObject()
        for (key, member) in object.members {
            if key == idField {
                switch member {
                case .string(let s) where !s.isEmpty: id = s
                case .string: throw fail(idField, .wrongType(expected: "a non-empty string", found: "an empty string"))
                case .number(let n) where Int(n) != nil: id = n
                default: throw fail(idField, .wrongType(expected: "a string (or an integer)", found: member.typeDescription))
                }
                continue
            }
            switch key {
            case "source": source = try optionalString(member, field: "source", location: location)
            case "problem": problem = try optionalString(member, field: "problem", location: location)
            case "level":
                if let text = try optionalString(member, field: "level", location: location), !text.isEmpty {
                    guard let parsed = Level(parsing: text) else { throw fail("level", .unknownLevel(text)) }
                    level = parsed
                }
            case "topics": topics = try names(member, field: "topics", location: location)
            case "knowledge_points": kps = try names(member, field: "knowledge_points", location: location)
            default: extra.members.append((key, member))
            }
        }
        if topics == nil && kps == nil,
            let textField = Self.rawTextFields.first(where: { field in
                object.members.contains { key, value in
                    if key == field, case .string = value { return true }
                    return false
                }
            })
        {
            throw fail("topics", .rawProblem(textField: textField))
        }
        guard let id = id ?? (autoID ? AutoID.id(for: location) : nil) else {
            throw fail(idField, idField == "id" ? .missingIDField : .missingField)
        }
        guard let topics else { throw fail("topics", .missingField) }
        guard let kps else { throw fail("knowledge_points", .missingField) }
        if topics.isEmpty { throw fail("topics", .emptyTopics) }
        return ExtractionRecord(
            id: id, source: source, problem: problem, level: level,
            topics: topics, knowledgePoints: kps, extra: extra)
    }

    private func optionalString(_ value: JSONValue, field: String, location: RecordLocation) throws -> String? {
        switch value {
        case .null: return nil
        case .string(let s): return s
        default:
            throw RecordError(
                location: location, field: field,
                problem: .wrongType(expected: "a string or null", found: value.typeDescription))
        }
    }

    private func names(_ value: JSONValue, field: String, location: RecordLocation) throws -> [String] {
        guard case .array(let elements) = value else {
            throw RecordError(
                location: location, field: field,
                problem: .wrongType(expected: "an array of strings", found: value.typeDescription))
        }
        if elements.count > maximumNamesPerField {
            throw RecordError(
                location: location, field: field,
                problem: .tooManyNames(count: elements.count, limit: maximumNamesPerField))
        }
        var result: [String] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard case .string(let name) = element else {
                throw RecordError(
                    location: location, field: "\(field)[\(index)]",
                    problem: .wrongType(expected: "a string", found: element.typeDescription))
            }
            let length = name.unicodeScalars.count
            if length > maximumNameLength {
                throw RecordError(
                    location: location, field: "\(field)[\(index)]",
                    problem: .nameTooLong(index: index, length: length, limit: maximumNameLength))
            }
            result.append(name)
        }
        return result
    }
}
