import Foundation
import KGTestSupport
import LLMStandIn
import XCTest

/// The pipeline commands tell their outcome in their exit status, lose nothing that was
/// written before, and read their whole input before they send anything.
final class PipelineOutcomeCLITests: XCTestCase {
    private static let answer = #"{"topics": ["Arithmetic"], "knowledge_points": ["Addition"]}"#

    func testAServerThatFailsEverythingGivesANonZeroStatusAndSaysHowManyFailed() throws {
        let folder = TemporaryFolder()
        folder.write("seeds.jsonl", (1...5).map { #"{"id": "s\#($0)", "question": "What is \#($0) + 1?"}"# }.joined(separator: "\n") + "\n")
        let server = try StandInServer { _ in .status(500, message: "internal error") }
        defer { server.stop() }
        let extract = try KGProcess.run(
            ["extract", "run", "seeds.jsonl", "--endpoint", server.baseURL, "--model", "m", "-o", "records.jsonl", "--max-attempts", "1", "--quiet"],
            in: folder.path)
        XCTAssertEqual(extract.status, 4, extract.stderr)
        XCTAssertTrue(extract.stderr.contains("5 requests: 0 answered, 5 failed"), extract.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/records.jsonl"), "no empty records file")

        let requests = try KGProcess.run(["extract", "requests", "seeds.jsonl", "--model", "m", "-o", "requests.jsonl"], in: folder.path)
        XCTAssertEqual(requests.status, 0, requests.stderr)
        let generate = try KGProcess.run(
            ["generate", "run", "requests.jsonl", "--endpoint", server.baseURL, "-o", "generated.jsonl", "--max-attempts", "1", "--quiet"],
            in: folder.path)
        XCTAssertEqual(generate.status, 4, generate.stderr)
        XCTAssertTrue(generate.stderr.contains("5 of 5 requests failed for good"), generate.stderr)
    }

    func testSomeFailuresGiveTheStatusForAPartialSuccess() throws {
        let folder = TemporaryFolder()
        folder.write("seeds.jsonl", (1...4).map { #"{"id": "s\#($0)", "question": "What is \#($0) + 1?"}"# }.joined(separator: "\n") + "\n")
        let server = try StandInServer { request in
            request.prompt.contains("What is 3 + 1?") ? .status(500, message: "internal error") : .answer(content: Self.answer)
        }
        defer { server.stop() }
        let extract = try KGProcess.run(
            [
                "extract", "run", "seeds.jsonl", "--endpoint", server.baseURL, "--model", "m", "-o", "records.jsonl",
                "--rejects", "rejects.jsonl", "--max-attempts", "1", "--quiet",
            ], in: folder.path)
        XCTAssertEqual(extract.status, 3, extract.stderr)
        XCTAssertEqual(folder.read("records.jsonl").split(separator: "\n").count, 3)
        XCTAssertTrue(extract.stderr.contains("1 of 4 seeds gave no record: see rejects.jsonl"), extract.stderr)
        XCTAssertTrue(folder.read("rejects.jsonl").contains(#""custom_id":"s3""#))
    }

    func testAWrongResultsFileLeavesTheEarlierRecordsByteIdentical() throws {
        let folder = TemporaryFolder()
        folder.write("seeds.jsonl", #"{"id": "a", "question": "1 + 1?"}"# + "\n" + #"{"id": "b", "question": "2 + 2?"}"# + "\n")
        let body = #"{"choices": [{"message": {"role": "assistant", "content": "{\"topics\": [\"Arithmetic\"]}"}}]}"#
        folder.write("good-results.jsonl", ["a", "b"].map { #"{"custom_id": "\#($0)", "response": {"status_code": 200, "body": \#(body)}}"# }.joined(separator: "\n") + "\n")
        folder.write("other-results.jsonl", ["x", "y", "z"].map { #"{"custom_id": "\#($0)", "response": {"status_code": 200, "body": \#(body)}}"# }.joined(separator: "\n") + "\n")
        let good = try KGProcess.run(["extract", "parse", "good-results.jsonl", "--seeds", "seeds.jsonl", "-o", "records.jsonl"], in: folder.path)
        XCTAssertEqual(good.status, 0, good.stderr)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/records.jsonl"))
        XCTAssertEqual(String(decoding: before, as: UTF8.self).split(separator: "\n").count, 2)

        let wrong = try KGProcess.run(
            ["extract", "parse", "other-results.jsonl", "--seeds", "seeds.jsonl", "-o", "records.jsonl", "--rejects", "rejects.jsonl"], in: folder.path)
        XCTAssertEqual(wrong.status, 4, wrong.stderr)
        XCTAssertTrue(
            wrong.stderr.contains("no answer in other-results.jsonl belongs to a seed of seeds.jsonl") && wrong.stderr.contains("records.jsonl was left as it was"),
            wrong.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/records.jsonl")), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/rejects.jsonl"))
    }

    func testTheWholeSeedsFileIsReadBeforeAnythingIsSent() throws {
        let folder = TemporaryFolder()
        let lines = [
            #"{"id": "a", "question": "1 + 1?"}"#, #"{"id": "b", "question": "2 + 2?"}"#, #"{"id": "c", "question": "#,
            #"{"id": "d", "question": "4 + 4?"}"#,
        ]
        folder.write("seeds.jsonl", lines.joined(separator: "\n") + "\n")
        let server = try StandInServer { _ in .answer(content: Self.answer) }
        defer { server.stop() }
        let stopped = try KGProcess.run(
            ["extract", "run", "seeds.jsonl", "--endpoint", server.baseURL, "--model", "m", "-o", "records.jsonl", "--quiet"], in: folder.path)
        XCTAssertEqual(stopped.status, 1, stopped.stderr)
        XCTAssertTrue(stopped.stderr.contains("seeds.jsonl:3:") && stopped.stderr.contains("--skip-bad"), stopped.stderr)
        XCTAssertEqual(server.requestCount, 0, "nothing is sent for a file with a bad line")

        let skipped = try KGProcess.run(
            [
                "extract", "run", "seeds.jsonl", "--endpoint", server.baseURL, "--model", "m", "-o", "records.jsonl", "--quiet",
                "--skip-bad", "--bad-seeds", "bad.jsonl",
            ], in: folder.path)
        XCTAssertEqual(skipped.status, 0, skipped.stderr)
        XCTAssertEqual(server.requestCount, 3)
        XCTAssertEqual(folder.read("records.jsonl").split(separator: "\n").count, 3)
        XCTAssertTrue(skipped.stderr.contains("skipped 1 bad line (first: seeds.jsonl:3:"), skipped.stderr)
        XCTAssertTrue(folder.read("bad.jsonl").hasPrefix("# seeds.jsonl:3:"), folder.read("bad.jsonl"))
    }

    func testOutputFoldersAreCheckedBeforeTheFirstRequest() throws {
        let folder = TemporaryFolder()
        folder.write("seeds.jsonl", #"{"id": "a", "question": "1 + 1?"}"# + "\n")
        let server = try StandInServer { _ in .answer(content: Self.answer) }
        defer { server.stop() }
        for extra in [["-o", "nodir/records.jsonl"], ["-o", "records.jsonl", "--rejects", "nodir/rejects.jsonl"]] {
            let run = try KGProcess.run(
                ["extract", "run", "seeds.jsonl", "--endpoint", server.baseURL, "--model", "m", "--results", "answers.jsonl", "--quiet"] + extra,
                in: folder.path)
            XCTAssertEqual(run.status, 64, run.stderr)
            XCTAssertTrue(run.stderr.contains("the folder nodir does not exist"), run.stderr)
            XCTAssertFalse(run.stderr.contains(".partial-"), run.stderr)
        }
        XCTAssertEqual(server.requestCount, 0)
        let requests = try KGProcess.run(["extract", "requests", "seeds.jsonl", "--model", "m", "-o", "nodir/requests.jsonl"], in: folder.path)
        XCTAssertNotEqual(requests.status, 0)
        XCTAssertTrue(requests.stderr.contains("nodir/requests.jsonl") && !requests.stderr.contains(".partial-"), requests.stderr)
    }

    func testRepeatedTextsAreOneSeedAndTheirRepeatsAreCounted() throws {
        let folder = TemporaryFolder()
        // A byte order mark, a repeated text without an id, and a text field in capitals.
        let lines = [
            #"{"Question": "How many legs do 3 cats have?"}"#, #"{"Question": "What is half of 10?"}"#,
            #"{"Question": "How many legs do 3 cats have?"}"#,
        ]
        folder.write("seeds.jsonl", "\u{FEFF}" + lines.joined(separator: "\n") + "\n")
        let server = try StandInServer { _ in .answer(content: Self.answer) }
        defer { server.stop() }
        let run = try KGProcess.run(
            ["extract", "run", "seeds.jsonl", "--endpoint", server.baseURL, "--model", "m", "-o", "records.jsonl", "--quiet"], in: folder.path)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(server.requestCount, 2)
        XCTAssertTrue(run.stderr.contains("1 repeated problem text without an id, sent once (first: line 3 repeats line 1)"), run.stderr)
        XCTAssertEqual(folder.read("records.jsonl").split(separator: "\n").count, 2)
    }

    func testASeedWithoutAKnownTextFieldNamesTheFieldsItHas() throws {
        let folder = TemporaryFolder()
        folder.write("seeds.jsonl", #"{"id": 1, "content": "What is 2 + 2?", "answer": "4"}"# + "\n")
        let requests = try KGProcess.run(["extract", "requests", "seeds.jsonl", "--model", "m", "-o", "requests.jsonl"], in: folder.path)
        XCTAssertEqual(requests.status, 1)
        XCTAssertTrue(requests.stderr.contains("its text fields are content, answer") && requests.stderr.contains("--text-field content"), requests.stderr)
        let named = try KGProcess.run(
            ["extract", "requests", "seeds.jsonl", "--model", "m", "--text-field", "content", "-o", "requests.jsonl"], in: folder.path)
        XCTAssertEqual(named.status, 0, named.stderr)
    }

    func testAnEmptySeedsFileIsAnError() throws {
        let folder = TemporaryFolder()
        folder.write("seeds.jsonl", "\n")
        let requests = try KGProcess.run(["extract", "requests", "seeds.jsonl", "--model", "m", "-o", "requests.jsonl"], in: folder.path)
        XCTAssertEqual(requests.status, 1)
        XCTAssertTrue(requests.stderr.contains("seeds.jsonl holds no seed problem"), requests.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/requests.jsonl"))
    }

    func testGenerateRunTakesChatLinesWithAModel() throws {
        let folder = TemporaryFolder()
        folder.write("chat.jsonl", #"{"custom_id": "sample-1", "messages": [{"role": "user", "content": "Write a problem."}]}"# + "\n")
        let server = try StandInServer { _ in .answer(content: "Problem: …") }
        defer { server.stop() }
        let withoutModel = try KGProcess.run(["generate", "run", "chat.jsonl", "--endpoint", server.baseURL, "-o", "out.jsonl"], in: folder.path)
        XCTAssertEqual(withoutModel.status, 1)
        XCTAssertTrue(withoutModel.stderr.contains("pass --model NAME"), withoutModel.stderr)
        let run = try KGProcess.run(["generate", "run", "chat.jsonl", "--endpoint", server.baseURL, "--model", "gen", "-o", "out.jsonl"], in: folder.path)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(folder.read("out.jsonl").contains(#""custom_id":"sample-1""#))
    }

    func testMistypedSubcommandsAndOptionsGetASuggestion() throws {
        let folder = TemporaryFolder()
        let command = try KGProcess.run(["extract", "reqests"], in: folder.path)
        XCTAssertEqual(command.status, 64)
        XCTAssertTrue(command.stderr.contains("unknown command 'reqests' of 'kg extract'. Did you mean 'requests'?"), command.stderr)
        let option = try KGProcess.run(["extract", "run", "s.jsonl", "--enpoint", "http://x", "--model", "m", "-o", "r.jsonl"], in: folder.path)
        XCTAssertEqual(option.status, 64)
        XCTAssertTrue(option.stderr.contains("unknown option '--enpoint'. Did you mean '--endpoint'?"), option.stderr)
    }

    func testAByteOrderMarkIsIgnoredByIngest() throws {
        let folder = TemporaryFolder()
        folder.write("records.jsonl", "\u{FEFF}" + #"{"id": "r1", "source": "t", "problem": "p", "topics": ["Algebra"], "knowledge_points": []}"# + "\n")
        let ingest = try KGProcess.run(["ingest", "records.jsonl"], in: folder.path)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        XCTAssertTrue(ingest.stdout.contains("ingested 1 records"), ingest.stdout)
    }
}

extension PipelineOutcomeCLITests {
    func testSampleTakesAShippedTemplateByNameAndRefusesOptionsChatLinesCannotCarry() throws {
        let folder = TemporaryFolder()
        folder.write("r.jsonl", #"{"id": "1", "topics": ["Geometry"], "knowledge_points": ["Area", "Perimeter"]}"# + "\n")
        XCTAssertEqual(try KGProcess.run(["ingest", "r.jsonl"], in: folder.path).status, 0)
        let named = try KGProcess.run(["sample", "-n", "2", "--min-count", "1", "--template", "mathscale"], in: folder.path)
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertTrue(named.stdout.contains(#""prompt":"#), named.stdout)
        let chat = try KGProcess.run(["sample", "-n", "2", "--min-count", "1", "--format", "chat", "--model", "M", "--max-tokens", "100"], in: folder.path)
        XCTAssertEqual(chat.status, 64)
        XCTAssertTrue(chat.stderr.contains("Chat lines carry only"), chat.stderr)
    }
}
