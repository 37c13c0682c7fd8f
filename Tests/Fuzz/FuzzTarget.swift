import Coverage
import Foundation
import KnowledgeBase
import Query

/// One parser kg runs on untrusted input, and how to feed it a generated input.
///
/// Every input is derived from `(seed, index)` alone, so a crash at input `index` is replayed
/// with `kg-bench fuzz --target T --seed S --start index --inputs 1`. A parser may accept an
/// input or reject it with its own typed error; anything else (another error type, an empty
/// message) is counted as unexpected, and a trap ends the process.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// JSONL extraction records: the JSON parser and `RecordDecoder`, as `kg ingest` runs them.
    case records
    /// The query language's parser.
    case query
    /// `CSVReader`, as the importers run it.
    case csv
    /// `CurriculumReader` on a JSONL curriculum file.
    case curriculum

    /// What a run saw.
    public struct Tally: Sendable {
        public var inputs = 0
        public var accepted = 0
        public var rejected = 0
        /// Inputs that failed with an error of the wrong type or an empty message: index and error.
        public var unexpected: [(index: Int, error: String)] = []

        /// An empty tally, to add runs to.
        public init() {}
    }

    /// Feeds inputs `range` of the stream seeded with `seed` to the parser.
    public func run(seed: UInt64, range: Range<Int>, scratchFolder: String = NSTemporaryDirectory()) -> Tally {
        var tally = Tally()
        let scratch = scratchFolder + "/kg-fuzz-\(getpid())-\(rawValue).jsonl"
        defer { unlink(scratch) }
        for index in range {
            var random = SplitMix64(seed: seed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(FuzzTarget.allCases.firstIndex(of: self)!) << 56)
            tally.inputs += 1
            do {
                try feed(&random, scratch: scratch)
                tally.accepted += 1
            } catch {
                let text = String(describing: error)
                if isExpected(error) && !text.isEmpty {
                    tally.rejected += 1
                } else {
                    tally.unexpected.append((index, "\(type(of: error)): \(text)"))
                }
            }
        }
        return tally
    }

    private func isExpected(_ error: Error) -> Bool {
        switch self {
        case .records: return error is RecordError || error is JSONSyntaxError
        case .query: return error is QueryError
        case .csv: return error is CSVError
        case .curriculum: return error is CoverageInputError
        }
    }

    private func feed(_ random: inout SplitMix64, scratch: String) throws {
        switch self {
        case .records:
            let bytes = FuzzInput.mutated(FuzzInput.recordCorpus, tokens: FuzzInput.jsonTokens, &random)
            let decoder = RecordDecoder()
            _ = try bytes.withUnsafeBufferPointer { try decoder.decode($0, at: RecordLocation(file: "fuzz.jsonl", line: 1)) }
        case .query:
            let text: String
            if random.nextInt(below: 2) == 0 {
                text = String(decoding: FuzzInput.mutated(FuzzInput.queryCorpus, tokens: FuzzInput.queryTokens, &random), as: UTF8.self)
            } else {
                let count = 1 + random.nextInt(below: 14)
                text = (0..<count).map { _ in FuzzInput.queryTokens[random.nextInt(below: FuzzInput.queryTokens.count)] }.joined(separator: " ")
            }
            _ = try Query.parse(text)
        case .csv:
            let bytes = FuzzInput.mutated(FuzzInput.csvCorpus, tokens: FuzzInput.csvTokens, &random)
            _ = try CSVReader.records(bytes: bytes, path: "fuzz.csv")
        case .curriculum:
            var lines = FuzzInput.curriculumCorpus[random.nextInt(below: FuzzInput.curriculumCorpus.count)].split(separator: "\n").map { Array($0.utf8) }
            let line = random.nextInt(below: lines.count)
            lines[line] = FuzzInput.mutated([lines[line]], tokens: FuzzInput.jsonTokens, &random)
            if random.nextInt(below: 4) == 0 { lines.swapAt(random.nextInt(below: lines.count), random.nextInt(below: lines.count)) }
            let bytes = Array(lines.joined(separator: [0x0A]))
            let fd = open(scratch, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { return }
            _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            _ = try CurriculumReader.read(path: scratch)
        }
    }
}
