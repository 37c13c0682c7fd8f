/// Benchmark test problems indexed for contamination checks: their exact and template
/// keys, their word n-grams (numbers as written, as model reports count them) and the
/// MinHash LSH bands of their shingles (numbers masked).
///
/// ```swift
/// let index = ContaminationIndex(benchmarks: try BenchmarkSet(path: "data/benchmarks"), rules: .init())
/// let matches = index.check("Janet's ducks lay 16 eggs per day. …")
/// ```
/// Read-only once built, so `check` may run on several threads at once.
public struct ContaminationIndex: @unchecked Sendable {
    /// The test problems indexed.
    public let benchmarks: BenchmarkSet
    /// The rules `check` applies.
    public let rules: ContaminationRules
    private let masker = NumberMasker()
    private var exactKeys: [UInt64: Int32] = [:]
    private var templateKeys: [UInt64: Int32] = [:]
    /// Per n-gram size: n-gram hash → the first test problem with it, or -1 when too common.
    private var ngrams: [[UInt64: Int32]] = []
    private let hasher: MinHasher?
    private var signatures: [UInt32] = []
    private var bandBuckets: [UInt64: [Int32]] = [:]

    /// Indexes every test problem of `benchmarks` for `rules`.
    public init(benchmarks: BenchmarkSet, rules: ContaminationRules) {
        self.benchmarks = benchmarks
        self.rules = rules
        hasher = rules.minHash.map { MinHasher(settings: $0) }
        let problems = benchmarks.problems
        var words: [UInt64] = []
        var literal: [UInt64] = []
        var counts: [[UInt64: Int32]] = rules.ngramSizes.map { _ in [:] }
        ngrams = rules.ngramSizes.map { _ in [:] }
        let width = hasher?.settings.permutations ?? 0
        signatures = [UInt32](repeating: .max, count: problems.count * width)
        for i in 0..<problems.count {
            problems.withText(i) { bytes in
                let exact = TextKeys.exact(bytes), template = masker.key(ofBytes: bytes)
                if exactKeys[exact] == nil { exactKeys[exact] = Int32(i) }
                if templateKeys[template] == nil { templateKeys[template] = Int32(i) }
                MaskedWords.hashes(bytes: bytes, into: &words)
                MaskedWords.hashes(bytes: bytes, into: &literal, numbers: true)
            }
            for (s, n) in rules.ngramSizes.enumerated() {
                var seen = Set<UInt64>()
                WordNGrams.forEach(literal, n: n, wholeIfShorter: false) { gram, start in
                    guard ContaminationIndex.isInformative(words, start, n), seen.insert(gram).inserted else { return }
                    counts[s][gram, default: 0] += 1
                    if ngrams[s][gram] == nil { ngrams[s][gram] = Int32(i) }
                }
            }
            if let hasher {
                let hasWords = signatures.withUnsafeMutableBufferPointer { all in
                    hasher.signature(ofWords: words, into: UnsafeMutableBufferPointer(rebasing: all[(i * width)..<((i + 1) * width)]))
                }
                if hasWords {
                    signatures.withUnsafeBufferPointer { all in
                        let signature = UnsafeBufferPointer(rebasing: all[(i * width)..<((i + 1) * width)])
                        for band in 0..<hasher.settings.bands {
                            bandBuckets[hasher.bandHash(signature, band: band), default: []].append(Int32(i))
                        }
                    }
                }
            }
        }
        for s in rules.ngramSizes.indices {
            for (gram, count) in counts[s] where count > rules.maximumNGramFrequency { ngrams[s][gram] = -1 }
        }
    }

    /// An n-gram of which at most half the words are numbers (`words` masked): a run of
    /// numbers ("$1, 2, 3, …$") says nothing about the problem.
    @inline(__always)
    static func isInformative(_ words: [UInt64], _ start: Int, _ n: Int) -> Bool {
        var numbers = 0
        for k in start..<(start + n) where words[k] == MaskedWords.numberHash { numbers += 1 }
        return numbers * 2 <= n
    }

    /// The matches of one problem's text, at most one per rule, in rule order: the first
    /// test problem found by exact, template and n-gram rules, the most similar by MinHash.
    public func check(_ text: String) -> [ContaminationMatch] {
        var copy = text
        return copy.withUTF8 { bytes in
            var words: [UInt64] = [], literal: [UInt64] = []
            var signature: [UInt32] = []
            return check(bytes: bytes, words: &words, literal: &literal, signature: &signature)
        }
    }

    /// `check` with the caller's scratch buffers.
    public func check(
        bytes: UnsafeBufferPointer<UInt8>, words: inout [UInt64], literal: inout [UInt64], signature: inout [UInt32]
    ) -> [ContaminationMatch] {
        var matches: [ContaminationMatch] = []
        if rules.exact, let test = exactKeys[TextKeys.exact(bytes)] {
            matches.append(ContaminationMatch(rule: "exact", testProblem: Int(test)))
        }
        if rules.template, let test = templateKeys[masker.key(ofBytes: bytes)] {
            matches.append(ContaminationMatch(rule: "template", testProblem: Int(test)))
        }
        MaskedWords.hashes(bytes: bytes, into: &words)
        if !rules.ngramSizes.isEmpty { MaskedWords.hashes(bytes: bytes, into: &literal, numbers: true) }
        for (s, n) in rules.ngramSizes.enumerated() where literal.count >= n {
            for start in 0...(literal.count - n) {
                let gram = WordNGrams.hash(literal, start, n)
                guard let test = ngrams[s][gram], test >= 0 else { continue }
                let text = MaskedWords.words(String(decoding: bytes, as: UTF8.self), numbers: true)[start..<(start + n)].joined(separator: " ")
                matches.append(ContaminationMatch(rule: "\(n)-gram", testProblem: Int(test), ngram: text))
                break
            }
        }
        if let hasher {
            let width = hasher.settings.permutations
            if signature.count != width { signature = [UInt32](repeating: .max, count: width) }
            let hasWords = signature.withUnsafeMutableBufferPointer { hasher.signature(ofWords: words, into: $0) }
            if hasWords {
                var best: (similarity: Double, test: Int)?
                signature.withUnsafeBufferPointer { mine in
                    signatures.withUnsafeBufferPointer { all in
                        var tried = Set<Int32>()
                        for band in 0..<hasher.settings.bands {
                            guard let bucket = bandBuckets[hasher.bandHash(mine, band: band)] else { continue }
                            for test in bucket where tried.insert(test).inserted {
                                let theirs = UnsafeBufferPointer(rebasing: all[(Int(test) * width)..<((Int(test) + 1) * width)])
                                let similarity = MinHasher.similarity(mine, theirs)
                                if similarity >= hasher.settings.threshold,
                                    best == nil || similarity > best!.similarity || (similarity == best!.similarity && Int(test) < best!.test)
                                {
                                    best = (similarity, Int(test))
                                }
                            }
                        }
                    }
                }
                if let best { matches.append(ContaminationMatch(rule: "minhash", testProblem: best.test, similarity: best.similarity)) }
            }
        }
        return matches
    }
}
