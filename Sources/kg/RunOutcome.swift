import ArgumentParser

/// How a pipeline command (`kg extract run/parse`, `kg generate run`) ended, as its exit
/// status, so a script or scheduler can tell success from failure:
///
/// | status | meaning |
/// |---|---|
/// | 0 | every item got an answer or a record |
/// | 1 | an error stopped the command (bad input, unreachable server, …): the message says what |
/// | 3 | some items failed for good or were rejected (the summary line says how many; a rerun retries failed requests) |
/// | 4 | no item succeeded |
/// | 64 | a usage error (an unknown or invalid option) |
enum RunOutcome {
    /// The status for a partial success.
    static let partial: Int32 = 3
    /// The status when nothing succeeded.
    static let nothing: Int32 = 4

    /// Exits with 3 or 4 when not every one of `total` items succeeded; returns for 0.
    static func finish(succeeded: Int, total: Int) throws {
        guard succeeded < total else { return }
        throw ExitCode(succeeded == 0 ? nothing : partial)
    }
}
