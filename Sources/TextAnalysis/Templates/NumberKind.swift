/// The kind of a number `NumberMasker` found, which names its placeholder in a template.
public enum NumberKind: String, CaseIterable, Sendable {
    /// Digits, with or without thousands commas: `48`, `1,200`.
    case integer = "int"
    /// Digits with a decimal point: `2.5`, `0.75`.
    case decimal
    /// `3/4`, or a LaTeX `\frac{3}{4}` (also `\dfrac`, `\tfrac`) of two integers.
    case fraction
    /// A number followed by `%`, `\%` or the word "percent": `20%`.
    case percent
    /// A number after a dollar sign used as currency: `$12.50`, `\$60`, `$\$$60`.
    case money
    /// `1st`, `22nd`, `3rd`, `4th` and the words first, third … twentieth.
    case ordinal
    /// A number word: zero … ninety-nine, hundred, thousand, million, billion, dozen,
    /// twice, thrice, double, triple, half, quarter.
    case word
}
