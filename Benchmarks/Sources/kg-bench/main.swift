import Foundation

setvbuf(stdout, nil, _IOLBF, 0)
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: kg-bench BENCHMARK [options]   (build with -c release: swift run -c release kg-bench …)

      ingest   [--records N] [--topics N] [--kps N] [--dir DIR] [--db PATH] [--keep]
               synthetic records (default 1M, 10K topics, 50K KPs) into a fresh knowledge base
      sample   [--samples N] [--seeds DIR] [--synthetic-db PATH] [--dir DIR] [--only default] [--sampler NAME] [--kp-fallback topic,none]
               combinations/s in memory and to a JSONL file on the default and the synthetic 1M KB
      quality  [--samples N] [--seed S] [--min-count N] [--seeds DIR] [--shared-data DIR] [--only default|tal-scq5k|mathscale] [--dir DIR]
               kg sample's quality figures for every sampler and --kp-fallback, on the default KB and single-dataset KBs
      unique   [--samples N] [--seed S] [--restart-samples M] [--attempts N] [--extensions N] [--seeds DIR] [--dir DIR]
               kg sample -n N beside kg sample -n N --unique (default 2M) on the default KB, and how the samples differ
      prompts  [--samples N] [--seed S] [--seeds DIR] [--dir DIR]
               distinct few-shot example pairs (earliest-first vs by the sample's seed), samples without a KP, examples with solutions
      render   [--sizes 100,500,2000] [--layouts dot,sfdp,…]
               seconds to lay out and render SVG per subgraph size and layout engine
      query    [--default-db PATH] [--synthetic-db PATH] [--seeds DIR] [--only default|synthetic] [--match TEXT] [--e2e-runs N] [--kg PATH]
               docs/query.md's queries: evaluation (median) and kg query end to end, default and synthetic 1M KB
      drivers  [--records N]
               the same store writes through kg's SQLite layer and through GRDB
      coverage [--problems N] [--records N] [--samples N] [--seeds DIR] [--curriculum FILE] [--dir DIR]
               kg tag problems/s, a coverage audit of 1M tagged records, sampled-area entropy without and with --boost auto
      extract  [--lines N] [--requests N] [--concurrency K] [--kg PATH] [--dir DIR]
               answers/s of the answer parser; kg extract parse lines/s and memory; kg generate run requests/s and CPU per request
      startup  [--kg PATH] [--before PATH] [--runs N] [--baseline-runs N] [--before-synthetic-db PATH (made by the earlier kg)] [--only default|synthetic] [--default-db PATH] [--synthetic-db PATH]
               every graph command end to end as a fresh process: with the snapshot file, with KG_SNAPSHOT=off, and an earlier kg
      dedup    [--problems N] [--threads N] [--dir DIR] [--data DIR] [--datasketch N]
               number masking problems/s; decontamination of N synthetic problems vs GSM8K+MATH test; MinHash dedup time and memory;
               with --datasketch N, kg and Python datasketch MinHashLSH side by side on the first N (installs datasketch in a venv)
      tagging  [--problems N] [--share S] [--seeds DIR] [--shared-data DIR] [--dir DIR]
               kg tag's neighbours index (build time, size), problems/s on one core beside the keyword tagger,
               accuracy on the default KB's 80/20 split and on MATH test, OlympiadBench, CollegeMath and MathFish
      serve    [--kg PATH] [--default-db PATH] [--seeds DIR] [--clients N (64)] [--per-client N (50)] [--requests N (10000)] [--rounds N (3)] [--mix 0,3,…] [--concepts N (300)] [--e2e-runs N]
               kg serve on the default KB over HTTP: concept page and one-hop query p50/p99 (server time and round trip),
               requests/s at 64 clients beside kg query as a process (and wrk when installed), memory after N mixed requests
      fuzz     [--inputs N (default 1M)] [--seed S] [--start I] [--target records,query,csv,curriculum]
               seeded generated inputs through each parser of untrusted text: accepted, rejected, unexpected
    """
do {
    switch arguments.first {
    case "ingest": try IngestBenchmark.run(arguments: arguments)
    case "drivers": try DriverBenchmark.run(arguments: arguments)
    case "sample": try SampleBenchmark.run(arguments: arguments)
    case "quality": try QualityBenchmark.run(arguments: arguments)
    case "unique": try UniqueBenchmark.run(arguments: arguments)
    case "prompts": try PromptBenchmark.run(arguments: arguments)
    case "render": try RenderBenchmark.run(arguments: arguments)
    case "query": try QueryBenchmark.run(arguments: arguments)
    case "coverage": try CoverageBenchmark.run(arguments: arguments)
    case "extract": try ExtractBenchmark.run(arguments: arguments)
    case "startup": try StartupBenchmark.run(arguments: arguments)
    case "dedup": try DedupBenchmark.run(arguments: arguments)
    case "tagging": try TaggingBenchmark.run(arguments: arguments)
    case "fuzz": try FuzzBenchmark.run(arguments: arguments)
    case "serve": try ServeBenchmark.run(arguments: arguments)
    default:
        print(usage)
        exit(arguments.first == nil || arguments.first == "--help" ? 0 : 2)
    }
} catch {
    FileHandle.standardError.write(Data("kg-bench: \(error)\n".utf8))
    exit(1)
}
