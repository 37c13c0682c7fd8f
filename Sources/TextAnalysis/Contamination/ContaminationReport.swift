import Dispatch
import KnowledgeBase

/// The result of checking a collection of problems against benchmarks: each problem's
/// matches, with counts per source, per benchmark and per rule (docs/dedup.md).
public struct ContaminationReport {
    /// The benchmarks and rules checked against.
    public let index: ContaminationIndex
    /// The problems checked.
    public let problems: ProblemCollection
    /// Per input problem, its matches (empty when clean).
    public let matches: [[ContaminationMatch]]

    /// Checks every problem of `problems` on `threads` threads.
    public init(checking problems: ProblemCollection, against index: ContaminationIndex, threads: Int) {
        self.index = index
        self.problems = problems
        let count = problems.count
        var results = [[ContaminationMatch]](repeating: [], count: count)
        let chunk = 2048
        let chunks = (count + chunk - 1) / chunk
        results.withUnsafeMutableBufferPointer { out in
            let out = out
            let work = { (c: Int) in
                var words: [UInt64] = [], literal: [UInt64] = []
                var signature: [UInt32] = []
                for i in (c * chunk)..<min(count, (c + 1) * chunk) {
                    out[i] = problems.withText(i) { index.check(bytes: $0, words: &words, literal: &literal, signature: &signature) }
                }
            }
            if threads <= 1 || chunks <= 1 {
                for c in 0..<chunks { work(c) }
            } else {
                DispatchQueue.concurrentPerform(iterations: chunks) { work($0) }
            }
        }
        matches = results
    }

