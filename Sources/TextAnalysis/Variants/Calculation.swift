/// One calculation annotation of a GSM8K solution, `<<48/2=24>>`: an arithmetic expression
/// over numbers (`+ - * /`, parentheses, unary minus) and the result the solution states.
public struct Calculation: Sendable {
    /// An expression whose numbers are operands, numbered left to right.
    public indirect enum Expression: Sendable {
        case operand(Int)
        case negate(Expression)
        case binary(UInt8, Expression, Expression)
    }

    /// The expression left of `=`.
    public var expression: Expression
    /// The operands as written, in order.
    public var operands: [Rational]
    /// The result after `=`.
    public var result: Rational

    /// Every `<<…=…>>` of `solution`, in order, or `.unreadableCalculation` when one is not plain arithmetic.
    public static func all(in solution: String) -> Result<[Calculation], VariantFailure> {
        var calculations: [Calculation] = []
        var rest = Substring(solution)
        while let open = rest.range(of: "<<") {
            guard let close = rest[open.upperBound...].range(of: ">>") else { return .failure(.unreadableCalculation) }
            let body = rest[open.upperBound..<close.lowerBound]
            guard let equals = body.lastIndex(of: "="), let result = Rational(text: String(body[body.index(after: equals)...]).trimmed),
                let parsed = Calculation(expression: String(body[..<equals]), result: result)
            else { return .failure(.unreadableCalculation) }
            calculations.append(parsed)
            rest = rest[close.upperBound...]
        }
        return .success(calculations)
    }

    init?(expression text: String, result: Rational) {
        var parser = ExpressionParser(bytes: Array(text.utf8))
        guard let expression = parser.parseSum(), parser.atEnd else { return nil }
        self.expression = expression
        self.operands = parser.operands
        self.result = result
    }

    /// The expression's value with `operands` in place of the written ones; nil on division
    /// by zero or overflow.
    public func evaluate(_ operands: [Rational]) -> Rational? {
        func value(_ e: Expression) -> Rational? {
            switch e {
            case .operand(let i): return operands[i]
            case .negate(let inner): return value(inner).flatMap { Rational(-$0.numerator, $0.denominator) }
            case .binary(let op, let a, let b):
                guard let x = value(a), let y = value(b) else { return nil }
                switch op {
                case 0x2B: return x + y
                case 0x2D: return x - y
                case 0x2A: return x * y
                default: return x / y
                }
            }
        }
        return value(expression)
    }
}

/// Recursive descent over `+ - * / ( )` and numbers (digits, `.`, thousands `,`).
struct ExpressionParser {
    let bytes: [UInt8]
    var i = 0
    var operands: [Rational] = []

    var atEnd: Bool {
        mutating get { skipSpaces(); return i == bytes.count }
    }

    mutating func skipSpaces() { while i < bytes.count, bytes[i] == 0x20 { i += 1 } }

    mutating func parseSum() -> Calculation.Expression? {
        guard var left = parseProduct() else { return nil }
        while true {
            skipSpaces()
            guard i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D else { return left }
            let op = bytes[i]
            i += 1
            guard let right = parseProduct() else { return nil }
            left = .binary(op, left, right)
        }
    }

    mutating func parseProduct() -> Calculation.Expression? {
        guard var left = parseFactor() else { return nil }
        while true {
            skipSpaces()
            guard i < bytes.count, bytes[i] == 0x2A || bytes[i] == 0x2F else { return left }
            let op = bytes[i]
            i += 1
            guard let right = parseFactor() else { return nil }
            left = .binary(op, left, right)
        }
    }

    mutating func parseFactor() -> Calculation.Expression? {
        skipSpaces()
        guard i < bytes.count else { return nil }
        if bytes[i] == 0x2D {
            i += 1
            return parseFactor().map { .negate($0) }
        }
        if bytes[i] == 0x28 {
            i += 1
            guard let inner = parseSum() else { return nil }
            skipSpaces()
            guard i < bytes.count, bytes[i] == 0x29 else { return nil }
            i += 1
            return inner
        }
        let start = i
        while i < bytes.count, (bytes[i] >= 0x30 && bytes[i] <= 0x39) || bytes[i] == 0x2E || bytes[i] == 0x2C { i += 1 }
        guard i > start, let value = Rational(text: String(decoding: bytes[start..<i], as: UTF8.self)) else { return nil }
        operands.append(value)
        return .operand(operands.count - 1)
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let first = s.first, first == " " { s = s.dropFirst() }
        while let last = s.last, last == " " { s = s.dropLast() }
        return String(s)
    }
}
