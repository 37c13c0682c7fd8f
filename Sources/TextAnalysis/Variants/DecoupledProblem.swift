import KnowledgeBase

/// A problem whose answer is a chain of calculations over its own numbers (GSM8K's
/// `<<48/2=24>>`), so that new numbers give a new answer computed exactly.
///
/// ```swift
/// switch DecoupledProblem.decouple(problem: question, solution: answer) {
/// case .success(let decoupled): let variants = decoupled.variants(count: 3, random: &random)
/// case .failure(let reason): print(reason.rawValue)
/// }
/// ```
/// Each operand of each calculation is bound to a number of the problem with the same value,
/// else to the result of an earlier calculation, else to a common constant (12 months, 60
/// minutes, 100 percent, …); a value that could be two of these (two numbers of the problem,
/// or a number and an earlier result) makes the problem ambiguous, and it is left alone. The
/// answer after `####` must be one calculation's result.
/// Integers, decimals, money and percents of the problem that the chain uses are varied;
/// number words, ordinals and fractions keep their values.
public struct DecoupledProblem: Sendable {
    /// Where an operand's value comes from.
    enum Source: Sendable {
        case number(Int)
        case result(Int)
        case constant(Rational)
    }

    /// The problem's template, key and numbers.
    public let template: NumberTemplate
    /// The problem's numbers as exact values, in template order.
    public let values: [Rational]
    /// The template positions that variants change.
    public let varied: [Int]
    /// The answer after `####`.
    public let answer: Rational
    let calculations: [Calculation]
    let sources: [[Source]]
    let answerCalculation: Int

