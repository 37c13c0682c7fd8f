/// Building HTML by hand, with one escaping function every printed value goes through.
///
/// The pages are small and fixed, so plain string building keeps them in one place with the
/// data they show (no template files to ship or find at run time, no template language to
/// learn); the one rule is that every value from the knowledge base or the request passes
/// through `HTML.escape` (text and attribute values alike) or `HTML.url` (a URL component).
enum HTML {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities: safe as element text and
    /// as a quoted attribute value.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` percent-encoded for a query parameter or a path segment (unreserved
    /// characters stay; everything else, UTF-8 encoded, becomes %XX).
    static func url(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return out
    }

    /// A whole page: the shared head (the stylesheet and script kg serves itself), the
    /// navigation bar and `body`.
    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) · kg</title>
        <link rel="stylesheet" href="/assets/kg.css">
        <script src="/assets/kg.js" defer></script>
        </head>
        <body>
        <nav><a href="/" class="brand">kg</a> <a href="/query">query</a> <a href="/coverage">coverage</a> <a href="/sample">sample</a>
        <form action="/search" method="get" class="search" role="search"><input type="search" name="q" id="search" placeholder="find a concept" autocomplete="off" list="suggestions" maxlength="\(ServerLimits.nameLength)"><datalist id="suggestions"></datalist> <button>go</button></form></nav>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// A table; `cells` are already HTML (escape them when building), `numeric` columns align
    /// right. With `sortable`, a click on a header sorts by that column (kg.js).
    static func table(id: String? = nil, header: [String], rows: [[String]], numeric: Set<Int> = [], sortable: Bool = false) -> String {
        var out = "<table" + (id.map { " id=\"\(escape($0))\"" } ?? "") + (sortable ? " class=\"sortable\"" : "") + "><thead><tr>"
        for (i, title) in header.enumerated() {
            out += "<th" + (numeric.contains(i) ? " class=\"num\"" : "") + ">" + escape(title) + "</th>"
        }
        out += "</tr></thead><tbody>\n"
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                out += "<td" + (numeric.contains(i) ? " class=\"num\"" : "") + ">" + cell + "</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table>"
    }

    /// A link to a concept's page, its name escaped.
    static func conceptLink(id: Int64, name: String) -> String {
        "<a href=\"/concept/\(id)\">\(escape(name))</a>"
    }
}
