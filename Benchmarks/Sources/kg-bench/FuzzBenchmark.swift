import Foundation
import KGFuzz

/// `kg-bench fuzz`: a million (or `--inputs N`) seeded generated inputs through each parser
/// that reads untrusted text — JSONL records, queries, CSV, curricula — counting accepted,
/// rejected (the parser's own error) and unexpected outcomes. A trap ends the run; input
/// `i` of a target is replayed with `--target T --seed S --start i --inputs 1`.
enum FuzzBenchmark {
    static func run(arguments: [String]) throws {
        let inputs = option("--inputs", in: arguments).flatMap(Int.init) ?? 1_000_000
        let start = option("--start", in: arguments).flatMap(Int.init) ?? 0
        let seed = option("--seed", in: arguments).flatMap { UInt64($0) } ?? 0xF022
        let targets = option("--target", in: arguments).map { $0.split(separator: ",").compactMap { FuzzTarget(rawValue: String($0)) } } ?? FuzzTarget.allCases
        print("target\tinputs\taccepted\trejected\tunexpected\tseconds\tinputs/s")
        var failed = false
        for target in targets {
            let started = Date()
            var total = FuzzTarget.Tally()
            // In chunks, so a long run shows progress and a trap's neighbourhood is known.
            let chunk = 100_000
            var from = start
            while from < start + inputs {
                let to = min(start + inputs, from + chunk)
                let tally = target.run(seed: seed, range: from..<to)
                total.inputs += tally.inputs
                total.accepted += tally.accepted
                total.rejected += tally.rejected
                total.unexpected += tally.unexpected
                FileHandle.standardError.write(Data("\(target.rawValue): inputs \(from)..<\(to) done\n".utf8))
                from = to
            }
            let seconds = Date().timeIntervalSince(started)
            print(
                "\(target.rawValue)\t\(total.inputs)\t\(total.accepted)\t\(total.rejected)\t\(total.unexpected.count)\t"
                    + String(format: "%.1f\t%.0f", seconds, Double(total.inputs) / seconds))
            for (index, error) in total.unexpected.prefix(10) { print("  unexpected at input \(index): \(error)") }
            failed = failed || !total.unexpected.isEmpty
        }
        if failed { exit(1) }
    }
}
