import Foundation
import KGTestSupport
import XCTest

/// Every ```console block of README.md and docs/*.md, run with the built kg on the default
/// knowledge base (`kg init --default`) and compared with what the docs print, so a doc
/// example cannot drift from the binary.
///
/// A command is a line starting `$ kg ` or `$ .build/release/kg ` (or `$ echo '…' | kg `); the
/// lines up to the next command are its expected standard output followed by its standard
/// error. Allowances: timings (`0.00 s`, `21.1 s`) compare as any number; a line that is only
/// `…` stands for the rest of the output; a `…` inside a line stands for any text; the
/// checkout's path is removed from kg's output; trailing spaces are ignored. `kg ingest`
/// runs in a fresh folder, the rest in one holding the default knowledge base and the fixtures
/// the examples name (records.jsonl, bad.jsonl, bad.kgq, mine.jsonl, generated.jsonl, a GSM8K
/// line at ../shared/data/gsm8k/test.jsonl).
///
/// After a change that rightly changes outputs (a new seed dataset in the default knowledge
/// base, say), `KG_DOCS_UPDATE=1 swift test --filter DocsConsoleExamplesTests` writes what kg
/// printed into the blocks that differ (keeping a block's `…` cut), for review with `git diff`.
final class DocsConsoleExamplesTests: XCTestCase {
    /// Blocks that cannot run offline or in a test's time, by "file: first command" (so that
    /// edits above a block do not move it), and why.
    static let skipped: [String: String] = [
        "docs/dedup.md: kg decontaminate ../shared/data/gsm8k/train.jsonl --examples 2":
            "reads the real GSM8K train set from ../shared/data, which is not shipped",
        "docs/serve.md: kg serve":
            "a server that runs until it is stopped; ServeCommandTests checks its start-up lines",
        "docs/coverage.md: kg sample -n 100000 --seed 1 --boost auto -o boosted.jsonl":
            "100,000 samples after three rounds of 20,000 pilot samples: too slow for a debug-build test",
    ]

    struct Example {
        var place: String
        var command: String
        var expected: [String]
        /// The 0-based line of the file where `expected` starts.
        var firstLine = 0
    }

