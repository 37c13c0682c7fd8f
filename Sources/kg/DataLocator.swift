import Foundation

/// Finds kg's shipped data (`data/seeds`, `data/curriculum/…`, `data/prompts/…`): under the
/// working directory, or beside the checkout the `kg` binary was built in.
enum DataLocator {
    /// The first existing `relativePath` among the candidates; nil when there is none.
    static func find(_ relativePath: String) -> String? {
        var candidates = [FileManager.default.currentDirectoryPath + "/" + relativePath]
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(folder.appendingPathComponent(relativePath).path)
            folder.deleteLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// `find`, or a `CommandFailure` that says what to pass instead.
    static func require(_ relativePath: String, option: String) throws -> String {
        guard let found = find(relativePath) else {
            throw CommandFailure("cannot find \(relativePath). Run kg from the checkout's root folder, or pass \(option).")
        }
        return found
    }
}
