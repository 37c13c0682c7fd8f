import CProcess
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Renders scenes in a worker process (`kg graphviz-worker`, see `GraphvizWorker`), replaced
/// after `rendersPerWorker` renders so that what Graphviz leaks on every layout is returned
/// with the worker's memory; a worker that dies (Graphviz aborts on some inputs) is replaced
/// and the render tried once more; one that takes longer than `timeout` is killed. The
/// caller's process never loads a layout.
///
/// ```swift
/// let renderer = try GraphvizWorkerRenderer(command: ["/usr/local/bin/kg", "graphviz-worker"])
/// let svg = try renderer.render(scene, format: .svg)
/// ```
/// Renders are serialised (one worker, one request at a time), as in-process renders are.
/// The worker inherits only its standard input and output (the pipes), its standard error,
/// and default signal handling: none of the caller's sockets or files stay open in it.
public final class GraphvizWorkerRenderer: SceneRenderer, @unchecked Sendable {
    /// The worker's command line: an executable path and its arguments.
    public let command: [String]
    /// Renders one worker makes before it is replaced.
    public let rendersPerWorker: Int
    /// How long one drawing may take, from sending it to the last byte of the answer; a
    /// worker that has not answered by then is killed.
    public let timeout: Duration

    private let lock = NSLock()
    private var worker: Worker?
    private var started = 0

    private struct Worker {
        var pid: pid_t
        var toWorker: Int32
        var fromWorker: Int32
        var renders = 0
    }

    public init(command: [String], rendersPerWorker: Int = 1_000, timeout: Duration = .seconds(5)) throws {
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
        if let worker { Self.stop(worker) }
    }

    /// The process id of the worker running now, if any.
    public var workerID: pid_t? {
        lock.lock()
        defer { lock.unlock() }
        return worker?.pid
    }

    /// Workers started so far.
    public var workersStarted: Int {
        lock.lock()
        defer { lock.unlock() }
        return started
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

    private struct TimedOut: Error {}

    /// Sends `request` to the worker (started if none runs) and reads its answer, all within
    /// `timeout`.
    private func exchange(_ request: [UInt8]) throws -> [UInt8] {
        var current = try worker ?? start()
        worker = nil
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let status: [UInt8]?
        let field: [UInt8]?
        do {
            try Self.write(current.toWorker, request, before: deadline)
            status = try Self.read(current.fromWorker, 1, before: deadline)
            field = status == nil ? nil : try Self.readField(current.fromWorker, before: deadline)
        } catch is TimedOut {
            // Not tried again: the same drawing would hang the next worker too.
            kill(current.pid, SIGKILL)
            Self.stop(current)
            let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
            throw RenderError.graphviz(
                stage: "draw in the worker process",
                message: "it took longer than \(String(format: "%g", seconds)) s, so it was stopped; the next drawing starts another worker")
        } catch {
            Self.stop(current)
            throw WorkerLost(reason: "\(error)")
        }
        guard let status, let field else {
            Self.stop(current)
            throw WorkerLost(reason: "it exited without answering")
        }
        current.renders += 1
        if current.renders >= rendersPerWorker { Self.stop(current) } else { worker = current }
        guard status[0] == 0 else {
            throw RenderError.graphviz(stage: "draw in the worker process", message: String(decoding: field, as: UTF8.self))
        }
        return field
    }

    private func start() throws -> Worker {
        var toWorker: [Int32] = [0, 0], fromWorker: [Int32] = [0, 0]
        // Close-on-exec from the start, so that no other child holds them open; the worker
        // gets its ends as 0 and 1, which dup2 leaves open.
        guard kg_pipe_cloexec(&toWorker) == 0 else {
            throw RenderError.graphviz(stage: "start the drawing worker", message: String(cString: strerror(errno)))
        }
        guard kg_pipe_cloexec(&fromWorker) == 0 else {
            close(toWorker[0])
            close(toWorker[1])
            throw RenderError.graphviz(stage: "start the drawing worker", message: String(cString: strerror(errno)))
        }
        // This side waits with poll, within the deadline.
        for fd in [toWorker[1], fromWorker[0]] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toWorker[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromWorker[1], 1)
        // Sockets and files this process opened without close-on-exec (SwiftNIO's, say) stay
        // out of the worker.
        _ = kg_spawn_close_from(&actions, 3)
        // Default signal handling and no blocked signals, whatever this process set.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, &attributes, argv, environ)
        close(toWorker[0])
        close(fromWorker[1])
        guard spawned == 0 else {
            close(toWorker[1])
            close(fromWorker[0])
            throw RenderError.graphviz(stage: "start the drawing worker \(command[0])", message: String(cString: strerror(spawned)))
        }
        started += 1
        return Worker(pid: pid, toWorker: toWorker[1], fromWorker: fromWorker[0])
    }

    /// Closes the worker's input (it exits at its end) and reaps it in the background; a
    /// worker that has not exited within a second is killed.
    private static func stop(_ worker: Worker) {
        close(worker.toWorker)
        close(worker.fromWorker)
        let pid = worker.pid
        DispatchQueue.global().async {
            var status: Int32 = 0
            for _ in 0..<100 {
                if waitpid(pid, &status, WNOHANG) != 0 { return }
                usleep(10_000)
            }
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
    }

    // MARK: - I/O within a deadline

    /// Milliseconds left before `deadline` (0 when it has passed).
    private static func remaining(_ deadline: ContinuousClock.Instant) -> Int32 {
        let left = deadline - ContinuousClock.now
        if left <= .zero { return 0 }
        return Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
    }

    /// Waits until `fd` is ready for `events`; throws `TimedOut` at the deadline.
    private static func wait(_ fd: Int32, _ events: Int32, before deadline: ContinuousClock.Instant) throws {
        var entry = pollfd(fd: fd, events: Int16(events), revents: 0)
        while true {
            let ready = poll(&entry, 1, remaining(deadline))
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 { throw TimedOut() }
            // Ready, hung up or failed: the call that follows tells which.
            return
        }
    }

    private static func write(_ fd: Int32, _ bytes: [UInt8], before deadline: ContinuousClock.Instant) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n > 0 {
                done += n
            } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                try wait(fd, POLLOUT, before: deadline)
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                throw RenderError.graphviz(stage: "send the drawing to the worker", message: String(cString: strerror(errno)))
            }
        }
    }

    /// Exactly `count` bytes, or nil when the worker's output ends before the first.
    private static func read(_ fd: Int32, _ count: Int, before deadline: ContinuousClock.Instant) throws -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, count - done) }
            if n > 0 {
                done += n
            } else if n == 0 {
                if done == 0 { return nil }
                throw RenderError.graphviz(stage: "read the worker's answer", message: "it ended after \(done) of \(count) bytes")
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                try wait(fd, POLLIN, before: deadline)
            } else if errno != EINTR {
                throw RenderError.graphviz(stage: "read the worker's answer", message: String(cString: strerror(errno)))
            }
        }
        return bytes
    }

    private static func readField(_ fd: Int32, before deadline: ContinuousClock.Instant) throws -> [UInt8]? {
        guard let head = try read(fd, 4, before: deadline) else { return nil }
        let length = Int(head[0]) << 24 | Int(head[1]) << 16 | Int(head[2]) << 8 | Int(head[3])
        guard length <= GraphvizWorker.maximumField else {
            throw RenderError.graphviz(stage: "read the worker's answer", message: "\(length) bytes is more than the \(GraphvizWorker.maximumField) a field may hold")
        }
        return try read(fd, length, before: deadline) ?? (length == 0 ? [] : nil)
    }
}