    /// The console blocks of one Markdown file, as commands with their expected output.
    static func examples(in file: String) throws -> [(block: String, examples: [Example])] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(file), encoding: .utf8)
        var blocks: [(String, [Example])] = []
        var inBlock = false, fenceLine = 0, current: [Example] = []
        for (number, line) in text.components(separatedBy: "\n").enumerated() {
            if !inBlock {
                if line == "```console" { inBlock = true; fenceLine = number + 1; current = [] }
                continue
            }
            if line == "```" {
                blocks.append(("\(file):\(fenceLine)", current))
                inBlock = false
            } else if line.hasPrefix("$ ") {
                current.append(
                    Example(place: "\(file):\(number + 1)", command: String(line.dropFirst(2)), expected: [], firstLine: number + 1))
            } else if !current.isEmpty {
                current[current.count - 1].expected.append(line)
            }
        }
        return blocks
    }

    /// `command` as kg's arguments and standard input; nil when it is not a kg command.
    static func parse(_ command: String) -> (arguments: [String], stdin: Data?)? {
        var words = shellWords(command)
        var stdin: Data?
        if words.first == "echo", let bar = words.firstIndex(of: "|") {
            stdin = Data((words[1..<bar].joined(separator: " ") + "\n").utf8)
            words = Array(words[(bar + 1)...])
        }
        guard let program = words.first, program == "kg" || program == ".build/release/kg" else { return nil }
        return (Array(words.dropFirst()), stdin)
    }

    /// Splits a shell command line at spaces, honouring '…' and "…" quotes and backslashes.
    static func shellWords(_ line: String) -> [String] {
        var words: [String] = [], word = "", inWord = false
        var quote: Character?
        var escaped = false
        for c in line {
            if escaped { word.append(c); escaped = false; continue }
            if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"" { escaped = true } else { word.append(c) }
                continue
            }
            switch c {
            case "'", "\"": quote = c; inWord = true
            case "\\": escaped = true; inWord = true
            case " ":
                if inWord { words.append(word); word = ""; inWord = false }
            default: word.append(c); inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// Whether `actual` output matches the documented lines under the allowances.
    static func matches(expected: [String], actual: String) -> Bool {
        var want = expected
        while let last = want.last, last.trimmingCharacters(in: .whitespaces).isEmpty { want.removeLast() }
        var got = actual.components(separatedBy: "\n").map(trimTrailing)
        while let last = got.last, last.isEmpty { got.removeLast() }
        if let cut = want.firstIndex(of: "…") {
            want = Array(want[..<cut])
            guard got.count >= want.count else { return false }
            got = Array(got.prefix(want.count))
        }
        guard want.count == got.count else { return false }
        return zip(want, got).allSatisfy { lineMatches(trimTrailing($0), $1) }
    }

    static func trimTrailing(_ line: String) -> String {
        var s = Substring(line)
        while s.last == " " || s.last == "\t" || s.last == "\r" { s.removeLast() }
        return String(s)
    }

    static let timing = try! NSRegularExpression(pattern: #"\d+(\.\d+)? s\b"#)

    static func lineMatches(_ want: String, _ got: String) -> Bool {
        func untimed(_ s: String) -> String {
            timing.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "N s")
        }
        let w = untimed(want), g = untimed(got)
        if w == g { return true }
        guard w.contains("…") else { return false }
        let pattern = "^" + w.components(separatedBy: "…").map(NSRegularExpression.escapedPattern).joined(separator: ".*") + "$"
        return (try? NSRegularExpression(pattern: pattern))?.firstMatch(in: g, range: NSRange(g.startIndex..., in: g)) != nil
    }

    /// The fixtures the examples read, written into `folder` (and its parent, for ../shared).
    static func writeFixtures(_ folder: String) throws {
        func write(_ name: String, _ text: String) throws {
            let path = folder + "/" + name
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        // README's records.jsonl: its ```json block.
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let json = readme.components(separatedBy: "```json\n")[1].components(separatedBy: "```")[0]
        try write("records.jsonl", json)
        try write(
            "bad.jsonl",
            json + #"{"id": "gsm8k/train/19", "topics": [], "knowledge_points": ["Unit rate"]}"# + "\n")
        try write(
            "../shared/data/gsm8k/test.jsonl",
            #"{"question": "Janet's ducks lay 16 eggs per day. How many does she sell?", "answer": "16 - 3 - 4 = 9\n#### 9"}"# + "\n")
        try write("bad.kgq", "topics\n  | neighbors kp\n  | where nmae ~ \"fraction\"\n")
        let curriculum = try String(
            contentsOf: repositoryRoot.appendingPathComponent("data/curriculum/curriculum.jsonl"), encoding: .utf8
        ).components(separatedBy: "\n")
        let second = try XCTUnwrap(curriculum.dropFirst().first { $0.contains("\"band\"") })
        let band = try NSRegularExpression(pattern: #""band"\s*:\s*"[^"]*""#)
        try write(
            "mine.jsonl",
            curriculum[0] + "\n"
                + band.stringByReplacingMatches(in: second, range: NSRange(second.startIndex..., in: second), withTemplate: #""band": "year 2""#)
                + "\n")
        try write(
            "generated.jsonl",
            #"{"id": "g1", "topics": ["Fractions"], "knowledge_points": []}"# + "\n"
                + #"{"id": "g2", "topics": "Fractions", "knowledge_points": []}"# + "\n")
        try FileManager.default.createDirectory(atPath: folder + "/viz", withIntermediateDirectories: true)
    }

    func testEveryConsoleExampleInTheDocsPrintsWhatTheDocsSay() throws {
        let root = TemporaryFolder()
        let work = root.path + "/work"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try Self.writeFixtures(work)
        let built = try KGProcess.run(["init", "--default"], in: work)
        XCTAssertEqual(built.status, 0, built.stderr)

        let docs = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        var ran = 0, blocks = 0
        var seenSkips = Set<String>()
        let update = ProcessInfo.processInfo.environment["KG_DOCS_UPDATE"] != nil
        var updates: [String: [(first: Int, count: Int, lines: [String])]] = [:]
        let checkout = repositoryRoot.path + "/"
        for file in ["README.md"] + docs {
            for (block, examples) in try Self.examples(in: file) {
                blocks += 1
                let skipKey = "\(file): \(examples.first?.command ?? "")"
                if Self.skipped[skipKey] != nil { seenSkips.insert(skipKey); continue }
                XCTAssertFalse(examples.isEmpty, "\(block): a console block without a `$ kg` command")
                for example in examples {
                    guard let (arguments, stdin) = Self.parse(example.command) else {
                        XCTFail("\(example.place): not a kg command: \(example.command)")
                        continue
                    }
                    var folder = work
                    var fresh: TemporaryFolder?
                    if arguments.first == "ingest" {
                        // Ingest examples start from an empty knowledge base, next to ../shared.
                        let scratch = TemporaryFolder()
                        try Self.writeFixtures(scratch.path + "/work")
                        folder = scratch.path + "/work"
                        fresh = scratch
                    }
                    let result = try KGProcess.run(arguments, stdin: stdin, in: folder)
                    _ = fresh
                    let actual = (result.stdout + result.stderr).replacingOccurrences(of: checkout, with: "")
                    ran += 1
                    if update, !Self.matches(expected: example.expected, actual: actual) {
                        updates[file, default: []].append(
                            (example.firstLine, example.expected.count, Self.updated(expected: example.expected, actual: actual)))
                        continue
                    }
                    XCTAssertTrue(
                        Self.matches(expected: example.expected, actual: actual),
                        "\(example.place): $ \(example.command)\n--- the docs say:\n\(example.expected.joined(separator: "\n"))\n--- kg printed:\n\(actual)")
                }
            }
        }
        for (file, changes) in updates {
            let url = repositoryRoot.appendingPathComponent(file)
            var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
            for change in changes.sorted(by: { $0.first > $1.first }) {
                lines.replaceSubrange(change.first..<(change.first + change.count), with: change.lines)
            }
            try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(seenSkips, Set(Self.skipped.keys), "a skipped block moved or went: update the skip list")
        XCTAssertGreaterThan(ran, 60, "\(blocks) console blocks")
    }

    /// The documented lines made to match `actual`, keeping a `…` line's cut and the blank
    /// lines that end the example.
    static func updated(expected: [String], actual: String) -> [String] {
        var got = actual.components(separatedBy: "\n").map(trimTrailing)
        while let last = got.last, last.isEmpty { got.removeLast() }
        var trailing: [String] = []
        var want = expected
        while let last = want.last, last.trimmingCharacters(in: .whitespaces).isEmpty { trailing.insert(last, at: 0); want.removeLast() }
        if let cut = want.firstIndex(of: "…") { return Array(got.prefix(cut)) + ["…"] + trailing }
        return got + trailing
    }

    func testTheAllowancesAreSmall() {
        XCTAssertTrue(Self.matches(expected: ["ingested 2 records in 0.00 s"], actual: "ingested 2 records in 1.25 s\n"))
        XCTAssertFalse(Self.matches(expected: ["ingested 2 records"], actual: "ingested 3 records\n"))
        XCTAssertTrue(Self.matches(expected: ["a", "…"], actual: "a\nb\nc\n"))
        XCTAssertFalse(Self.matches(expected: ["a", "…"], actual: "b\nc\n"))
        XCTAssertTrue(Self.matches(expected: [#"{"key":"…","n":1}"#], actual: #"{"key":"00ff","n":1}"#))
        XCTAssertFalse(Self.matches(expected: [#"{"key":"…","n":1}"#], actual: #"{"key":"00ff","n":2}"#))
        XCTAssertFalse(Self.matches(expected: ["a"], actual: "a\nb\n"), "extra output is a difference")
        XCTAssertEqual(Self.shellWords(#"query 'topic "A" | ego 1' --json"#), ["query", #"topic "A" | ego 1"#, "--json"])
        XCTAssertEqual(Self.parse(#"echo '{"a": 1}' | kg template -"#)?.arguments, ["template", "-"])
    }
}
