/// The seed datasets the shipped default knowledge base is built from, in ingest order.
public enum DefaultKnowledgeBase {
    /// A dataset and its folder under `data/seeds`.
    public struct Seed: Sendable {
        public var dataset: Dataset
        public var folder: String
    }

    public static let seeds: [Seed] = [
        Seed(dataset: .mathcamps, folder: "mathcamps"),
        Seed(dataset: .kmx, folder: "kmx"),
        Seed(dataset: .talSCQ5K, folder: "tal-scq5k"),
        Seed(dataset: .mathscale, folder: "mathscale-extraction-sample"),
        Seed(dataset: .math, folder: "math"),
        Seed(dataset: .champ, folder: "champ"),
    ]
}
