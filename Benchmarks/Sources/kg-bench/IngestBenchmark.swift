import Coverage
import Foundation
import KnowledgeBase
import Sampling

/// `kg-bench ingest`: synthetic 1M-record extraction → fresh knowledge base.
enum IngestBenchmark {
    static func run(arguments: [String]) throws {
        let records = Int(option("--records", in: arguments) ?? "") ?? 1_000_000
        let topics = Int(option("--topics", in: arguments) ?? "") ?? 10_000
        let kps = Int(option("--kps", in: arguments) ?? "") ?? 50_000
        let folder = option("--dir", in: arguments) ?? NSTemporaryDirectory()
        let input = folder + "/kg-bench-records.jsonl"
        let db = option("--db", in: arguments) ?? folder + "/kg-bench.sqlite"
        removeDatabase(db)

        print("generating \(records) synthetic records (\(topics) topics, \(kps) KPs, Zipf s=1) …")
        let (bytes, generateSeconds) = try measure {
            try SyntheticRecords(records: records, topics: topics, kps: kps).write(to: input)
        }
        print(String(format: "  %.1f MB of JSONL in %.2f s", Double(bytes) / 1e6, generateSeconds))

        let kb = try KnowledgeBase(path: db, create: true)
        let (summary, seconds) = try measure {
            try Ingester(knowledgeBase: kb).ingest(files: [input])
        }
        let (_, checkpointSeconds) = try measure { try kb.checkpoint() }
        let stats = try kb.statistics(top: 0)
        print("ingest (kg's SQLite layer, one transaction, parse + normalise + write):")
        print("  records:        \(summary.records)")
        print("  seconds:        \(String(format: "%.2f", seconds)) (+ \(String(format: "%.2f", checkpointSeconds)) s WAL checkpoint)")
        print("  records/s:      \(formatRate(Double(summary.records) / seconds))")
        print("  mentions/s:     \(formatRate(Double(summary.mentions) / seconds)) (\(summary.mentions) mentions)")
        print(
            "  edges:          \(stats.edges.total) (topic-topic \(stats.edges.topicTopic), topic-KP \(stats.edges.topicKP), KP-KP \(stats.edges.kpKP))"
        )
        print("  concepts:       \(stats.topics) topics, \(stats.kps) KPs")
        print("  DB size:        \(String(format: "%.1f", Double(fileSize(db)) / 1e6)) MB")
        print("  peak memory:    \(String(format: "%.0f", peakMemoryMiB())) MiB")
        if arguments.contains("--keep") {
            print("  kept \(db) and \(input)")
        } else {
            try? FileManager.default.removeItem(atPath: input)
            removeDatabase(db)
        }
    }
}
