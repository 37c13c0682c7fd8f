import Foundation
import KGTestSupport
import KnowledgeBase
import Render
import XCTest

@testable import Server

/// Every page and API route of `kg serve`, over HTTP on 127.0.0.1, on a hand-made knowledge base.
final class ServerRouteTests: XCTestCase {
    var fixture: ServerFixture!

    override func setUp() async throws {
        fixture = try await ServerFixture()
    }

    override func tearDown() async throws {
        try await fixture.stop()
    }

    /// GETs `path` from `server` and checks its status and that its body holds every fragment.
    func expect(
        _ path: String, _ status: Int, saying fragments: String..., from server: ServerFixture? = nil, line: UInt = #line
    ) async throws {
        let reply = try await (server ?? fixture).get(path)
        XCTAssertEqual(reply.status, status, path, line: line)
        for fragment in fragments { XCTAssertTrue(reply.body.contains(fragment), "\(path): no \"\(fragment)\" in \(reply.body.prefix(400))", line: line) }
    }

    func testOverviewShowsCountsMapAndSecurityHeaders() async throws {
        let reply = try await fixture.get("/")
        XCTAssertEqual(reply.status, 200)
        XCTAssertTrue(reply.headers["content-type"]?.hasPrefix("text/html") ?? false)
        let csp = try XCTUnwrap(reply.headers["content-security-policy"])
        XCTAssertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), csp)
        let timing = try XCTUnwrap(reply.headers["server-timing"], "the server's time, for browsers' developer tools and kg-bench serve")
        XCTAssertTrue(timing.hasPrefix("app;dur=") && Double(timing.dropFirst(8)) != nil && timing.split(separator: ".").last?.count == 3, timing)
        XCTAssertTrue(reply.body.contains("<b>45</b><span>problems</span>"), "the problem count of kg stats")
        XCTAssertTrue(reply.body.contains("id=\"overview-map\"><svg"), "the topic map inline")
        let fractions = try fixture.conceptID("Fractions")
        XCTAssertTrue(reply.body.contains("href=\"/concept/\(fractions)\""), "map nodes and top lists link to concept pages")
        XCTAssertFalse(reply.body.contains("<script>alert"), "a hostile name printed raw")
        XCTAssertFalse(reply.body.contains("https://"), "no asset from the network")
    }

    func testAssetsAreServedByKg() async throws {
        let css = try await fixture.get("/assets/kg.css")
        XCTAssertEqual(css.status, 200)
        XCTAssertTrue(css.headers["content-type"]?.hasPrefix("text/css") ?? false)
        let js = try await fixture.get("/assets/kg.js")
        XCTAssertEqual(js.status, 200)
        XCTAssertTrue(js.body.contains("/api/suggest"))
    }

    func testConceptPageHasNeighboursDrawingAndProblems() async throws {
        let id = try fixture.conceptID("Fractions")
        let reply = try await fixture.get("/concept/\(id)")
        XCTAssertEqual(reply.status, 200)
        XCTAssertTrue(reply.body.contains("<h1 id=\"concept-name\">Fractions</h1>"))
        XCTAssertTrue(reply.body.contains("topic · id \(id) · 38 problems"), "kind, id and problem count")
        XCTAssertTrue(reply.body.contains("grade-5, grade-6"), "levels")
        XCTAssertTrue(reply.body.contains("alpha, beta"), "sources")
        let ratios = try fixture.conceptID("Ratios")
        XCTAssertTrue(reply.body.contains("<a href=\"/concept/\(ratios)\">Ratios</a></td><td class=\"num\">8</td>"), "a neighbour with its shared count")
        XCTAssertTrue(reply.body.contains("id=\"ego\"><svg"), "the ego drawing")
        XCTAssertTrue(reply.body.contains("xlink:href=\"/concept/\(ratios)\""), "drawn nodes link to their pages")
        XCTAssertTrue(reply.body.contains("Add 1/2 and 1/3."), "seed problem text")
        XCTAssertTrue(reply.body.contains("page 1 of 2"), "38 problems, 20 a page")
        let second = try await fixture.get("/concept/\(id)?page=2")
        XCTAssertTrue(second.body.contains("page 2 of 2") && second.body.contains("rel=\"prev\""))
        let api = try await fixture.get("/api/concept/\(id)")
        XCTAssertEqual(api.status, 200)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
        XCTAssertEqual(json["name"] as? String, "Fractions")
        XCTAssertEqual(json["problems"] as? Int, 38)
        let neighbours = try XCTUnwrap(json["neighbours"] as? [String: Any])
        XCTAssertEqual((neighbours["topics"] as? [String: Any])?["total"] as? Int, 1)
    }

    func testUnknownConceptIs404() async throws {
        let missing = try await fixture.get("/concept/999999")
        XCTAssertEqual(missing.status, 404)
        XCTAssertTrue(missing.body.contains("no concept with id 999999"), missing.body)
        let word = try await fixture.get("/api/concept/abc")
        XCTAssertEqual(word.status, 404)
        XCTAssertTrue(word.body.contains("\"error\""), word.body)
    }

    func testQueryPageShowsTableAndDrawing() async throws {
        let reply = try await fixture.get("/query?q=" + ServerFixture.encoded("topic \"Fractions\" | neighbors kp | top 3 by weight"))
        XCTAssertEqual(reply.status, 200)
        XCTAssertTrue(reply.body.contains("<p id=\"result-count\">3 concepts</p>"), reply.body)
        XCTAssertTrue(reply.body.contains(">Adding fractions</a>"), "result names link to their pages")
        XCTAssertTrue(reply.body.contains("id=\"query-drawing\"><svg"))
        XCTAssertTrue(reply.body.contains("topic &quot;Fractions&quot; | neighbors kp"), "the editor holds the query, escaped")
        let plus = try await fixture.get("/query?q=topics+%7C+top+2+by+problems")
        XCTAssertTrue(plus.body.contains("<p id=\"result-count\">2 concepts</p>"), "a form's + is a space")
    }

    func testBadQueryIs400WithCaret() async throws {
        let text = "topics | top ten by problems"
        let reply = try await fixture.get("/query?q=" + ServerFixture.encoded(text))
        XCTAssertEqual(reply.status, 400)
        XCTAssertTrue(reply.body.contains("id=\"query-error\""))
        XCTAssertTrue(reply.body.contains("  topics | top ten by problems\n               ^~~"), reply.body)
        let api = try await fixture.get("/api/query?q=" + ServerFixture.encoded(text))
        XCTAssertEqual(api.status, 400)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
        XCTAssertTrue((json["detail"] as? String)?.contains("^") ?? false, api.body)
    }

    func testQueryAPIMatchesTheCLIJSON() async throws {
        let text = "topics | top 5 by problems"
        let reply = try await fixture.get("/api/query?q=" + ServerFixture.encoded(text))
        XCTAssertEqual(reply.status, 200)
        let cli = try KGProcess.run(["query", "--db", fixture.dbPath, "--json", text], in: fixture.folder.path)
        XCTAssertEqual(cli.status, 0, cli.stderr)
        XCTAssertEqual(reply.body, cli.stdout)
    }

    func testStatsAPIMatchesTheCLIJSON() async throws {
        let reply = try await fixture.get("/api/stats")
        let cli = try KGProcess.run(["stats", "--db", fixture.dbPath, "--json"], in: fixture.folder.path)
        XCTAssertEqual(cli.status, 0, cli.stderr)
        XCTAssertEqual(reply.body, cli.stdout)
    }

    func testSearchAndSuggestions() async throws {
        let exact = try await fixture.get("/search?q=fractions")
        XCTAssertEqual(exact.status, 303, "one concept of that name: straight to its page")
        XCTAssertEqual(exact.headers["location"], "/concept/\(try fixture.conceptID("Fractions"))")
        let typo = try await fixture.get("/api/suggest?q=fractons")
        XCTAssertEqual(typo.status, 200)
        XCTAssertTrue(typo.body.contains("\"name\":\"Fractions\""), "typo-tolerant: \(typo.body)")
        let part = try await fixture.get("/search?q=triang")
        XCTAssertEqual(part.status, 200)
        XCTAssertTrue(part.body.contains(">Area of a triangle</a>"))
    }

    func testCoveragePageAndCell() async throws {
        let reply = try await fixture.get("/coverage")
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertTrue(reply.body.contains("id=\"heatmap\""))
        XCTAssertTrue(reply.body.contains("/coverage?band=grade-5&amp;strand="), "cells link to their areas")
        let cell = try await fixture.get("/coverage?band=grade-5&strand=" + ServerFixture.encoded(firstStrand(reply.body, band: "grade-5")))
        XCTAssertTrue(cell.body.contains("id=\"cell\""), "the cell's areas")
        XCTAssertTrue(cell.body.contains("id=\"areas\"") || cell.body.contains("No curriculum area"))
        let api = try await fixture.get("/api/coverage")
        XCTAssertEqual(api.status, 200)
        let cli = try KGProcess.run(
            ["coverage", "--db", fixture.dbPath, "--json", "--curriculum", KGTestSupport.repositoryRoot.path + "/data/curriculum/curriculum.jsonl"],
            in: fixture.folder.path)
        XCTAssertEqual(cli.status, 0, cli.stderr)
        XCTAssertEqual(api.body, cli.stdout, "the same JSON as kg coverage --json")
    }

    private func firstStrand(_ html: String, band: String) -> String {
        let marker = "/coverage?band=\(band)&amp;strand="
        guard let range = html.range(of: marker) else { return "" }
        let rest = html[range.upperBound...]
        let value = rest.prefix { $0 != "#" && $0 != "\"" }
        return String(value).removingPercentEncoding ?? String(value)
    }

    func testRequestsWaitingOnADrawingDoNotHoldUpTheOthers() async throws {
        // A drawing worker that never answers: every page with a drawing waits its time limit.
        let stuck = try await ServerFixture(worker: ["/bin/sleep", "60"], drawingTimeLimit: .seconds(1))
        do {
            let finished = FinishOrder()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<3 {
                    group.addTask {
                        let page = try await stuck.get("/?drawing=\(i)")
                        XCTAssertEqual(page.status, 500, "the drawing timed out")
                        XCTAssertTrue(page.body.contains("took longer than 1 s") && page.body.contains("--draw-in-process"), page.body)
                        finished.add("drawing")
                    }
                }
                group.addTask {
                    // Once the drawings are under way, a request without one is answered at once.
                    try await Task.sleep(for: .milliseconds(200))
                    for path in ["/api/stats", "/api/query?q=topics", "/assets/kg.css"] {
                        let reply = try await stuck.get(path)
                        XCTAssertEqual(reply.status, 200, path)
                    }
                    finished.add("others")
                }
                try await group.waitForAll()
            }
            XCTAssertEqual(finished.order.first, "others", "answered while the drawings waited: \(finished.order)")
        } catch {
            try await stuck.stop()
            throw error
        }
        try await stuck.stop()
    }

    func testAWorkerThatCannotStartMeansDrawingInProcess() async throws {
        let fallback = try await ServerFixture(worker: ["/no/such/kg", "graphviz-worker"])
        do {
            XCTAssertTrue(fallback.server.drawing.renderer is GraphvizRenderer, "in process")
            let page = try await fallback.get("/")
            XCTAssertEqual(page.status, 200)
            XCTAssertTrue(page.body.contains("id=\"overview-map\"><svg"), "drawn all the same")
        } catch {
            try await fallback.stop()
            throw error
        }
        try await fallback.stop()
    }

    /// What finished, in order.
    final class FinishOrder: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func add(_ item: String) {
            lock.lock()
            items.append(item)
            lock.unlock()
        }
        var order: [String] {
            lock.lock()
            defer { lock.unlock() }
            return items
        }
    }

    func testCoverageOfADatasetBesideTheKnowledgeBase() async throws {
        func record(_ id: String, _ level: String) -> String {
            recordLine(id, topics: ["Fractions"], kps: ["Adding fractions"], source: "generated", level: level, problem: "Add 1/\(id.count + 2) and 1/4.")
        }
        let dataset = (0..<12).map { record("d\($0)", $0 < 8 ? "grade-5" : "grade-4") }.joined(separator: "\n") + "\n"
        let broken = record("b0", "grade-5") + "\n{\"id\": \"b1\", \"topics\": 3}\n"
        let served = try await ServerFixture(datasets: [dataset, broken])
        do {
            let curriculum = KGTestSupport.repositoryRoot.path + "/data/curriculum/curriculum.jsonl"
            let path = served.folder.path + "/dataset-1.jsonl"
            func cli() throws -> String {
                let result = try KGProcess.run(["coverage", "--dataset", path, "--json", "--curriculum", curriculum], in: served.folder.path)
                XCTAssertEqual(result.status, 0, result.stderr)
                return result.stdout
            }
            let page = try await served.get("/coverage")
            XCTAssertTrue(page.body.contains("<p id=\"datasets\"><strong>the knowledge base</strong> · <a href=\"/coverage?dataset=1\">dataset-1.jsonl</a>"), page.body)
            let shown = try await served.get("/coverage?dataset=1")
            XCTAssertEqual(shown.status, 200, shown.body)
            XCTAssertTrue(shown.body.contains("The dataset " + path), "says which dataset")
            XCTAssertTrue(shown.body.contains("/coverage?dataset=1&amp;band=grade-5&amp;strand="), "cells keep the dataset")
            let api = try await served.get("/api/coverage?dataset=1")
            XCTAssertEqual(api.status, 200, api.body)
            XCTAssertEqual(api.body, try cli(), "the same JSON as kg coverage --dataset FILE --json")
            let knowledgeBase = try await served.get("/api/coverage")
            XCTAssertNotEqual(api.body, knowledgeBase.body, "not the knowledge base's")

            // An edited dataset is read again on the next request.
            try (dataset + (20..<40).map { record("e\($0)", "grade-3") }.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let edited = try await served.get("/api/coverage?dataset=1")
            XCTAssertNotEqual(edited.body, api.body)
            XCTAssertEqual(edited.body, try cli())

            try await expect("/api/coverage?dataset=2", 500, saying: "dataset-2.jsonl:2: field 'topics'", "kg serve --dataset reads extraction records", from: served)
            try await expect("/api/coverage?dataset=3", 404, saying: "datasets are numbered 1 to 2", from: served)
            try await expect("/api/coverage?dataset=first", 400, saying: "dataset takes a number", from: served)
            try FileManager.default.removeItem(atPath: path)
            try await expect("/api/coverage?dataset=1", 404, saying: "given to kg serve --dataset is no longer there", from: served)
        } catch {
            try await served.stop()
            throw error
        }
        try await served.stop()
        let none = try await fixture.get("/coverage?dataset=1")
        XCTAssertEqual(none.status, 404)
        XCTAssertTrue(none.body.contains("started without --dataset FILE"), none.body)
    }

    func testSampleDownloadIsByteIdenticalToKgSample() async throws {
        let page = try await fixture.get("/sample?n=5&seed=7&sampler=mathscale&template=mathscale")
        XCTAssertEqual(page.status, 200, page.body)
        XCTAssertTrue(page.body.contains("id=\"samples\""))
        XCTAssertTrue(page.body.contains("href=\"/api/sample?n=5&amp;seed=7&amp;sampler=mathscale&amp;template=mathscale\""))
        let download = try await fixture.get("/api/sample?n=5&seed=7&sampler=mathscale&template=mathscale")
        XCTAssertEqual(download.status, 200)
        XCTAssertTrue(download.headers["content-disposition"]?.contains("attachment") ?? false)
        let cli = try KGProcess.run(
            ["sample", "--db", fixture.dbPath, "-n", "5", "--seed", "7", "--sampler", "mathscale", "--template", "mathscale", "--quiet"],
            in: KGTestSupport.repositoryRoot.path)
        XCTAssertEqual(cli.status, 0, cli.stderr)
        XCTAssertFalse(cli.stdout.isEmpty)
        XCTAssertEqual(download.body, cli.stdout, "byte-identical to kg sample")
        let cooccurrence = try await fixture.get("/api/sample?n=20&seed=3&sampler=cooccurrence&level=grade-5,grade-6")
        let cli2 = try KGProcess.run(
            ["sample", "--db", fixture.dbPath, "-n", "20", "--seed", "3", "--sampler", "cooccurrence", "--level", "grade-5", "--level", "grade-6", "--quiet"],
            in: fixture.folder.path)
        XCTAssertEqual(cooccurrence.body, cli2.stdout)
    }

    func testRequestsPastTheirBoundsAreRefused() async throws {
        let long = String(repeating: "topics | ", count: 400) + "limit 1"
        try await expect("/query?q=" + ServerFixture.encoded(long), 413, saying: "the server takes at most 2000")
        try await expect("/api/sample?n=1000000", 413, saying: "at most 1000", "kg sample -n 1000000")
        try await expect("/sample?n=1&seed=-4", 400, saying: "seed must be a whole number")
    }

    func testAURLPastItsBoundIs414AndALongQueryInAnyScriptGetsTheQueryBound() async throws {
        let url = "/api/query?q=" + String(repeating: "a", count: ServerLimits.urlLength)
        let tooLong = try await fixture.get(url)
        XCTAssertEqual(tooLong.status, 414)
        XCTAssertTrue(
            tooLong.body.contains("\"error\":") && tooLong.body.contains("at most \(ServerLimits.urlLength)") && tooLong.body.contains("kg query -f FILE"),
            tooLong.body)
        let tooLongPage = try await fixture.get("/query?q=" + String(repeating: "a", count: ServerLimits.urlLength))
        XCTAssertEqual(tooLongPage.status, 414)
        XCTAssertTrue(tooLongPage.body.contains("<h1>Too long</h1>"), tooLongPage.body)
        // 2,001 characters of a four-byte script: 24 KB percent-encoded, and still the query's own bound.
        let wide = try await fixture.get("/api/query?q=" + ServerFixture.encoded(String(repeating: "𝑥", count: ServerLimits.queryLength + 1)))
        XCTAssertEqual(wide.status, 413, wide.body)
        XCTAssertTrue(wide.body.contains("the query is \(ServerLimits.queryLength + 1) characters long"), wide.body)
    }

    func testAQueryPastItsTimeLimitIs503WithTheCaret() async throws {
        let query = ServerFixture.encoded(#"topic "Fractions" | neighbors kp | top 3 by weight"#)
        let ok = try await fixture.get("/api/query?q=" + query)
        XCTAssertEqual(ok.status, 200, "the default limit leaves room for the query: \(ok.body)")
        let strict = try await ServerFixture(queryTimeLimit: .zero)
        do {
            let api = try await strict.get("/api/query?q=" + query)
            XCTAssertEqual(api.status, 503)
            XCTAssertTrue(api.body.contains("ran past its time limit of 0 s") && api.body.contains("run it with kg query"), api.body)
            XCTAssertTrue(api.body.contains("\"detail\":\"column 1:"), "the caret under the part that did not run: \(api.body)")
            let page = try await strict.get("/query?q=" + query)
            XCTAssertEqual(page.status, 503)
            XCTAssertTrue(page.body.contains("ran past its time limit"), page.body)
            let sample = try await strict.get("/api/sample?n=2&where=" + ServerFixture.encoded("topics"))
            XCTAssertEqual(sample.status, 503, "a sample's where query has the same limit: \(sample.body)")
            let plain = try await strict.get("/api/sample?n=2")
            XCTAssertEqual(plain.status, 200, "no query, no limit to pass: \(plain.body)")
        } catch {
            try await strict.stop()
            throw error
        }
        try await strict.stop()
    }

    func testBoostedSampleIsByteIdenticalToKgSampleBoostAuto() async throws {
        let page = try await fixture.get("/sample?n=20&seed=3&boost=auto")
        XCTAssertEqual(page.status, 200, page.body)
        XCTAssertTrue(page.body.contains("Boosted toward the curriculum's gaps"), page.body)
        XCTAssertTrue(page.body.contains("name=\"boost\" value=\"auto\" checked"), "the box stays ticked")
        XCTAssertTrue(page.body.contains("href=\"/api/sample?n=20&amp;seed=3&amp;sampler=mathscale&amp;boost=auto\""), page.body)
        XCTAssertTrue(page.body.contains("kg sample -n 20 --seed 3 --sampler mathscale --boost auto"), page.body)
        let download = try await fixture.get("/api/sample?n=20&seed=3&boost=auto")
        XCTAssertEqual(download.status, 200, download.body)
        let cli = try KGProcess.run(
            ["sample", "--db", fixture.dbPath, "-n", "20", "--seed", "3", "--boost", "auto", "--quiet"], in: KGTestSupport.repositoryRoot.path)
        XCTAssertEqual(cli.status, 0, cli.stderr)
        XCTAssertFalse(cli.stdout.isEmpty)
        XCTAssertEqual(download.body, cli.stdout, "byte-identical to kg sample --boost auto")
        let plain = try await fixture.get("/api/sample?n=20&seed=3")
        XCTAssertNotEqual(plain.body, download.body, "the boost changes what is drawn")
        let again = try await fixture.get("/api/sample?n=20&seed=3&boost=auto")
        XCTAssertEqual(again.body, download.body, "the cached plan draws the same")
        let narrowed = try await fixture.get("/api/sample?n=15&seed=5&boost=auto&level=grade-5,grade-6&where=" + ServerFixture.encoded("topic \"Fractions\" | ego 1"))
        XCTAssertEqual(narrowed.status, 200, narrowed.body)
        let cliNarrowed = try KGProcess.run(
            [
                "sample", "--db", fixture.dbPath, "-n", "15", "--seed", "5", "--boost", "auto", "--level", "grade-5", "--level", "grade-6",
                "--where", "topic \"Fractions\" | ego 1", "--quiet",
            ], in: KGTestSupport.repositoryRoot.path)
        XCTAssertEqual(cliNarrowed.status, 0, cliNarrowed.stderr)
        XCTAssertEqual(narrowed.body, cliNarrowed.stdout, "with levels and where too")
        let bad = try await fixture.get("/api/sample?n=2&boost=report.json")
        XCTAssertEqual(bad.status, 400)
        XCTAssertTrue(bad.body.contains("boost takes auto") && bad.body.contains("kg sample --boost FILE"), bad.body)
    }

    func testHostileNamesAreEscapedEverywhere() async throws {
        let script = try fixture.conceptID(ServerFixture.hostile[0])
        let quotes = try fixture.conceptID(ServerFixture.hostile[1])
        var pages = ["/", "/concept/\(script)", "/concept/\(quotes)", "/coverage", "/sample?n=20&seed=1&sampler=uniform&template=mathscale"]
        pages.append("/query?q=" + ServerFixture.encoded("concepts | top 20 by problems"))
        pages.append("/query?q=" + ServerFixture.encoded("concept \"<script>alert(1)</script>\" | ego 1"))
        pages.append("/search?q=" + ServerFixture.encoded("<script>"))
        for page in pages {
            let reply = try await fixture.get(page)
            XCTAssertEqual(reply.status, 200, page)
            XCTAssertFalse(reply.body.contains("<script>alert"), "raw script on \(page)")
            XCTAssertFalse(reply.body.contains("<img src=x"), "raw markup on \(page)")
            XCTAssertFalse(reply.body.contains("<b>bold</b>"), "raw source name on \(page)")
            XCTAssertFalse(reply.body.contains("say \"hi\""), "a raw quote on \(page)")
        }
        let page = try await fixture.get("/concept/\(script)")
        XCTAssertTrue(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name is shown, escaped")
        XCTAssertTrue(page.body.contains("&lt;img src=x onerror=alert(2)&gt; &amp; more"), "problem text escaped")
        // The query-page link holds the name as a query literal, percent-encoded.
        XCTAssertTrue(page.body.contains("/query?q=topic%20%22%3Cscript%3Ealert%281%29%3C%2Fscript%3E%22"), page.body)
        let api = try await fixture.get("/api/concept/\(quotes)")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
        XCTAssertEqual(json["name"] as? String, ServerFixture.hostile[1], "JSON carries the name itself")
    }

    func testIngestIsPickedUpOnTheNextRequest() async throws {
        let before = try await fixture.get("/api/stats")
        XCTAssertTrue(before.body.contains("\"problems\":45"), before.body)
        let more = fixture.folder.write("more.jsonl", recordLine("new1", topics: ["Probability"], kps: ["Dice"], source: "delta") + "\n")
        let ingest = try KGProcess.run(["ingest", "--db", fixture.dbPath, more], in: fixture.folder.path)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let after = try await fixture.get("/api/stats")
        XCTAssertTrue(after.body.contains("\"problems\":46"), after.body)
        let search = try await fixture.get("/search?q=probability")
        XCTAssertEqual(search.status, 303, "the new concept has a page")
    }

    func testUnknownPathIs404() async throws {
        let reply = try await fixture.get("/nothing/here")
        XCTAssertEqual(reply.status, 404)
    }
}
