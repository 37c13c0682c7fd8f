import Coverage
import Foundation
import HTTPTypes
import Hummingbird
import KnowledgeBase
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Sampling
import ServiceLifecycle

/// `kg serve`: the HTTP server of the explorer — HTML pages and the JSON API over one
/// knowledge base, opened read-only.
///
/// ```swift
/// let server = try ExplorerServer(configuration: ServerConfiguration(databasePath: "kg.sqlite", port: 0))
/// try await server.run(handlingSignals: false) { port in print("listening on", port) }
/// ```
/// Every response carries a Content-Security-Policy that lets the page load only kg's own
/// stylesheet, script and inline SVG; every request is bounded (`ServerLimits`).
public final class ExplorerServer: Sendable {
    public let configuration: ServerConfiguration
    let store: ExplorerStore
    let drawing: Drawing
    let datasets = DatasetCoverage()
    /// The threads blocking work runs on (`router()`), started with the server.
    let workers = NIOThreadPool(numberOfThreads: ServerLimits.blockingThreads)
    private let running = NIOLockedValueBox<ServiceGroup?>(nil)

    /// Opens the knowledge base read-only; fails with `KnowledgeBaseError` when it is missing
    /// or of another schema version.
    public init(configuration: ServerConfiguration, note: @escaping @Sendable (String) -> Void = { _ in }) throws {
        self.configuration = configuration
        store = try ExplorerStore(path: configuration.databasePath, note: note)
        workers.start()
        do {
            drawing = try Drawing(worker: configuration.graphvizWorker, timeout: configuration.drawingTimeLimit)
        } catch where configuration.graphvizWorker != nil {
            note(
                "kg serve: cannot start the drawing worker (\(error)); drawing in this process instead, where Graphviz leaks memory with every drawing: restart kg serve now and then"
            )
            drawing = try Drawing(worker: nil)
        }
        _ = try store.state()
    }

    /// The headers of every response.
    static let securityHeaders: [(HTTPField.Name, String)] = [
        (
            .contentSecurityPolicy,
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        ),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
        (.cacheControl, "no-store"),
    ]

