import KnowledgeBase
import LLMFormats

/// The seed problems of a JSONL file, read one line at a time (the file is never held
/// whole), each with the `custom_id` its request and answer carry.
///
/// The id is the seed's own `id`, or `StableID.forText` of its text when it has none. Two
/// seeds with the same id are an error at the second one's line: answers are joined to
/// seeds by id, so it must be unique. Blank lines are skipped.
public final class SeedFile: Sequence, IteratorProtocol {
    /// One seed and where it was.
    public struct Seed {
        public var problem: SeedProblem
        public var customID: String
        public var location: RecordLocation
    }

    public let path: String
    private let reader: LineReader
    private let textFields: [String]
    private var seen: Set<UInt64> = []
    /// The first malformed line met; iteration stops there.
    public private(set) var error: RecordError?

    public init(path: String, textFields: [String] = SeedProblem.defaultTextFields, maximumLineBytes: Int = 16 << 20) throws {
        self.path = path
        self.textFields = textFields
        reader = try LineReader(path: path, maximumLineBytes: maximumLineBytes)
    }

    /// The next seed; nil at the end of the file or at a malformed line (see `error`).
    public func next() -> Seed? {
        guard error == nil else { return nil }
        do {
            return try nextSeed()
        } catch let error as RecordError {
            self.error = error
        } catch {
            self.error = RecordError(location: RecordLocation(file: path, line: reader.lineNumber), problem: .unreadable(String(describing: error)))
        }
        return nil
    }

    /// The next seed, throwing the `RecordError` of a malformed line; nil at the end.
    public func nextSeed() throws -> Seed? {
        if let error { throw error }
        while true {
            let seed: Seed?? = try reader.withNextLine { line -> Seed? in
                let location = RecordLocation(file: path, line: reader.lineNumber)
                switch line {
                case .tooLong(let bytes):
                    throw RecordError(location: location, problem: .lineTooLong(bytes: bytes, limit: reader.maximumLineBytes))
                case .bytes(let bytes):
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
                    let problem = try SeedProblem(line: bytes, at: location, textFields: textFields)
                    let customID = problem.id ?? StableID.forText(problem.text)
                    guard seen.insert(StableID.fnv1a(customID)).inserted else {
                        throw RecordError(
                            location: location, field: problem.id == nil ? problem.textField : "id",
                            problem: .duplicateID(customID))
                    }
                    return Seed(problem: problem, customID: customID, location: location)
                }
            }
            switch seed {
            case nil: return nil  // end of file
            case .some(nil): continue  // a blank line
            case .some(let found?): return found
            }
        }
    }
}
