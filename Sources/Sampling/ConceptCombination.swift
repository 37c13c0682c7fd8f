import KnowledgeBase

/// One sampled set of concepts: what a generator is prompted with.
public struct ConceptCombination: Equatable, Sendable {
    /// Topic nodes in the order they were chosen.
    public var topics: [Int32] = []
    /// Knowledge point nodes in the order they were chosen.
    public var knowledgePoints: [Int32] = []
    /// Every chosen node in order (topics and KPs interleaved as the sampler visited them).
    public var walk: [Int32] = []

    public init() {}

    /// Whether `node` was already chosen.
    @inline(__always)
    public func contains(_ node: Int32) -> Bool { walk.contains(node) }

    /// Empties the combination, keeping its storage for the next sample.
    public mutating func removeAll() {
        topics.removeAll(keepingCapacity: true)
        knowledgePoints.removeAll(keepingCapacity: true)
        walk.removeAll(keepingCapacity: true)
    }

    mutating func addTopic(_ node: Int32) {
        topics.append(node)
        walk.append(node)
    }

    mutating func addKnowledgePoint(_ node: Int32) {
        knowledgePoints.append(node)
        walk.append(node)
    }

    /// The identity used by `--unique`: the sorted topic set and the sorted KP set.
    public var setKey: [Int32] {
        topics.sorted() + [-1] + knowledgePoints.sorted()
    }
}

/// A sampling strategy: draws the combination of sample `index` from its own generator.
public protocol ConceptSampler {
    /// The name written in each sample's `sampler` field.
    var name: String { get }
    /// The graph it draws from (`CombinationExtender` tops samples up on it).
    var graph: SamplingGraph { get }
    /// Draws the combination of sample `index` into `combination` (emptied first); false
    /// when the pool cannot give one (no start concept).
    mutating func sample(index: Int, random: inout SplitMix64, into combination: inout ConceptCombination) -> Bool
}

extension ConceptSampler {
    /// Draws one combination; nil when the pool cannot give one.
    public mutating func sample(index: Int, random: inout SplitMix64) -> ConceptCombination? {
        var combination = ConceptCombination()
        return sample(index: index, random: &random, into: &combination) ? combination : nil
    }
}

/// A closed range of counts such as `1...2` steps.
public struct CountRange: Equatable, Sendable, CustomStringConvertible {
    public var lower: Int
    public var upper: Int

    public init(_ lower: Int, _ upper: Int) {
        self.lower = lower
        self.upper = upper
    }

    /// Parses `a...b`, `a..b`, `a-b` or a single `a`; nil when malformed or reversed.
    public init?(parsing text: String) {
        let separators = ["...", "..", "-"]
        for separator in separators where text.contains(separator) {
            let parts = text.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 2, let a = Int(parts[0].trimmingSpaces), let b = Int(parts[1].trimmingSpaces),
                a >= 0, a <= b
            else { return nil }
            self.init(a, b)
            return
        }
        guard let a = Int(Substring(text).trimmingSpaces), a >= 0 else { return nil }
        self.init(a, a)
    }

    public var description: String { lower == upper ? "\(lower)" : "\(lower)...\(upper)" }

    /// A uniform draw from the range.
    @inline(__always)
    public func draw(_ random: inout SplitMix64) -> Int {
        lower == upper ? lower : lower + random.nextInt(below: upper - lower + 1)
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
