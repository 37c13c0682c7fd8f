/// Finds every occurrence of many keyword phrases in a text in one pass: an Aho–Corasick
/// automaton over word tokens (`TextTokenizer`), not a loop of `contains`.
///
/// Patterns are token sequences, so "area" matches the word "area" but not "areal", and
/// "adding fractions" matches "Adding fractions" and "adding  fractions." alike. A text
/// token no pattern uses resets the automaton, so unknown words cost one hash lookup.
///
/// ```swift
/// let matcher = KeywordMatcher(patterns: ["unit rate", "rate", "ratio"])
/// matcher.matches(in: "Find the unit rate.")   // pattern 0 (tokens 2...3), pattern 1 (token 3)
/// ```
public struct KeywordMatcher: Sendable {
    /// One occurrence: the pattern's index and the token positions it spans.
    public struct Match: Equatable, Sendable {
        public var pattern: Int
        public var firstToken: Int
        public var lastToken: Int
    }

    /// Tokens per pattern (0 for a pattern with no word, which never matches).
    public let tokenCounts: [Int]
    private let vocabulary: TokenVocabulary
    private var transitions: TransitionTable
    private var failure: [Int32] = [0]
    /// Patterns ending at each state: `outputs[outputStart[s]..<outputStart[s + 1]]`.
    private var outputStart: [Int32] = []
    private var outputs: [Int32] = []
    /// The nearest state on the failure chain with outputs of its own (-1: none).
    private var outputLink: [Int32] = []

    public init(patterns: [String]) {
        var vocabulary = TokenVocabulary()
        var sequences: [[Int32]] = []
        for pattern in patterns {
            var ids: [Int32] = []
            var copy = pattern
            copy.withUTF8 { bytes in
                TextTokenizer.forEachToken(in: bytes) { ids.append(vocabulary.insert($0)) }
            }
            sequences.append(ids)
        }
        self.vocabulary = vocabulary
        tokenCounts = sequences.map(\.count)
        transitions = TransitionTable(capacity: max(16, sequences.reduce(0) { $0 + $1.count } * 2))

        // The trie.
        var stateCount = 1
        var ending: [[Int32]] = [[]]
        for (index, sequence) in sequences.enumerated() where !sequence.isEmpty {
            var state: Int32 = 0
            for token in sequence {
                if let next = transitions.get(state, token) {
                    state = next
                } else {
                    let next = Int32(stateCount)
                    stateCount += 1
                    ending.append([])
                    transitions.set(state, token, next)
                    state = next
                }
            }
            ending[Int(state)].append(Int32(index))
        }
        // Failure links, breadth first.
        failure = [Int32](repeating: 0, count: stateCount)
        var edgesByState = [[(token: Int32, next: Int32)]](repeating: [], count: stateCount)
        transitions.forEach { state, token, next in edgesByState[Int(state)].append((token, next)) }
        for s in 0..<stateCount { edgesByState[s].sort { $0.token < $1.token } }
        var queue: [Int32] = []
        for edge in edgesByState[0] { queue.append(edge.next) }
        var head = 0
        var order: [Int32] = [0]
        while head < queue.count {
            let state = queue[head]
            head += 1
            order.append(state)
            for edge in edgesByState[Int(state)] {
                var f = failure[Int(state)]
                while f != 0 && transitions.get(f, edge.token) == nil { f = failure[Int(f)] }
                let target = transitions.get(f, edge.token) ?? 0
                failure[Int(edge.next)] = target == edge.next ? 0 : target
                queue.append(edge.next)
            }
        }
        outputStart = [0]
        for s in 0..<stateCount {
            outputs.append(contentsOf: ending[s])
            outputStart.append(Int32(outputs.count))
        }
        outputLink = [Int32](repeating: -1, count: stateCount)
        for state in order where state != 0 {
            let f = failure[Int(state)]
            outputLink[Int(state)] = f != 0 && !ending[Int(f)].isEmpty ? f : outputLink[Int(f)]
        }
    }

    /// Calls `body` with every occurrence of every pattern in `text`, in order of their last
    /// token (shorter patterns ending at the same token come after longer ones).
    @inline(__always)
    package func forEachMatch(in text: UnsafeBufferPointer<UInt8>, _ body: (Match) -> Void) {
        var state: Int32 = 0
        var position = -1
        TextTokenizer.forEachToken(in: text) { token in
            position += 1
            guard let id = vocabulary.id(of: token) else { state = 0; return }
            while true {
                if let next = transitions.get(state, id) { state = next; break }
                if state == 0 { break }
                state = failure[Int(state)]
            }
            guard state != 0 else { return }
            var s = state
            if outputStart[Int(s)] == outputStart[Int(s) + 1] { s = outputLink[Int(s)] }
            while s > 0 {
                for k in Int(outputStart[Int(s)])..<Int(outputStart[Int(s) + 1]) {
                    let pattern = Int(outputs[k])
                    body(Match(pattern: pattern, firstToken: position - tokenCounts[pattern] + 1, lastToken: position))
                }
                s = outputLink[Int(s)]
            }
        }
    }

