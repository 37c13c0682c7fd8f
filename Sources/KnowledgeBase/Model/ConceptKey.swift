import Foundation

/// The normalised form of a concept name: two names with the same key are one concept.
///
/// The rules, applied in this order (each is tested in `ConceptKeyTests`):
/// 0. Invisible format characters (Unicode category Cf: zero-width space and joiners, soft
///    hyphen, byte-order mark, left-to-right and right-to-left marks, embeddings, overrides
///    and isolates) are dropped, and the rest is put in Unicode normalisation form C, so
///    the precomposed "é" and "e" + combining acute accent are one concept. The stored key is
///    in NFC; SQLite compares bytes, so it must be one form. (Stores keyed before this rule
///    are re-keyed when opened: `KnowledgeBase.upgradeNameKeys`.)
/// 1. Lower case (Unicode-aware).
/// 2. Math delimiters are dropped: `$`, `\(`, `\)`, `\[`, `\]`; their content stays.
/// 3. LaTeX spacing (`\,` `\;` `\:` `\!` `\ ` `~` `\quad` `\qquad`) and every kind of
///    white space become one space.
/// 4. Underscores become spaces; a hyphen or dash (`-` `‐` `‑` `–` `—`) between two letters
///    becomes a space ("problem-solving" = "problem solving"), while one next to a digit,
///    symbol or space is kept, so "x - y" and "1-1" keep their meaning.
/// 5. Surrounding punctuation and quotes (`. , ; : ! ?` `'` `"` `“ ” ‘ ’`) are trimmed.
/// 6. Runs of spaces collapse to one; leading and trailing spaces go.
/// 7. Possessives: a word-final `'s` or `'` (or `’s`, `’`) is dropped, so "Euler's
///    formula" = "Euler formula" and "Pythagoras' theorem" = "Pythagoras theorem".
/// 8. Simple plurals: in each word of 4 or more letters, `-ies` → `-y`, `-sses` → `-ss`,
///    `-ches`/`-shes`/`-xes`/`-zes` lose `-es`, and a final `-s` is dropped unless the word
///    ends in `-ss`, `-us` or `-is`, or is one of a few words that only look plural
///    ("mathematics", "statistics", "series", …).
public struct ConceptKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The normalised text.
    public let rawValue: String

    /// Normalises `name`.
    public init(_ name: String) {
        rawValue = ConceptKey.normalise(name)
    }

    /// Wraps an already-normalised key, as read back from the store.
    public init(normalised: String) {
        rawValue = normalised
    }

    public var description: String { rawValue }
    public var isEmpty: Bool { rawValue.isEmpty }

    public static func < (lhs: ConceptKey, rhs: ConceptKey) -> Bool { lhs.rawValue < rhs.rawValue }

    static let trimmedPunctuation: Set<Unicode.Scalar> = [
        ".", ",", ";", ":", "!", "?", "'", "\"", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", " ",
    ]
    static let dashes: Set<Unicode.Scalar> = ["-", "\u{2010}", "\u{2011}", "\u{2013}", "\u{2014}"]
    package static let falsePlurals: Set<String> = [
        "mathematics", "statistics", "physics", "economics", "series", "species", "always",
        "perhaps", "whereas", "thus", "towards", "sometimes", "trigonometrics", "gauss", "bayes",
        "lens",
    ]

    /// `text` without invisible format characters, in normalisation form C (ASCII text is
    /// returned as it is, at no cost).
    package static func canonicalForm(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var visible = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where scalar.properties.generalCategory != .format { visible.append(scalar) }
        return String(visible).precomposedStringWithCanonicalMapping
    }

    static func normalise(_ name: String) -> String {
        let scalars = Array(canonicalForm(name).lowercased().unicodeScalars)
        var out = [Unicode.Scalar]()
        out.reserveCapacity(scalars.count)
        var i = 0
        func isLetter(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic }
        while i < scalars.count {
            let s = scalars[i]
            if s == "$" { i += 1; continue }
            if s == "\\", i + 1 < scalars.count {
                let next = scalars[i + 1]
                if "()[]".unicodeScalars.contains(next) { i += 2; continue }
                if ",;:! ".unicodeScalars.contains(next) { out.append(" "); i += 2; continue }
                if let length = spacingCommandLength(scalars, at: i + 1) {
                    out.append(" ")
                    i += 1 + length
                    continue
                }
            }
            if s == "~" || s == "_" || s.properties.isWhitespace { out.append(" "); i += 1; continue }
            if dashes.contains(s) {
                let before = out.last.map(isLetter) ?? false
                let after = i + 1 < scalars.count && isLetter(scalars[i + 1])
                out.append(before && after ? " " : "-")
                i += 1
                continue
            }
            out.append(s)
            i += 1
        }
        // Trim surrounding punctuation, then collapse spaces.
        var start = 0, end = out.count
        while start < end, trimmedPunctuation.contains(out[start]) { start += 1 }
        while end > start, trimmedPunctuation.contains(out[end - 1]) { end -= 1 }
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for s in out[start..<end] {
            if s == " " {
                if !current.isEmpty { words.append(singular(String(current))); current = .init() }
            } else {
                current.append(s)
            }
        }
        if !current.isEmpty { words.append(singular(String(current))) }
        return words.joined(separator: " ")
    }

    /// The length of `quad` or `qquad` starting at `index` when it is a whole command name.
    static func spacingCommandLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        for word in ["qquad", "quad"] {
            let w = Array(word.unicodeScalars)
            let end = index + w.count
            guard end <= scalars.count, Array(scalars[index..<end]) == w else { continue }
            if end == scalars.count || !scalars[end].properties.isAlphabetic { return w.count }
        }
        return nil
    }

    static func singular(_ word: String) -> String {
        var word = word
        for possessive in ["'s", "\u{2019}s", "'", "\u{2019}"] where word.hasSuffix(possessive) && word.count > possessive.count {
            word.removeLast(possessive.count)
            break
        }
        let scalars = word.unicodeScalars
        guard scalars.count >= 4, scalars.allSatisfy({ $0.properties.isAlphabetic }),
            !falsePlurals.contains(word)
        else { return word }
        if word.hasSuffix("ies"), scalars.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("sses") { return String(word.dropLast(2)) }
        for suffix in ["ches", "shes", "xes", "zes"] where word.hasSuffix(suffix) {
            return String(word.dropLast(2))
        }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") {
            return String(word.dropLast())
        }
        return word
    }
}
