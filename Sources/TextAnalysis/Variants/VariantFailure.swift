/// Why a problem's numbers could not be decoupled from its answer.
public enum VariantFailure: String, CaseIterable, Error, Sendable {
    /// The solution has no `<<…=…>>` calculations.
    case noCalculations = "no calculations"
    /// A calculation is not plain arithmetic kg can read.
    case unreadableCalculation = "unreadable calculation"
    /// A calculation's stated result is not the exact value of its expression (rounded, say).
    case inexactCalculation = "stated result is not exact"
    /// No final answer after `####`, or one that is not a number.
    case noAnswer = "no numeric final answer"
    /// An operand is neither a number of the problem, nor an earlier result, nor a common constant.
    case unboundOperand = "operand not in the problem"
    /// An operand's value is two numbers of the problem, or a number and an earlier result,
    /// so its uses cannot be told apart.
    case ambiguousNumber = "ambiguous operand"
    /// The final answer is not the result of any calculation.
    case answerNotComputed = "answer not computed by a calculation"
    /// No number of the problem feeds the calculations (nothing to vary).
    case nothingToVary = "no problem number used"
}
