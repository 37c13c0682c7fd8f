import Foundation

/// Finds kg's shipped data — `data/seeds`, `data/curriculum/…`, `data/prompts/…`,
/// `data/examples/…` — wherever kg runs, in this order:
/// 1. `$KG_DATA/…`, a folder laid out like the checkout's `data/` (`KG_DATA/seeds`, …);
/// 2. `data/…` under the working directory (a checkout);
/// 3. `share/kg/…` beside the folder of the running `kg` binary (`scripts/install.sh` puts
///    the binary in `PREFIX/bin` and the data in `PREFIX/share/kg`);
/// 4. `data/…` in the checkout the binary was built in (up to five folders above it).
///
/// The binary is found by its real path (`/proc/self/exe` on Linux), so kg called by name
/// through `PATH`, by a relative path or through a symlink finds the same data.
enum DataLocator {
    /// The first existing place of `relativePath` ("data/…"); nil when there is none.
    static func find(_ relativePath: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        candidates(relativePath, environment: environment).first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Every place looked at, in order.
    static func candidates(_ relativePath: String, environment: [String: String]) -> [String] {
        let insideData = relativePath.hasPrefix("data/") ? String(relativePath.dropFirst(5)) : relativePath
        let inCheckout = "data/" + insideData
        var candidates: [String] = []
        if let root = environment["KG_DATA"], !root.isEmpty { candidates.append(root + "/" + insideData) }
        candidates.append(inCheckout)  // relative, so messages show data/… from a checkout
        if let binary = executablePath() {
            let binaryFolder = URL(fileURLWithPath: binary).deletingLastPathComponent()
            candidates.append(binaryFolder.deletingLastPathComponent().appendingPathComponent("share/kg/" + insideData).path)
            var folder = binaryFolder
            for _ in 0..<5 {
                candidates.append(folder.appendingPathComponent(inCheckout).path)
                folder.deleteLastPathComponent()
            }
        }
        return candidates
    }

    /// The real path of the running binary, symlinks resolved: `/proc/self/exe` where there
    /// is one; else Foundation's executable path; else `argv[0]`, looked up on `PATH` when it
    /// has no slash.
    static func executablePath() -> String? {
        if let linked = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), linked.hasPrefix("/") {
            return linked
        }
        if let url = Bundle.main.executableURL { return url.resolvingSymlinksInPath().path }
        let first = CommandLine.arguments.first ?? "kg"
        if first.contains("/") { return URL(fileURLWithPath: first).resolvingSymlinksInPath().path }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/\(first)"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path
            }
        }
        return nil
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

    /// The prompt templates that ship with kg, by name (`mathscale`, `extract-mathscale`).
    static func shippedTemplates() -> [String] {
        guard let folder = find("data/prompts"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else { return [] }
        return names.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// A `--template` argument as a file: an existing file's path as it is, or the name of a
    /// shipped template (`mathscale` or `mathscale.txt` → `data/prompts/mathscale.txt`).
    static func template(_ argument: String, option: String = "--template") throws -> String {
        if FileManager.default.fileExists(atPath: argument) { return argument }
        let name = argument.hasSuffix(".txt") ? String(argument.dropLast(4)) : argument
        if !name.contains("/"), let shipped = find("data/prompts/\(name).txt") { return shipped }
        // A path into the checkout's data/prompts (the docs' older spelling) still finds the shipped copy.
        if argument.hasPrefix("data/prompts/"), let shipped = find(argument) { return shipped }
        let names = shippedTemplates()
        throw CommandFailure(
            "\(option) \(argument): no such file, and no shipped template of that name. "
                + (names.isEmpty ? "" : "Shipped templates: \(names.joined(separator: ", ")). ")
                + "Give a template file's path or a shipped template's name.")
    }
}
