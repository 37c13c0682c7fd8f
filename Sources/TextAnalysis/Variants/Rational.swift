/// An exact fraction of two `Int`s, always in lowest terms with a positive denominator; every
/// operation checks for overflow (nil), so a variant's answer is exact or not given at all.
public struct Rational: Equatable, Hashable, Sendable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    /// nil for a zero denominator or an overflow while reducing.
    public init?(_ numerator: Int, _ denominator: Int = 1) {
        guard denominator != 0, numerator != .min, denominator != .min else { return nil }
        let g = Rational.gcd(abs(numerator), abs(denominator))
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / g
        self.denominator = sign * denominator / g
    }

    /// Reads "48", "0.75", "1,200", "-3", "3/4" exactly.
    public init?(text: String) {
        let cleaned = text.replacingOccurrences(of: ",", with: "")
        if let slash = cleaned.firstIndex(of: "/") {
            guard let n = Int(cleaned[..<slash]), let d = Int(cleaned[cleaned.index(after: slash)...]) else { return nil }
            self.init(n, d)
            return
        }
        let negative = cleaned.hasPrefix("-")
        let digits = negative ? String(cleaned.dropFirst()) : cleaned
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty || parts.count == 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }) else { return nil }
        guard let whole = parts[0].isEmpty ? 0 : Int(parts[0]) else { return nil }
        var value = Rational(whole)!
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.count <= 15, let f = Int(fraction) else { return nil }
            var scale = 1
            for _ in 0..<fraction.count { scale *= 10 }
            guard let part = Rational(f, scale), let sum = value + part else { return nil }
            value = sum
        }
        if negative { guard let negated = Rational(-value.numerator, value.denominator) else { return nil }; value = negated }
        self = value
    }

    /// Whether the value is a whole number.
    public var isInteger: Bool { denominator == 1 }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return max(a, 1)
    }

    /// Exact sum, difference, product and quotient; nil on overflow or division by zero.
    public static func + (x: Rational, y: Rational) -> Rational? {
        guard let a = x.numerator.mul(y.denominator), let b = y.numerator.mul(x.denominator), let d = x.denominator.mul(y.denominator),
            case let (n, o) = a.addingReportingOverflow(b), !o
        else { return nil }
        return Rational(n, d)
    }

    public static func - (x: Rational, y: Rational) -> Rational? {
        guard let negated = Rational(-y.numerator, y.denominator) else { return nil }
        return x + negated
    }

    public static func * (x: Rational, y: Rational) -> Rational? {
        guard let n = x.numerator.mul(y.numerator), let d = x.denominator.mul(y.denominator) else { return nil }
        return Rational(n, d)
    }

    public static func / (x: Rational, y: Rational) -> Rational? {
        guard y.numerator != 0, let n = x.numerator.mul(y.denominator), let d = x.denominator.mul(y.numerator) else { return nil }
        return Rational(n, d)
    }

    /// "24", "-3", "3/4"; `decimalText` writes terminating fractions as decimals.
    public var description: String { isInteger ? String(numerator) : "\(numerator)/\(denominator)" }

    /// The value as a decimal with at most `places` places when it has a terminating one
    /// that short ("2.5", "0.75"), else nil.
    public func decimalText(places: Int = 6) -> String? {
        if isInteger { return String(numerator) }
        var scale = 1
        for _ in 0..<places {
            scale *= 10
            if scale % denominator == 0 {
                guard let scaled = numerator.mul(scale / denominator) else { return nil }
                let sign = scaled < 0 ? "-" : ""
                let digits = String(abs(scaled))
                let width = String(scale).count - 1
                let padded = String(repeating: "0", count: max(0, width + 1 - digits.count)) + digits
                var whole = String(padded.dropLast(width)), fraction = String(padded.suffix(width))
                while fraction.hasSuffix("0") { fraction.removeLast() }
                if whole.isEmpty { whole = "0" }
                return sign + whole + (fraction.isEmpty ? "" : "." + fraction)
            }
        }
        return nil
    }
}

extension Int {
    fileprivate func mul(_ other: Int) -> Int? {
        let (result, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? nil : result
    }
}
