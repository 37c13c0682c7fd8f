import Coverage
import Foundation
import KnowledgeBase
import Sampling

/// Synthetic extraction records shaped like a large LLM extraction: Zipf-like concept
/// frequencies, 1–2 topics and 1–5 KPs per record, KPs clustered around their topic.
struct SyntheticRecords {
    var records: Int
    var topics: Int
    var kps: Int
    var seed: UInt64 = 42
    var exponent: Double = 1.0

    /// Writes the records as JSONL to `path`; returns the byte count.
    func write(to path: String) throws -> Int {
        var random = SplitMix64(seed: seed)
        let topicCDF = SyntheticRecords.zipfCDF(count: topics, exponent: exponent)
        let kpCDF = SyntheticRecords.zipfCDF(count: kps, exponent: exponent)
        let topicNames = (0..<topics).map { "Synthetic Topic \($0)" }
        let kpNames = (0..<kps).map { "synthetic knowledge point \($0)" }
        guard let file = fopen(path, "wb") else { throw BenchError("cannot write \(path)") }
        defer { fclose(file) }
        var writer = JSONWriter()
        var total = 0
        for i in 0..<records {
            let topicCount = 1 + random.nextInt(below: 2)
            let kpCount = 1 + random.nextInt(below: 5)
            var chosenTopics: [Int] = []
            while chosenTopics.count < topicCount {
                let t = SyntheticRecords.draw(topicCDF, &random)
                if !chosenTopics.contains(t) { chosenTopics.append(t) }
            }
            var chosenKPs: [Int] = []
            while chosenKPs.count < kpCount {
                // KPs cluster around their topic: the topic shifts the Zipf rank.
                let k = (SyntheticRecords.draw(kpCDF, &random) + chosenTopics[0] * 7919) % kps
                if !chosenKPs.contains(k) { chosenKPs.append(k) }
            }
            let record = ExtractionRecord(
                id: "synthetic/\(i)", source: "synthetic", level: Level.allCases[i % Level.allCases.count],
                topics: chosenTopics.map { topicNames[$0] }, knowledgePoints: chosenKPs.map { kpNames[$0] })
            record.write(to: &writer)
            writer.endLine()
            if writer.bytes.count > 1 << 20 {
                total += writer.bytes.count
                _ = writer.bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
                writer.clear()
            }
        }
        total += writer.bytes.count
        _ = writer.bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        return total
    }

    static func zipfCDF(count: Int, exponent: Double) -> [Double] {
        var cdf = [Double](repeating: 0, count: count)
        var sum = 0.0
        for rank in 0..<count {
            sum += 1 / pow(Double(rank + 1), exponent)
            cdf[rank] = sum
        }
        return cdf.map { $0 / sum }
    }

    static func draw(_ cdf: [Double], _ random: inout SplitMix64) -> Int {
        let u = random.nextUnit()
        var low = 0, high = cdf.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cdf[mid] < u { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
