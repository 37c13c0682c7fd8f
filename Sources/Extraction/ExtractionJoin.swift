import KnowledgeBase

/// `kg extract parse`: joins a batch output file to its seed problems and writes one
/// extraction record per seed whose answer could be read, in seed order, so the same files
/// give the same bytes whatever order the answers came in.
///
/// Every seed ends in exactly one place: a record, or a line of `rejects` saying why (an
/// answer that could not be read, a failed request, or no answer at all). Answers whose id
/// matches no seed are counted. A malformed seed or result line stops the join with its file
/// and line before anything is written.
public struct ExtractionJoin {
    public var parser = ExtractionAnswerParser()
    /// The `source` of records whose seed has none (default: the seeds file's name).
    public var source: String?
    /// Where to look for the problem text in a seed line.
    public var textFields = SeedProblem.defaultTextFields
    /// Whether malformed seed lines are skipped (and counted) instead of stopping the join.
    public var skipBad = false

    public init() {}

    /// What a join did.
    public struct Summary: Equatable, Sendable {
        public var seeds = 0
        /// Records written.
        public var parsed = 0
        /// Records whose lists were clipped to the maxima (counted in `parsed` too).
        public var clipped = 0
        /// Records written after a repair (fence, prose, loose keys, plain text; counted in `parsed`).
        public var repaired = 0
        /// Seeds whose answer could not be used (to `rejects`).
        public var rejected = 0
        /// Seeds with no answer in the results (to `rejects`).
        public var missing = 0
        /// Result lines whose `custom_id` matches no seed.
        public var unmatched = 0
        /// Seeds with an answer line in the results (a usable answer or not).
        public var matched = 0
        /// Seed lines without an id whose text repeats an earlier seed's (one record each).
        public var repeats = 0
        /// Malformed seed lines skipped (`skipBad`).
        public var skippedLines = 0
        /// Result lines read.
        public var resultLines = 0
        /// Tokens the answers report.
        public var promptTokens = 0
        public var completionTokens = 0

        public init() {}

        /// One line for the terminal.
        public var line: String {
            "\(seeds) seeds: \(parsed) records (\(clipped) clipped, \(repaired) repaired), \(rejected) rejected, \(missing) missing"
                + (unmatched > 0 ? "; \(unmatched) answers match no seed" : "")
                + (repeats > 0 ? "; \(repeats) repeated seed texts joined once" : "")
                + (skippedLines > 0 ? "; \(skippedLines) bad seed lines skipped" : "")
        }

        /// The summary as JSON (docs/formats.md).
        public var jsonText: String {
            var w = JSONWriter()
            w.beginObject()
            for (key, value) in [
                ("seeds", seeds), ("parsed", parsed), ("clipped", clipped), ("repaired", repaired), ("rejected", rejected),
                ("missing", missing), ("unmatched", unmatched), ("matched", matched), ("repeats", repeats),
                ("skipped_lines", skippedLines), ("result_lines", resultLines),
                ("prompt_tokens", promptTokens), ("completion_tokens", completionTokens),
            ] {
                w.key(key); w.int(value)
            }
            w.endObject()
            return w.string
        }
    }

