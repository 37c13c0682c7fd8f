import ArgumentParser
import TextAnalysis

/// The MinHash options `kg dedup` and `kg decontaminate` share; defaults are BigCode's
/// (docs/dedup.md).
struct MinHashOptions: ParsableArguments {
    @Option(help: "Words per shingle (MinHash).")
    var ngram: Int = 5

    @Option(help: "Hash functions per MinHash signature.")
    var permutations: Int = 256

    @Option(help: "LSH bands (bands × rows ≤ permutations).")
    var bands: Int = 25

    @Option(help: "Rows per LSH band.")
    var rows: Int = 10

    @Option(help: "Estimated Jaccard similarity at which two problems are near-duplicates.")
    var threshold: Double = 0.7

    @Option(help: "Seed of the hash functions.")
    var seed: UInt64 = 42

    @Option(help: "Problems with fewer words (numbers not counted) get no MinHash signature.")
    var minWords: Int = 5

    var settings: MinHashSettings {
        var settings = MinHashSettings()
        settings.ngram = ngram
        settings.permutations = permutations
        settings.bands = bands
        settings.rows = rows
        settings.threshold = threshold
        settings.seed = seed
        settings.minimumWords = minWords
        return settings
    }

    func validate() throws {
        if let problem = settings.problem { throw ValidationError(problem) }
    }
}
