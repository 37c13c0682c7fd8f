/// The number words `NumberMasker` takes out, looked up by a packed form of the word.
enum NumberWords {
    /// What a number word stands for.
    struct Entry: Sendable {
        var kind: NumberKind
        var value: String
        /// 20, 30 … 90: may take a unit after a hyphen ("twenty-five").
        var tens: Int?
        /// 1 … 9: the unit of a hyphenated number.
        var unit: Int?
    }

    static let cardinals: [(String, Int)] = [
        ("zero", 0), ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
        ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13), ("fourteen", 14),
        ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18), ("nineteen", 19), ("twenty", 20),
        ("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60), ("seventy", 70), ("eighty", 80), ("ninety", 90),
        ("hundred", 100), ("thousand", 1000), ("million", 1_000_000), ("billion", 1_000_000_000), ("dozen", 12),
        ("twice", 2), ("thrice", 3), ("double", 2), ("triple", 3),
    ]
    /// "second" is left out: it is far more often the unit of time.
    static let ordinals: [(String, Int)] = [
        ("first", 1), ("third", 3), ("fourth", 4), ("fifth", 5), ("sixth", 6), ("seventh", 7), ("eighth", 8),
        ("ninth", 9), ("tenth", 10), ("eleventh", 11), ("twelfth", 12), ("thirteenth", 13), ("fourteenth", 14),
        ("fifteenth", 15), ("sixteenth", 16), ("seventeenth", 17), ("eighteenth", 18), ("nineteenth", 19),
        ("twentieth", 20),
    ]

    static let table: [UInt64: Entry] = {
        var table: [UInt64: Entry] = [:]
        for (word, value) in cardinals {
            let tens = value >= 20 && value <= 90 && value % 10 == 0 ? value : nil
            let unit = value >= 1 && value <= 9 && word.count <= 5 ? value : nil
            table[pack(Array(word.utf8))!] = Entry(kind: .word, value: String(value), tens: tens, unit: unit)
        }
        table[pack(Array("half".utf8))!] = Entry(kind: .word, value: "1/2")
        table[pack(Array("quarter".utf8))!] = Entry(kind: .word, value: "1/4")
        for (word, value) in ordinals {
            table[pack(Array(word.utf8))!] = Entry(kind: .ordinal, value: String(value))
        }
        return table
    }()

    /// Longest word in the table.
    static let maximumLength = 11

    /// Five bits per ASCII letter, case folded; nil for words too long to be in the table.
    @inline(__always)
    static func pack<C: Collection>(_ letters: C) -> UInt64? where C.Element == UInt8 {
        guard letters.count <= maximumLength else { return nil }
        var packed: UInt64 = 0
        for c in letters { packed = packed << 5 | UInt64((c | 0x20) &- 0x60) }
        return packed
    }

    /// The entry of the word in `bytes[start..<end]` (ASCII letters), if it is a number word.
    @inline(__always)
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Entry? {
        let length = end - start
        guard length >= 3, length <= maximumLength else { return nil }
        var packed: UInt64 = 0
        for k in start..<end { packed = packed << 5 | UInt64((bytes[k] | 0x20) &- 0x60) }
        return table[packed]
    }
}