    /// Constants a solution may use that the problem does not state.
    static let constants: Set<Rational> = Set(
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 20, 24, 30, 36, 48, 52, 60, 100, 1000, 365].map { Rational($0)! })

    static let variedKinds: Set<NumberKind> = [.integer, .decimal, .money, .percent]

    /// Binds `solution`'s calculations to `problem`'s numbers, or says why it cannot.
    public static func decouple(problem: String, solution: String, masker: NumberMasker = NumberMasker()) -> Result<DecoupledProblem, VariantFailure> {
        let template = masker.mask(problem)
        let values = template.values.map { Rational(text: $0.value) }
        let calculations: [Calculation]
        switch Calculation.all(in: solution) {
        case .failure(let failure): return .failure(failure)
        case .success(let found): calculations = found
        }
        if calculations.isEmpty { return .failure(.noCalculations) }
        guard let marker = solution.range(of: "####", options: .backwards),
            let answer = Rational(text: String(solution[marker.upperBound...]).trimmed.replacingOccurrences(of: "$", with: ""))
        else { return .failure(.noAnswer) }

        var sources: [[Source]] = []
        var used = Set<Int>()
        for (c, calculation) in calculations.enumerated() {
            var row: [Source] = []
            for operand in calculation.operands {
                let matching = values.indices.filter { values[$0] == operand }
                let variable = matching.filter { variedKinds.contains(template.values[$0].kind) }
                // A value that is two numbers of the problem ("2 feet", "twice"), or a number and
                // an earlier result ("25/5=5", then "5*3"), cannot be told apart: leave it alone.
                if !variable.isEmpty, matching.count > 1 { return .failure(.ambiguousNumber) }
                if !variable.isEmpty, calculations[..<c].contains(where: { $0.result == operand }) { return .failure(.ambiguousNumber) }
                if let k = variable.first ?? matching.first {
                    row.append(.number(k))
                    used.insert(k)
                } else if let j = (0..<c).last(where: { calculations[$0].result == operand }) {
                    row.append(.result(j))
                } else if constants.contains(operand) {
                    row.append(.constant(operand))
                } else {
                    return .failure(.unboundOperand)
                }
            }
            sources.append(row)
        }
        guard let answerCalculation = calculations.indices.last(where: { calculations[$0].result == answer }) else {
            return .failure(.answerNotComputed)
        }
        let varied = used.sorted().filter { variedKinds.contains(template.values[$0].kind) }
        if varied.isEmpty { return .failure(.nothingToVary) }
        let decoupled = DecoupledProblem(
            template: template, values: values.map { $0 ?? Rational(0)! }, varied: varied, answer: answer,
            calculations: calculations, sources: sources, answerCalculation: answerCalculation)
        // With the problem's own numbers every stated result must come out exactly.
        guard let results = decoupled.results(decoupled.values, checked: false),
            zip(results, calculations).allSatisfy({ $0.0 == $0.1.result })
        else { return .failure(.inexactCalculation) }
        return .success(decoupled)
    }

    /// Every calculation's result with `values` for the problem's numbers; with `checked`,
    /// nil when a result breaks the original's kind: negative where it was not, zero where it
    /// was positive, a fraction where it was a whole number.
    func results(_ values: [Rational], checked: Bool = true) -> [Rational]? {
        var results: [Rational] = []
        for (calculation, row) in zip(calculations, sources) {
            let operands = row.map { source -> Rational in
                switch source {
                case .number(let k): return values[k]
                case .result(let j): return results[j]
                case .constant(let c): return c
                }
            }
            guard let result = calculation.evaluate(operands) else { return nil }
            if checked {
                let original = calculation.result
                if original.numerator >= 0 && result.numerator < 0 { return nil }
                if original.numerator > 0 && result.numerator == 0 { return nil }
                if original.isInteger && !result.isInteger { return nil }
            }
            results.append(result)
        }
        return results
    }

    /// The answer for `values` (the problem's numbers in template order), or nil when the
    /// chain breaks a constraint.
    public func answer(for values: [Rational]) -> Rational? {
        results(values)?[answerCalculation]
    }

    /// Up to `count` distinct variants: new values for the varied numbers (the same kind and
    /// decimal places, within half to one and a half times the original, percents ≤ 100),
    /// kept when the chain stays valid; at most 50 draws per variant.
    public func variants(count: Int, random: inout SplitMix64) -> [NumberVariant] {
        var seen: Set<[Rational]> = [values]
        var out: [NumberVariant] = []
        var draws = 0
        while out.count < count && draws < 50 * count {
            draws += 1
            var drawn = values
            for k in varied { drawn[k] = DecoupledProblem.draw(values[k], kind: template.values[k].kind, text: template.values[k].text, &random) }
            guard !seen.contains(drawn), let answer = answer(for: drawn) else { continue }
            seen.insert(drawn)
            var texts = template.values.map(\.text)
            for k in varied { texts[k] = DecoupledProblem.format(drawn[k], like: template.values[k].text) }
            var problem = template.text
            for (k, number) in template.values.enumerated() {
                problem = problem.replacingOccurrences(of: "{\(number.kind.rawValue)\(k + 1)}", with: texts[k])
            }
            out.append(NumberVariant(values: drawn, texts: texts, problem: problem, answer: answer))
        }
        return out
    }

    static func decimalPlaces(_ text: String) -> Int {
        guard let dot = text.lastIndex(of: ".") else { return 0 }
        return text[text.index(after: dot)...].prefix(while: \.isNumber).count
    }

    static func draw(_ value: Rational, kind: NumberKind, text: String, _ random: inout SplitMix64) -> Rational {
        let places = decimalPlaces(text)
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = value.numerator * (scale / value.denominator)
        var low = max(1, scaled / 2), high = max(low + 1, scaled + scaled / 2)
        if kind == .percent && value.numerator <= 100 * value.denominator { high = min(high, 100 * scale); low = min(low, high) }
        let drawn = low + random.nextInt(below: high - low + 1)
        return Rational(drawn, scale)!
    }

    /// `value` written as `original` was: the same decimal places, thousands commas and
    /// surrounding signs ("$1,250.50" → "$1,400.25").
    static func format(_ value: Rational, like original: String) -> String {
        let places = decimalPlaces(original)
        var digits = value.decimalText(places: max(places, 1)) ?? value.description
        if places > 0 {
            let have = decimalPlaces(digits)
            if have == 0 { digits += "." }
            digits += String(repeating: "0", count: places - have)
        }
        if original.contains(",") {
            let parts = digits.split(separator: ".", maxSplits: 1)
            var whole = String(parts[0])
            var grouped = ""
            while whole.count > 3 {
                grouped = "," + whole.suffix(3) + grouped
                whole = String(whole.dropLast(3))
            }
            digits = whole + grouped + (parts.count > 1 ? "." + parts[1] : "")
        }
        guard let first = original.firstIndex(where: \.isNumber), let last = original.lastIndex(where: \.isNumber) else { return digits }
        return String(original[..<first]) + digits + String(original[original.index(after: last)...])
    }
}

/// One variant of a decoupled problem: the new numbers, the problem text and its answer.
public struct NumberVariant: Equatable, Sendable {
    /// The problem's numbers in template order (varied and kept ones).
    public var values: [Rational]
    /// The numbers as written in the new text.
    public var texts: [String]
    public var problem: String
    public var answer: Rational
}
