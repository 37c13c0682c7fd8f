import Foundation
import Sampling

/// `/sample`: the sampler's options, the combinations drawn and, with the template, their
/// prompts; a link downloads the same JSONL that `kg sample` writes with those options.
enum SamplePage {
    static func form(_ request: SampleRequest) -> String {
        var out = "<form action=\"/sample\" method=\"get\" class=\"sample\">"
        out += "<label>sampler <select name=\"sampler\">"
        for kind in SamplerKind.allCases {
            out += "<option\(kind == request.sampler ? " selected" : "")>\(kind.rawValue)</option>"
        }
        out += "</select></label> "
        out += "<label>seed <input name=\"seed\" type=\"number\" min=\"0\" value=\"\(request.seed)\"></label> "
        out += "<label>n <input name=\"n\" type=\"number\" min=\"0\" max=\"\(ServerLimits.samples)\" value=\"\(request.n)\"></label> "
        out += "<label>levels <input name=\"level\" placeholder=\"grade-5,grade-6\" value=\"\(HTML.escape(request.levels.map(\.rawValue).joined(separator: ",")))\"></label> "
        out += "<label>where <input name=\"where\" size=\"40\" maxlength=\"\(ServerLimits.queryLength)\" value=\"\(HTML.escape(request.whereQuery ?? ""))\"></label> "
        out += "<label><input type=\"checkbox\" name=\"template\" value=\"mathscale\"\(request.template ? " checked" : "")> prompts (mathscale template)</label> "
        out += "<label><input type=\"checkbox\" name=\"boost\" value=\"auto\"\(request.boost ? " checked" : "")> boost toward the curriculum's gaps</label> "
        out += "<label>examples <input name=\"examples\" type=\"number\" min=\"0\" max=\"\(ServerLimits.examples)\" value=\"\(request.examples)\"></label> "
        out += "<button type=\"submit\">sample</button></form>\n"
        return out
    }

    static func html(_ request: SampleRequest, jsonl: [UInt8]) -> String {
        var body = "<h1>Sample</h1>\n" + form(request)
        body += "<p><a id=\"download\" href=\"/api/sample?\(HTML.escape(request.query))\" download=\"samples.jsonl\">download the JSONL</a> "
        body += "<span class=\"muted\">— the same bytes as <code>\(HTML.escape(request.commandLine))</code></span></p>\n"
        if request.boost {
            body += "<p class=\"muted\">Boosted toward the curriculum's gaps: the concepts' weights are calibrated on pilot runs of the sampler, as <code>kg sample --boost auto</code> does (docs/coverage.md).</p>\n"
        }
        var rows: [[String]] = []
        for line in String(decoding: jsonl, as: UTF8.self).split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            let id = (object["id"] as? NSNumber)?.stringValue ?? ""
            let topics = (object["topics"] as? [String] ?? []).map(HTML.escape).joined(separator: "<br>")
            let kps = (object["knowledge_points"] as? [String] ?? []).map(HTML.escape).joined(separator: "<br>")
            var row = [HTML.escape(id), topics, kps]
            if request.template { row.append("<div class=\"text\">\(HTML.escape(object["prompt"] as? String ?? ""))</div>") }
            rows.append(row)
        }
        body += HTML.table(id: "samples", header: request.template ? ["id", "topics", "knowledge points", "prompt"] : ["id", "topics", "knowledge points"], rows: rows)
        return HTML.page(title: "Sample", body: body)
    }
}
