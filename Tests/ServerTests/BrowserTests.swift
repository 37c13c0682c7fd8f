import Foundation
import KGTestSupport
import XCTest

/// The explorer in a real browser: Debian's headless Chromium loads the concept page and the
/// query page from a real server, and the test checks the DOM Chromium built (the drawing's
/// nodes, the table rows, a link followed) and makes screenshots. Skipped, saying so, where
/// Chromium is not installed (`apt-get install chromium`; .ci/run installs it).
final class BrowserTests: XCTestCase {
    var fixture: ServerFixture!
    var chromium: String!

    override func setUp() async throws {
        guard let path = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }) else {
            throw XCTSkip("Chromium is not installed (apt-get install chromium): the browser test of kg serve did not run")
        }
        chromium = path
        fixture = try await ServerFixture()
    }

    override func tearDown() async throws {
        try await fixture?.stop()
    }

    /// Runs headless Chromium on `url` with `arguments`; its standard output.
    func browse(_ url: String, _ arguments: [String]) throws -> String {
        let profile = fixture.folder.path + "/chromium-profile"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                "--user-data-dir=\(profile)", "--virtual-time-budget=3000",
            ] + arguments + [url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "chromium \(arguments) \(url)")
        return String(decoding: data, as: UTF8.self)
    }

    func testConceptPageInChromium() throws {
        let id = try fixture.conceptID("Fractions")
        let base = "http://127.0.0.1:\(fixture.port)"
        let dom = try browse("\(base)/concept/\(id)", ["--dump-dom"])
        XCTAssertTrue(dom.contains("<h1 id=\"concept-name\">Fractions</h1>"), "the page rendered")
        // The drawing is in the DOM, each concept a link to its page.
        let svg = try XCTUnwrap(dom.range(of: "<svg").map { dom[$0.lowerBound...] })
        let links = svg.components(separatedBy: "xlink:href=\"/concept/").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        XCTAssertGreaterThanOrEqual(Set(links).count, 4, "the ego drawing's nodes are links")
        XCTAssertTrue(svg.contains("class=\"node\""))
        // The neighbour table has its rows.
        XCTAssertTrue(dom.contains("id=\"neighbours-kp\""))
        let ratios = try fixture.conceptID("Ratios")
        XCTAssertTrue(dom.contains("<a href=\"/concept/\(ratios)\">Ratios</a>"))
        // Follow the first link of the neighbouring topics' table: the neighbour's own page.
        let table = try XCTUnwrap(dom.range(of: "id=\"neighbours-topic\"").map { dom[$0.upperBound...] })
        let href = try XCTUnwrap(table.range(of: "<a href=\"").map { table[$0.upperBound...].prefix { $0 != "\"" } })
        XCTAssertEqual(String(href), "/concept/\(ratios)")
        let next = try browse(base + href, ["--dump-dom"])
        XCTAssertTrue(next.contains("<h1 id=\"concept-name\">Ratios</h1>"), "the neighbour's page")
        // No script from a hostile name ran: the page's title is still the concept's.
        let hostile = try browse("\(base)/concept/\(try fixture.conceptID(ServerFixture.hostile[0]))", ["--dump-dom"])
        XCTAssertTrue(hostile.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertFalse(hostile.contains("<script>alert(1)</script>"))
        let screenshot = fixture.folder.path + "/concept.png"
        _ = try browse("\(base)/concept/\(id)", ["--screenshot=\(screenshot)", "--window-size=1280,1400"])
        let png = try XCTUnwrap(FileManager.default.contents(atPath: screenshot))
        XCTAssertGreaterThan(png.count, 10_000)
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG")
    }

    func testQueryPageInChromium() throws {
        let base = "http://127.0.0.1:\(fixture.port)"
        let query = ServerFixture.encoded("topics | top 3 by problems")
        let dom = try browse("\(base)/query?q=\(query)", ["--dump-dom"])
        XCTAssertTrue(dom.contains("<p id=\"result-count\">3 concepts</p>"))
        let table = try XCTUnwrap(dom.range(of: "id=\"result\"").map { dom[$0.lowerBound...] })
        let body = table.prefix { _ in true }.components(separatedBy: "</table>")[0]
        XCTAssertEqual(body.components(separatedBy: "<tr>").count - 1, 4, "a header and three rows")
        XCTAssertTrue(dom.contains("id=\"query-drawing\"><svg"))
        let bad = try browse("\(base)/query?q=\(ServerFixture.encoded("topics | top ten"))", ["--dump-dom"])
        XCTAssertTrue(bad.contains("id=\"query-error\""), "the error with its caret")
        XCTAssertTrue(bad.contains("^"))
        let screenshot = fixture.folder.path + "/coverage.png"
        _ = try browse("\(base)/coverage?band=grade-5", ["--screenshot=\(screenshot)", "--window-size=1280,1000"])
        XCTAssertGreaterThan(FileManager.default.contents(atPath: screenshot)?.count ?? 0, 10_000)
    }
}
