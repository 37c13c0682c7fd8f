/// The bounds on every request, so one request cannot take the server's memory or time.
public enum ServerLimits {
    /// The longest query text, in characters.
    public static let queryLength = 2_000
    /// The longest name in a search, in characters.
    public static let nameLength = 200
    /// Result rows an HTML page shows (the rest are counted, not listed).
    public static let pageRows = 500
    /// Result rows the JSON API returns at most (`limit` may ask for fewer).
    public static let apiRows = 5_000
    /// Concepts drawn in one picture (the strongest are kept).
    public static let drawnNodes = 120
    /// Edges drawn in one picture.
    public static let drawnEdges = 300
    /// Neighbours of each kind a concept page draws.
    public static let egoNeighbours = 24
    /// Samples one request may draw.
    public static let samples = 1_000
    /// Seed problems per page of a concept's list.
    public static let problemsPerPage = 20
    /// The largest seed, as `kg sample` allows (2^53 - 1, so it survives JSON).
    public static let maximumSeed: UInt64 = (1 << 53) - 1
    /// The few-shot examples a sample may carry.
    public static let examples = 5
    /// Drawings one Graphviz worker process makes before it is replaced (Graphviz 2.42 leaks
    /// about 5–20 KB a layout, so a worker holds at most some 20 MB more than it started with).
    public static let rendersPerWorker = 1_000
    /// How long one drawing may take in the worker before it is killed (the drawing's page
    /// then shows the error; the next drawing starts another worker).
    public static let drawingTime: Duration = .seconds(5)
    /// Drawings kept in memory per database generation (the oldest go first).
    public static let cachedDrawings = 512
    /// Boost plans kept per database generation (each is calibrated on pilot runs of the
    /// sampler, about a second on the default knowledge base).
    public static let cachedBoosts = 16
    /// Threads for the work of requests that block (SQLite reads, queries, drawings,
    /// sampling): more than one request's work at a time, while the threads that serve the
    /// connections stay free.
    public static let blockingThreads = 8
    /// How long a query may run by default (`ServerConfiguration.queryTimeLimit`,
    /// `kg serve --query-time-limit`).
    public static let queryTime: Duration = .seconds(2)
    /// The longest request URL, in bytes: room for a query of `queryLength` characters of
    /// any script, percent-encoded (up to 12 bytes a character), and the other parameters.
    public static let urlLength = 32_768
}
