import Foundation
import KnowledgeBase
import Sampling

/// `kg-bench prompts`: what few-shot prompts draw on, on the default knowledge base —
/// distinct example pairs (`--examples 2`) with ties going to the earliest problem against
/// ties broken by each sample's seed; the share of samples without a knowledge point with
/// `--min-kps 0` and the default; and how many chosen examples carry a solution or an answer.
enum PromptBenchmark {
    static func run(arguments: [String]) throws {
        let folder = option("--dir", in: arguments) ?? NSTemporaryDirectory()
        let samples = Int(option("--samples", in: arguments) ?? "") ?? 10_000
        let seed = UInt64(option("--seed", in: arguments) ?? "") ?? 0
        let seeds = option("--seeds", in: arguments) ?? repositoryRoot + "/data/seeds"
        let path = folder + "/kg-bench-prompts.sqlite"
        let problems = try BenchmarkKnowledgeBases.buildDefault(at: path, seeds: seeds)
        let kb = try KnowledgeBase(path: path)
        let snapshot = try kb.snapshot()
        print("default KB (\(problems) problems), kg sample -n \(samples) --seed \(seed) --examples 2, mathscale with default options")

        for minimum in [0, SamplerSettings().minimumKnowledgePoints] {
            var settings = SamplerSettings()
            settings.minimumKnowledgePoints = minimum
            let graph = settings.graph(snapshot: snapshot)
            let finder = ExampleFinder(snapshot: snapshot)
            var empty = 0
            var earliest = Set<[Int]>(), seeded = Set<[Int]>()
            var examples = Set<Int>()
            let summary = try settings.run(on: graph, SampleRunOptions(count: samples, seed: seed)) { id, c in
                if c.knowledgePoints.isEmpty { empty += 1 }
                earliest.insert(finder.nearest(to: c.knowledgePoints, k: 2))
                let pair = finder.nearest(to: c.knowledgePoints, k: 2, tieBreak: SampleSeed.exampleTieBreak(seed: seed, index: id))
                seeded.insert(pair)
                examples.formUnion(pair)
            }
            var withSolution = 0, withAnswer = 0
            for p in examples {
                guard let example = try kb.exampleProblem(externalID: snapshot.problems[p].externalID) else { continue }
                if example.solution != nil { withSolution += 1 } else if example.answer != nil { withAnswer += 1 }
            }
            print(
                String(
                    format: "  --min-kps %d: %.1f%% of samples without a KP (%d short after top-up); distinct example pairs: %d earliest-first, %d by the sample's seed; %d distinct examples, %.1f%% with a solution, %.1f%% with only an answer",
                    minimum, Double(empty) * 100 / Double(samples), summary.shortOfKnowledgePoints, earliest.count, seeded.count,
                    examples.count, Double(withSolution) * 100 / Double(max(1, examples.count)),
                    Double(withAnswer) * 100 / Double(max(1, examples.count))))
        }
        removeDatabase(path)
    }
}
