import KnowledgeBase

/// Problems held in memory for comparison: each one's text, its line as it was (to write
/// it back unchanged), where it came from and its id; texts and lines live in two flat
/// buffers, so a million problems cost their bytes and a few words each.
public final class ProblemCollection {
    /// The input names, as given ("kb:PATH" for a knowledge base).
    public private(set) var sources: [String] = []
    private var textBytes: [UInt8] = []
    private var textEnds: [Int] = []
    private var rawBytes: [UInt8] = []
    private var rawEnds: [Int] = []
    /// Per problem: the index of its source in `sources`, its 1-based line (0 for a knowledge
    /// base's problems) and its id.
    public private(set) var sourceIndex: [Int32] = []
    public private(set) var lines: [Int32] = []
    public private(set) var ids: [String?] = []

    /// An empty collection, to `read` files into or `add` problems to.
    public init() {}

    /// Reads every problem line of `files` (see `ProblemLines`), in order.
    public convenience init(files: [String], textFields: [String] = SeedProblem.defaultTextFields) throws {
        self.init()
        for path in files { try read(path, textFields: textFields) }
    }

    /// The number of problems.
    public var count: Int { textEnds.count }

    /// Adds the problem lines of one file.
    public func read(_ path: String, textFields: [String] = SeedProblem.defaultTextFields) throws {
        let source = Int32(sources.count)
        sources.append(path)
        try ProblemLines.forEach(path: path, textFields: textFields) { line in
            var text = line.text
            text.withUTF8 { textBytes.append(contentsOf: $0) }
            textEnds.append(textBytes.count)
            rawBytes.append(contentsOf: line.raw)
            rawEnds.append(rawBytes.count)
            sourceIndex.append(source)
            lines.append(Int32(truncatingIfNeeded: line.location.line))
            ids.append(line.id)
        }
    }

    /// Starts a source of problems added one by one (`add`), a knowledge base's, say.
    public func beginSource(_ name: String) {
        sources.append(name)
    }

    /// Adds a problem to the last source; `raw` is its line for output files.
    public func add(id: String?, text: String, raw: String) {
        var text = text, raw = raw
        text.withUTF8 { textBytes.append(contentsOf: $0) }
        textEnds.append(textBytes.count)
        raw.withUTF8 { rawBytes.append(contentsOf: $0) }
        rawEnds.append(rawBytes.count)
        sourceIndex.append(Int32(sources.count - 1))
        lines.append(0)
        ids.append(id)
    }

    /// Calls `body` with the UTF-8 bytes of problem `i`'s text.
    @inline(__always)
    public func withText<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = i == 0 ? 0 : textEnds[i - 1]
        return try textBytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<textEnds[i]])) }
    }

    /// Problem `i`'s text.
    public func text(_ i: Int) -> String { withText(i) { String(decoding: $0, as: UTF8.self) } }

    /// The length of problem `i`'s text in bytes.
    public func textLength(_ i: Int) -> Int { textEnds[i] - (i == 0 ? 0 : textEnds[i - 1]) }

    /// Problem `i`'s line as it was read.
    public func withRawLine<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = i == 0 ? 0 : rawEnds[i - 1]
        return try rawBytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<rawEnds[i]])) }
    }

    /// The source name of problem `i`.
    public func source(_ i: Int) -> String { sources[Int(sourceIndex[i])] }

    /// Writes the lines of the problems for which `keep` is true, in order, each with a newline.
    public func writeLines(to file: OutputFile, where keep: (Int) -> Bool) throws {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        for i in 0..<count where keep(i) {
            withRawLine(i) { buffer.append(contentsOf: $0) }
            buffer.append(0x0A)
            if buffer.count >= 1 << 20 {
                try file.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try file.write(buffer)
    }
}
