import KnowledgeBase

/// Tags JSONL lines with `NeighbourTagger` (and, for `--method both`, `ProblemTagger`) and
/// writes each as an extraction record: `kg tag --method neighbours|both`.
///
/// The record: `id`, `source`, `level` (the band), `topics` (the neighbours' topics),
/// `knowledge_points`, `problem`, `areas` (curriculum codes), `tagged` — `{"by": "kg tag",
/// "method", "band": "given" | "voted" | "none", "confidence": {"topics": […],
/// "knowledge_points": […], "areas": […], "band": number}}`, each confidence list in the
/// order of its labels, plus `"neighbours": [ids]` with `--explain` — then the input's other
/// fields.
public final class NeighbourLineTagger: @unchecked Sendable {
    public let neighbours: NeighbourTagger
    public let keywords: ProblemTagger?
    public let options: ProblemTagger.Options
    public let knowledgePoints: Bool

    /// - Parameters:
    ///   - keywords: the keyword tagger for `--method both`, or nil.
    ///   - knowledgePoints: whether to write knowledge points (false: `--no-kps`).
    public init(neighbours: NeighbourTagger, keywords: ProblemTagger?, options: ProblemTagger.Options, knowledgePoints: Bool) {
        self.neighbours = neighbours
        self.keywords = keywords
        self.options = options
        self.knowledgePoints = knowledgePoints
    }

    /// Tags every line of `files` into `output`, in input order, on `threads` threads.
    public func run(files: [String], output: OutputFile, threads: Int = 2, onProgress: ((TagProgress) -> Void)? = nil) throws -> TagSummary {
        let threadCount = max(1, threads)
        // Each thread its own keyword tagger: threads sharing one contend on its arrays'
        // reference counts (`ProblemTagger.replica()`).
        let keywordWorkers = keywords.map { first in [first] + (1..<threadCount).map { _ in first.replica() } }
        return try ProblemTagger.runChunks(files: files, output: output, threads: threadCount, onProgress: onProgress) {
            k, batch, range, path, stem in
            self.tagChunk(batch, range: range, path: path, stem: stem, keywords: keywordWorkers?[k])
        }
    }

    func tagChunk(_ batch: LineBatch, range: Range<Int>, path: String, stem: String, keywords: ProblemTagger?) -> ProblemTagger.ChunkResult {
        var result = ProblemTagger.ChunkResult()
        var writer = JSONWriter()
        var scratch = NeighbourIndex.Scratch()
        do {
            for i in range {
                let (written, tags, kpCount) = try batch.withLine(i) { bytes, number in
                    try tagLine(
                        bytes, location: RecordLocation(file: path, line: number), stem: stem, keywords: keywords, scratch: &scratch,
                        writer: &writer)
                }
                result.summary.records += 1
                if tags.topics.isEmpty { result.summary.untagged += 1 } else { result.summary.tagged += 1 }
                if !written { result.summary.dropped += 1 }
                if !tags.bandGiven && tags.band != nil { result.summary.bandGuessed += 1 }
                if written, kpCount > 0 {
                    result.summary.withKnowledgePoints += 1
                    result.summary.knowledgePoints += kpCount
                }
            }
        } catch {
            result.error = error
        }
        result.bytes = writer.bytes
        return result
    }

