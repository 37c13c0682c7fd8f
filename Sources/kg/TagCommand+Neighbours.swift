import ArgumentParser
import Coverage
import Foundation
import KnowledgeBase

extension TagCommand {
    var knowledgeBaseExists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: database.db, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// `--method`, or when it is not given: both when there is a knowledge base, else
    /// keywords (and a note saying so).
    func resolvedMethod() throws -> TagMethod {
        if let method { return method }
        if knowledgeBaseExists { return .both }
        Terminal.error(
            "no knowledge base at \(database.db): tagging by curriculum keywords (--method keywords). "
                + "Build one (kg init --default) or pass --db PATH to tag from its problems.")
        return .keywords
    }

    /// The knowledge base, or an error that says how to get one.
    func openKnowledgeBase() throws -> KnowledgeBase {
        guard knowledgeBaseExists else {
            throw CommandFailure(
                "no knowledge base at \(database.db): --method \((method ?? .neighbours).rawValue) tags from a knowledge base's problems. "
                    + "Build one (kg init --default), pass --db PATH, or use --method keywords.")
        }
        return try database.open()
    }

    /// The knowledge base's labelled problems, or an error that says how to add some.
    func labelledCorpus(_ kb: KnowledgeBase, context: CoverageContext) throws -> LabelledCorpus {
        let corpus = try LabelledCorpus.load(knowledgeBase: kb, context: context)
        if corpus.problems.isEmpty {
            throw CommandFailure(
                "the knowledge base \(database.db) has no problems with text to tag from. Ingest records with a \"problem\" text, "
                    + "or use --method keywords.")
        }
        return corpus
    }

    /// `kg tag --evaluate`.
    func runEvaluation() throws {
        let context = try curriculumOptions.context()
        let corpus = try labelledCorpus(try openKnowledgeBase(), context: context)
        let evaluation = TagEvaluation.run(corpus: corpus, context: context, heldOutShare: holdOut, options: neighbourOptions)
        if evaluation.heldOutProblems == 0 {
            throw CommandFailure("no problem of \(database.db) falls in the held-out \(holdOut): raise --hold-out.")
        }
        try CommandOutput.write(json ? evaluation.json : evaluation.text)
    }

    /// `kg tag --method neighbours|both FILE…` (`chosen`); false when no method was asked for and the
    /// knowledge base has no problem texts to tag from (the keywords then tag, after a note).
    func runNeighbours(_ chosen: TagMethod) throws -> Bool {
        let kb = try openKnowledgeBase()
        if method == nil, try !kb.hasProblemTexts() {
            Terminal.error(
                "the knowledge base \(database.db) has no problems with text to tag from: tagging by curriculum keywords (--method keywords).")
            return false
        }
        let context = try curriculumOptions.context()
        let corpus = try labelledCorpus(kb, context: context)
        let started = Date()
        let tagger = NeighbourTagger(corpus: corpus, curriculum: context.curriculum, options: neighbourOptions)
        let keywords =
            chosen == .both
            ? ProblemTagger(
                keywords: context.keywords,
                knowledgePoints: noKps ? [] : corpus.concepts.filter { $0.kind == .kp }.map(\.name), options: taggerOptions)
            : nil
        let lineTagger = NeighbourLineTagger(
            neighbours: tagger, keywords: keywords, options: taggerOptions, knowledgePoints: !noKps)
        try writeTagged(started: started) { file, progress in
            try lineTagger.run(files: files, output: file, threads: threads, onProgress: progress)
        }
        return true
    }
}
