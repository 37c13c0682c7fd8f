import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to standard error and drawing progress on it when it is a terminal.
enum Terminal {
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// A one-line progress bar on standard error, drawn only when it is a terminal.
final class ProgressBar {
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let unit: String
    private let total: Int?

    /// - Parameter total: how many items the run will count, when known: the bar then shows
    ///   the share done and the time left without `bytes`.
    init(unit: String, total: Int? = nil, enabled: Bool = Terminal.stderrIsTerminal) {
        self.unit = unit
        self.total = total
        self.enabled = enabled
    }

    /// Redraws at most ten times a second.
    func update(done: Int, bytes: Int? = nil, totalBytes: Int? = nil, label: String = "") {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(start), 1e-6)
        let rate = Double(done) / elapsed
        var line = "\r"
        var fraction: Double?
        if let bytes, let totalBytes, totalBytes > 0 {
            fraction = Double(bytes) / Double(totalBytes)
        } else if let total, total > 0 {
            fraction = Double(done) / Double(total)
        }
        if let share = fraction {
            let fraction = min(1, share)
            let width = 30
            let filled = Int(fraction * Double(width))
            line += "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            line += String(format: "%3.0f%% ", fraction * 100)
            if fraction > 0 {
                line += Self.duration(elapsed / fraction - elapsed) + " left "
            }
        }
        line += "\(done) \(unit) (\(Int(rate))/s) \(label)"
        FileHandle.standardError.write(Data((line.prefix(120) + "\u{1B}[K").utf8))
    }

    /// `seconds` as `42s`, `3m05s` or `1h02m`: short enough for the bar, exact enough to plan by.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + String(format: "%02ds", s % 60) }
        return "\(s / 3600)h" + String(format: "%02dm", (s % 3600) / 60)
    }

    /// Clears the bar's line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
