import Foundation
import KnowledgeBase

/// KPDDS-style topic composition (Huang et al. 2024, TCPM sampling): the first topic with
/// probability proportional to its row sum in the topic co-occurrence matrix, the second
/// from the first's row, each later one from the element-wise product of the last two
/// chosen topics' rows; then knowledge points from each chosen topic's KP neighbourhood.
/// Weights default to log10(count + 1), as in the paper.
///
/// Where kg differs: KPDDS takes the KPs of one random practice problem per topic; kg draws
/// `kpsPerTopic` KPs from the topic–KP edges (∝ weight, unvisited), which keeps the sampler
/// on the graph. When no topic has a topic neighbour, the first topic is drawn ∝ problem
/// count. An empty product row ends the topic stage.
///
/// With a boosted graph (`SamplingGraph.logBoost`), the first topic is drawn ∝ row sum ×
/// its multiplier; rows carry their targets' multipliers, and a product of two rows counts a
/// target's multiplier once.
public struct CooccurrenceSampler: ConceptSampler {
    public let name = "cooccurrence"
    public let graph: SamplingGraph
    public let topicCount: CountRange
    public let kpsPerTopic: CountRange

    private let topics: [Int32]
    private let firstTable: AliasTable?
    /// Scratch for the product rule, reused across samples.
    private var candidates: [Int32] = []
    private var products: [Double] = []

    public init(graph: SamplingGraph, topicCount: CountRange = CountRange(2, 3), kpsPerTopic: CountRange = CountRange(1, 2)) {
        self.graph = graph
        self.topicCount = topicCount
        self.kpsPerTopic = kpsPerTopic
        topics = graph.pool(.topic)
        // Row sums, compared in log space so that no temperature overflows them.
        let logSums = topics.map { graph.logRowSum(of: $0, kind: .topic) + graph.logBoost(of: $0) }
        let largest = logSums.max() ?? -.infinity
        firstTable =
            (largest > -.infinity ? AliasTable(weights: logSums.map { Foundation.exp($0 - largest) }) : nil)
            ?? AliasTable(weights: topics.map { Double(graph.snapshot.problemCounts[Int($0)]) })
    }

    public mutating func sample(index: Int, random: inout SplitMix64, into combination: inout ConceptCombination) -> Bool {
        guard let firstTable else { return false }
        combination.removeAll()
        combination.addTopic(topics[firstTable.draw(&random)])
        let wanted = topicCount.draw(&random)
        while combination.topics.count < wanted {
            let last = combination.topics[combination.topics.count - 1]
            let next: Int32?
            if combination.topics.count == 1 {
                next = graph.drawUnvisited(from: last, kind: .topic, visited: combination.walk, random: &random)
            } else {
                next = drawFromProduct(last, combination.topics[combination.topics.count - 2], visited: combination.walk, random: &random)
            }
            guard let next else { break }
            combination.addTopic(next)
        }
        for topic in combination.topics {
            let count = kpsPerTopic.draw(&random)
            for _ in 0..<count {
                guard let kp = graph.drawUnvisited(from: topic, kind: .kp, visited: combination.walk, random: &random) else { break }
                combination.addKnowledgePoint(kp)
            }
        }
        return true
    }

    /// A topic ∝ w(a, t) · w(b, t) over the common, unvisited topic neighbours of a and b.
    private mutating func drawFromProduct(_ a: Int32, _ b: Int32, visited: [Int32], random: inout SplitMix64) -> Int32? {
        candidates.removeAll(keepingCapacity: true)
        products.removeAll(keepingCapacity: true)
        let graph = self.graph
        // Walk the two sorted rows together; the weights are scaled (largest 1), so the
        // products cannot overflow.
        let found: Bool? = graph.withRow(of: a, kind: .topic) { targetsA, weightsA in
            graph.withRow(of: b, kind: .topic) { targetsB, weightsB in
                forEachSharedNode(targetsA, targetsB) { i, j in
                    let x = targetsA[i]
                    guard !visited.contains(x) else { return }
                    candidates.append(x)
                    var product = weightsA[i] * weightsB[j]
                    // Both rows carry x's boost; keep it once.
                    if graph.logBoost != nil { product *= Foundation.exp(-graph.logBoost(of: x)) }
                    products.append(product)
                }
                return true
            } ?? false
        }
        guard found == true, !candidates.isEmpty else { return nil }
        var total = 0.0
        for p in products { total += p }
        if !(total > 0) || !total.isFinite {
            // Tiny scaled weights underflowed (a very low temperature): redo it in logs.
            return drawFromProductInLogs(a, b, visited: visited, random: &random)
        }
        return random.nextIndex(count: products.count, total: total) { products[$0] }.map { candidates[$0] }
    }

