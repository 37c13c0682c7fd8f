/// Formats samples as JSON Lines, one object per sample, fields in a fixed order:
/// `id`, `sampler`, `seed`, `topics`, `knowledge_points`, `topics_text`,
/// `knowledge_points_text`, `walk`, `levels`, then `examples` and `prompt` when asked for.
///
/// Concept names are escaped once, up front, so a line is mostly copies of ready bytes.
public struct SampleWriter {
    /// What `topics_text` and `knowledge_points_text` put between names.
    public static let separator = "; "

    /// Every concept's JSON-escaped name, back to back; node n's is
    /// `nameBytes[nameOffsets[n]..<nameOffsets[n + 1]]`.
    private let names: EscapedNames
    private let prefix: [UInt8]
    private let seedBytes: [UInt8]
    private let snapshot: GraphSnapshot
    /// The line being built (reused).
    public private(set) var line: [UInt8] = []

    public init(snapshot: GraphSnapshot, samplerName: String, seed: UInt64) {
        self.snapshot = snapshot
        names = EscapedNames(snapshot.names)
        var p: [UInt8] = []
        p.append(contentsOf: ",\"sampler\":\"".utf8)
        JSONWriter.appendEscaped(samplerName, to: &p)
        p.append(contentsOf: "\",\"seed\":".utf8)
        prefix = p
        seedBytes = Array(String(seed).utf8)
        line.reserveCapacity(1024)
    }

    private mutating func appendNames(_ nodes: [Int32]) {
        line.append(UInt8(ascii: "["))
        for (i, node) in nodes.enumerated() {
            if i > 0 { line.append(UInt8(ascii: ",")) }
            line.append(UInt8(ascii: "\""))
            line.append(contentsOf: names[node])
            line.append(UInt8(ascii: "\""))
        }
        line.append(UInt8(ascii: "]"))
    }

    private mutating func appendJoined(_ nodes: [Int32]) {
        line.append(UInt8(ascii: "\""))
        for (i, node) in nodes.enumerated() {
            if i > 0 { line.append(contentsOf: SampleWriter.separator.utf8) }
            line.append(contentsOf: names[node])
        }
        line.append(UInt8(ascii: "\""))
    }

    /// The canonical levels at which any of the sample's concepts occurs, K first.
    public func levels(of combination: ConceptCombination) -> [Level] {
        var mask: UInt16 = 0
        for node in combination.walk { mask |= snapshot.levelMasks[Int(node)] }
        return GraphSnapshot.levels(in: mask)
    }

    /// The names of `nodes` joined by the separator: the text of `{topics}` in a template.
    public func joinedNames(_ nodes: [Int32]) -> String {
        nodes.map { snapshot.names[Int($0)] }.joined(separator: SampleWriter.separator)
    }

    /// Builds the line for one sample (with its trailing newline) in `line`.
    public mutating func format(id: Int, combination: ConceptCombination, examples: [String]? = nil, prompt: String? = nil) {
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: "{\"id\":".utf8)
        appendDecimal(id)
        line.append(contentsOf: prefix)
        line.append(contentsOf: seedBytes)
        line.append(contentsOf: ",\"topics\":".utf8)
        appendNames(combination.topics)
        line.append(contentsOf: ",\"knowledge_points\":".utf8)
        appendNames(combination.knowledgePoints)
        line.append(contentsOf: ",\"topics_text\":".utf8)
        appendJoined(combination.topics)
        line.append(contentsOf: ",\"knowledge_points_text\":".utf8)
        appendJoined(combination.knowledgePoints)
        line.append(contentsOf: ",\"walk\":".utf8)
        appendNames(combination.walk)
        line.append(contentsOf: ",\"levels\":[".utf8)
        var mask: UInt16 = 0
        for node in combination.walk { mask |= snapshot.levelMasks[Int(node)] }
        var first = true
        for (rank, quoted) in SampleWriter.quotedLevels.enumerated() where mask & (1 << UInt16(rank)) != 0 {
            if !first { line.append(UInt8(ascii: ",")) }
            first = false
            line.append(contentsOf: quoted)
        }
        line.append(UInt8(ascii: "]"))
        if let examples {
            line.append(contentsOf: ",\"examples\":[".utf8)
            for (i, example) in examples.enumerated() {
                if i > 0 { line.append(UInt8(ascii: ",")) }
                line.append(UInt8(ascii: "\""))
                JSONWriter.appendEscaped(example, to: &line)
                line.append(UInt8(ascii: "\""))
            }
            line.append(UInt8(ascii: "]"))
        }
        if let prompt {
            line.append(contentsOf: ",\"prompt\":\"".utf8)
            JSONWriter.appendEscaped(prompt, to: &line)
            line.append(UInt8(ascii: "\""))
        }
        line.append(contentsOf: "}\n".utf8)
    }

    private static let quotedLevels: [[UInt8]] = Level.allCases.map { Array("\"\($0.rawValue)\"".utf8) }

    private mutating func appendDecimal(_ value: Int) {
        if value == 0 { line.append(48); return }
        var v = value
        var digits: [UInt8] = []
        while v > 0 { digits.append(UInt8(v % 10) + 48); v /= 10 }
        line.append(contentsOf: digits.reversed())
    }
}

/// Concept names escaped for JSON once, stored back to back.
final class EscapedNames {
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let offsets: [Int]

    init(_ names: [String]) {
        var all: [UInt8] = []
        var offsets = [0]
        for name in names {
            JSONWriter.appendEscaped(name, to: &all)
            offsets.append(all.count)
        }
        bytes = .allocate(capacity: max(1, all.count))
        _ = bytes.initialize(from: all)
        self.offsets = offsets
    }

    deinit { bytes.deallocate() }

    subscript(node: Int32) -> UnsafeBufferPointer<UInt8> {
        let n = Int(node)
        return UnsafeBufferPointer(rebasing: bytes[offsets[n]..<offsets[n + 1]])
    }
}