    /// Problems with at least one match.
    public var flagged: Int { matches.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) } }

    /// Per source (input file): problems and flagged problems.
    public var bySource: [(source: String, problems: Int, flagged: Int)] {
        var rows = problems.sources.map { ($0, 0, 0) }
        for i in 0..<problems.count {
            let s = Int(problems.sourceIndex[i])
            rows[s].1 += 1
            if !matches[i].isEmpty { rows[s].2 += 1 }
        }
        return rows.map { (source: $0.0, problems: $0.1, flagged: $0.2) }
    }

    /// Per benchmark: its test problems, the input problems that match one of them, and how
    /// many distinct test problems are matched.
    public var byBenchmark: [(benchmark: String, testProblems: Int, flaggedInputs: Int, matchedTests: Int)] {
        let names = index.benchmarks.names
        var tests = [Int](repeating: 0, count: names.count)
        for b in index.benchmarks.benchmark { tests[Int(b)] += 1 }
        var inputs = [Int](repeating: 0, count: names.count)
        var matched = [Set<Int>](repeating: [], count: names.count)
        for list in matches where !list.isEmpty {
            var seen = Set<Int>()
            for match in list {
                let b = Int(index.benchmarks.benchmark[match.testProblem])
                matched[b].insert(match.testProblem)
                if seen.insert(b).inserted { inputs[b] += 1 }
            }
        }
        return names.indices.map { (names[$0], tests[$0], inputs[$0], matched[$0].count) }
    }

    /// Flagged problems per rule (a problem counts once per rule that matched it).
    public var byRule: [(rule: String, flagged: Int)] {
        index.rules.names.map { rule in (rule, matches.reduce(0) { $0 + ($1.contains { $0.rule == rule } ? 1 : 0) }) }
    }

    /// The full report as one JSON object (`kg decontaminate --json`).
    public var jsonText: String {
        var w = JSONWriter()
        w.beginObject()
        w.key("problems"); w.int(problems.count)
        w.key("flagged"); w.int(flagged)
        w.key("clean"); w.int(problems.count - flagged)
        w.key("rules")
        w.beginObject()
        for row in byRule { w.key(row.rule); w.int(row.flagged) }
        w.endObject()
        w.key("sources")
        w.beginArray()
        for row in bySource {
            w.beginObject()
            w.key("source"); w.string(row.source)
            w.key("problems"); w.int(row.problems)
            w.key("flagged"); w.int(row.flagged)
            w.endObject()
        }
        w.endArray()
        w.key("benchmarks")
        w.beginArray()
        for row in byBenchmark {
            w.beginObject()
            w.key("benchmark"); w.string(row.benchmark)
            w.key("test_problems"); w.int(row.testProblems)
            w.key("flagged_inputs"); w.int(row.flaggedInputs)
            w.key("matched_test_problems"); w.int(row.matchedTests)
            w.endObject()
        }
        w.endArray()
        w.key("settings")
        writeSettings(&w)
        w.key("flagged_problems")
        w.beginArray()
        for i in 0..<problems.count where !matches[i].isEmpty {
            w.beginObject()
            w.key("source"); w.string(problems.source(i))
            w.key("line"); w.int(Int(problems.lines[i]))
            w.key("id")
            if let id = problems.ids[i] { w.string(id) } else { w.null() }
            w.key("matches")
            w.beginArray()
            for match in matches[i] { writeMatch(match, &w) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.string
    }

    private func writeSettings(_ w: inout JSONWriter) {
        let rules = index.rules
        w.beginObject()
        w.stringArray("rules", rules.names)
        w.key("ngram_sizes")
        w.beginArray()
        for n in rules.ngramSizes { w.int(n) }
        w.endArray()
        w.key("maximum_ngram_frequency"); w.int(rules.maximumNGramFrequency)
        if let m = rules.minHash {
            w.key("minhash")
            w.beginObject()
            w.key("ngram"); w.int(m.ngram)
            w.key("permutations"); w.int(m.permutations)
            w.key("bands"); w.int(m.bands)
            w.key("rows"); w.int(m.rows)
            w.key("threshold"); w.double(m.threshold)
            w.key("seed"); w.int(Int(truncatingIfNeeded: m.seed))
            w.key("min_words"); w.int(m.minimumWords)
            w.endObject()
        }
        w.endObject()
    }

    private func writeMatch(_ match: ContaminationMatch, _ w: inout JSONWriter) {
        let benchmarks = index.benchmarks
        w.beginObject()
        w.key("rule"); w.string(match.rule)
        w.key("benchmark"); w.string(benchmarks.names[Int(benchmarks.benchmark[match.testProblem])])
        w.key("test_id"); w.string(benchmarks.testID(match.testProblem))
        w.key("evidence")
        if let ngram = match.ngram { w.string(ngram) } else { w.null() }
        w.key("similarity")
        if let similarity = match.similarity { w.double(similarity) } else { w.null() }
        w.endObject()
    }

    /// The report as text: totals, tables per source, benchmark and rule, then up to
    /// `examples` flagged problems with their evidence.
    public func textLines(examples: Int) -> [String] {
        var lines = ["problems \(problems.count), flagged \(flagged), clean \(problems.count - flagged)", ""]
        lines += TextTable.render(
            header: ["source", "problems", "flagged"], rows: bySource.map { [$0.source, String($0.problems), String($0.flagged)] },
            rightAligned: [1, 2])
        lines.append("")
        lines += TextTable.render(
            header: ["benchmark", "test problems", "flagged inputs", "matched tests"],
            rows: byBenchmark.map { [$0.benchmark, String($0.testProblems), String($0.flaggedInputs), String($0.matchedTests)] },
            rightAligned: [1, 2, 3])
        lines.append("")
        lines += TextTable.render(header: ["rule", "flagged"], rows: byRule.map { [$0.rule, String($0.flagged)] }, rightAligned: [1])
        var shown = 0
        for i in 0..<problems.count where !matches[i].isEmpty && shown < examples {
            if shown == 0 { lines.append("") }
            shown += 1
            let name = problems.ids[i] ?? "line \(problems.lines[i])"
            let evidence = matches[i].map { match -> String in
                var text = "\(match.rule) \(index.benchmarks.testID(match.testProblem))"
                if let ngram = match.ngram { text += " \"\(ngram)\"" }
                if let similarity = match.similarity { text += " \(JSONWriter.format(similarity, decimals: 3))" }
                return text
            }
            lines.append("\(problems.source(i)) \(name): " + evidence.joined(separator: "; "))
        }
        return lines
    }
}
