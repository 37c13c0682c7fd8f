import Foundation
import KnowledgeBase

/// `kg-bench serve`: `kg serve` on the default knowledge base, as a process of its own, loaded
/// over real HTTP on 127.0.0.1 by `HTTPConnection` (blocking keep-alive connections, one per
/// client thread):
/// - latency on one connection, server time (its `Server-Timing` header) and round trip,
///   p50/p99: a concept page on first visit (the drawing made) and again (cached), a one-hop
///   query through `/api/query` and through the query page;
/// - requests/s at `--clients` concurrent clients (default 64) for the same routes, beside the
///   same query run by `kg query` as a process (median of `--e2e-runs`), and beside `wrk`
///   when it is installed;
/// - the server's resident memory (and its drawing worker's) after its first request and
///   after each of `--rounds` rounds (default 3) of `--requests` mixed requests (default
///   10,000), beside `kg serve --draw-in-process` given the same requests: no growth beyond
///   the bounded caches, against Graphviz's leak.
enum ServeBenchmark {
    static func run(arguments: [String]) throws {
        guard let kg = option("--kg", in: arguments) ?? QueryBenchmark.defaultKGPath() else {
            throw BenchError("no kg binary: build it (cd Benchmarks && swift build -c release --product kg) or pass --kg PATH")
        }
        let folder = option("--dir", in: arguments) ?? NSTemporaryDirectory()
        let seeds = option("--seeds", in: arguments) ?? repositoryRoot + "/data/seeds"
        let mixed = Int(option("--requests", in: arguments) ?? "") ?? 10_000
        let clients = Int(option("--clients", in: arguments) ?? "") ?? 64
        let perClient = Int(option("--per-client", in: arguments) ?? "") ?? 50
        let e2eRuns = Int(option("--e2e-runs", in: arguments) ?? "") ?? 20
        let distinct = Int(option("--concepts", in: arguments) ?? "") ?? 300

        var path = option("--default-db", in: arguments)
        if path == nil {
            path = folder + "/kg-bench-serve-default.sqlite"
            let (records, seconds) = try measure { try BenchmarkKnowledgeBases.buildDefault(at: path!, seeds: seeds) }
            print(String(format: "default KB: %d records ingested in %.1f s", records, seconds))
        }
        let db = path!
        defer { if option("--default-db", in: arguments) == nil { removeDatabase(db) } }

        // What to ask for: concepts spread over the whole graph (every k-th by problems), and
        // one-hop queries from as many topics.
        let kb = try KnowledgeBase(readingOnly: db)
        let snapshot = try kb.snapshot()
        let byProblems = (0..<snapshot.nodeCount).filter { snapshot.problemCounts[$0] > 0 }
            .sorted { snapshot.problemCounts[$0] > snapshot.problemCounts[$1] }
        let conceptIDs = spread(byProblems, distinct).map { snapshot.conceptIDs[$0] }
        let manyConceptIDs = spread(byProblems, 1_000).map { snapshot.conceptIDs[$0] }
        let topics = snapshot.nodes(ofKind: .topic).map(Int.init).sorted { snapshot.problemCounts[$0] > snapshot.problemCounts[$1] }
        let queries = spread(topics, distinct).map { node in
            "topic \"" + snapshot.names[node].replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\" | neighbors kp | top 10 by weight"
        }
        let conceptPaths = conceptIDs.map { "/concept/\($0)" }
        let apiQueryPaths = queries.map { "/api/query?q=" + encoded($0) }
        let queryPagePaths = queries.map { "/query?q=" + encoded($0) }
        print("\(snapshot.nodeCount) concepts, \(snapshot.problems.count) problems; \(conceptIDs.count) concept pages and \(queries.count) one-hop queries asked for")

        let server = try ServerProcess(kg: kg, db: db)
        defer { server.stop() }
        let first = try HTTPConnection(port: server.port).get("/api/stats")
        guard first.status == 200 else { throw BenchError("GET /api/stats: \(first.status)") }
        let rssFirst = server.residentMiB()
        print(String(format: "kg serve (pid %d, port %d): %.1f MiB resident after its first request", server.pid, server.port, rssFirst))

        print("\nlatency, one connection, sequential (server: its Server-Timing; round trip: as the client saw it), ms")
        print("  route                                  requests   server p50   server p99   round trip p50   round trip p99")
        let connection = try HTTPConnection(port: server.port)
        func latency(_ label: String, _ paths: [String]) throws {
            var server: [Double] = [], client: [Double] = []
            for path in paths {
                let (reply, seconds) = try measure { try connection.get(path) }
                guard reply.status == 200 else { throw BenchError("GET \(path): \(reply.status) \(String(decoding: reply.body.prefix(300), as: UTF8.self))") }
                server.append(reply.serverMilliseconds ?? .nan)
                client.append(seconds * 1000)
            }
            print(
                label.padding(toLength: 40, withPad: " ", startingAt: 0)
                    + String(
                        format: "%7d   %10.2f   %10.2f   %14.2f   %14.2f", paths.count, percentile(server, 0.5), percentile(server, 0.99),
                        percentile(client, 0.5), percentile(client, 0.99)))
        }
        try latency("  concept page, first visit (drawn)", conceptPaths)
        try latency("  concept page, again (drawing cached)", conceptPaths + conceptPaths)
        try latency("  one-hop query, /api/query (JSON)", apiQueryPaths + apiQueryPaths)
        try latency("  one-hop query, /query page, first", queryPagePaths)
        try latency("  one-hop query, /query page, again", queryPagePaths)

        print("\nthroughput, \(clients) concurrent clients × \(perClient) requests, each on its own keep-alive connection")
        func throughput(_ label: String, _ paths: [String]) throws -> Double {
            let (failures, seconds) = try measure { try load(port: server.port, clients: clients, perClient: perClient, paths: paths) }
            if failures > 0 { throw BenchError("\(label): \(failures) requests failed") }
            let rate = Double(clients * perClient) / seconds
            print("  " + label.padding(toLength: 38, withPad: " ", startingAt: 0) + String(format: "%9.0f requests/s", rate))
            return rate
        }
        _ = try throughput("concept page (cached drawings)", conceptPaths)
        let queryRate = try throughput("one-hop query, /api/query", apiQueryPaths)
        _ = try throughput("one-hop query, /query page", queryPagePaths)
        _ = try throughput("stats, /api/stats", ["/api/stats"])

        var times: [Double] = []
        for i in 0..<e2eRuns {
            let (_, seconds) = try measure { try QueryBenchmark.runKG(kg, ["query", "--db", db, "--json", queries[i % queries.count]]) }
            times.append(seconds)
        }
        let process = QueryBenchmark.median(times)
        print(
            String(
                format: "  the same query, kg query --json as a process: %.1f ms (median of %d), %.0f queries/s one after another — the server answers %.0f× as many",
                process * 1000, e2eRuns, 1 / process, queryRate * process))

        if let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            print("\nwrk beside it (2 threads, \(clients) connections, 5 s, one URL each):")
            for (label, path) in [("concept page (cached)", conceptPaths[0]), ("one-hop query, /api/query", apiQueryPaths[0])] {
                let output = try capture(wrk, ["-t2", "-c\(clients)", "-d5s", "--latency", "http://127.0.0.1:\(server.port)\(path)"])
                let rate = output.split(separator: "\n").first { $0.contains("Requests/sec") }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "?"
                let p50 = output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("50%") }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "?"
                let p99 = output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("99%") }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "?"
                print("  \(label): \(rate); latency \(p50), \(p99)")
            }
        }

        // Memory: mixed requests over a thousand concepts (more than the drawing cache keeps),
        // queries, every page, the API, samples and errors.
        let kinds: [(Int) -> String] = [
            { "/concept/\(manyConceptIDs[$0 % manyConceptIDs.count])" },
            { apiQueryPaths[$0 % apiQueryPaths.count] },
            { queryPagePaths[$0 % queryPagePaths.count] },
            { "/api/concept/\(manyConceptIDs[($0 * 7) % manyConceptIDs.count])?page=2" },
            { _ in "/" },
            { _ in "/coverage" },
            { "/coverage?band=grade-\($0 % 9)&strand=NF" },
            { "/api/suggest?q=" + ["frac", "prob", "tri", "equa", "prim"][$0 % 5] },
            { "/search?q=" + ["fraction", "angle", "ratio"][$0 % 3] },
            { "/api/sample?n=10&seed=\($0)" },
            { "/sample?n=5&seed=\($0)&template=mathscale&examples=1" },
            { _ in "/concept/999999999" },
            { _ in "/api/query?q=" + encoded("topic \"no such topic\"") },
        ]
        // --mix 0,3: only those kinds of the list above (to find which one holds memory).
        let chosen = option("--mix", in: arguments).map { $0.split(separator: ",").compactMap { Int($0) }.filter(kinds.indices.contains) }
        let mix = chosen.map { $0.map { kinds[$0] } } ?? kinds
        let rounds = max(2, Int(option("--rounds", in: arguments) ?? "") ?? 3)
        print("\nmemory (resident), rounds of \(mixed) mixed requests (\(mix.count) kinds over \(manyConceptIDs.count) concepts, 8 clients),")
        print("kg serve as shipped (drawings laid out in a worker process, replaced every 1,000) beside kg serve --draw-in-process:")
        let inProcess = try ServerProcess(kg: kg, db: db, extra: ["--draw-in-process"])
        defer { inProcess.stop() }
        _ = try HTTPConnection(port: inProcess.port).get("/api/stats")
        print("  after                                   server    (its worker)   --draw-in-process")
        print(String(format: "  its first request                  %7.1f MiB                    %7.1f MiB", rssFirst, inProcess.residentMiB()))
        print(String(format: "  the latency and throughput runs    %7.1f MiB   (%5.1f MiB)", server.residentMiB(), server.childrenResidentMiB()))
        for round in 1...rounds {
            let offset = (round - 1) * mixed
            for target in [server, inProcess] {
                let (failures, _) = try measure {
                    try load(
                        port: target.port, clients: 8, perClient: mixed / 8, paths: (0..<mixed).map { mix[$0 % mix.count]($0 / mix.count + offset) },
                        allowErrors: true)
                }
                if failures > 0 { throw BenchError("\(failures) mixed requests failed") }
            }
            print(
                String(
                    format: "  %6d mixed requests              %7.1f MiB   (%5.1f MiB)   %7.1f MiB", round * mixed, server.residentMiB(),
                    server.childrenResidentMiB(), inProcess.residentMiB()))
        }
    }

    /// `count` items of `list` spread evenly over it (all when it is shorter).
    static func spread<T>(_ list: [T], _ count: Int) -> [T] {
        guard list.count > count else { return list }
        return (0..<count).map { list[$0 * list.count / count] }
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    /// `clients` threads, each with its own connection, each making `perClient` requests in
    /// turn over `paths`; the number of requests that failed (a status ≥ 500, or ≥ 400
    /// unless `allowErrors`).
    static func load(port: Int, clients: Int, perClient: Int, paths: [String], allowErrors: Bool = false) throws -> Int {
        let outcome = LoadOutcome()
        let group = DispatchGroup()
        for client in 0..<clients {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                do {
                    let connection = try HTTPConnection(port: port)
                    for i in 0..<perClient {
                        let reply = try connection.get(paths[(client * perClient + i) % paths.count])
                        if reply.status >= 500 || (!allowErrors && reply.status >= 400) { outcome.fail() }
                    }
                } catch {
                    outcome.fail(error)
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        return try outcome.failures()
    }

    /// What the client threads of one `load` report, under a lock.
    final class LoadOutcome: @unchecked Sendable {
        private let lock = NSLock()
        private var failed = 0
        private var firstError: Error?

        func fail(_ error: Error? = nil) {
            lock.lock()
            defer { lock.unlock() }
            if let error { firstError = firstError ?? error } else { failed += 1 }
        }

        /// The failed requests' count, or the first error a client met.
        func failures() throws -> Int {
            lock.lock()
            defer { lock.unlock() }
            if let firstError { throw firstError }
            return failed
        }
    }

    /// Runs `program` and returns its standard output.
    static func capture(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// `kg serve --port 0` as a child process: its port, read from what it prints on start, and
/// its resident memory from /proc.
final class ServerProcess {
    let process = Process()
    let pid: Int32
    let port: Int

    init(kg: String, db: String, extra: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: kg)
        process.arguments = ["serve", "--db", db, "--port", "0"] + extra
        process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
        var environment = ProcessInfo.processInfo.environment
        environment["KG_DATA"] = repositoryRoot + "/data"
        process.environment = environment
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        pid = process.processIdentifier
        // "kg serve: http://127.0.0.1:PORT/ on …"
        var text = ""
        var found: Int?
        let handle = pipe.fileHandleForReading
        let deadline = Date().addingTimeInterval(120)
        while found == nil, Date() < deadline {
            let data = handle.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            if let range = text.range(of: "http://127.0.0.1:"), let end = text[range.upperBound...].firstIndex(of: "/") {
                found = Int(text[range.upperBound..<end])
            }
        }
        guard let found else {
            process.terminate()
            throw BenchError("kg serve did not start: \(text)")
        }
        port = found
        // The rest of its messages are not read: it writes none while serving.
    }

    /// VmRSS of the server, MiB.
    func residentMiB() -> Double { Self.residentMiB(pid) }

    /// VmRSS of the server's child processes (its drawing worker), MiB.
    func childrenResidentMiB() -> Double {
        // Each thread lists the children it started.
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        let children = tasks.flatMap { task in
            ((try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? "").split(separator: " ").compactMap { Int32($0) }
        }
        return children.map(Self.residentMiB).reduce(0, +)
    }

    static func residentMiB(_ pid: Int32) -> Double {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        let kib = Double(line.split(separator: " ").dropFirst().first ?? "") ?? .nan
        return kib / 1024
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
