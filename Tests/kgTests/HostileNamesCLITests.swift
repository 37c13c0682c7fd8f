import Foundation
import KGTestSupport
import KnowledgeBase
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Concept names that are syntax in some output format go into every output kg writes, and
/// every output parses back with the names shown literally.
final class HostileNamesCLITests: XCTestCase {
    static let names: [String] = [
        "a -> b; c", "digraph G { x -- y }", "\"quoted\" name", #"back\slash \\ end \"#, "<b>bold</b> & <i>it</i> &amp;",
        "<TABLE><TR><TD>cell</TD></TR></TABLE>", "line one\nline two", "tab\there", "שלום עולם", "left \u{202E}reversed\u{202C} right",
        "]]> <!-- x --> <?xml?>", "{topics} and {examples}", "comma, \"quote\", 'single'", "label=\"x\" shape=box", "100% $x^2$ \\frac{1}{2}",
        "emoji 🧮 ∑ ∫", "Café au lait",
    ]
    /// Spellings that must land on a concept above, not make one of their own.
    static let sameConcepts: [(String, String)] = [
        ("Cafe\u{301} au lait", "Café au lait"),  // NFD of the NFC name
        ("zero\u{200B}width", "zerowidth"),  // a zero-width space is invisible
    ]

    func makeKnowledgeBase() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        let names = HostileNamesCLITests.names
        var lines: [String] = []
        for (i, name) in names.enumerated() {
            lines.append(recordLine("h\(i)", topics: [name, "Plain topic"], kps: [names[(i + 1) % names.count], "Plain point"]))
            lines.append(recordLine("r\(i)", topics: [name], kps: ["Plain point", names[(i + 3) % names.count]]))
        }
        for (i, pair) in HostileNamesCLITests.sameConcepts.enumerated() {
            lines.append(recordLine("s\(i)a", topics: [pair.1], kps: ["Plain point"]))
            lines.append(recordLine("s\(i)b", topics: [pair.0], kps: ["Plain point"]))
        }
        folder.write("hostile.jsonl", lines.joined(separator: "\n") + "\n")
        let ingest = try KGProcess.run(["ingest", "hostile.jsonl"], in: folder.path)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        return folder
    }

    func testNFCAndNFDSpellingsAndInvisibleCharactersAreOneConcept() throws {
        let folder = try makeKnowledgeBase()
        let concepts = try KGProcess.run(["concepts", "--kind", "topic", "--json"], in: folder.path)
        XCTAssertEqual(concepts.status, 0, concepts.stderr)
        let rows = concepts.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let names = rows.map { $0["name"] as! String }
        // Swift's == would call NFC and NFD equal; compare the bytes.
        let cafe = names.filter { Array($0.unicodeScalars).starts(with: Array("Caf".unicodeScalars)) }
        XCTAssertEqual(cafe.count, 1, "NFC and NFD spellings made \(cafe.count) concepts: \(cafe.map { Array($0.unicodeScalars) })")
        let zero = rows.filter { ($0["key"] as! String).unicodeScalars.starts(with: "zero".unicodeScalars) }
        XCTAssertEqual(zero.count, 1, "\(zero)")
        XCTAssertEqual(zero.first?["problems"] as? Int, 2)
    }

    func testEveryExportParsesBackWithTheNamesLiteral() throws {
        let folder = try makeKnowledgeBase()
        var broken = 0
        defer { reportReliabilityFigure("hostile-names", cases: HostileNamesCLITests.names.count * 8, failures: broken) }
        func check(_ ok: Bool, _ message: @autoclosure () -> String) {
            if !ok { broken += 1 }
            XCTAssertTrue(ok, message())
        }
        let expected = HostileNamesCLITests.names

        // JSON lines
        let json = try KGProcess.run(["query", "concepts", "--json"], in: folder.path)
        check(json.status == 0, json.stderr)
        var jsonNames: Set<[Unicode.Scalar]> = []
        if let object = try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], let concepts = object["concepts"] as? [[String: Any]] {
            for concept in concepts { if let name = concept["name"] as? String { jsonNames.insert(Array(name.unicodeScalars)) } }
        } else {
            check(false, "not JSON: \(json.stdout.prefix(300))")
        }
        for name in expected { check(jsonNames.contains(Array(name.unicodeScalars)), "JSON lost \(name.debugDescription)") }

        // CSV, read back with kg's own reader
        let csv = try KGProcess.run(["query", "concepts", "--csv"], in: folder.path)
        check(csv.status == 0, csv.stderr)
        do {
            let records = try CSVReader.records(bytes: Array(csv.stdout.utf8))
            let header = records.first?.fields ?? []
            let nameColumn = header.firstIndex(of: "name") ?? 0
            let widths = Set(records.map(\.fields.count))
            check(widths.count == 1, "CSV rows of different widths: \(widths)")
            let csvNames = Set(records.dropFirst().map { Array($0.fields[nameColumn].unicodeScalars) })
            for name in expected { check(csvNames.contains(Array(name.unicodeScalars)), "CSV lost \(name.debugDescription)") }
        } catch {
            check(false, "CSV does not parse: \(error)")
        }

        // GraphML, read back with an XML parser
        let graphml = try KGProcess.run(["query", "concepts", "--format", "graphml"], in: folder.path)
        check(graphml.status == 0, graphml.stderr)
        let collector = XMLTextCollector()
        let parser = XMLParser(data: Data(graphml.stdout.utf8))
        parser.delegate = collector
        check(parser.parse(), "GraphML is not well-formed XML: \(String(describing: parser.parserError))")
        for name in expected where !name.contains("\n") {
            check(collector.texts.contains(Array(name.unicodeScalars)), "GraphML lost \(name.debugDescription)")
        }

        // DOT, laid out by Graphviz
        let dotText = try KGProcess.run(["query", "concepts", "--format", "dot"], in: folder.path)
        check(dotText.status == 0, dotText.stderr)
        folder.write("query.dot", dotText.stdout)
        check(try HostileNamesCLITests.graphviz(["-Tsvg", "query.dot", "-o", "query.svg"], in: folder.path), "dot rejects kg's DOT")

        // Render: DOT, SVG and PNG
        for file in ["map.dot", "map.svg", "map.png"] {
            let render = try KGProcess.run(["render", "concepts", "-o", file], in: folder.path)
            check(render.status == 0, "kg render -o \(file): \(render.stderr)")
        }
        check(try HostileNamesCLITests.graphviz(["-Tsvg", "map.dot", "-o", "map2.svg"], in: folder.path), "dot rejects kg render's DOT")
        for svg in ["map.svg", "query.svg"] {
            let svgParser = XMLParser(data: Data(folder.read(svg).utf8))
            check(svgParser.parse(), "\(svg) is not well-formed XML: \(String(describing: svgParser.parserError))")
        }
        let png = FileManager.default.contents(atPath: folder.path + "/map.png") ?? Data()
        check(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "map.png is not a PNG")

        // Prompts: the names go in as they are, and each line stays one JSON object
        folder.write("t.txt", "Topics: {topics}\nPoints: {knowledge_points}\n")
        let sample = try KGProcess.run(["sample", "-n", "40", "--seed", "3", "--min-count", "1", "--template", "t.txt", "--quiet"], in: folder.path)
        check(sample.status == 0, sample.stderr)
        var prompts = 0
        for line in sample.stdout.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let prompt = object["prompt"] as? String,
                let topics = object["topics"] as? [String]
            else {
                check(false, "not a sample with a prompt: \(line)"); continue
            }
            for topic in topics { check(prompt.contains(topic), "prompt lost \(topic.debugDescription): \(prompt)") }
            prompts += 1
        }
        check(prompts == 40, "\(prompts) prompts")
    }

    static func graphviz(_ arguments: [String], in folder: String) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/dot")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

/// Every text node and attribute value of an XML document.
final class XMLTextCollector: NSObject, XMLParserDelegate {
    var texts: Set<[Unicode.Scalar]> = []
    private var current = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        for value in attributes.values { texts.insert(Array(value.unicodeScalars)) }
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        texts.insert(Array(current.unicodeScalars))
        current = ""
    }
}
