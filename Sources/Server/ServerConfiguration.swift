/// What `kg serve` serves and where.
public struct ServerConfiguration: Sendable {
    /// The knowledge base file, opened read-only.
    public var databasePath: String
    /// The address to listen on: 127.0.0.1 (this machine only) unless told otherwise.
    public var host: String
    /// The port; 0 lets the system pick a free one (`ExplorerServer.run` reports it).
    public var port: Int
    /// The curriculum for the coverage page (nil: the page says where to get one).
    public var curriculumPath: String?
    /// The prompt template for the sample page's prompts (data/prompts/mathscale.txt).
    public var templatePath: String?
    /// How long one query may run (the query page, `/api/query`, a sample's `where`): a part
    /// of the query that would begin later is not run, and the request gets a 503 that says
    /// so. Default `ServerLimits.queryTime`.
    public var queryTimeLimit: Duration
    /// The command line of the process that lays out drawings (`kg graphviz-worker`), replaced
    /// every `ServerLimits.rendersPerWorker` drawings: Graphviz 2.42 leaks memory on every
    /// layout, which a long-running server must not keep. nil: drawings are laid out in
    /// process (tests of short life).
    public var graphvizWorker: [String]?
    /// How long one drawing may take in the worker (`ServerLimits.drawingTime`).
    public var drawingTimeLimit: Duration = ServerLimits.drawingTime
    /// Datasets of extraction records (`kg coverage --dataset`) the coverage page can show
    /// beside the knowledge base, chosen by whoever starts the server (never by a request).
    public var datasetPaths: [String]

    public init(
        databasePath: String, host: String = "127.0.0.1", port: Int = 8765, curriculumPath: String? = nil, templatePath: String? = nil,
        queryTimeLimit: Duration = ServerLimits.queryTime, graphvizWorker: [String]? = nil, datasetPaths: [String] = []
    ) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.curriculumPath = curriculumPath
        self.templatePath = templatePath
        self.queryTimeLimit = queryTimeLimit
        self.graphvizWorker = graphvizWorker
        self.datasetPaths = datasetPaths
    }

    /// Whether `host` is a loopback address, reachable from this machine only.
    public var isLoopback: Bool { host == "127.0.0.1" || host == "::1" || host == "localhost" }
}
