import Foundation

/// `kg serve --port 0` started as a process by a test: the port it chose, read from what it
/// prints on start, and GET requests through curl (a client apart from kg's own code).
public final class ServeProcess {
    /// The running server.
    public let process: Process
    /// The port it listens on, on 127.0.0.1.
    public let port: Int
    /// What it printed on start.
    public let printed: String
    /// Its standard error, for what it prints later.
    public let errors: Pipe

    /// Starts `executable arguments` (a `kg serve … --port 0` command line) in `folder`.
    public init(executable: URL, arguments: [String], in folder: String? = nil, environment: [String: String]? = nil) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        if let environment { process.environment = environment }
        errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("stop with Ctrl-C") {
            let data = errors.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        printed = text
        guard let range = text.range(of: "http://127.0.0.1:"), let port = Int(text[range.upperBound...].prefix { $0.isNumber }) else {
            process.terminate()
            process.waitUntilExit()
            throw ServeProcessError(printed: text)
        }
        self.port = port
    }

    /// `kg serve` did not say where it listens.
    public struct ServeProcessError: Error, CustomStringConvertible {
        public var printed: String
        public var description: String { "kg serve did not start; it printed: \(printed)" }
    }

    /// Stops the server with SIGTERM (if it still runs) and waits for it.
    public func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// GET `path` with curl: the status and the body.
    public func get(_ path: String) throws -> (status: Int, body: String) {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "-o", "-", "-w", "\n%{http_code}", "http://127.0.0.1:\(port)\(path)"]
        let out = Pipe()
        curl.standardOutput = out
        try curl.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        return (Int(text.split(separator: "\n").last ?? "") ?? 0, text)
    }

    /// Whether curl, which `get` runs, is installed.
    public static var hasCurl: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") }
}
