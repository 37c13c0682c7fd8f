import KnowledgeBase

/// Where a command's result goes: a file, or standard output for "-".
///
/// Everything a command prints as its result goes through here rather than `print`, so
/// that a write that fails — a full disk, a closed pipe — is an error and a non-zero exit,
/// never a silently short file.
enum CommandOutput {
    /// Writes `text` to `path` ("-": standard output) and closes it.
    static func write(_ text: String, to path: String = "-") throws {
        let file = try OutputFile(path: path)
        try file.write(text)
        try file.close()
    }

    /// Writes `text` and a newline to standard output.
    static func printLine(_ text: String) throws {
        try write(text + "\n")
    }
}
