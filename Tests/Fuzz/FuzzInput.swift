import KnowledgeBase

/// Seed inputs and the mutations that turn them into fuzz inputs.
public enum FuzzInput {
    static let recordCorpus: [[UInt8]] = [
        #"{"id": "p1", "source": "demo", "level": "grade-5", "problem": "Add 1/2 and 1/3.", "topics": ["Fractions"], "knowledge_points": ["Adding fractions", "Common denominators"]}"#,
        #"{"id":"x\u00e9\ud83e\uddee","topics":["Caf\u00e9","A\\B \"q\""],"knowledge_points":["$x^2$"],"extra":{"a":[1,2.5e-3,null,true,false]}}"#,
        #"{"id": 7, "topics": [], "knowledge_points": [""]}"#,
        #"{"question": "What is 2+2?", "answer": "4"}"#,
        #"[{"id": "p2"}]"#,
    ].map { Array($0.utf8) }
    static let jsonTokens: [String] = [
        "{", "}", "[", "]", "\"", "\\", "\\u", "\\ud800", "\\udc00", "\\u0000", ":", ",", "null", "true", "false", "1e999", "-0", "0.",
        "\"topics\"", "\"knowledge_points\"", "\"id\"", "\"level\"", "[[[[[[[[", "]]]]", "{\"a\":", "\u{0}", "\u{FEFF}", "\u{200B}", "é", "\n",
        "\"kind\"", "\"code\"", "\"parent\"", "\"strand\"", "\"domain\"", "\"cluster\"", "\"standard\"", "12345678901234567890",
    ]
    static let queryCorpus: [[UInt8]] = [
        #"topics where name ~ "frac" | sort by count desc | top 10"#, #"neighbors(topic "Fractions") | limit 5"#,
        #"path(topic "A", kp "B")"#, #"ego(kp "x", 2) except topics"#, "concepts where degree >= 3 and not kind = kp",
        #"problems where level = "grade-5" and source != "demo""#, "edges where weight > 2.5 | sort by weight asc",
    ].map { Array($0.utf8) }
    static let queryTokens: [String] = [
        "topics", "kps", "concepts", "topic", "kp", "edges", "problems", "|", "(", ")", ",", "union", "intersect", "except", "neighbors",
        "where", "sort", "by", "asc", "desc", "top", "limit", "path", "ego", "and", "or", "not", "name", "kind", "count", "degree",
        "weight", "level", "source", "id", "=", "!=", "<", "<=", ">", ">=", "~", "\"Geometry\"", "\"\"", "'x'", "0", "-1", "2.5",
        "99999999999999999999", "# c\n", "\"unterminated", "\u{201C}q\u{201D}", "\\", "\u{0}",
    ]
    static let csvCorpus: [[UInt8]] = [
        "id,problem,topics\n1,\"Add 1/2, 1/3\",Fractions\n2,\"He said \"\"hi\"\"\",Ratios\r\n",
        "a,b,c\n\"multi\nline\",x,\n,,\n", "\u{FEFF}name\n\"unclosed\n",
    ].map { Array($0.utf8) }
    static let csvTokens: [String] = [",", "\"", "\"\"", "\n", "\r", "\r\n", "\u{FEFF}", "\u{0}", "a", " ", "\u{FF}"]
    static let curriculumCorpus: [String] = [
        """
        {"curriculum": "demo"}
        {"kind": "strand", "code": "NF", "title": "Fractions"}
        {"kind": "domain", "code": "4.NF", "title": "Number and fractions", "strand": "NF", "band": "K"}
        {"kind": "cluster", "code": "4.NF.A", "title": "Equivalence", "parent": "4.NF", "band": "K"}
        {"kind": "standard", "code": "4.NF.A.1", "title": "Explain equivalent fractions", "parent": "4.NF.A", "band": "K", "keywords": ["equivalent fraction"]}
        """
    ]

    /// `corpus`'s entry after one to four random edits: byte flips, inserted bytes or tokens,
    /// deletions, duplications, truncation, or a splice with another entry.
    static func mutated(_ corpus: [[UInt8]], tokens: [String], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = corpus[random.nextInt(below: corpus.count)]
        for _ in 0..<(1 + random.nextInt(below: 4)) {
            let at = random.nextInt(below: bytes.count + 1)
            switch random.nextInt(below: 7) {
            case 0 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] ^= UInt8(truncatingIfNeeded: 1 << random.nextInt(below: 8))
            case 1: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
            case 2, 3: bytes.insert(contentsOf: Array(tokens[random.nextInt(below: tokens.count)].utf8), at: at)
            case 4: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.nextInt(below: 8)))
            case 5:
                let end = min(bytes.count, at + 1 + random.nextInt(below: 16))
                bytes.insert(contentsOf: bytes[at..<end], at: end)
            default:
                if random.nextInt(below: 2) == 0 {
                    bytes.removeSubrange(at...)
                } else {
                    let other = corpus[random.nextInt(below: corpus.count)]
                    bytes = Array(bytes[..<at]) + other[min(at, other.count)...]
                }
            }
        }
        return bytes
    }
}
