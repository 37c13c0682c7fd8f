/// Normalises Common Core codes written in any of their notations to one lookup key.
///
/// The same standard appears as `6.RP.A.1` (current notation, with the cluster letter),
/// `6.RP.1` (the older notation of the ASN export and the coherence map's edges), `0.CC.1`
/// (grade 0 for kindergarten), `CCSS.MATH.CONTENT.6.RP.A.1` (the identifiers of
/// corestandards.org), `HSA-SSE.A.1` or `HSA.SSE.A.1` (high school with its category prefix),
/// `6.NS.6.a` or `6.NS.6a` (sub-standards), and `3.MD.D.8-triangle` (MathCAMPS's variants).
/// `key(_:)` maps all of these to the current notation's shape, upper-cased except the
/// sub-standard letter: `6.RP.A.1`, `K.CC.1`, `A-SSE.A.1`, `6.NS.6a`, `3.MD.D.8`.
/// `olderNotation(_:)` drops the cluster letter, so a curriculum in one notation answers codes
/// in the other.
public enum CCSSCode {
    /// The lookup key of `code` (see the type's documentation); other codes are upper-cased
    /// and trimmed, so "comp.nt.mod" finds "COMP.NT.MOD".
    public static func key(_ code: String) -> String {
        var text = Substring(code.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined())
        for prefix in ["CCSS.MATH.CONTENT.", "CCSS.MATH.", "CCSS.", "MATH.CONTENT.", "MATH."] {
            if text.uppercased().hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        }
        var upper = text.uppercased()
        // MathCAMPS variants: a '-' after the last '.' ("3.MD.D.8-triangle").
        if let lastDot = upper.lastIndex(of: "."), let dash = upper[lastDot...].firstIndex(of: "-") {
            upper = String(upper[..<dash])
        }
        // High school with its category prefix: HSA-SSE.A.1, HSA.SSE.A.1.
        let scalars = Array(upper.unicodeScalars)
        if scalars.count > 4, scalars[0] == "H", scalars[1] == "S", "NAFGSM".unicodeScalars.contains(scalars[2]),
            scalars[3] == "-" || scalars[3] == "."
        {
            upper = String(scalars[2]) + "-" + String(String.UnicodeScalarView(scalars[4...]))
        }
        var parts = upper.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2 else { return upper }
        if parts[0] == "0" { parts[0] = "K" }
        // A sub-standard letter written as its own part ("6.NS.6.A") joins the number before it.
        if parts.count >= 3, let last = parts.last, last.count == 1, last.first!.isLetter,
            let number = parts[parts.count - 2].last, number.isNumber
        {
            parts.removeLast()
            parts[parts.count - 1] += last
        }
        // The sub-standard letter is lower case ("6.NS.6a", "A-SSE.A.1a").
        if let last = parts.last, last.count >= 2, let letter = last.last, letter.isLetter,
            last.dropLast().allSatisfy(\.isNumber)
        {
            parts[parts.count - 1] = String(last.dropLast()) + letter.lowercased()
        }
        return parts.joined(separator: ".")
    }

    /// The older notation of a current-notation standard key (the cluster letter dropped):
    /// `6.RP.A.1` → `6.RP.1`, `A-SSE.A.1a` → `A-SSE.1a`; nil when `key` is not a standard
    /// in current notation.
    public static func olderNotation(_ key: String) -> String? {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        func isClusterLetter(_ part: Substring) -> Bool { part.count == 1 && part.first!.isUppercase }
        func isNumber(_ part: Substring) -> Bool { part.first?.isNumber == true }
        if parts.count == 4, isClusterLetter(parts[2]), isNumber(parts[3]) {
            return [parts[0], parts[1], parts[3]].joined(separator: ".")
        }
        if parts.count == 3, parts[0].contains("-"), isClusterLetter(parts[1]), isNumber(parts[2]) {
            return [parts[0], parts[2]].joined(separator: ".")
        }
        return nil
    }
}
