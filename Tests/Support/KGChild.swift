import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `kg` process started in the background, for tests that kill it or read beside it.
public final class KGChild {
    /// The running process.
    public let process: Process

    /// Starts `kg arguments` in `folder` with its output discarded (or kept in `stderrPath`).
    public init(_ arguments: [String], in folder: String, stderrPath: String? = nil) throws {
        process = Process()
        process.executableURL = KGProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        if let stderrPath {
            FileManager.default.createFile(atPath: stderrPath, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: stderrPath)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Sends SIGKILL (if the process still runs) and waits for it; true when it was still running.
    @discardableResult
    public func kill() -> Bool {
        let wasRunning = process.isRunning
        if wasRunning { sendSIGKILL(process.processIdentifier) }
        process.waitUntilExit()
        return wasRunning && process.terminationReason == .uncaughtSignal
    }

    /// Waits for the process to end and returns its exit status.
    public func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }
}

private func sendSIGKILL(_ pid: Int32) { _ = kill(pid, SIGKILL) }

/// One line of the reliability figures (docs/reliability.md), printed by the fault tests so
/// that `scripts/soak.sh` can gather them: `reliability<TAB>class<TAB>cases<TAB>failures`.
public func reportReliabilityFigure(_ name: String, cases: Int, failures: Int, detail: String = "") {
    print("reliability\t\(name)\t\(cases)\t\(failures)\t\(detail)")
}

/// The case count a fault test runs: `fallback` in the suite, `KG_SOAK_CASES` in a soak run.
public func soakCases(_ fallback: Int) -> Int {
    ProcessInfo.processInfo.environment["KG_SOAK_CASES"].flatMap(Int.init) ?? fallback
}
