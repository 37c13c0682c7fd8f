import ArgumentParser
import Foundation

/// `kg data`: where kg's shipped data is, so scripts and walk-throughs can use it from any
/// folder with an installed kg.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Show where kg's shipped data is: seeds, curriculum, prompts, examples.",
        discussion: """
            kg finds its data in $KG_DATA, data/ under the working directory, PREFIX/share/kg \
            beside the installed binary, or the checkout it was built in, in that order.

            Examples:
              kg data list
              cp "$(kg data path examples/gsm8k-train-200.jsonl)" seeds.jsonl
            """,
        subcommands: [DataPathCommand.self, DataListCommand.self]
    )
}

struct DataPathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Print the full path of kg's data folder, or of a file or folder in it.")

    @Argument(help: ArgumentHelp("A path inside the data folder (prompts/mathscale.txt, examples/…); none for the folder itself.", valueName: "name"))
    var name: String?

    func run() throws {
        guard let name, !name.isEmpty else {
            let prompts = try DataLocator.require("data/prompts", option: "KG_DATA=FOLDER")
            try CommandOutput.printLine(URL(fileURLWithPath: prompts).deletingLastPathComponent().standardizedFileURL.path)
            return
        }
        let relative = name.hasPrefix("data/") ? name : "data/" + name
        guard let found = DataLocator.find(relative) else {
            throw CommandFailure("kg's data has no \(name). 'kg data list' shows what ships with kg.")
        }
        try CommandOutput.printLine(URL(fileURLWithPath: found).standardizedFileURL.path)
    }
}

struct DataListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the files kg ships (paths inside the data folder), sorted.")

    func run() throws {
        var lines: [String] = []
        for folder in ["curriculum", "examples", "prompts", "seeds"] {
            guard let root = DataLocator.find("data/" + folder),
                let enumerator = FileManager.default.enumerator(atPath: root)
            else { continue }
            while let item = enumerator.nextObject() as? String {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: root + "/" + item, isDirectory: &isFolder), !isFolder.boolValue {
                    lines.append(folder + "/" + item)
                }
            }
        }
        guard !lines.isEmpty else { throw CommandFailure("cannot find kg's data: set KG_DATA to a copy of its data folder, or install kg with scripts/install.sh.") }
        try CommandOutput.printLine(lines.sorted().joined(separator: "\n"))
    }
}
