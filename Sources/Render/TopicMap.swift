import KnowledgeBase

/// The overview map of a whole knowledge base: the most frequent topics, each with the
/// knowledge points it co-occurs with most, and the strongest links between those topics.
///
/// Edges are chosen, not induced: drawing every co-occurrence among a few hundred concepts
/// is a hairball, so the map keeps each topic's KP edges and the `links` strongest
/// topic–topic edges.
public struct TopicMap: Sendable {
    public var topics: Int
    public var kpsPerTopic: Int
    public var links: Int

    public init(topics: Int = 24, kpsPerTopic: Int = 5, links: Int = 40) {
        self.topics = topics
        self.kpsPerTopic = kpsPerTopic
        self.links = links
    }

    /// The map of `snapshot`, with `minimumProblems` as the floor for every concept drawn.
    public func graph(of snapshot: GraphSnapshot, minimumProblems: Int = 1) -> RenderGraph {
        let topicNodes = snapshot.nodes(ofKind: .topic)
            .filter { Int(snapshot.problemCounts[Int($0)]) >= minimumProblems }
            .sorted { (snapshot.problemCounts[Int($0)], -$0) > (snapshot.problemCounts[Int($1)], -$1) }
            .prefix(topics)
        let chosenTopics = Set(topicNodes)
        var nodes = Set<Int32>(topicNodes)
        var edges: [RenderGraph.Edge] = []
        let kpAdjacency = snapshot.neighbours(ofKind: .kp)
        for topic in topicNodes {
            let range = kpAdjacency.range(of: Int(topic))
            let strongest =
                range
                .filter { Int(snapshot.problemCounts[Int(kpAdjacency.targets[$0])]) >= minimumProblems }
                .sorted { (kpAdjacency.counts[$0], -kpAdjacency.targets[$0]) > (kpAdjacency.counts[$1], -kpAdjacency.targets[$1]) }
                .prefix(kpsPerTopic)
            for i in strongest {
                nodes.insert(kpAdjacency.targets[i])
                edges.append(RenderGraph.Edge(a: topic, b: kpAdjacency.targets[i], count: Int(kpAdjacency.counts[i])))
            }
        }
        let topicAdjacency = snapshot.neighbours(ofKind: .topic)
        var topicLinks: [RenderGraph.Edge] = []
        for topic in topicNodes {
            for i in topicAdjacency.range(of: Int(topic)) {
                let other = topicAdjacency.targets[i]
                if other > topic && chosenTopics.contains(other) {
                    topicLinks.append(RenderGraph.Edge(a: topic, b: other, count: Int(topicAdjacency.counts[i])))
                }
            }
        }
        topicLinks.sort { ($0.count, -$0.a, -$0.b) > ($1.count, -$1.a, -$1.b) }
        edges += topicLinks.prefix(links)
        // A KP shared by two chosen topics keeps its edge to both.
        let title =
            "Topic map: the \(topicNodes.count) most frequent topics, their top \(kpsPerTopic) knowledge points, the \(min(links, topicLinks.count)) strongest topic links"
        return RenderGraph(nodes: nodes.sorted().map { RenderGraph.node(snapshot, $0) }, edges: edges, title: title)
    }
}
