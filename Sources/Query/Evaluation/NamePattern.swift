import KnowledgeBase

/// The loose name match of `~`: `kps ~ "pythag"` finds "Pythagorean theorem".
///
/// Both sides are normalised with `ConceptKey` (case, spacing, hyphens, plurals, LaTeX
/// spacing). A name matches when its key contains the pattern's key, or when every word of
/// the pattern is found in the name's key: as a substring, or, for words of 5 letters or
/// more, as a word (or the beginning of a word) with the same first letter within one edit
/// (two for 9 letters or more) — so "probabilty" finds "Counting & Probability" and
/// "pythagorian" finds "Pythagorean theorem", while short words like "area" must appear
/// as they are.
struct NamePattern {
    /// The normalised pattern.
    let key: String
    let keyScalars: [UInt32]
    /// The key's words.
    let words: [[UInt32]]

    init(_ text: String) {
        key = ConceptKey(text).rawValue
        keyScalars = key.unicodeScalars.map(\.value)
        words = keyScalars.split(separator: 0x20).map(Array.init)
    }

    /// Whether a normalised name (as scalars) matches.
    func matches(_ candidate: ArraySlice<UInt32>) -> Bool {
        if NamePattern.contains(candidate, keyScalars[...]) { return true }
        if words.count < 1 { return false }
        for word in words where !NamePattern.looselyContains(candidate, word: word) { return false }
        return true
    }

    private static func looselyContains(_ candidate: ArraySlice<UInt32>, word: [UInt32]) -> Bool {
        if contains(candidate, word[...]) { return true }
        guard word.count >= 5 else { return false }
        let tolerance = word.count >= 9 ? 2 : 1
        var start = candidate.startIndex
        while start < candidate.endIndex {
            var end = start
            while end < candidate.endIndex, candidate[end] != 0x20 { end += 1 }
            let other = candidate[start..<end]
            start = end + 1
            // Misspellings rarely touch the first letter; requiring it keeps matches meaningful.
            guard other.first == word[0] else { continue }
            if abs(other.count - word.count) <= tolerance, distance(word[...], other, limit: tolerance) <= tolerance { return true }
            if other.count > word.count, distance(word[...], other.prefix(word.count), limit: tolerance) <= tolerance { return true }
        }
        return false
    }

    /// Whether `needle` occurs in `haystack` (an empty needle always does).
    static func contains(_ haystack: ArraySlice<UInt32>, _ needle: ArraySlice<UInt32>) -> Bool {
        if needle.isEmpty { return true }
        if needle.count > haystack.count { return false }
        let first = needle[needle.startIndex]
        var i = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[needle.startIndex + j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Levenshtein distance, or `limit + 1` as soon as it must exceed `limit`; no heap allocation.
    static func distance(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>, limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * width) { buffer in
            var previous = buffer.baseAddress!, current = previous + width
            for j in 0..<width { previous[j] = j }
            var i = 1
            for x in a {
                current[0] = i
                var rowMinimum = i
                var j = 1
                for y in b {
                    let cost = x == y ? 0 : 1
                    let value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    current[j] = value
                    rowMinimum = min(rowMinimum, value)
                    j += 1
                }
                if rowMinimum > limit { return limit + 1 }
                swap(&previous, &current)
                i += 1
            }
            return previous[width - 1]
        }
    }
}
