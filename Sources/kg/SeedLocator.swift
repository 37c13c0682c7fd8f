import Foundation

/// Finds the shipped `data/seeds` folder: under the working directory, or next to the
/// checkout the `kg` binary was built in.
enum SeedLocator {
    static func defaultSeedsFolder() -> String? {
        var candidates = [FileManager.default.currentDirectoryPath + "/data/seeds"]
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(folder.appendingPathComponent("data/seeds").path)
            folder.deleteLastPathComponent()
        }
        var isDirectory: ObjCBool = false
        return candidates.first { FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue }
    }
}
