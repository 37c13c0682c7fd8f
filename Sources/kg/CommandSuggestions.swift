import ArgumentParser
import KnowledgeBase

/// "Did you mean …?" for a mistyped subcommand at any depth (`kg extract reqests`) and a
/// mistyped long option (`--enpoint`), found before ArgumentParser parses, which would
/// otherwise report a missing required option first or no suggestion at all.
enum CommandSuggestions {
    /// The message for the first mistyped word of `arguments`, or nil when there is none
    /// (unknown words too far from every name are left to ArgumentParser).
    static func message(for arguments: [String], root: ParsableCommand.Type = KG.self) -> String? {
        var command = root
        var path = [root._commandName]
        var index = 0
        // Walk the subcommands named by the leading words.
        while index < arguments.count, !arguments[index].hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { break }
            let word = arguments[index]
            if word == "help" { return nil }
            if let next = subcommands.first(where: { $0._commandName == word || $0.configuration.aliases.contains(word) }) {
                command = next
                path.append(word)
                index += 1
                continue
            }
            guard let best = closest(word, among: subcommands.map { $0._commandName }) else { return nil }
            let parent = path.joined(separator: " ")
            let under = path.count > 1 ? " of '\(parent)'" : ""
            return "unknown command '\(word)'\(under). Did you mean '\(best)'? See '\(parent) --help'."
        }
        // Then every long option of the command it names.
        let known = longOptions(of: command, root: root)
        guard !known.isEmpty else { return nil }
        for argument in arguments[index...] {
            if argument == "--" { break }
            guard argument.hasPrefix("--"), argument.count > 2 else { continue }
            let name = String(argument.split(separator: "=", maxSplits: 1)[0])
            guard !known.contains(name), let best = closest(name, among: Array(known)) else { continue }
            return "unknown option '\(name)'. Did you mean '\(best)'? See '\(path.joined(separator: " ")) --help'."
        }
        return nil
    }

    /// The closest of `names` to `word` within two edits (ties by name); nil when none is.
    static func closest(_ word: String, among names: [String]) -> String? {
        names.map { ($0, EditDistance.levenshtein(word, $0, limit: 3)) }
            .filter { $0.1 <= 2 }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .first?.0
    }

    /// The `--long` option names `command`'s help lists (hidden ones included).
    static func longOptions(of command: ParsableCommand.Type, root: ParsableCommand.Type) -> Set<String> {
        let help = command == root
            ? root.helpMessage(includeHidden: true, columns: 10_000)
            : root.helpMessage(for: command, includeHidden: true, columns: 10_000)
        var names: Set<String> = ["--help", "--version"]
        var rest = Substring(help)
        while let range = rest.range(of: "--") {
            let after = rest[range.upperBound...]
            let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            if let first = name.first, first.isLetter { names.insert("--" + name) }
            rest = after.dropFirst(name.count)
        }
        return names
    }
}
