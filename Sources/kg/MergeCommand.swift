import ArgumentParser
import Foundation
import KnowledgeBase

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Fold concept B into concept A; B's name becomes an alias of A. Or find candidates.",
        discussion: """
            Mentions, spellings and co-occurrence counts of B move to A, and later ingests that \
            name B (in any spelling with the same key) land on A. Names are matched through \
            normalisation; when a name is both a topic and a knowledge point, say which with --kind.

            --suggest lists candidate duplicates, best first: pairs of one kind whose content \
            words agree ("Squaring Binomials" / "Squaring a Binomial", "Odd and Even Numbers" \
            / "Even and Odd Numbers"), never pairs that differ in a number or in direction \
            ("fractions to decimals" / "decimals to fractions"), ranked by name similarity and \
            the neighbours they share. Review the --json lines (delete the wrong ones) and \
            --apply them.

            Examples:
              kg merge "Pythagorean theorem" "Pythagoras theorem" --kind kp
              kg merge --suggest
              kg merge --suggest --json > candidates.jsonl   # review, delete lines
              kg merge --apply candidates.jsonl
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The concept that remains.")
    var into: String?

    @Argument(help: "The concept folded into it.")
    var from: String?

    @Option(help: "The kind of both concepts (topic, kp), when a name is ambiguous; with --suggest, only that kind.")
    var kind: ConceptKind?

    @Flag(help: "List candidate duplicate concepts instead of merging.")
    var suggest = false

    @Option(help: "With --suggest: the least name similarity (0–1, content words sorted) of a pair.")
    var minSimilarity = 0.5

    @Option(help: "With --suggest: list at most this many pairs.")
    var limit: Int?

    @Flag(help: "With --suggest: one JSON line per pair ({\"into\", \"from\", \"kind\", …}), the format --apply reads.")
    var json = false

    @OptionGroup var snapshot: SnapshotOptions

    @Option(help: ArgumentHelp("Merge every pair of a reviewed JSONL list ({\"into\", \"from\", \"kind\"} per line), in order.", valueName: "file"))
    var apply: String?

    func validate() throws {
        let modes = (suggest ? 1 : 0) + (apply != nil ? 1 : 0) + (into != nil ? 1 : 0)
        if modes != 1 { throw ValidationError("Give two concept names, --suggest, or --apply FILE.") }
        if into != nil && from == nil { throw ValidationError("Name the concept to fold into \"\(into!)\" as a second argument.") }
        if !(0...1).contains(minSimilarity) { throw ValidationError("--min-similarity must be between 0 and 1.") }
        if json && !suggest { throw ValidationError("--json goes with --suggest.") }
    }

    func run() throws {
        let kb = try database.open()
        if suggest { return try printSuggestions(kb) }
        if let apply { return try applyList(apply, to: kb) }
        let result = try kb.merge(into: into!, from: from!, kind: kind)
        try snapshot.save(kb)
        try CommandOutput.printLine(line(result))
    }

    private func line(_ result: MergeResult) -> String {
        "merged \"\(result.mergedName)\" into \"\(result.into.name)\" (\(result.into.kind.rawValue)): "
            + "\(result.problemsRewritten) problems rewritten, now \(result.into.problems) problems"
    }

    private func printSuggestions(_ kb: KnowledgeBase) throws {
        let suggestions = try kb.mergeSuggestions(kind: kind, minimumSimilarity: minSimilarity, limit: limit)
        if json {
            var w = JSONWriter()
            for s in suggestions {
                w.beginObject()
                w.key("into"); w.string(s.into.name)
                w.key("from"); w.string(s.from.name)
                w.key("kind"); w.string(s.into.kind.rawValue)
                w.key("score"); w.rawNumber(JSONWriter.format(s.score, decimals: 3))
                w.key("name_similarity"); w.rawNumber(JSONWriter.format(s.nameSimilarity, decimals: 3))
                w.key("shared_neighbours"); w.rawNumber(JSONWriter.format(s.sharedNeighbours, decimals: 3))
                w.key("into_problems"); w.int(s.into.problems)
                w.key("from_problems"); w.int(s.from.problems)
                w.endObject()
                w.endLine()
            }
            return try CommandOutput.write(w.string)
        }
        let rows = suggestions.map { s in
            [
                JSONWriter.format(s.score, decimals: 2), s.into.kind.rawValue, "\(s.into.name) (\(s.into.problems))",
                "\(s.from.name) (\(s.from.problems))", JSONWriter.format(s.sharedNeighbours, decimals: 2),
            ]
        }
        var lines = TextTable.render(header: ["score", "kind", "keep (problems)", "fold in (problems)", "shared neighbours"], rows: rows, rightAligned: [0, 4])
        lines.append("\(suggestions.count) candidate pairs; review them (--json writes a list for --apply)")
        try CommandOutput.printLine(lines.joined(separator: "\n"))
    }

    private func applyList(_ path: String, to kb: KnowledgeBase) throws {
        // Read and check every line before the first merge.
        var merges: [(line: Int, into: String, from: String, kind: ConceptKind?)] = []
        let reader = try LineReader(path: path)
        try reader.forEachLine { line in
            guard case .bytes(let bytes) = line else { throw CommandFailure("\(path):\(reader.lineNumber): line too long") }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            let location = RecordLocation(file: path, line: reader.lineNumber)
            guard case .object(let object) = try JSONValue(line: bytes, at: location) else {
                throw RecordError(location: location, problem: .notAnObject(found: "another value"))
            }
            guard let into = object["into"]?.stringValue else { throw RecordError(location: location, field: "into", problem: .missingField) }
            guard let from = object["from"]?.stringValue else { throw RecordError(location: location, field: "from", problem: .missingField) }
            var kind = self.kind
            if let text = object["kind"]?.stringValue {
                guard let parsed = ConceptKind(rawValue: text) else {
                    throw RecordError(location: location, field: "kind", problem: .wrongType(expected: "topic or kp", found: "\"\(text)\""))
                }
                kind = parsed
            }
            merges.append((reader.lineNumber, into, from, kind))
        }
        var applied = 0, skipped = 0
        for merge in merges {
            do {
                let result = try kb.merge(into: merge.into, from: merge.from, kind: merge.kind)
                try CommandOutput.printLine(line(result))
                applied += 1
            } catch KnowledgeBaseError.mergeIntoSelf {
                skipped += 1  // an earlier line already folded one into the other
            } catch {
                throw CommandFailure("\(path):\(merge.line): \(error)\n\(applied) merges of earlier lines were applied; fix this line and apply the rest.")
            }
        }
        if applied > 0 { try snapshot.save(kb) }
        Terminal.error("applied \(applied) merges" + (skipped > 0 ? "; \(skipped) pairs were already one concept" : ""))
    }
}
