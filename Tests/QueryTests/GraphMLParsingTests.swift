import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

@testable import Query

/// GraphML read back with Foundation's `XMLParser`, independent of NetworkX: well-formed, and
/// every node and edge carries every declared attribute with the subgraph's values.
final class GraphMLParsingTests: XCTestCase {
    /// Collects each node's and edge's `<data key=…>` values.
    final class Collector: NSObject, XMLParserDelegate {
        var keys: [String: String] = [:]  // id → for
        var nodes: [String: [String: String]] = [:]
        var edges: [[String: String]] = []
        private var current: (isNode: Bool, id: String)?
        private var dataKey: String?
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "key": keys[attributes["id"] ?? ""] = attributes["for"]
            case "node":
                current = (true, attributes["id"] ?? "")
                nodes[attributes["id"] ?? ""] = [:]
            case "edge":
                current = (false, "")
                edges.append(["source": attributes["source"] ?? "", "target": attributes["target"] ?? ""])
            case "data":
                dataKey = attributes["key"]
                text = ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard name == "data", let key = dataKey, let current else { return }
            if current.isNode { nodes[current.id]?[key] = text } else { edges[edges.count - 1][key] = text }
            dataKey = nil
        }
    }

    func testEveryNodeAndEdgeCarriesEveryAttribute() throws {
        let f = try QueryFixture(records: QueryFixture.records)
        let subgraph = try XCTUnwrap(f.run(#"concepts | ego 1"#)).subgraph
        let parser = XMLParser(data: Data(subgraph.graphMLText().utf8))
        let collector = Collector()
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "\(String(describing: parser.parserError))")

        let nodeKeys = Set(collector.keys.filter { $0.value == "node" }.keys)
        let edgeKeys = Set(collector.keys.filter { $0.value == "edge" }.keys)
        XCTAssertEqual(nodeKeys, ["label", "kind", "problems", "concept_id", "degree", "levels", "sources"])
        XCTAssertEqual(edgeKeys, ["weight", "edge_kind"])
        XCTAssertEqual(collector.nodes.count, subgraph.nodes.count)
        XCTAssertEqual(collector.edges.count, subgraph.edges.count)
        for node in subgraph.nodes {
            let data = try XCTUnwrap(collector.nodes["c\(node.conceptID)"], node.name)
            XCTAssertEqual(Set(data.keys), nodeKeys, node.name)
            XCTAssertEqual(data["label"], node.name)
            XCTAssertEqual(data["kind"], node.kind.rawValue)
            XCTAssertEqual(data["problems"], "\(node.problems)")
            XCTAssertEqual(data["degree"], "\(f.snapshot.degree(of: Int(node.node)))")
            XCTAssertEqual(data["levels"], node.levels.map(\.rawValue).joined(separator: ","))
            XCTAssertEqual(data["sources"], node.sources.joined(separator: ","))
        }
        XCTAssertTrue(collector.nodes.values.contains { $0["levels"]?.isEmpty == false }, "some node has levels")
        for edge in collector.edges {
            XCTAssertEqual(Set(edge.keys), edgeKeys.union(["source", "target"]))
            XCTAssertTrue(["topic-topic", "topic-kp", "kp-kp"].contains(edge["edge_kind"] ?? ""), "\(edge)")
            XCTAssertGreaterThan(Int(edge["weight"] ?? "") ?? 0, 0)
        }
    }
}
