import KnowledgeBase
import Sampling
import XCTest

/// Extraction records with unique ids, for building small hand-made graphs.
public struct SamplingRecords {
    public init() {}

    public var lines: [String] = []

    /// Adds `times` records that mention `topics` and `kps`.
    public mutating func add(_ topics: [String], _ kps: [String] = [], times: Int = 1, level: String? = nil) {
        for _ in 0..<times {
            lines.append(recordLine("r\(lines.count)", topics: topics, kps: kps, level: level))
        }
    }
}

/// A real knowledge base in a temporary folder, ingested from records, and its snapshot.
public final class SamplingFixture {
    public let folder = TemporaryFolder()
    public let kb: KnowledgeBase
    public let snapshot: GraphSnapshot

    public init(_ records: SamplingRecords) throws {
        let file = folder.write("records.jsonl", records.lines.joined(separator: "\n") + "\n")
        kb = try KnowledgeBase(path: folder.databasePath, create: true)
        _ = try Ingester(knowledgeBase: kb).ingest(files: [file])
        snapshot = try kb.snapshot()
    }

    /// The node of the concept named exactly `name`.
    public func node(_ name: String, file: StaticString = #filePath, line: UInt = #line) -> Int32 {
        guard let index = snapshot.names.firstIndex(of: name) else {
            XCTFail("no concept named \(name) in \(snapshot.names)", file: file, line: line)
            return -1
        }
        return Int32(index)
    }

    public func name(_ node: Int32) -> String { snapshot.names[Int(node)] }
    public func names(_ nodes: [Int32]) -> [String] { nodes.map(name) }
    public func kind(_ node: Int32) -> ConceptKind { snapshot.kinds[Int(node)] }

    public func graph(_ transform: WeightTransform = .count, temperature: Double = 1, minimumProblems: Int = 1) -> SamplingGraph {
        SamplingGraph(snapshot: snapshot, transform: transform, temperature: temperature, minimumProblems: minimumProblems)
    }

    /// The co-occurrence count of `a` and `b` in the snapshot (0 when not adjacent).
    public func count(_ a: Int32, _ b: Int32) -> Int32 {
        let adjacency = snapshot.neighbours(ofKind: kind(b))
        for i in adjacency.range(of: Int(a)) where adjacency.targets[i] == b { return adjacency.counts[i] }
        return 0
    }

    public func adjacent(_ a: Int32, _ b: Int32) -> Bool { count(a, b) > 0 }

    /// Neighbours of `node` of `kind`, from the snapshot.
    public func neighbours(_ node: Int32, _ kind: ConceptKind) -> Set<Int32> {
        let adjacency = snapshot.neighbours(ofKind: kind)
        return Set(adjacency.range(of: Int(node)).map { adjacency.targets[$0] })
    }
}