    /// Serves until the task is cancelled or, with `handlingSignals`, until SIGINT or SIGTERM
    /// (then it stops taking connections, finishes the requests under way and returns).
    /// `onStart` is told the port once the server listens.
    public func run(handlingSignals: Bool = true, onStart: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        var logger = Logger(label: "kg-serve")
        logger.logLevel = .warning
        let app = Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in onStart(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [app], gracefulShutdownSignals: handlingSignals ? [.sigterm, .sigint] : [], logger: logger))
        running.withLockedValue { $0 = group }
        do {
            try await group.run()
        } catch {
            try? await workers.shutdownGracefully()
            throw error
        }
        try await workers.shutdownGracefully()
    }

    deinit {
        // A server that never ran still started its threads.
        workers.shutdownGracefully { _ in }
    }

    /// Stops the server as SIGTERM does: no new connections, the requests under way finished,
    /// then `run` returns.
    public func shutdown() async {
        await running.withLockedValue { $0 }?.triggerGracefulShutdown()
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RequestGuard())
        /// A route whose work (SQLite reads, queries, drawings, sampling) blocks: it runs on
        /// the server's own threads (`ServerLimits.blockingThreads`), so that a slow request
        /// never holds the threads that serve every connection.
        func blocking(_ path: RouterPath, _ body: @escaping @Sendable (_ parameters: [String: String], _ id: String?) -> Response) {
            router.get(path) { request, context in
                let parameters = Self.parameters(request)
                let id = context.parameters.get("id")
                return try await self.workers.runIfActive { body(parameters, id) }
            }
        }
        blocking("/") { _, _ in self.html { try OverviewPage.html(state: try self.store.state(), drawing: self.drawing, dbPath: self.store.path) } }
        blocking("/search") { parameters, _ in self.search(parameters) }
        blocking("/concept/:id") { parameters, id in self.html { try self.conceptPage(id, parameters) } }
        blocking("/query") { parameters, _ in self.queryPage(parameters["q"] ?? "") }
        blocking("/coverage") { parameters, _ in
            self.html {
                let selected = try self.datasetIndex(parameters["dataset"])
                return CoveragePage.html(
                    try self.coverage(dataset: selected), band: parameters["band"], strand: parameters["strand"],
                    datasets: self.configuration.datasetPaths, selected: selected)
            }
        }
        blocking("/sample") { parameters, _ in
            self.html {
                let sample = try SampleRequest(parameters: parameters)
                return SamplePage.html(sample, jsonl: parameters.isEmpty ? [] : try self.sample(sample))
            }
        }
        router.get("/assets/kg.css") { _, _ in Self.response(200, type: "text/css; charset=utf-8", Assets.css) }
        router.get("/assets/kg.js") { _, _ in Self.response(200, type: "text/javascript; charset=utf-8", Assets.js) }
        blocking("/api/stats") { _, _ in self.json { try self.store.state().statistics.jsonText } }
        blocking("/api/concept/:id") { parameters, id in self.json { try self.conceptDetails(id, parameters).details.jsonText } }
        blocking("/api/query") { parameters, _ in self.json { try self.queryJSON(parameters) } }
        blocking("/api/suggest") { parameters, _ in self.json { try self.suggest(parameters["q"] ?? "") } }
        blocking("/api/coverage") { parameters, _ in self.json { try self.coverage(dataset: try self.datasetIndex(parameters["dataset"])).jsonText } }
        blocking("/api/sample") { parameters, _ in
            do {
                let bytes = try self.sample(try SampleRequest(parameters: parameters))
                var response = Self.response(200, type: "application/x-ndjson", bytes)
                response.headers[.contentDisposition] = "attachment; filename=\"samples.jsonl\""
                return response
            } catch {
                return Self.errorJSON(error)
            }
        }
        return router
    }

    // MARK: pages

    func conceptDetails(_ idText: String?, _ parameters: [String: String]) throws -> (state: ExplorerState, details: ConceptDetails) {
        guard let idText, let id = Int64(idText) else {
            throw ServerError(status: 404, message: "no concept with id \"\(idText ?? "")\": concept ids are whole numbers; search for a concept by name on the overview page")
        }
        let page = Int(parameters["page"] ?? "1") ?? 1
        let (state, details) = try store.consistent { state, kb -> ConceptDetails? in
            guard let node = state.snapshot.node(forConceptID: id) else { return nil }
            return try ConceptDetails(node: node, page: page, neighbourLimit: 200, state: state, kb: kb)
        }
        guard let details else {
            throw ServerError(status: 404, message: "no concept with id \(id) in this knowledge base (or no problem mentions it); search for it by name on the overview page")
        }
        return (state, details)
    }

    func conceptPage(_ idText: String?, _ parameters: [String: String]) throws -> String {
        let (state, details) = try conceptDetails(idText, parameters)
        return try ConceptPage.html(details, state: state, drawing: drawing)
    }

    func queryPage(_ text: String) -> Response {
        do {
            let state = try store.state()
            return Self.response(200, type: "text/html; charset=utf-8", try QueryPage.html(text, state: state, drawing: drawing, timeLimit: configuration.queryTimeLimit))
        } catch let error as ServerError {
            return Self.response(error.status, type: "text/html; charset=utf-8", QueryPage.errorHTML(text, error: error))
        } catch {
            return Self.errorHTML(error)
        }
    }

    func queryJSON(_ parameters: [String: String]) throws -> String {
        let text = parameters["q"] ?? ""
        if text.isEmpty { throw ServerError(status: 400, message: "give the query as ?q=…, like ?q=topics%20%7C%20top%2010%20by%20problems") }
        let result = try QueryPage.evaluate(text, state: try store.state(), timeLimit: configuration.queryTimeLimit)
        if result.count > ServerLimits.apiRows {
            throw ServerError(
                status: 413,
                message:
                    "the result has \(result.count) rows, more than the \(ServerLimits.apiRows) the server returns; add | limit \(ServerLimits.apiRows) to the query, or run it with `kg query --json`"
            )
        }
        return result.jsonText(query: text)
    }

    func search(_ parameters: [String: String]) -> Response {
        let text = (parameters["q"] ?? "").trimmingCharacters(in: .whitespaces)
        do {
            if text.count > ServerLimits.nameLength {
                throw ServerError(status: 413, message: "the search is \(text.count) characters long; names searched for are at most \(ServerLimits.nameLength)")
            }
            let (state, found) = try store.consistent { state, kb in try SearchPage.matches(text, state: state, kb: kb, limit: 50) }
            if let exact = found.exact {
                var response = Response(status: .seeOther)
                response.headers[.location] = "/concept/\(exact)"
                Self.secure(&response)
                return response
            }
            return Self.response(200, type: "text/html; charset=utf-8", SearchPage.html(text, nodes: found.nodes, state: state))
        } catch {
            return Self.errorHTML(error)
        }
    }

    func suggest(_ text: String) throws -> String {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.count > ServerLimits.nameLength {
            throw ServerError(status: 413, message: "the search is \(text.count) characters long; names searched for are at most \(ServerLimits.nameLength)")
        }
        let (state, found) = try store.consistent { state, kb in try SearchPage.matches(text, state: state, kb: kb, limit: 12) }
        var w = JSONWriter()
        w.beginObject()
        w.key("query"); w.string(text)
        w.key("concepts")
        w.beginArray()
        for n in found.nodes.map(Int.init) {
            w.beginObject()
            w.key("id"); w.int(Int(state.snapshot.conceptIDs[n]))
            w.key("kind"); w.string(state.snapshot.kinds[n].rawValue)
            w.key("name"); w.string(state.snapshot.names[n])
            w.key("problems"); w.int(Int(state.snapshot.problemCounts[n]))
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.string
    }

    /// The coverage of the knowledge base (`dataset` 0) or of the dataset `kg serve --dataset`
    /// gave as the `dataset`-th (1, 2, …).
    func coverage(dataset: Int = 0) throws -> CoverageView {
        guard let curriculum = configuration.curriculumPath else {
            throw ServerError(
                status: 404,
                message: "no curriculum to audit against: start kg serve from a kg checkout, set KG_DATA, or pass --curriculum FILE")
        }
        if dataset > 0 {
            return try datasets.view(of: configuration.datasetPaths[dataset - 1], curriculumPath: curriculum)
        }
        let (_, view) = try store.consistent { state, kb in try state.coverage { try CoverageView(kb: kb, curriculumPath: curriculum) } }
        return view
    }

    /// The `dataset` parameter: 0 (the knowledge base) when absent, else 1 to the number of
    /// `--dataset` files.
    func datasetIndex(_ text: String?) throws -> Int {
        guard let text, !text.isEmpty else { return 0 }
        let count = configuration.datasetPaths.count
        guard let index = Int(text) else {
            throw ServerError(status: 400, message: "dataset takes a number (got \"\(text)\"): 0 for the knowledge base, 1 to \(count) for kg serve's --dataset files in order")
        }
        guard (0...count).contains(index) else {
            throw ServerError(
                status: 404,
                message: count == 0
                    ? "no dataset \"\(text)\": kg serve was started without --dataset FILE, so the coverage page shows the knowledge base only"
                    : "no dataset \"\(text)\": datasets are numbered 1 to \(count), in the order of kg serve's --dataset options (0 is the knowledge base)")
        }
        return index
    }

    /// What `kg sample` writes for `request`. Only the example reads and the writing hold the
    /// store; the `where` query and the boost's calibration (a second or so) run without it.
    func sample(_ request: SampleRequest) throws -> [UInt8] {
        for _ in 0..<5 {
            let state = try store.state()
            do {
                let job = try request.job(
                    state: state, templatePath: configuration.templatePath, timeLimit: configuration.queryTimeLimit,
                    boostPlan: { settings, allowed in try self.boostPlan(request, settings: settings, allowed: allowed, state: state) })
                let written = try store.read(state) { kb in
                    try SampleRequest.write(job, state: state, example: { try kb.exampleProblem(externalID: $0) })
                }
                if let written { return written }
            } catch is ExplorerStore.GenerationMoved {
                continue
            }
        }
        throw ServerError(status: 503, message: "the database is being written too often to read it whole; try again in a moment")
    }

    /// The plan `kg sample --boost auto` calibrates for `request` (uniform target, strength 1,
    /// cap 8), kept for the generation: the pilot runs take about a second, without the store.
    func boostPlan(_ request: SampleRequest, settings: SamplerSettings, allowed: Set<Int32>?, state: ExplorerState) throws -> SamplingBoostPlan {
        guard let curriculum = configuration.curriculumPath else {
            throw ServerError(
                status: 404,
                message: "boost needs a curriculum: start kg serve from a kg checkout, set KG_DATA, or pass --curriculum FILE")
        }
        let view = try state.coverage {
            guard let view = try store.read(state, { kb in try CoverageView(kb: kb, curriculumPath: curriculum) }) else {
                throw ExplorerStore.GenerationMoved()
            }
            return view
        }
        return try state.boostPlan(request.boostKey) {
            try .calibrated(
                audit: view.audit, curriculum: view.audit.curriculum, snapshot: state.snapshot, settings: settings,
                allowed: allowed, target: .uniform, calibration: BoostCalibration(), seed: request.seed)
        }
    }

    // MARK: responses

    /// An HTML page from `make`, or the error page of what it threw.
    func html(_ make: () throws -> String) -> Response {
        do {
            return Self.response(200, type: "text/html; charset=utf-8", try make())
        } catch {
            return Self.errorHTML(error)
        }
    }

    /// A JSON document from `make`, or `{"error": …}` with the status of what it threw.
    func json(_ make: () throws -> String) -> Response {
        do {
            return Self.response(200, type: "application/json", try make() + "\n")
        } catch {
            return Self.errorJSON(error)
        }
    }

    static func serverError(_ error: Error) -> ServerError {
        if let error = error as? ServerError { return error }
        if let error = error as? KnowledgeBaseError { return ServerError(status: 404, message: error.description) }
        return ServerError(status: 500, message: "\(error)")
    }

    static func errorHTML(_ error: Error) -> Response {
        let error = serverError(error)
        let title = [400: "Bad request", 404: "Not found", 413: "Too large", 414: "Too long", 503: "Unavailable"][error.status] ?? "Error"
        var body = "<h1>\(title)</h1>"
        body += "<div class=\"error\"><p>\(HTML.escape(error.message))</p>"
        if let detail = error.detail { body += "<pre>\(HTML.escape(detail))</pre>" }
        body += "</div><p><a href=\"/\">back to the overview</a></p>"
        return response(error.status, type: "text/html; charset=utf-8", HTML.page(title: "Error", body: body))
    }

    static func errorJSON(_ error: Error) -> Response {
        let error = serverError(error)
        var w = JSONWriter()
        w.beginObject()
        w.key("error"); w.string(error.message)
        if let detail = error.detail { w.key("detail"); w.string(detail) }
        w.key("status"); w.int(error.status)
        w.endObject()
        return response(error.status, type: "application/json", w.string + "\n")
    }

    static func response(_ status: Int, type: String, _ text: String) -> Response {
        response(status, type: type, Array(text.utf8))
    }

    static func response(_ status: Int, type: String, _ bytes: [UInt8]) -> Response {
        var response = Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        secure(&response)
        return response
    }

    static func secure(_ response: inout Response) {
        for (name, value) in securityHeaders { response.headers[name] = value }
    }

    /// The URL's query parameters, `+` read as a space and %XX decoded (the last of a
    /// repeated name wins).
    static func parameters(_ request: Request) -> [String: String] {
        var out: [String: String] = [:]
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            out[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return out
    }
}