    /// Tags one JSONL line and appends its record to `writer`: whether it was written (not
    /// dropped), the vote, and how many knowledge points the record got.
    func tagLine(
        _ bytes: UnsafeBufferPointer<UInt8>, location: RecordLocation, stem: String, keywords: ProblemTagger?,
        scratch: inout NeighbourIndex.Scratch, writer: inout JSONWriter
    ) throws -> (written: Bool, tags: NeighbourTagger.Tags, knowledgePoints: Int) {
        let seed = try SeedProblem(line: bytes, at: location, textFields: options.textFields)
        let object = seed.object, text = seed.text, textField = seed.textField
        let source = object["source"]?.stringValue ?? options.source ?? stem
        let ownLevel = options.level ?? object["level"]?.stringValue.flatMap { Level(parsing: LabelList.clean($0)) }
        var tags = neighbours.tag(text: text, level: ownLevel, scratch: &scratch)
        if !options.guessBand && ownLevel == nil {
            tags.areas = []
            tags.band = nil
        }
        if tags.topics.isEmpty && options.untagged == .drop { return (false, tags, 0) }

        let corpus = neighbours.corpus
        let curriculum = neighbours.areaCurriculum
        let topics = tags.topics.map { (corpus.concepts[Int($0.label)].name, $0.confidence) }
        var kps = knowledgePoints ? tags.knowledgePoints.map { (corpus.concepts[Int($0.label)].name, $0.confidence) } : []
        var areas = tags.areas.map { (curriculum.nodes[curriculum.areas[Int($0.label)]].code, $0.confidence) }
        if let keywords {
            let keywordTags = keywords.tag(text: text, level: tags.band)
            if knowledgePoints {
                var seen = Set(kps.map { ConceptKey($0.0) })
                for kp in keywordTags.knowledgePoints where kps.count < options.maximumKnowledgePoints {
                    let name = keywords.knowledgePointNames[kp]
                    if seen.insert(ConceptKey(name)).inserted { kps.append((name, 1)) }
                }
            }
            if (tags.areas.first?.confidence ?? 0) < neighbours.options.minimumConfidence, !keywordTags.areas.isEmpty {
                areas = keywordTags.areas.map { (curriculum.nodes[curriculum.areas[$0]].code, 1) }
            }
        }

        writer.beginObject()
        writer.key("id"); writer.string(seed.id ?? "\(source)/\(location.line)")
        writer.key("source"); writer.string(source)
        if let band = tags.band { writer.key("level"); writer.string(band.rawValue) }
        writer.key("topics"); writer.beginArray()
        if topics.isEmpty { writer.string(ProblemTagger.untaggedTopic) }
        for topic in topics { writer.string(topic.0) }
        writer.endArray()
        writer.key("knowledge_points"); writer.beginArray()
        for kp in kps { writer.string(kp.0) }
        writer.endArray()
        writer.key("problem"); writer.string(text)
        writer.key("areas"); writer.beginArray()
        for area in areas { writer.string(area.0) }
        writer.endArray()
        writer.key("tagged"); writer.beginObject()
        writer.key("by"); writer.string("kg tag")
        writer.key("method"); writer.string(keywords == nil ? TagMethod.neighbours.rawValue : TagMethod.both.rawValue)
        writer.key("band"); writer.string(tags.band == nil ? "none" : tags.bandGiven ? "given" : "voted")
        writer.key("confidence"); writer.beginObject()
        writer.key("topics"); writer.beginArray()
        for topic in topics { writer.double(Self.rounded(topic.1)) }
        writer.endArray()
        writer.key("knowledge_points"); writer.beginArray()
        for kp in kps { writer.double(Self.rounded(kp.1)) }
        writer.endArray()
        writer.key("areas"); writer.beginArray()
        for area in areas { writer.double(Self.rounded(area.1)) }
        writer.endArray()
        if tags.band != nil { writer.key("band"); writer.double(Self.rounded(tags.bandConfidence)) }
        writer.endObject()
        if options.explain {
            writer.key("neighbours"); writer.beginArray()
            for hit in tags.neighbours {
                writer.beginObject()
                writer.key("id"); writer.string(corpus.problems[Int(hit.document)].externalID)
                writer.key("score"); writer.double(Self.rounded(Double(hit.score)))
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
        ProblemTagger.writeOtherFields(of: object, textField: textField, to: &writer)
        writer.endObject()
        writer.endLine()
        return (true, tags, kps.count)
    }

    /// Confidences and scores to four decimals, so outputs read well and compare exactly.
    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
