import Coverage
import Foundation
import KnowledgeBase
import Sampling

/// The two knowledge bases the benchmarks measure, built fresh where no path is given.
enum BenchmarkKnowledgeBases {
    /// The default knowledge base from `seeds` (a `data/seeds` folder), at `path`; returns its problem count.
    @discardableResult
    static func buildDefault(at path: String, seeds: String) throws -> Int {
        removeDatabase(path)
        let records = try DefaultKnowledgeBase.records(seedsFolder: seeds)
        let kb = try KnowledgeBase(path: path, create: true)
        _ = try Ingester(knowledgeBase: kb).ingest(records: records)
        try kb.checkpoint()
        return records.count
    }

    /// The synthetic 1M-record knowledge base of `kg-bench ingest` (without problem texts), at `path`.
    static func buildSynthetic(at path: String, folder: String) throws {
        removeDatabase(path)
        let input = folder + "/kg-bench-records.jsonl"
        print("building the synthetic 1M-record knowledge base …")
        _ = try SyntheticRecords(records: 1_000_000, topics: 10_000, kps: 50_000).write(to: input)
        let kb = try KnowledgeBase(path: path, create: true)
        _ = try Ingester(knowledgeBase: kb, options: IngestOptions(storeProblemText: false)).ingest(files: [input])
        try kb.checkpoint()
        try? FileManager.default.removeItem(atPath: input)
    }
}
