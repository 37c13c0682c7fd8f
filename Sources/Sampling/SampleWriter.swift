import KnowledgeBase

/// Formats samples as JSON Lines, one object per sample, fields in a fixed order:
/// `id`, `sampler`, `seed`, `topics`, `knowledge_points`, `topics_text`,
/// `knowledge_points_text`, `walk`, `levels`, then `examples` and `prompt` when asked for.
///
/// Concept names are escaped once, up front, so a line is mostly copies of ready bytes.
public struct SampleWriter {
    /// What `topics_text` and `knowledge_points_text` put between names.
    public static let separator = "; "
    private static let separatorBytes = Array(separator.utf8)

    /// Every concept's JSON-escaped name, back to back; node n's is
    /// `nameBytes[nameOffsets[n]..<nameOffsets[n + 1]]`.
    private let names: EscapedNames
    private let prefix: [UInt8]
    private let seedBytes: [UInt8]
    private let snapshot: GraphSnapshot
    private let buffer = ByteBuffer()
    /// The line last formatted, with its newline.
    public var line: [UInt8] { buffer.array }

    public init(snapshot: GraphSnapshot, samplerName: String, seed: UInt64) {
        self.snapshot = snapshot
        names = EscapedNames(Array(snapshot.names))
        var p: [UInt8] = []
        p.append(contentsOf: ",\"sampler\":\"".utf8)
        JSONWriter.appendEscaped(samplerName, to: &p)
        p.append(contentsOf: "\",\"seed\":".utf8)
        prefix = p
        seedBytes = Array(String(seed).utf8)
    }

    private func appendNames(_ nodes: [Int32]) {
        buffer.append(UInt8(ascii: "["))
        for (i, node) in nodes.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(UInt8(ascii: "\""))
            buffer.append(names[node])
            buffer.append(UInt8(ascii: "\""))
        }
        buffer.append(UInt8(ascii: "]"))
    }

    private func appendJoined(_ nodes: [Int32]) {
        buffer.append(UInt8(ascii: "\""))
        for (i, node) in nodes.enumerated() {
            if i > 0 { buffer.append(SampleWriter.separatorBytes) }
            buffer.append(names[node])
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// The canonical levels at which any of the sample's concepts occurs, K first.
    public func levels(of combination: ConceptCombination) -> [Level] {
        levelSet(of: combination).levels
    }

    /// The levels at which any of the sample's concepts occurs.
    @inline(__always)
    private func levelSet(of combination: ConceptCombination) -> LevelSet {
        var mask = LevelSet()
        for node in combination.walk { mask.formUnion(snapshot.levelMasks[Int(node)]) }
        return mask
    }

    /// The names of `nodes` joined by the separator: the text of `{topics}` in a template.
    public func joinedNames(_ nodes: [Int32]) -> String {
        nodes.map { snapshot.names[Int($0)] }.joined(separator: SampleWriter.separator)
    }

    /// Builds the line for one sample (with its trailing newline) in `line`.
    public func format(id: Int, combination: ConceptCombination, examples: [String]? = nil, prompt: String? = nil) {
        buffer.removeAll()
        buffer.append("{\"id\":" as StaticString)
        appendDecimal(id)
        buffer.append(prefix)
        buffer.append(seedBytes)
        buffer.append(",\"topics\":" as StaticString)
        appendNames(combination.topics)
        buffer.append(",\"knowledge_points\":" as StaticString)
        appendNames(combination.knowledgePoints)
        buffer.append(",\"topics_text\":" as StaticString)
        appendJoined(combination.topics)
        buffer.append(",\"knowledge_points_text\":" as StaticString)
        appendJoined(combination.knowledgePoints)
        buffer.append(",\"walk\":" as StaticString)
        appendNames(combination.walk)
        buffer.append(",\"levels\":[" as StaticString)
        let mask = levelSet(of: combination)
        var first = true
        for (rank, quoted) in SampleWriter.quotedLevels.enumerated() where mask.contains(rank: rank) {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            buffer.append(quoted)
        }
        buffer.append(UInt8(ascii: "]"))
        if let examples {
            buffer.append(",\"examples\":[" as StaticString)
            for (i, example) in examples.enumerated() {
                if i > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer.append(UInt8(ascii: "\""))
                appendEscaped(example)
                buffer.append(UInt8(ascii: "\""))
            }
            buffer.append(UInt8(ascii: "]"))
        }
        if let prompt {
            buffer.append(",\"prompt\":\"" as StaticString)
            appendEscaped(prompt)
            buffer.append(UInt8(ascii: "\""))
        }
        buffer.append("}\n" as StaticString)
    }

    private static let quotedLevels: [[UInt8]] = Level.allCases.map { Array("\"\($0.rawValue)\"".utf8) }

    private func appendDecimal(_ value: Int) {
        if value == 0 { buffer.append(UInt8(48)); return }
        var v = value
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch
        withUnsafeMutableBytes(of: &digits) { scratch in
            var i = scratch.count
            while v > 0 { i -= 1; scratch[i] = UInt8(v % 10) + 48; v /= 10 }
            buffer.append(UnsafeBufferPointer(rebasing: scratch.bindMemory(to: UInt8.self)[i...]))
        }
    }

    private func appendEscaped(_ text: String) {
        var bytes: [UInt8] = []
        JSONWriter.appendEscaped(text, to: &bytes)
        buffer.append(bytes)
    }

    /// Writes the line last formatted to `file`.
    public func write(to file: OutputFile) throws {
        try file.write(buffer.bytes)
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
