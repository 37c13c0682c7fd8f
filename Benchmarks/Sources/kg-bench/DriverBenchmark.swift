import Coverage
import Foundation
import GRDB
import KnowledgeBase
import Sampling

/// `kg-bench drivers`: the ingest's write pattern (problem row, its mentions, an edge upsert
/// per concept pair) through kg's own SQLite layer and through GRDB, same schema, same rows.
enum DriverBenchmark {
    struct Workload {
        var problems: [(id: String, concepts: [Int64], mentions: String)] = []
        var conceptCount = 0

        init(records: Int) {
            var random = SplitMix64(seed: 7)
            conceptCount = 20_000
            let cdf = SyntheticRecords.zipfCDF(count: conceptCount, exponent: 1)
            for i in 0..<records {
                var concepts: Set<Int64> = []
                let n = 2 + random.nextInt(below: 6)
                while concepts.count < n { concepts.insert(Int64(SyntheticRecords.draw(cdf, &random) + 1)) }
                let sorted = concepts.sorted()
                problems.append(("p\(i)", sorted, "[" + sorted.map { "[\($0),\($0)]" }.joined(separator: ",") + "]"))
            }
        }

        var statementCount: Int {
            problems.reduce(0) { $0 + 1 + $1.concepts.count * ($1.concepts.count - 1) / 2 }
        }
    }

    static let setup = [
        "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON",
        "PRAGMA cache_size = -262144",
    ]

    static func run(arguments: [String]) throws {
        let records = Int(option("--records", in: arguments) ?? "") ?? 300_000
        let workload = Workload(records: records)
        print("workload: \(records) problems, \(workload.statementCount) statements (problem insert, an edge upsert per concept pair)")
        let folder = NSTemporaryDirectory()

        let kgPath = folder + "/kg-bench-driver-kg.sqlite"
        removeDatabase(kgPath)
        let kgSeconds = try measure { try runWithKG(workload, path: kgPath) }.1
        print("  kg SQLite layer: \(String(format: "%.2f", kgSeconds)) s, \(formatRate(Double(workload.statementCount) / kgSeconds)) statements/s")

        let grdbPath = folder + "/kg-bench-driver-grdb.sqlite"
        removeDatabase(grdbPath)
        let grdbSeconds = try measure { try runWithGRDB(workload, path: grdbPath) }.1
        print(
            "  GRDB 7:          \(String(format: "%.2f", grdbSeconds)) s, \(formatRate(Double(workload.statementCount) / grdbSeconds)) statements/s")
        print("  GRDB / kg time:  \(String(format: "%.2f", grdbSeconds / kgSeconds))x")
        removeDatabase(kgPath)
        removeDatabase(grdbPath)
    }

    static let insertProblem = "INSERT INTO problem(external_id, source, mentions) VALUES (?, 'bench', ?)"
    static let upsertEdge = "INSERT INTO edge(pair, count) VALUES (?, 1) ON CONFLICT(pair) DO UPDATE SET count = count + 1"

    static func runWithKG(_ workload: Workload, path: String) throws {
        let db = try SQLiteDatabase(path: path)
        for pragma in setup { try db.execute(pragma) }
        try db.execute(Schema.all[0].sql)
        try db.transaction {
            let concept = try db.prepare("INSERT INTO concept(id, kind, key, name) VALUES (?, 'kp', ?, ?)")
            let spelling = try db.prepare("INSERT INTO spelling(id, concept, text) VALUES (?, ?, ?)")
            for id in 1...workload.conceptCount {
                try concept.bindAndRun([.integer(Int64(id)), .text("c\(id)"), .text("c\(id)")])
                try spelling.bindAndRun([.integer(Int64(id)), .integer(Int64(id)), .text("c\(id)")])
            }
            let problem = try db.prepare(insertProblem)
            let edge = try db.prepare(upsertEdge)
            for p in workload.problems {
                problem.reset()
                problem.bind(p.id, at: 1)
                problem.bind(p.mentions, at: 2)
                try problem.run()
                for (i, c) in p.concepts.enumerated() {
                    for d in p.concepts[(i + 1)...] {
                        edge.reset()
                        edge.bind(c << 32 | d, at: 1)
                        try edge.run()
                    }
                }
            }
        }
    }

    static func runWithGRDB(_ workload: Workload, path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -262144")
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        try queue.write { db in
            try db.execute(sql: Schema.all[0].sql)
            let concept = try db.makeStatement(sql: "INSERT INTO concept(id, kind, key, name) VALUES (?, 'kp', ?, ?)")
            let spelling = try db.makeStatement(sql: "INSERT INTO spelling(id, concept, text) VALUES (?, ?, ?)")
            for id in 1...workload.conceptCount {
                try concept.execute(arguments: [id, "c\(id)", "c\(id)"])
                try spelling.execute(arguments: [id, id, "c\(id)"])
            }
            let problem = try db.makeStatement(sql: insertProblem)
            let edge = try db.makeStatement(sql: upsertEdge)
            for p in workload.problems {
                try problem.execute(arguments: [p.id, p.mentions])
                for (i, c) in p.concepts.enumerated() {
                    for d in p.concepts[(i + 1)...] {
                        try edge.execute(arguments: [c << 32 | d])
                    }
                }
            }
        }
    }
}
