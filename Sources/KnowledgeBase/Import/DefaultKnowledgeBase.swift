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
        Seed(dataset: .mathematicsDataset, folder: "mathematics-dataset"),
        Seed(dataset: .mathodyssey, folder: "mathodyssey"),
        Seed(dataset: .theoremqa, folder: "theoremqa"),
    ]
}

extension DefaultKnowledgeBase {
    /// Every seed dataset's records, in ingest order, read from `folder` (a `data/seeds`);
    /// `imported` hears each dataset's record count as it is read.
    public static func records(
        seedsFolder folder: String,
        imported: (Dataset, String, Int) -> Void = { _, _, _ in }
    ) throws -> [ExtractionRecord] {
        var records: [ExtractionRecord] = []
        for seed in seeds {
            let path = folder + "/" + seed.folder
            let batch = try seed.dataset.records(at: path)
            imported(seed.dataset, path, batch.count)
            records += batch
        }
        return records
    }
}
