import KnowledgeBase

/// The request lines of a Batch API input file (`kg sample --format openai-batch`, `kg
/// extract requests`, or any other), read one at a time for a live run.
///
/// A line that is not a request (not JSON, no string `custom_id`, no object `body`) stops
/// the iteration with a `RecordError` at its line (`error`). With `model`, every body's
/// model is replaced.
///
/// Chat lines (`kg sample --format chat`: `{"custom_id", "messages"}` without a `body`) are
/// requests too: their body is `{"model", "messages"}`, so they need `model`.
public final class BatchRequestFile: Sequence, IteratorProtocol {
    public let path: String
    private let reader: LineReader
    private let model: String?
    private var seen: Set<UInt64> = []
    /// The first malformed line met; iteration stops there.
    public private(set) var error: RecordError?

    public init(path: String, model: String? = nil) throws {
        self.path = path
        self.model = model
        reader = try LineReader(path: path, maximumLineBytes: 64 << 20)
    }

    public func next() -> PendingRequest? {
        guard error == nil else { return nil }
        do {
            while true {
                let request: PendingRequest?? = try reader.withNextLine { line -> PendingRequest? in
                    let location = RecordLocation(file: path, line: reader.lineNumber)
                    let bytes: UnsafeBufferPointer<UInt8>
                    switch line {
                    case .bytes(let b): bytes = b
                    case .tooLong(let length):
                        throw RecordError(location: location, problem: .lineTooLong(bytes: length, limit: reader.maximumLineBytes))
                    }
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
                    return try decode(bytes, at: location)
                }
                switch request {
                case nil: return nil
                case .some(nil): continue
                case .some(let found?): return found
                }
            }
        } catch let failure as RecordError {
            error = failure
        } catch {
            self.error = RecordError(location: RecordLocation(file: path, line: reader.lineNumber), problem: .unreadable(String(describing: error)))
        }
        return nil
    }

    private func decode(_ bytes: UnsafeBufferPointer<UInt8>, at location: RecordLocation) throws -> PendingRequest {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch let syntax as JSONSyntaxError {
            throw RecordError(location: location, problem: .invalidJSON(syntax))
        }
        guard case .object(let object) = value else { throw RecordError(location: location, problem: .notAnObject(found: value.typeDescription)) }
        guard let id = object["custom_id"] else { throw RecordError(location: location, field: "custom_id", problem: .missingField) }
        guard case .string(let customID) = id else {
            throw RecordError(location: location, field: "custom_id", problem: .wrongType(expected: "a string", found: id.typeDescription))
        }
        if object["body"] == nil, let messages = object["messages"] {
            guard case .array = messages else {
                throw RecordError(location: location, field: "messages", problem: .wrongType(expected: "an array", found: messages.typeDescription))
            }
            guard let model else { throw RecordError(location: location, field: "body", problem: .chatLineWithoutModel) }
            guard seen.insert(StableID.fnv1a(customID)).inserted else {
                throw RecordError(location: location, field: "custom_id", problem: .duplicateID(customID))
            }
            var w = JSONWriter()
            w.value(.object(JSONObject([(key: "model", value: .string(model)), (key: "messages", value: messages)])))
            return PendingRequest(customID: customID, body: w.bytes)
        }
        guard let bodyValue = object["body"] else { throw RecordError(location: location, field: "body", problem: .missingField) }
        guard case .object(var body) = bodyValue else {
            throw RecordError(location: location, field: "body", problem: .wrongType(expected: "an object", found: bodyValue.typeDescription))
        }
        guard seen.insert(StableID.fnv1a(customID)).inserted else {
            throw RecordError(location: location, field: "custom_id", problem: .duplicateID(customID))
        }
        if let model {
            if let index = body.members.firstIndex(where: { $0.key == "model" }) {
                body.members[index].value = .string(model)
            } else {
                body.members.insert((key: "model", value: .string(model)), at: 0)
            }
        }
        var w = JSONWriter()
        w.value(.object(body))
        return PendingRequest(customID: customID, body: w.bytes)
    }
}
