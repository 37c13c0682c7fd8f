import KnowledgeBase
import LLMFormats

/// The seed problems of a JSONL file, read one line at a time (the file is never held
/// whole), each with the `custom_id` its request and answer carry.
///
/// The id is the seed's own `id`, or `StableID.forText` of its text when it has none.
/// - A seed without an id whose text repeats an earlier seed's (datasets do repeat
///   problems) is the same seed: it is skipped and counted in `repeats`, so it is asked
///   about once and gets one record.
/// - Two seeds with the same explicit id are an error at the second one's line, naming the
///   first: answers are joined to seeds by id, so it must be unique.
/// - A malformed line is an error with its line and field; with `skipBad` it is skipped,
///   counted in `skipped` and handed to `onSkip` (for `--rejects`).
///
/// Blank lines are skipped. A UTF-8 byte order mark at the start is ignored.
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
    /// Whether malformed lines are skipped (and counted) instead of stopping the file.
    public let skipBad: Bool
    /// The line each id was first seen on.
    private var firstLines: [UInt64: Int] = [:]
    /// The first malformed line met (without `skipBad`); iteration stops there.
    public private(set) var error: RecordError?
    /// Seeds without an id whose text repeated an earlier seed's, skipped.
    public private(set) var repeats = 0
    /// The first repeat: its line and the line of the seed it repeats.
    public private(set) var firstRepeat: (line: Int, of: Int)?
    /// Malformed lines skipped with `skipBad`, in file order.
    public private(set) var skipped: [RecordError] = []
    /// Called with each skipped line's error and its bytes (nil when too long to keep).
    public var onSkip: ((RecordError, UnsafeBufferPointer<UInt8>?) throws -> Void)?

    public init(
        path: String, textFields: [String] = SeedProblem.defaultTextFields, skipBad: Bool = false,
        maximumLineBytes: Int = 16 << 20
    ) throws {
        self.path = path
        self.textFields = textFields
        self.skipBad = skipBad
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

    /// The next seed, throwing the `RecordError` of a malformed line (unless `skipBad`);
    /// nil at the end.
    public func nextSeed() throws -> Seed? {
        if let error { throw error }
        while true {
            let seed: Seed?? = try reader.withNextLine { line -> Seed? in
                let location = RecordLocation(file: path, line: reader.lineNumber)
                do {
                    return try self.seed(line, at: location)
                } catch let error as RecordError where skipBad {
                    skipped.append(error)
                    if case .bytes(let bytes) = line { try onSkip?(error, bytes) } else { try onSkip?(error, nil) }
                    return nil
                }
            }
            switch seed {
            case nil: return nil  // end of file
            case .some(nil): continue  // a blank, repeated or skipped line
            case .some(let found?): return found
            }
        }
    }

    /// The seed of one line; nil for a blank line or a repeat.
    private func seed(_ line: LineReader.Line, at location: RecordLocation) throws -> Seed? {
        switch line {
        case .tooLong(let bytes):
            throw RecordError(location: location, problem: .lineTooLong(bytes: bytes, limit: reader.maximumLineBytes))
        case .bytes(let bytes):
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
            let problem = try SeedProblem(line: bytes, at: location, textFields: textFields)
            let customID = problem.id ?? StableID.forText(problem.text)
            let key = StableID.fnv1a(customID)
            if let first = firstLines[key] {
                guard problem.id == nil else {
                    throw RecordError(location: location, field: "id", problem: .duplicateID(customID, firstLine: first))
                }
                repeats += 1
                if firstRepeat == nil { firstRepeat = (location.line, first) }
                return nil
            }
            firstLines[key] = location.line
            return Seed(problem: problem, customID: customID, location: location)
        }
    }

    /// What a whole pass over the file found.
    public struct Scan: Equatable, Sendable {
        /// Distinct seeds.
        public var seeds = 0
        /// Repeated texts without an id (skipped: one seed each).
        public var repeats = 0
        /// The first repeat's line and the line it repeats.
        public var firstRepeatLine: Int?
        public var firstRepeatOf: Int?
        /// Malformed lines (all of them with `skipBad`; else only the first, which stops the scan).
        public var bad: [RecordError] = []

        /// "; 2 repeated texts sent once (first: line 298 repeats line 126); skipped 1 bad line (line 3: …)".
        public var notes: String {
            var text = ""
            if repeats > 0, let line = firstRepeatLine, let of = firstRepeatOf {
                text += "; \(repeats) repeated problem text\(repeats == 1 ? "" : "s") without an id, sent once (first: line \(line) repeats line \(of))"
            }
            if !bad.isEmpty {
                text += "; skipped \(bad.count) bad line\(bad.count == 1 ? "" : "s") (first: \(bad[0]))"
            }
            return text
        }
    }

    /// Reads the whole file once: how many seeds, repeats and bad lines it has. Without
    /// `skipBad` the first bad line is thrown, so nothing is sent for a file that would
    /// stop half-way.
    /// `onSkip` gets each skipped line (for `--bad-seeds`).
    public static func scan(
        path: String, textFields: [String] = SeedProblem.defaultTextFields, skipBad: Bool = false,
        onSkip: ((RecordError, UnsafeBufferPointer<UInt8>?) throws -> Void)? = nil
    ) throws -> Scan {
        let file = try SeedFile(path: path, textFields: textFields, skipBad: skipBad)
        file.onSkip = onSkip
        var scan = Scan()
        while try file.nextSeed() != nil { scan.seeds += 1 }
        scan.repeats = file.repeats
        scan.firstRepeatLine = file.firstRepeat?.line
        scan.firstRepeatOf = file.firstRepeat?.of
        scan.bad = file.skipped
        return scan
    }
}