    /// Every occurrence in `text` (for tests and small inputs).
    public func matches(in text: String) -> [Match] {
        var result: [Match] = []
        var copy = text
        copy.withUTF8 { bytes in forEachMatch(in: bytes) { result.append($0) } }
        return result
    }
}

/// Token bytes → dense ids, in an open-addressing table over one flat byte store.
struct TokenVocabulary: Sendable {
    private var bytes: [UInt8] = []
    /// Per slot: offset into `bytes` << 16 | length, or -1 when empty.
    private var slots: [Int64] = Array(repeating: -1, count: 256)
    private var ids: [Int32] = Array(repeating: 0, count: 256)
    private var hashes: [UInt32] = Array(repeating: 0, count: 256)
    private(set) var count = 0

    @inline(__always)
    static func hash(_ token: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in token { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }

    @inline(__always)
    func id(of token: UnsafeBufferPointer<UInt8>) -> Int32? {
        let h = TokenVocabulary.hash(token)
        let mask = slots.count - 1
        var i = Int(h) & mask
        return bytes.withUnsafeBufferPointer { store in
            while true {
                let slot = slots[i]
                if slot < 0 { return nil }
                if hashes[i] == h, Int(slot & 0xFFFF) == token.count {
                    let offset = Int(slot >> 16)
                    var same = true
                    for k in 0..<token.count where store[offset + k] != token[k] { same = false; break }
                    if same { return ids[i] }
                }
                i = (i + 1) & mask
            }
        }
    }

    mutating func insert(_ token: UnsafeBufferPointer<UInt8>) -> Int32 {
        if let existing = id(of: token) { return existing }
        if (count + 1) * 2 > slots.count { grow() }
        let h = TokenVocabulary.hash(token)
        let mask = slots.count - 1
        var i = Int(h) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = Int64(bytes.count) << 16 | Int64(token.count)
        hashes[i] = h
        ids[i] = Int32(count)
        bytes.append(contentsOf: token)
        count += 1
        return ids[i]
    }

    private mutating func grow() {
        let old = (slots, ids, hashes)
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        ids = Array(repeating: 0, count: size)
        hashes = Array(repeating: 0, count: size)
        for k in 0..<old.0.count where old.0[k] >= 0 {
            var i = Int(old.2[k]) & (size - 1)
            while slots[i] >= 0 { i = (i + 1) & (size - 1) }
            slots[i] = old.0[k]
            ids[i] = old.1[k]
            hashes[i] = old.2[k]
        }
    }
}

/// (state, token) → next state, in an open-addressing table of 64-bit keys.
struct TransitionTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var count = 0

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
    }

    @inline(__always)
    private static func key(_ state: Int32, _ token: Int32) -> UInt64 {
        (UInt64(UInt32(bitPattern: state)) << 32 | UInt64(UInt32(bitPattern: token))) &+ 1
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    @inline(__always)
    func get(_ state: Int32, _ token: Int32) -> Int32? {
        let key = TransitionTable.key(state, token)
        let mask = keys.count - 1
        var i = TransitionTable.slot(key, mask)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    mutating func set(_ state: Int32, _ token: Int32, _ next: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        let key = TransitionTable.key(state, token)
        let mask = keys.count - 1
        var i = TransitionTable.slot(key, mask)
        while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
        if keys[i] == 0 { count += 1 }
        keys[i] = key
        values[i] = next
    }

    func forEach(_ body: (Int32, Int32, Int32) -> Void) {
        for i in 0..<keys.count where keys[i] != 0 {
            let key = keys[i] &- 1
            body(Int32(bitPattern: UInt32(key >> 32)), Int32(bitPattern: UInt32(key & 0xFFFF_FFFF)), values[i])
        }
    }

    private mutating func grow() {
        let (oldKeys, oldValues) = (keys, values)
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        let mask = keys.count - 1
        for k in 0..<oldKeys.count where oldKeys[k] != 0 {
            var i = TransitionTable.slot(oldKeys[k], mask)
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = oldKeys[k]
            values[i] = oldValues[k]
        }
    }
}