    /// The same draw with log weights, for when products underflow.
    private func drawFromProductInLogs(_ a: Int32, _ b: Int32, visited: [Int32], random: inout SplitMix64) -> Int32? {
        guard let rowA = graph.neighbours(of: a, kind: .topic), let rowB = graph.neighbours(of: b, kind: .topic) else { return nil }
        var candidates: [Int32] = [], logWeights: [Double] = []
        forEachSharedNode(rowA.targets, rowB.targets) { i, j in
            let x = rowA.targets[i]
            guard !visited.contains(x) else { return }
            candidates.append(x)
            var logWeight = Foundation.log(rowA.weights[i]) + Foundation.log(rowB.weights[j])
            if graph.logBoost != nil { logWeight -= graph.logBoost(of: x) }
            logWeights.append(logWeight)
        }
        return random.nextIndex(logWeights: logWeights).map { candidates[$0] }
    }
}

/// A baseline without co-occurrence: topics uniformly from the pool, then knowledge points
/// uniformly from the union of the chosen topics' KP neighbours. With a boosted graph, topics
/// and KPs are drawn ∝ their multipliers instead.
public struct UniformSampler: ConceptSampler {
    public let name = "uniform"
    public let graph: SamplingGraph
    public let topicCount: CountRange
    public let kpCount: CountRange
    private let topics: [Int32]
    private let boostedTopics: AliasTable?

    public init(graph: SamplingGraph, topicCount: CountRange = CountRange(2, 3), kpCount: CountRange = CountRange(1, 5)) {
        self.graph = graph
        self.topicCount = topicCount
        self.kpCount = kpCount
        topics = graph.pool(.topic)
        if graph.logBoost != nil {
            let logs = topics.map { graph.logBoost(of: $0) }
            let largest = logs.max() ?? 0
            boostedTopics = AliasTable(weights: logs.map { Foundation.exp($0 - largest) })
        } else {
            boostedTopics = nil
        }
    }

    public mutating func sample(index: Int, random: inout SplitMix64, into combination: inout ConceptCombination) -> Bool {
        guard !topics.isEmpty else { return false }
        combination.removeAll()
        let wanted = min(topicCount.draw(&random), topics.count)
        while combination.topics.count < wanted {
            let topic = boostedTopics.map { topics[$0.draw(&random)] } ?? topics[random.nextInt(below: topics.count)]
            if !combination.contains(topic) { combination.addTopic(topic) }
        }
        var kps: [Int32] = []
        for topic in combination.topics { kps += graph.neighbours(of: topic, kind: .kp)?.targets ?? [] }
        kps.sort()
        kps = kps.enumerated().filter { $0.offset == 0 || kps[$0.offset - 1] != $0.element }.map(\.element)
        let k = min(kpCount.draw(&random), kps.count)
        for _ in 0..<k {
            let pick = graph.logBoost == nil ? random.nextInt(below: kps.count) : boostedPick(kps, &random)
            combination.addKnowledgePoint(kps.remove(at: pick))
        }
        return true
    }

    /// An index of `kps` drawn ∝ their boost multipliers.
    private func boostedPick(_ kps: [Int32], _ random: inout SplitMix64) -> Int {
        random.nextIndex(logWeights: kps.map { graph.logBoost(of: $0) }) ?? kps.count - 1
    }
}
