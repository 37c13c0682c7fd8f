/// Reads "Topics:" / "Knowledge points:" sections from an answer written as text or Markdown instead of JSON.
///
/// A *heading* is a line whose label (the text before the first `:`, or the whole line) is
/// a topics or knowledge-points synonym once Markdown (`#`, `>`, `**`, `__`, a bullet or a
/// number), any parenthesis ("Topics (1-2):"), a leading "Identified"/"The" and a trailing
/// "Assessed"/"Evaluated"/"Tested"/"Covered"/"Involved"/"Identified" are removed: "Topics: A; B",
/// "**Knowledge Points:**", "### Knowledge Points", "2. **Topics**: A". Text after the colon
/// is split like a string value; "Topic 1: A" adds one item. The lines after a heading are
/// its items: bulleted or numbered lines, or plain lines when the section has no bullets.
/// Deeper-indented lines are explanations and skipped. The section ends at the next heading,
/// at a line ending with `:` ("Explanation:"), or at an unbulleted line that follows a
/// blank line or a bulleted item. Code-fence lines are ignored.
struct PlainTextAnswerReader {
    /// Raw topic items, in order (still to be cleaned).
    var topics: [String] = []
    /// Raw knowledge-point items, in order (still to be cleaned).
    var knowledgePoints: [String] = []
    /// Whether any heading was recognised.
    var foundHeading = false

    private struct Heading {
        var kind: ExtractionAnswerKeys.Kind
        var value: (Int, Int)?
        var numbered: Bool
    }

    /// Reads the sections of `p[lo..<hi]`.
    static func read(_ p: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> PlainTextAnswerReader {
        var reader = PlainTextAnswerReader()
        var current: ExtractionAnswerKeys.Kind?
        var itemIndent: Int?
        var sawBlank = false
        var listLike = false
        var sectionItems = 0

        func append(_ item: String) {
            guard let kind = current else { return }
            if kind == .topics { reader.topics.append(item) } else { reader.knowledgePoints.append(item) }
            sectionItems += 1
        }
        func text(_ a: Int, _ z: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: p[a..<z]), as: UTF8.self)
        }

        var lineStart = lo
        while lineStart < hi {
            var lineEnd = lineStart
            while lineEnd < hi, p[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            var s = lineStart
            var indent = 0
            while s < lineEnd, p[s] == 0x20 || p[s] == 0x09 {
                indent += p[s] == 0x09 ? 4 : 1
                s += 1
            }
            var e = lineEnd
            while e > s, ExtractionItemText.isSpace(p[e - 1]) { e -= 1 }
            if s == e {
                if sectionItems > 0 { sawBlank = true }
                continue
            }
            if AnswerTextScanner.hasPrefix(p, s, e, "```") { continue }
            if let heading = heading(p, s, e) {
                reader.foundHeading = true
                current = heading.kind
                itemIndent = nil
                sawBlank = false
                listLike = false
                sectionItems = 0
                if let (a, z) = heading.value {
                    if heading.numbered {
                        append(text(a, z))
                    } else {
                        for piece in ExtractionItemText.split(text(a, z)) { append(piece) }
                    }
                    listLike = true
                }
                continue
            }
            guard current != nil else { continue }
            if let baseIndent = itemIndent, indent > baseIndent + 1 { continue }
            if ExtractionItemText.markerLength(p, s, e) != nil {
                if itemIndent == nil { itemIndent = indent }
                append(text(s, e))
                listLike = true
            } else if p[e - 1] == UInt8(ascii: ":") {
                current = nil
            } else if sectionItems > 0 && (sawBlank || listLike) {
                current = nil
            } else {
                if itemIndent == nil { itemIndent = indent }
                append(text(s, e))
            }
        }
        return reader
    }

    private static let headingPrefixes: [[UInt8]] = ["identified", "the"].map { Array($0.utf8) }
    private static let headingSuffixes: [[UInt8]] = ["assessed", "evaluated", "tested", "covered", "involved", "identified"].map { Array($0.utf8) }

    /// Drops one leading "identified"/"the" and one trailing verb ("assessed", "evaluated", "tested",
    /// "covered", "involved", "identified") from a normalised heading label: "Topics Assessed" is a heading.
    private static func stripAffixes(_ label: inout [UInt8]) {
        for prefix in headingPrefixes where label.count > prefix.count && label.starts(with: prefix) {
            label.removeFirst(prefix.count)
            break
        }
        for suffix in headingSuffixes where label.count > suffix.count && label.suffix(suffix.count).elementsEqual(suffix) {
            label.removeLast(suffix.count)
            break
        }
    }

    /// The heading on the line `p[s..<e]`, or nil when it is not one.
    private static func heading(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Heading? {
        var i = s
        while i < e, p[i] == UInt8(ascii: "#") || p[i] == UInt8(ascii: ">") || p[i] == 0x20 { i += 1 }
        if let m = ExtractionItemText.markerLength(p, i, e) { i += m }
        while i < e, p[i] == 0x20 { i += 1 }
        var colon: Int?
        var k = i
        while k < e, k - i <= 60 {
            if p[k] == UInt8(ascii: ":") { colon = k; break }
            k += 1
        }
        let labelEnd = colon ?? e
        guard labelEnd > i, labelEnd - i <= 60 else { return nil }
        var label: [UInt8] = []
        label.reserveCapacity(labelEnd - i)
        var depth = 0
        for k in i..<labelEnd {
            let b = p[k]
            switch b {
            case UInt8(ascii: "("), UInt8(ascii: "["): depth += 1; continue
            case UInt8(ascii: ")"), UInt8(ascii: "]"): depth = max(0, depth - 1); continue
            case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "#"), UInt8(ascii: "`"), 0x20, 0x09, UInt8(ascii: "-"):
                continue
            default:
                if depth == 0 { label.append((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b) }
            }
        }
        var numbered = false
        while let last = label.last, ExtractionItemText.isDigit(last) {
            label.removeLast()
            numbered = true
        }
        stripAffixes(&label)
        guard let kind = label.withUnsafeBufferPointer({ ExtractionAnswerKeys.kind(of: $0) }) else { return nil }
        var value: (Int, Int)?
        if let colon {
            var a = colon + 1
            while a < e, p[a] == 0x20 || p[a] == 0x09 || p[a] == UInt8(ascii: "*") || p[a] == UInt8(ascii: "_") { a += 1 }
            if a < e { value = (a, e) }
        }
        return Heading(kind: kind, value: value, numbered: numbered)
    }
}
