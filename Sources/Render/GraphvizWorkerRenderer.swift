import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Renders scenes in a worker process (`kg graphviz-worker`, see `GraphvizWorker`), replaced
/// after `rendersPerWorker` renders so that what Graphviz leaks on every layout is returned
/// with the worker's memory; a worker that dies (Graphviz aborts on some inputs) is replaced
/// and the render tried once more. The caller's process never loads a layout.
///
/// ```swift
/// let renderer = try GraphvizWorkerRenderer(command: ["/usr/local/bin/kg", "graphviz-worker"])
/// let svg = try renderer.render(scene, format: .svg)
/// ```
/// Renders are serialised (one worker, one request at a time), as in-process renders are.
public final class GraphvizWorkerRenderer: SceneRenderer, @unchecked Sendable {
    /// The worker's command line: an executable path and its arguments.
    public let command: [String]
    /// Renders one worker makes before it is replaced.
    public let rendersPerWorker: Int

    private let lock = NSLock()
    private var worker: Worker?
    /// Workers started so far (for tests and benchmarks).
    public private(set) var workersStarted = 0

    private struct Worker {
        var pid: pid_t
        var toWorker: Int32
        var fromWorker: Int32
        var renders = 0
    }

    /// How long one drawing may take; a worker that has not answered by then is killed.
    public let timeout: Duration

    public init(command: [String], rendersPerWorker: Int = 1_000, timeout: Duration = .seconds(20)) throws {
        precondition(!command.isEmpty && rendersPerWorker > 0)
        self.command = command
        self.rendersPerWorker = rendersPerWorker
        self.timeout = timeout
        // A worker that died must be an error on write, not a signal that ends this process.
        signal(SIGPIPE, SIG_IGN)
        guard FileManager.default.isExecutableFile(atPath: command[0]) else {
            throw RenderError.graphviz(stage: "start the drawing worker", message: "\(command[0]) is not an executable file")
        }
    }

    deinit {
        if let worker { stop(worker) }
    }

    /// The process id of the worker running now, if any.
    public var workerID: pid_t? {
        lock.lock()
        defer { lock.unlock() }
        return worker?.pid
    }

    public func render(_ scene: RenderScene, format: RenderFormat) throws -> [UInt8] {
        if format == .dot { return Array(DOTWriter.dot(scene).utf8) }
        let request =
            GraphvizWorker.lengthPrefixed(Array(scene.layout.rawValue.utf8)) + GraphvizWorker.lengthPrefixed(Array(format.rawValue.utf8))
            + GraphvizWorker.lengthPrefixed(Array(DOTWriter.dot(scene).utf8))
        lock.lock()
        defer { lock.unlock() }
        do {
            return try exchange(request)
        } catch let error as WorkerLost {
            // Once more with a new worker; a second loss is the answer.
            do {
                return try exchange(request)
            } catch let second as WorkerLost {
                throw RenderError.graphviz(stage: "draw in the worker process", message: "it stopped twice (\(error.reason); then \(second.reason))")
            }
        }
    }

    private struct WorkerLost: Error {
        var reason: String
    }

    /// Sends `request` to the worker (started if none runs) and reads its answer.
    private func exchange(_ request: [UInt8]) throws -> [UInt8] {
        var current = try worker ?? start()
        worker = nil
        do {
            try GraphvizWorker.writeAll(current.toWorker, request)
        } catch {
            stop(current)
            throw WorkerLost(reason: "\(error)")
        }
        guard Self.waitReadable(current.fromWorker, within: timeout) else {
            // Not tried again: the same drawing would hang the next worker too.
            kill(current.pid, SIGKILL)
            stop(current)
            throw RenderError.graphviz(
                stage: "draw in the worker process",
                message: "it took longer than \(String(format: "%g", Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18)) s, so it was stopped; the next drawing starts another worker")
        }
        let status: [UInt8]?
        let field: [UInt8]?
        do {
            status = try GraphvizWorker.readExactly(current.fromWorker, 1)
            field = status == nil ? nil : try GraphvizWorker.readField(current.fromWorker)
        } catch {
            stop(current)
            throw WorkerLost(reason: "\(error)")
        }
        guard let status, let field else {
            stop(current)
            throw WorkerLost(reason: "it exited without answering")
        }
        current.renders += 1
        if current.renders >= rendersPerWorker { stop(current) } else { worker = current }
        guard status[0] == 0 else {
            throw RenderError.graphviz(stage: "draw in the worker process", message: String(decoding: field, as: UTF8.self))
        }
        return field
    }

    /// Waits until `fd` has something to read (or its writer is gone); false after `timeout`.
    private static func waitReadable(_ fd: Int32, within timeout: Duration) -> Bool {
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&entry, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            // Readable, hung up or failed: the read that follows tells which.
            return ready != 0
        }
    }

    private func start() throws -> Worker {
        var toWorker: [Int32] = [0, 0], fromWorker: [Int32] = [0, 0]
        guard pipe(&toWorker) == 0 else {
            throw RenderError.graphviz(stage: "start the drawing worker", message: String(cString: strerror(errno)))
        }
        guard pipe(&fromWorker) == 0 else {
            close(toWorker[0])
            close(toWorker[1])
            throw RenderError.graphviz(stage: "start the drawing worker", message: String(cString: strerror(errno)))
        }
        // Close-on-exec, so that no other child (a later worker) holds them open; the worker
        // gets its ends as 0 and 1, which dup2 leaves open.
        for fd in toWorker + fromWorker { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toWorker[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromWorker[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        close(toWorker[0])
        close(fromWorker[1])
        guard spawned == 0 else {
            close(toWorker[1])
            close(fromWorker[0])
            throw RenderError.graphviz(stage: "start the drawing worker \(command[0])", message: String(cString: strerror(spawned)))
        }
        workersStarted += 1
        return Worker(pid: pid, toWorker: toWorker[1], fromWorker: fromWorker[0])
    }

    /// Closes the worker's input (it exits at its end), and reaps it; a worker that does not
    /// exit within a second is killed.
    private func stop(_ worker: Worker) {
        close(worker.toWorker)
        close(worker.fromWorker)
        var status: Int32 = 0
        for _ in 0..<100 {
            if waitpid(worker.pid, &status, WNOHANG) != 0 { return }
            usleep(10_000)
        }
        kill(worker.pid, SIGKILL)
        waitpid(worker.pid, &status, 0)
    }
}
