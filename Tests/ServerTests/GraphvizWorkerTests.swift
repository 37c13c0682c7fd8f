import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import KGTestSupport
import KnowledgeBase
import Render
import XCTest

/// `GraphvizWorkerRenderer` with the real `kg graphviz-worker`: the same drawings as in
/// process, workers replaced after their budget, a worker that dies replaced, clear errors.
final class GraphvizWorkerTests: XCTestCase {
    static let graph = RenderGraph(
        nodes: [
            .init(id: 0, name: "Geometry", kind: .topic, problems: 40, levels: LevelSet(rank: 8)),
            .init(id: 1, name: "Algebra <&> \"x\"", kind: .topic, problems: 10, levels: LevelSet(rank: 9)),
            .init(id: 2, name: "Area", kind: .kp, problems: 20, levels: LevelSet(rank: 5)),
            .init(id: 3, name: "Slope", kind: .kp, problems: 5, levels: LevelSet(rank: 8)),
        ],
        edges: [.init(a: 0, b: 2, count: 12), .init(a: 0, b: 1, count: 3), .init(a: 1, b: 3, count: 4), .init(a: 2, b: 3, count: 1)])

    var worker: [String] { [KGProcess.executable.path, "graphviz-worker"] }

    /// Fails unless two SVG drawings have the same lines, in any order: Graphviz writes
    /// clusters in the order of their names' addresses in memory, which differ between two
    /// renders in one process, while the geometry is the same.
    func assertSame(_ a: [UInt8], _ b: [UInt8], _ message: String = "", line: UInt = #line) {
        let left = String(decoding: a, as: UTF8.self).split(separator: "\n").sorted()
        let right = String(decoding: b, as: UTF8.self).split(separator: "\n").sorted()
        XCTAssertFalse(left.isEmpty, message, line: line)
        guard left != right else { return }
        let onlyLeft = left.first { !right.contains($0) } ?? "", onlyRight = right.first { !left.contains($0) } ?? ""
        XCTFail("\(message): \(left.count) and \(right.count) lines; «\(onlyLeft.prefix(200))» vs «\(onlyRight.prefix(200))»", line: line)
    }

    func testTheWorkerDrawsWhatTheLibraryDraws() throws {
        let scene = try RenderScene(graph: Self.graph, options: RenderOptions())
        let local = try GraphvizRenderer().render(scene, format: .svg)
        let renderer = try GraphvizWorkerRenderer(command: worker)
        let remote = try renderer.render(scene, format: .svg)
        XCTAssertTrue(String(decoding: remote, as: UTF8.self).contains("<svg"))
        assertSame(remote, local, "in the worker and in process")
        let sfdp = try RenderScene(graph: Self.graph, options: RenderOptions(layout: .sfdp))
        assertSame(try renderer.render(sfdp, format: .svg), try GraphvizRenderer().render(sfdp, format: .svg), "the layout engine travels")
        XCTAssertEqual(try renderer.render(scene, format: .dot), Array(DOTWriter.dot(scene).utf8))
        XCTAssertEqual(renderer.workersStarted, 1, "one worker for every drawing")
    }

    func testAWorkerIsReplacedAfterItsRenders() throws {
        let scene = try RenderScene(graph: Self.graph, options: RenderOptions())
        let renderer = try GraphvizWorkerRenderer(command: worker, rendersPerWorker: 2)
        let first = try renderer.render(scene, format: .svg)
        var pids: Set<pid_t> = []
        for _ in 0..<4 {
            if let pid = renderer.workerID { pids.insert(pid) }
            assertSame(try renderer.render(scene, format: .svg), first, "a drawing made again")
        }
        XCTAssertEqual(renderer.workersStarted, 3, "5 drawings, 2 a worker")
        XCTAssertEqual(pids.count, 2, "the two workers seen between drawings were different processes")
    }

    func testAWorkerThatDiesIsReplacedAndTheDrawingMade() throws {
        let scene = try RenderScene(graph: Self.graph, options: RenderOptions())
        let renderer = try GraphvizWorkerRenderer(command: worker)
        let first = try renderer.render(scene, format: .svg)
        let pid = try XCTUnwrap(renderer.workerID)
        XCTAssertEqual(kill(pid, SIGKILL), 0)
        assertSame(try renderer.render(scene, format: .svg), first, "made by the next worker")
        XCTAssertEqual(renderer.workersStarted, 2)
        XCTAssertNotEqual(renderer.workerID, pid)
    }

