import Foundation

/// Finds kg's shipped data — `data/seeds`, `data/curriculum/…`, `data/prompts/…` — wherever
/// kg runs, in this order:
/// 1. `$KG_DATA/…`, a folder laid out like the checkout's `data/` (`KG_DATA/seeds`, …);
/// 2. `data/…` under the working directory (a checkout);
/// 3. `share/kg/…` beside the folder of the `kg` binary (`scripts/install.sh` puts the
///    binary in `PREFIX/bin` and the data in `PREFIX/share/kg`);
/// 4. `data/…` in the checkout the binary was built in (up to five folders above it).
enum DataLocator {
    /// The first existing place of `relativePath` ("data/…"); nil when there is none.
    static func find(_ relativePath: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        candidates(relativePath, environment: environment).first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Every place looked at, in order.
    static func candidates(_ relativePath: String, environment: [String: String]) -> [String] {
        let insideData = relativePath.hasPrefix("data/") ? String(relativePath.dropFirst(5)) : relativePath
        var candidates: [String] = []
        if let root = environment["KG_DATA"], !root.isEmpty { candidates.append(root + "/" + insideData) }
        candidates.append(FileManager.default.currentDirectoryPath + "/" + relativePath)
        let binaryFolder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(binaryFolder.deletingLastPathComponent().appendingPathComponent("share/kg/" + insideData).path)
        var folder = binaryFolder
        for _ in 0..<5 {
            candidates.append(folder.appendingPathComponent(relativePath).path)
            folder.deleteLastPathComponent()
        }
        return candidates
    }

    /// `find`, or a `CommandFailure` that says where kg looked and what to pass instead.
    static func require(_ relativePath: String, option: String) throws -> String {
        guard let found = find(relativePath) else {
            throw CommandFailure(
                "cannot find \(relativePath): looked in $KG_DATA, the working directory, PREFIX/share/kg beside the kg binary and "
                    + "the checkout it was built in. Install kg with scripts/install.sh, set KG_DATA to a copy of kg's data folder, "
                    + "or pass \(option).")
        }
        return found
    }
}
