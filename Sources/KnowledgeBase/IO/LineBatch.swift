/// A batch of input lines copied into one buffer, with each line's span and line number:
/// what `ParallelLineBatches` hands to its worker threads.
public struct LineBatch: Sendable {
    /// Every line's bytes, back to back.
    public private(set) var bytes: [UInt8] = []
    /// Each line's span in `bytes` and its 1-based line number in the file.
    public private(set) var lines: [(start: Int, end: Int, number: Int)] = []

    public init() {}

    /// Copies one line in.
    public mutating func append(_ line: UnsafeBufferPointer<UInt8>, line number: Int) {
        let start = bytes.count
        bytes.append(contentsOf: line)
        lines.append((start, bytes.count, number))
    }

    /// Empties the batch, keeping its memory.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with line `index`'s bytes and its line number.
    public func withLine<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> R) rethrows -> R {
        let line = lines[index]
        return try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[line.start..<line.end]), line.number)
        }
    }

    /// Contiguous line ranges of about equal byte size, at most `parts` of them.
    public func split(into parts: Int) -> [Range<Int>] {
        guard parts > 1, lines.count > 1 else { return [0..<lines.count] }
        var ranges: [Range<Int>] = []
        let target = max(1, bytes.count / parts)
        var start = 0
        for i in lines.indices where ranges.count < parts - 1 {
            if lines[i].end - lines[start].start >= target {
                ranges.append(start..<(i + 1))
                start = i + 1
            }
        }
        ranges.append(start..<lines.count)
        return ranges.filter { !$0.isEmpty }
    }
}