    func testAWorkerThatCannotStartOrAnswerIsAClearError() throws {
        XCTAssertThrowsError(try GraphvizWorkerRenderer(command: ["/no/such/kg", "graphviz-worker"])) { error in
            XCTAssertTrue("\(error)".contains("/no/such/kg is not an executable file"), "\(error)")
        }
        let scene = try RenderScene(graph: Self.graph, options: RenderOptions())
        let mute = try GraphvizWorkerRenderer(command: ["/bin/true"])
        XCTAssertThrowsError(try mute.render(scene, format: .svg)) { error in
            XCTAssertTrue("\(error)".contains("it stopped twice"), "\(error)")
        }
    }

    func testAWorkerThatHangsIsKilledAtTheTimeout() throws {
        let scene = try RenderScene(graph: Self.graph, options: RenderOptions())
        let hanging = try GraphvizWorkerRenderer(command: ["/bin/sleep", "60"], timeout: .milliseconds(300))
        let start = Date()
        XCTAssertThrowsError(try hanging.render(scene, format: .svg)) { error in
            XCTAssertTrue("\(error)".contains("it took longer than 0.3 s, so it was stopped"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 10, "not tried again with another worker that would hang too")
        XCTAssertNil(hanging.workerID, "the hanging worker is gone")
        XCTAssertEqual(hanging.workersStarted, 1)
    }

    func testAWorkerThatDoesNotReadIsKilledAtTheTimeoutToo() throws {
        // A drawing larger than a pipe holds, sent to a worker that never reads it.
        let nodes = (0..<600).map { RenderGraph.Node(id: Int32($0), name: String(repeating: "long name \($0) ", count: 12), kind: .kp, problems: 1) }
        let big = RenderGraph(nodes: nodes, edges: (1..<600).map { RenderGraph.Edge(a: 0, b: Int32($0), count: 1) })
        let scene = try RenderScene(graph: big, options: RenderOptions(layout: .sfdp))
        XCTAssertGreaterThan(DOTWriter.dot(scene).utf8.count, 1 << 17, "more than a pipe buffer")
        let deaf = try GraphvizWorkerRenderer(command: ["/bin/sleep", "60"], timeout: .milliseconds(300))
        XCTAssertThrowsError(try deaf.render(scene, format: .svg)) { error in
            XCTAssertTrue("\(error)".contains("it took longer than 0.3 s, so it was stopped"), "\(error)")
        }
    }

    func testTheWorkerInheritsNoSocketOrFileOfTheServer() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: "/proc/self/fd"), "no /proc to look at the worker's files")
        // A socket without close-on-exec, as SwiftNIO opens its own.
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(socket, 0)
        defer { close(socket) }
        let inherited = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(socket)")
        XCTAssertTrue(inherited.hasPrefix("socket:"), inherited)
        let renderer = try GraphvizWorkerRenderer(command: worker)
        _ = try renderer.render(try RenderScene(graph: Self.graph, options: RenderOptions()), format: .svg)
        let pid = try XCTUnwrap(renderer.workerID)
        let files = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)")
        }
        XCTAssertFalse(files.isEmpty)
        XCTAssertFalse(files.contains(inherited), "the worker holds the server's socket: \(files)")
        let signals = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8).split(separator: "\n").first { $0.hasPrefix("SigIgn:") }
        let ignored = UInt64(signals?.split(separator: "\t").last ?? "", radix: 16) ?? 0
        XCTAssertEqual(ignored & (1 << (UInt64(SIGPIPE) - 1)), 0, "SIGPIPE is back to its default in the worker")
    }

    func testTheWorkerAnswersABadRequestWithAnErrorAndGoesOn() throws {
        // The protocol by hand: a DOT text Graphviz cannot read, then a good one.
        let process = Process()
        process.executableURL = KGProcess.executable
        process.arguments = ["graphviz-worker"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        func request(_ dot: String) -> Data {
            Data(GraphvizWorker.lengthPrefixed(Array("dot".utf8)) + GraphvizWorker.lengthPrefixed(Array("svg".utf8)) + GraphvizWorker.lengthPrefixed(Array(dot.utf8)))
        }
        input.fileHandleForWriting.write(request("graph { a -- "))
        input.fileHandleForWriting.write(request("graph { a -- b }"))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "the worker exits 0 at the end of its input")
        let fd = output.fileHandleForReading.fileDescriptor
        let bad = try XCTUnwrap(try GraphvizWorker.readExactly(fd, 1))
        let message = try XCTUnwrap(try GraphvizWorker.readField(fd))
        XCTAssertEqual(bad, [1])
        XCTAssertTrue(String(decoding: message, as: UTF8.self).contains("Graphviz failed to read the DOT text"), String(decoding: message, as: UTF8.self))
        let good = try XCTUnwrap(try GraphvizWorker.readExactly(fd, 1))
        let svg = try XCTUnwrap(try GraphvizWorker.readField(fd))
        XCTAssertEqual(good, [0])
        XCTAssertTrue(String(decoding: svg, as: UTF8.self).contains("<svg"))
    }
}