    /// Joins `results` (batch output) to `seeds`, writing records to `output` and the seeds
    /// that gave none to `rejects`; both are closed.
    public func run(results: String, seeds: String, output: OutputFile, rejects: OutputFile?) throws -> Summary {
        var summary = Summary()
        let index = try ResultIndex(path: results)
        summary.resultLines = index.lines
        let seedFile = try SeedFile(path: seeds, textFields: textFields, skipBad: skipBad)
        let defaultSource = source ?? LocalFile.stem(of: seeds)
        var matched = 0
        var firstReason: String?
        var w = JSONWriter()
        while let seed = try seedFile.nextSeed() {
            summary.seeds += 1
            guard let line = try index.line(for: seed.customID) else {
                summary.missing += 1
                try rejects?.write(ExtractionJoin.rejectLine(seed, reason: "no answer in \(results)", content: nil))
                continue
            }
            matched += 1
            summary.promptTokens += line.promptTokens ?? 0
            summary.completionTokens += line.completionTokens ?? 0
            switch line.answer(using: parser) {
            case .failure(let rejection):
                summary.rejected += 1
                if firstReason == nil { firstReason = "line \(seed.location.line): \(rejection.description)" }
                try rejects?.write(ExtractionJoin.rejectLine(seed, reason: rejection.description, content: line.content))
            case .success(let answer):
                summary.parsed += 1
                if answer.notes.contains(where: { $0.hasPrefix("clipped") }) { summary.clipped += 1 }
                if answer.notes.contains(where: { !$0.hasPrefix("clipped") && $0 != "no knowledge points" }) { summary.repaired += 1 }
                w.clear()
                ExtractionJoin.writeRecord(seed, answer: answer, model: line.model, defaultSource: defaultSource, to: &w)
                w.endLine()
                try output.write(w.bytes)
            }
        }
        summary.unmatched = index.spans.count - matched
        summary.matched = matched
        summary.repeats = seedFile.repeats
        summary.skippedLines = seedFile.skipped.count
        if summary.parsed == 0 && summary.seeds > 0 {
            // Replacing a good records file with an empty one loses work: refuse, before the
            // caller's atomic outputs are renamed into place.
            throw ExtractionJoinError(seeds: seeds, results: results, summary: summary, firstReason: firstReason)
        }
        try output.close()
        try rejects?.close()
        return summary
    }

    /// One extraction record (docs/formats.md): the seed's id, source, level and text, the
    /// answer's topics and knowledge points, `extracted` (how), then the seed's other fields.
    static func writeRecord(
        _ seed: SeedFile.Seed, answer: ExtractionAnswer, model: String?, defaultSource: String,
        to w: inout JSONWriter
    ) {
        let object = seed.problem.object
        w.beginObject()
        w.key("id"); w.string(seed.customID)
        w.key("source"); w.string(object["source"]?.stringValue ?? defaultSource)
        let levelText = object["level"]?.stringValue
        let level = levelText.flatMap { Level(parsing: $0) }
        if let level { w.key("level"); w.string(level.rawValue) }
        w.key("problem"); w.string(seed.problem.text)
        w.stringArray("topics", answer.topics)
        w.stringArray("knowledge_points", answer.knowledgePoints)
        w.key("extracted"); w.beginObject()
        w.key("by"); w.string("kg extract")
        if let model { w.key("model"); w.string(model) }
        w.stringArray("notes", answer.notes)
        w.endObject()
        if level == nil, let levelText { w.key("seed_level"); w.string(levelText) }
        let own: Set<String> = ["id", "source", "level", "topics", "knowledge_points", "extracted", "seed_level", seed.problem.textField, "problem"]
        for member in object.members where !own.contains(member.key) {
            w.key(member.key)
            w.value(member.value)
        }
        w.endObject()
    }

    /// A rejects line: `{"custom_id", "line", "reason", "content"}`.
    static func rejectLine(_ seed: SeedFile.Seed, reason: String, content: String?) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("custom_id"); w.string(seed.customID)
        w.key("line"); w.int(seed.location.line)
        w.key("reason"); w.string(reason)
        w.key("content")
        if let content { w.string(content) } else { w.null() }
        w.endObject()
        w.endLine()
        return w.string
    }
}

/// A join that made no record at all: the seeds and results do not belong together, or no
/// answer could be read. Nothing is written, so an earlier records file stays as it was.
public struct ExtractionJoinError: Error, CustomStringConvertible {
    public let seeds: String
    public let results: String
    public let summary: ExtractionJoin.Summary
    /// The first unusable answer's seed line and reason, when there was one.
    public let firstReason: String?

    public var description: String {
        if summary.matched == 0 {
            return "no answer in \(results) belongs to a seed of \(seeds): \(summary.seeds) seeds, \(summary.resultLines) result lines, "
                + "\(summary.unmatched) of them for other ids. Are these the results of requests made from \(seeds) "
                + "(with the same --text-field)? Nothing was written."
        }
        return "no record: none of the \(summary.matched) answers in \(results) for seeds of \(seeds) could be used"
            + (firstReason.map { " (first: \($0))" } ?? "") + ". Nothing was written."
    }
}
