import Dispatch

/// The MinHash signatures of a collection's problems, in one flat array (`permutations`
/// values per problem), computed on several threads.
public struct ProblemSignatures {
    /// The hasher that made the signatures.
    public let hasher: MinHasher
    /// Problem i's signature is `values[i * permutations ..< (i + 1) * permutations]`.
    public private(set) var values: [UInt32]
    /// Whether problem i has any words (a problem without words has no signature and matches nothing).
    public private(set) var hasWords: [Bool]

    /// Signs every problem of `problems` with `threads` threads.
    public init(_ problems: ProblemCollection, hasher: MinHasher, threads: Int) {
        self.hasher = hasher
        let count = problems.count
        let width = hasher.settings.permutations
        var values = [UInt32](repeating: .max, count: count * width)
        var hasWords = [Bool](repeating: false, count: count)
        let chunk = 4096
        let chunks = (count + chunk - 1) / chunk
        values.withUnsafeMutableBufferPointer { out in
            hasWords.withUnsafeMutableBufferPointer { flags in
                let out = out, flags = flags
                let work = { (c: Int) in
                    var words: [UInt64] = []
                    for i in (c * chunk)..<min(count, (c + 1) * chunk) {
                        problems.withText(i) { MaskedWords.hashes(bytes: $0, into: &words) }
                        let slice = UnsafeMutableBufferPointer(rebasing: out[(i * width)..<((i + 1) * width)])
                        flags[i] = hasher.signature(ofWords: words, into: slice)
                    }
                }
                if threads <= 1 || chunks <= 1 {
                    for c in 0..<chunks { work(c) }
                } else {
                    DispatchQueue.concurrentPerform(iterations: chunks) { work($0) }
                }
            }
        }
        self.values = values
        self.hasWords = hasWords
    }

    /// Calls `body` with problem i's signature.
    @inline(__always)
    public func withSignature<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt32>) -> R) -> R {
        let width = hasher.settings.permutations
        return values.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[(i * width)..<((i + 1) * width)])) }
    }

    /// The estimated Jaccard similarity of problems i and j.
    public func similarity(_ i: Int, _ j: Int) -> Double {
        withSignature(i) { a in withSignature(j) { b in MinHasher.similarity(a, b) } }
    }
}
