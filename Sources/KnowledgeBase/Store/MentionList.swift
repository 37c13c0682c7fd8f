/// A problem's concept mentions as stored in `problem.mentions`: a JSON array of
/// `[concept, spelling]` id pairs ordered by concept, e.g. `[[3,7],[12,40]]`.
struct MentionList: Equatable {
    var mentions: [ConceptGraphWriter.Mention]

    init(_ mentions: [ConceptGraphWriter.Mention]) {
        self.mentions = mentions.sorted { $0.concept < $1.concept }
    }

    /// The JSON text stored in the column.
    var jsonText: String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(mentions.count * 14 + 2)
        func append(_ value: Int64) {
            var v = value.magnitude
            var digits:
                (
                    UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                    UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
                ) =
                    (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var count = 0
            withUnsafeMutableBytes(of: &digits) { buffer in
                repeat {
                    buffer[count] = UInt8(v % 10) + 48
                    v /= 10
                    count += 1
                } while v > 0
                for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[i]) }
            }
        }
        for (i, m) in mentions.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "["))
            append(m.concept)
            bytes.append(UInt8(ascii: ","))
            append(m.spelling)
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Calls `body` with the concept id of each mention in the column's text, without
    /// building the list: what snapshots and audits read of a problem. Malformed text yields
    /// the ids it can read.
    @inline(__always)
    package static func forEachConceptID(inJSON text: String, _ body: (Int64) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            // `[[concept,spelling],…]`: the first number of each inner pair is a concept id.
            var depth = 0, position = 0, value: Int64 = 0, inNumber = false
            for byte in bytes {
                if byte >= 0x30 && byte <= 0x39 {
                    value = value &* 10 &+ Int64(byte - 0x30)
                    inNumber = true
                    continue
                }
                if inNumber {
                    if depth == 2 && position == 0 { body(value) }
                    value = 0
                    inNumber = false
                }
                switch byte {
                case UInt8(ascii: "["): depth += 1; position = 0
                case UInt8(ascii: "]"): depth -= 1
                case UInt8(ascii: ","): position += 1
                default: break
                }
            }
        }
    }

    /// Parses the column's text; nil when it is not of the stored form.
    init?(jsonText: String) {
        var numbers: [Int64] = []
        var current: Int64 = 0
        var inNumber = false
        for byte in jsonText.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                current = current * 10 + Int64(byte - 48)
                inNumber = true
            case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "["), UInt8(ascii: " "):
                if inNumber { numbers.append(current); current = 0; inNumber = false }
            default:
                return nil
            }
        }
        guard numbers.count % 2 == 0 else { return nil }
        mentions = stride(from: 0, to: numbers.count, by: 2).map {
            ConceptGraphWriter.Mention(concept: numbers[$0], spelling: numbers[$0 + 1])
        }
    }
}
