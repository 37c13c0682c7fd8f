import KnowledgeBase
import LLMFormats

/// The extraction requests of a seed file, one per seed, streamed: as Batch API lines
/// (`kg extract requests`) or as requests for a live run (`kg extract run`).
public enum ExtractionRequests {
    /// Writes one Batch API request line per seed; returns how many. A malformed seed line
    /// throws its `RecordError`.
    public static func write(seeds: SeedFile, builder: ExtractionRequestBuilder, to output: OutputFile) throws -> Int {
        var count = 0
        var w = JSONWriter()
        while let seed = try seeds.nextSeed() {
            w.clear()
            BatchRequestLine.write(customID: seed.customID, request: builder.request(problem: seed.problem.text), to: &w)
            w.endLine()
            try output.write(w.bytes)
            count += 1
        }
        try output.close()
        return count
    }

    /// The seeds' requests, built as they are pulled; iteration stops at a malformed seed
    /// line, which `seeds.error` then holds.
    public static func pending(seeds: SeedFile, builder: ExtractionRequestBuilder) -> AnySequence<PendingRequest> {
        AnySequence {
            AnyIterator {
                guard let seed = seeds.next() else { return nil }
                var w = JSONWriter()
                builder.request(problem: seed.problem.text).writeBody(to: &w)
                return PendingRequest(customID: seed.customID, body: w.bytes)
            }
        }
    }
}
