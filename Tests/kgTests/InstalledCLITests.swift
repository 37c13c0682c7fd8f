import Foundation
import KGTestSupport
import XCTest

/// kg installed with scripts/install.sh and run from an empty folder, far from the
/// checkout, finds its own data.
final class InstalledCLITests: XCTestCase {
    /// Installs the built binary and the data into a fresh prefix; returns the installed kg.
    private func install(into prefix: String) throws -> URL {
        let script = Process()
        script.executableURL = URL(fileURLWithPath: "/bin/bash")
        script.arguments = [
            repositoryRoot.appendingPathComponent("scripts/install.sh").path,
            "--prefix", prefix, "--binary", KGProcess.executable.path,
        ]
        script.standardOutput = FileHandle.nullDevice
        try script.run()
        script.waitUntilExit()
        XCTAssertEqual(script.terminationStatus, 0, "install.sh failed")
        return URL(fileURLWithPath: prefix + "/bin/kg")
    }

    /// Runs the installed kg as a user would: by name, found through `PATH` (so `argv[0]` is
    /// just "kg"), from `folder`.
    private func run(_ kg: URL, _ arguments: [String], in folder: String, environment: [String: String] = [:]) throws -> KGProcess.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["kg"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = kg.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["KG_DATA"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Standard error is read on another thread, so that neither pipe fills while the other is read.
        final class Collected: @unchecked Sendable { var data = Data() }
        let errors = Collected()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errors.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errors.data
        process.waitUntilExit()
        return KGProcess.Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    func testTheInstalledBinaryWorksFromAnEmptyFolder() throws {
        let prefix = TemporaryFolder(), work = TemporaryFolder()
        let kg = try install(into: prefix.path)
        XCTAssertEqual(try run(kg, ["--version"], in: work.path).stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0.2.0")

        let initialised = try run(kg, ["init", "--default"], in: work.path)
        XCTAssertEqual(initialised.status, 0, initialised.stderr)
        XCTAssertTrue(initialised.stdout.contains("built kg.sqlite:"), initialised.stdout)

        let coverage = try run(kg, ["coverage"], in: work.path)
        XCTAssertEqual(coverage.status, 0, coverage.stderr)
        XCTAssertTrue(coverage.stdout.contains(prefix.path + "/share/kg/curriculum/curriculum.jsonl"), coverage.stdout)

        work.write("raw.jsonl", #"{"id": "g1", "question": "Tom has 3 apples and buys 4 more. How many apples does he have?"}"# + "\n")
        let tag = try run(kg, ["tag", "raw.jsonl", "-o", "tagged.jsonl"], in: work.path)
        XCTAssertEqual(tag.status, 0, tag.stderr)
        XCTAssertTrue(work.read("tagged.jsonl").contains(#""id":"g1""#))

        let boosted = try run(kg, ["sample", "-n", "200", "--seed", "3", "--boost", "auto", "-o", "boosted.jsonl"], in: work.path)
        XCTAssertEqual(boosted.status, 0, boosted.stderr)
        XCTAssertEqual(work.read("boosted.jsonl").split(separator: "\n").count, 200)

        let requests = try run(kg, ["extract", "requests", "raw.jsonl", "--model", "m", "-o", "requests.jsonl"], in: work.path)
        XCTAssertEqual(requests.status, 0, requests.stderr)
    }

    func testAnInstalledKGOnPATHTakesShippedTemplatesByNameAndSaysWhatItSkipped() throws {
        let prefix = TemporaryFolder(), work = TemporaryFolder()
        let kg = try install(into: prefix.path)
        // A byte order mark, a repeated problem text without an id, and one line that is not JSON.
        let seeds = [
            #"{"question": "Tom has 3 apples and buys 4 more. How many apples does he have?"}"#,
            #"{"question": "What is half of 12?"}"#, #"{"question": "#,
            #"{"question": "Tom has 3 apples and buys 4 more. How many apples does he have?"}"#,
        ]
        work.write("seeds.jsonl", "\u{FEFF}" + seeds.joined(separator: "\n") + "\n")
        let requests = try run(
            kg, ["extract", "requests", "seeds.jsonl", "--model", "m", "--template", "extract-mathscale", "--skip-bad", "-o", "requests.jsonl"],
            in: work.path)
        XCTAssertEqual(requests.status, 0, requests.stderr)
        XCTAssertEqual(work.read("requests.jsonl").split(separator: "\n").count, 2)
        XCTAssertTrue(requests.stderr.contains("1 repeated problem text without an id, sent once (first: line 4 repeats line 1)"), requests.stderr)
        XCTAssertTrue(requests.stderr.contains("skipped 1 bad line (first: seeds.jsonl:3:"), requests.stderr)

        let unknown = try run(kg, ["extract", "requests", "seeds.jsonl", "--model", "m", "--template", "no-such", "--skip-bad"], in: work.path)
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("Shipped templates: extract-mathscale, mathscale"), unknown.stderr)

        let path = try run(kg, ["data", "path", "examples/gsm8k-train-200.jsonl"], in: work.path)
        XCTAssertEqual(path.status, 0, path.stderr)
        XCTAssertEqual(path.stdout, prefix.path + "/share/kg/examples/gsm8k-train-200.jsonl\n")
    }

    func testKGDataPointsAtAnotherCopyAndAMissingOneSaysWhereItLooked() throws {
        let prefix = TemporaryFolder(), work = TemporaryFolder()
        let kg = try install(into: prefix.path)
        // Move the installed data away: now only KG_DATA can point at it.
        let moved = TemporaryFolder()
        try FileManager.default.removeItem(atPath: moved.path)
        try FileManager.default.moveItem(atPath: prefix.path + "/share/kg", toPath: moved.path)
        let missing = try run(kg, ["coverage", "--unmapped"], in: work.path)
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("cannot find data/curriculum/curriculum.jsonl") && missing.stderr.contains("KG_DATA"), missing.stderr)
        let found = try run(kg, ["init", "--default", "--db", "x.sqlite"], in: work.path, environment: ["KG_DATA": moved.path])
        XCTAssertEqual(found.status, 0, found.stderr)
    }

    func testTheInstalledServerFindsItsCurriculumTemplateAndDrawingWorker() throws {
        try XCTSkipUnless(ServeProcess.hasCurl, "curl is not installed")
        let prefix = TemporaryFolder(), work = TemporaryFolder()
        let kg = try install(into: prefix.path)
        let records = (0..<20).map { recordLine("p\($0)", topics: ["Fractions"], kps: ["Adding fractions", "Common denominators"], source: "s", level: "grade-5", problem: "Add 1/\($0 + 2) and 1/3.") }
        work.write("records.jsonl", records.joined(separator: "\n") + "\n")
        let ingested = try run(kg, ["ingest", "records.jsonl"], in: work.path)
        XCTAssertEqual(ingested.status, 0, ingested.stderr)

        // kg serve by name through PATH, from the empty folder.
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = kg.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["KG_DATA"] = nil
        let server = try ServeProcess(
            executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["kg", "serve", "--port", "0"], in: work.path, environment: environment)
        defer { server.stop() }
        let overview = try server.get("/")
        XCTAssertEqual(overview.status, 200)
        XCTAssertTrue(overview.body.contains("id=\"overview-map\"><svg"), "drawn by the installed kg's graphviz-worker")
        let coverage = try server.get("/coverage")
        XCTAssertEqual(coverage.status, 200, "the installed curriculum: \(coverage.body.prefix(300))")
        XCTAssertTrue(coverage.body.contains("id=\"heatmap\""))
        let sample = try server.get("/sample?n=2&template=mathscale&boost=auto")
        XCTAssertEqual(sample.status, 200, "the installed template and curriculum: \(sample.body.prefix(300))")
        XCTAssertTrue(sample.body.contains("Boosted toward the curriculum"))
    }
}
