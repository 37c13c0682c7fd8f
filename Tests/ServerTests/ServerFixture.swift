import AsyncHTTPClient
import Foundation
import KGTestSupport
import KnowledgeBase
import NIOCore
import Server
import TextAnalysis
import XCTest

/// A hand-made knowledge base with hostile names, served by a real `ExplorerServer` on
/// 127.0.0.1 at a port the system picks, and a real HTTP client.
final class ServerFixture: @unchecked Sendable {
    /// Names that break HTML, attributes, DOT and the query language if printed raw.
    static let hostile = ["<script>alert(1)</script>", "say \"hi\" & 'bye'", "a -> b; } digraph { x", "back\\slash"]

    let folder = TemporaryFolder()
    let dbPath: String
    let server: ExplorerServer
    let port: Int
    private let task: Task<Void, Error>
    /// Redirects are not followed: the tests check them.
    let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// The records: fractions and ratios, geometry, and one problem whose concepts carry
    /// the hostile names.
    static func records() -> [String] {
        var lines: [String] = []
        func add(_ id: String, _ topics: [String], _ kps: [String], level: String, source: String, text: String) {
            lines.append(recordLine(id, topics: topics, kps: kps, source: source, level: level, problem: text))
        }
        for i in 0..<30 {
            add("f\(i)", ["Fractions"], ["Adding fractions", "Common denominators"], level: "grade-5", source: "alpha", text: "Add 1/\(i + 2) and 1/3.")
        }
        for i in 0..<8 {
            add("r\(i)", ["Fractions", "Ratios"], ["Equivalent ratios", "Adding fractions"], level: "grade-6", source: "beta", text: "Ratio problem \(i).")
        }
        for i in 0..<5 {
            add("g\(i)", ["Geometry"], ["Area of a triangle", "Pythagorean theorem"], level: "grade-8", source: "beta", text: "Triangle \(i).")
        }
        add("h1", ["Geometry", hostile[0]], [hostile[1], hostile[2], hostile[3], "Area of a triangle"], level: "competition", source: "<b>bold</b>", text: "<img src=x onerror=alert(2)> & more")
        add("h2", [hostile[0]], [hostile[1], hostile[2]], level: "competition", source: "gamma", text: "second hostile")
        return lines
    }

    /// With `datasets`, each text is written to `dataset-N.jsonl` (N from 1) and given to the
    /// server as `--dataset` is.
    /// `worker` replaces kg's own drawing worker (a command that hangs, say).
    init(
        port: Int = 0, queryTimeLimit: Duration = ServerLimits.queryTime, datasets: [String] = [], worker: [String]? = nil,
        drawingTimeLimit: Duration = ServerLimits.drawingTime
    ) async throws {
        dbPath = folder.path + "/kg.sqlite"
        let folder = self.folder
        let datasetPaths = datasets.enumerated().map { folder.write("dataset-\($0.offset + 1).jsonl", $0.element) }
        let recordsPath = folder.write("records.jsonl", Self.records().joined(separator: "\n") + "\n")
        do {
            let kb = try KnowledgeBase(path: dbPath, create: true)
            let masker = NumberMasker()
            kb.templateKey = { masker.key(of: $0) }
            _ = try Ingester(knowledgeBase: kb).ingest(files: [recordsPath])
        }
        let root = KGTestSupport.repositoryRoot.path
        do {
            var configuration = ServerConfiguration(
                databasePath: dbPath, port: port, curriculumPath: root + "/data/curriculum/curriculum.jsonl",
                templatePath: root + "/data/prompts/mathscale.txt", queryTimeLimit: queryTimeLimit,
                graphvizWorker: worker ?? [KGProcess.executable.path, "graphviz-worker"], datasetPaths: datasetPaths)
            configuration.drawingTimeLimit = drawingTimeLimit
            server = try ExplorerServer(configuration: configuration)
        } catch {
            // An HTTP client dropped without shutting down stops the test process; fail the test instead.
            try? await client.shutdown()
            throw error
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = self.server
        task = Task { try await server.run(handlingSignals: false) { continuation.yield($0) } }
        var found = 0
        for await p in ports {
            found = p
            break
        }
        self.port = found
    }

    /// Stops the server (cancelling its task shuts it down) and the client.
    func stop() async throws {
        await server.shutdown()
        try await task.value
        try await client.shutdown()
    }

    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    /// GET `path` (with its query), the whole body read.
    func get(_ path: String) async throws -> Reply {
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 32 << 20)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return Reply(status: Int(response.status.code), headers: headers, body: String(buffer: body))
    }

    /// `text` percent-encoded for a URL query.
    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// The store id of the concept named `name`.
    func conceptID(_ name: String) throws -> Int64 {
        try KnowledgeBase(path: dbPath).concept(named: name).id
    }
}
