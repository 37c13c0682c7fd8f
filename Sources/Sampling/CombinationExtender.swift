import KnowledgeBase

/// Adds one knowledge point next to a combination's concepts: what tops a sample up to
/// `--min-kps`, and what turns a `--unique` duplicate into a new combination without
/// restarting its walk.
///
/// The KP is, in this order of preference, an unvisited KP-graph neighbour of the latest KP;
/// an unvisited KP of the walk's topics, latest topic first; or an unvisited KP of a topic
/// next to one of the walk's topics (that topic then joins the sample's topics). Every draw
/// is ∝ edge weight, from the sample's own generator, so the result depends on (seed, id).
public struct CombinationExtender {
    public let graph: SamplingGraph
    /// Topics already found without an unvisited KP (kept to reuse its storage).
    private var tried: [Int32] = []
    /// Neighbouring topics drawn per walk topic before giving up on it.
    private static let neighbourTries = 32

    public init(graph: SamplingGraph) {
        self.graph = graph
    }

    /// Adds one knowledge point (and perhaps the topic it came through) to `combination`;
    /// false when no unvisited KP is within reach.
    public mutating func addKnowledgePoint(to combination: inout ConceptCombination, random: inout SplitMix64) -> Bool {
        if let last = combination.knowledgePoints.last,
            let next = graph.drawUnvisited(from: last, kind: .kp, visited: combination.walk, random: &random)
        {
            combination.addKnowledgePoint(next)
            return true
        }
        for topic in combination.topics.reversed() {
            if let next = graph.drawUnvisited(from: topic, kind: .kp, visited: combination.walk, random: &random) {
                combination.addKnowledgePoint(next)
                return true
            }
        }
        for topic in combination.topics.reversed() {
            tried.removeAll(keepingCapacity: true)
            tried.append(contentsOf: combination.topics)
            for _ in 0..<Self.neighbourTries {
                guard let neighbour = graph.drawUnvisited(from: topic, kind: .topic, visited: tried, random: &random) else { break }
                if let next = graph.drawUnvisited(from: neighbour, kind: .kp, visited: combination.walk, random: &random) {
                    combination.addTopic(neighbour)
                    combination.addKnowledgePoint(next)
                    return true
                }
                tried.append(neighbour)
            }
        }
        return false
    }

    /// Adds knowledge points until `combination` has `minimum`; false when it is still short.
    @inline(__always)
    public mutating func topUp(_ combination: inout ConceptCombination, to minimum: Int, random: inout SplitMix64) -> Bool {
        while combination.knowledgePoints.count < minimum {
            guard addKnowledgePoint(to: &combination, random: &random) else { return false }
        }
        return true
    }
}
