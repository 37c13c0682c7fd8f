/// A curriculum band from kindergarten to competition mathematics.
///
/// Records may spell a level loosely ("Grade 5", "5th grade", "kindergarten", "HS");
/// `Level(parsing:)` maps those to the canonical names kg stores and prints.
public enum Level: String, CaseIterable, Codable, Sendable, Comparable {
    case kindergarten = "K"
    case grade1 = "grade-1", grade2 = "grade-2", grade3 = "grade-3", grade4 = "grade-4"
    case grade5 = "grade-5", grade6 = "grade-6", grade7 = "grade-7", grade8 = "grade-8"
    case highSchool = "high-school"
    case college
    case competition

    /// Position from K (0) to competition (11).
    @inlinable
    public var rank: Int {
        switch self {
        case .kindergarten: return 0
        case .grade1: return 1
        case .grade2: return 2
        case .grade3: return 3
        case .grade4: return 4
        case .grade5: return 5
        case .grade6: return 6
        case .grade7: return 7
        case .grade8: return 8
        case .highSchool: return 9
        case .college: return 10
        case .competition: return 11
        }
    }

    public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }

    /// The canonical names, in order, for error messages and help text.
    public static var canonicalList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The grade `n` (0 = K, 1…8), or nil outside K–8.
    public init?(grade: Int) {
        guard (0...8).contains(grade) else { return nil }
        self = Level.allCases[grade]
    }

    /// Parses a canonical name or a common variant; nil when it is not a known level.
    public init?(parsing text: String) {
        if let exact = Level(rawValue: text) { self = exact; return }
        // Lower case, '-' and '_' as spaces, runs of spaces collapsed.
        let lowered = text.lowercased()
            .map { $0 == "-" || $0 == "_" ? " " : $0 }
            .split(separator: " ").map { String($0) }.joined(separator: " ")
        switch lowered {
        case "k", "kindergarten", "grade k", "grade 0", "0": self = .kindergarten; return
        case "high school", "hs", "highschool", "grade 9", "grade 10", "grade 11", "grade 12",
            "9", "10", "11", "12":
            self = .highSchool; return
        case "college", "university", "undergraduate": self = .college; return
        case "competition", "olympiad", "contest": self = .competition; return
        default: break
        }
        // "grade 5", "grade5", "5th grade", "5", "g5"
        var digits = lowered
        for noise in ["grade", "th", "st", "nd", "rd", "g", " "] {
            digits = digits.split(separator: noise, omittingEmptySubsequences: false).joined()
        }
        if let n = Int(digits), let level = Level(grade: n),
            lowered.contains("grade") || lowered.hasPrefix("g") || lowered == digits
        {
            self = level
            return
        }
        return nil
    }
}
