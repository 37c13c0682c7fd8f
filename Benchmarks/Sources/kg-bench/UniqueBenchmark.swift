import Foundation
import KnowledgeBase
import Sampling

/// `kg-bench unique`: `kg sample -n N` against `kg sample -n N --unique` on the default
/// knowledge base in one run — the whole per-sample pipeline as `kg sample` runs it (sampler,
/// JSONL line, quality report) into /dev/null — and how the samples differ under `--unique`.
/// With `--restart-samples M`, also `--unique` without extensions (a repeat thrown away and the
/// walk restarted with a fresh generator, as before), on M samples.
enum UniqueBenchmark {
    static func run(arguments: [String]) throws {
        let folder = option("--dir", in: arguments) ?? NSTemporaryDirectory()
        let samples = Int(option("--samples", in: arguments) ?? "") ?? 2_000_000
        let restartSamples = Int(option("--restart-samples", in: arguments) ?? "") ?? 0
        let seed = UInt64(option("--seed", in: arguments) ?? "") ?? 7
        let seeds = option("--seeds", in: arguments) ?? repositoryRoot + "/data/seeds"
        let defaults = SampleRunOptions(count: 0, seed: 0)
        let attempts = Int(option("--attempts", in: arguments) ?? "") ?? defaults.attemptsPerSample
        let defaultExtensions = Int(option("--extensions", in: arguments) ?? "") ?? defaults.extensionsPerAttempt
        let path = folder + "/kg-bench-unique.sqlite"
        let problems = try BenchmarkKnowledgeBases.buildDefault(at: path, seeds: seeds)
        let snapshot = try KnowledgeBase(path: path).snapshot()
        print(
            "default KB (\(problems) problems), mathscale with default options, --seed \(seed), JSONL and report to /dev/null; "
                + "--unique with \(attempts) attempts per id, \(defaultExtensions) extensions per attempt")

        func job(_ count: Int, unique: Bool, extensions: Int? = nil) throws
            -> (seconds: Double, result: SamplingJob.Result)
        {
            var options = SampleRunOptions(count: count, seed: seed, unique: unique)
            options.extensionsPerAttempt = extensions ?? defaultExtensions
            options.attemptsPerSample = attempts
            let job = SamplingJob(settings: SamplerSettings(), options: options)
            let sink = try OutputFile(path: "/dev/null")
            let (result, seconds) = try measure { try job.run(snapshot: snapshot, output: sink) }
            return (seconds, result)
        }
        // A short warm-up builds the lazily made alias tables, so neither run pays for them.
        _ = try job(20_000, unique: false)
        let plain = try job(samples, unique: false)
        let unique = try job(samples, unique: true)
        func line(_ label: String, _ run: (seconds: Double, result: SamplingJob.Result)) -> String {
            let r = run.result.report!
            return String(
                format: "  %@ %.2f s (%@ samples/s): %d samples, %.1f%% distinct, %.2f topics and %.2f KPs per sample, novelty %.1f%%, plausible KP pairs %.1f%%%@",
                label.padding(toLength: 34, withPad: " ", startingAt: 0) as NSString, run.seconds,
                formatRate(Double(run.result.summary.emitted) / run.seconds) as NSString, r.samples, r.distinctShare * 100,
                r.meanTopics, r.meanKnowledgePoints, r.novelty * 100, (r.kpPairPlausibility ?? 0) * 100,
                (run.result.summary.exhausted ? " (exhausted)" : "") as NSString)
        }
        print(line("kg sample -n \(samples)", plain))
        print(line("kg sample -n \(samples) --unique", unique))
        print(String(format: "  --unique / plain: %.2f×", unique.seconds / plain.seconds))
        if restartSamples > 0 {
            let restart = try job(restartSamples, unique: true, extensions: 0)
            print(line("--unique, restarts only, \(restartSamples)", restart))
        }
        print("peak memory: \(String(format: "%.0f", peakMemoryMiB())) MiB")
        removeDatabase(path)
    }
}
