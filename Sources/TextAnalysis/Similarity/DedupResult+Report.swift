import KnowledgeBase

extension DedupResult {
    /// The summary `kg dedup --json` prints (docs/dedup.md):
    /// `{"problems", "clusters", "duplicates", "kept", "by_reason": {"exact", "template",
    /// "minhash"}, "largest_cluster", "settings": {…}}`.
    public func summaryJSON(problems: Int, options: NearDuplicateFinder.Options) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("problems"); w.int(problems)
        w.key("clusters"); w.int(clusters.count)
        w.key("duplicates"); w.int(dropped)
        w.key("kept"); w.int(problems - dropped)
        w.key("by_reason")
        w.beginObject()
        for method in DedupMethod.allCases { w.key(method.rawValue); w.int(droppedByReason[method] ?? 0) }
        w.endObject()
        w.key("largest_cluster"); w.int(clusters.map(\.members.count).max() ?? 0)
        w.key("settings")
        w.beginObject()
        w.stringArray("methods", DedupMethod.allCases.filter { options.methods.contains($0) }.map(\.rawValue))
        w.key("ngram"); w.int(options.minHash.ngram)
        w.key("permutations"); w.int(options.minHash.permutations)
        w.key("bands"); w.int(options.minHash.bands)
        w.key("rows"); w.int(options.minHash.rows)
        w.key("threshold"); w.double(options.minHash.threshold)
        w.key("seed"); w.int(Int(truncatingIfNeeded: options.minHash.seed))
        w.key("min_words"); w.int(options.minHash.minimumWords)
        w.key("keep"); w.string(options.keep.rawValue)
        w.endObject()
        w.endObject()
        return w.string
    }

    /// The summary as lines of text.
    public func summaryLines(problems: Int) -> [String] {
        let reasons = DedupMethod.allCases.map { "\($0.rawValue) \(droppedByReason[$0] ?? 0)" }.joined(separator: ", ")
        return [
            "problems    \(problems)",
            "clusters    \(clusters.count) (largest \(clusters.map(\.members.count).max() ?? 0))",
            "duplicates  \(dropped) (\(reasons))",
            "kept        \(problems - dropped)",
        ]
    }

    /// One JSON line per cluster (`kg dedup --clusters FILE`): `{"cluster", "size",
    /// "members": [{"source", "line", "id", "kept", "reason", "similarity", "text"}]}`.
    public func writeClusters(_ problems: ProblemCollection, to file: OutputFile) throws {
        var w = JSONWriter()
        for (number, cluster) in clusters.enumerated() {
            w.beginObject()
            w.key("cluster"); w.int(number)
            w.key("size"); w.int(cluster.members.count)
            w.key("members")
            w.beginArray()
            for member in cluster.members {
                w.beginObject()
                w.key("source"); w.string(problems.source(member.index))
                w.key("line"); w.int(Int(problems.lines[member.index]))
                w.key("id")
                if let id = problems.ids[member.index] { w.string(id) } else { w.null() }
                w.key("kept"); w.bool(member.index == cluster.kept)
                w.key("reason")
                if let reason = member.reason { w.string(reason.rawValue) } else { w.null() }
                w.key("similarity")
                if let similarity = member.similarity { w.double(similarity) } else { w.null() }
                w.key("text"); w.string(problems.text(member.index))
                w.endObject()
            }
            w.endArray()
            w.endObject()
            w.endLine()
            if w.bytes.count >= 1 << 20 {
                try file.write(w.bytes)
                w.clear()
            }
        }
        try file.write(w.bytes)
    }
}
