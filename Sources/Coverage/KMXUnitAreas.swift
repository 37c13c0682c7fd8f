import KnowledgeBase

/// Where KMX's Khan Academy units sit in the Common Core: the explicit mapping for KMX
/// records, whose `grade` and `unit` extra fields say the grade and the unit.
///
/// Written by hand from the units' lessons (docs/importers.md lists them) and the Common
/// Core cluster headings. A unit that spans clusters names its domain, or several nodes, and
/// the record's knowledge points (its lesson) choose among them; codes the curriculum in use
/// does not have are ignored.
enum KMXUnitAreas {
    /// Unit name → Common Core codes, by grade.
    static let table: [Level: [String: [String]]] = [
        .grade1: [
            "Add and subtract within 20": ["1.OA.C"],
            "Addition and subtraction": ["1.OA", "1.NBT.C"],
        ],
        .grade2: [
            "Add and subtract within 20": ["2.OA.B"],
            "Add and subtract within 100": ["2.NBT.B", "2.OA.A"],
            "Add and subtract within 1,000": ["2.NBT.B"],
        ],
        .grade3: [
            "1-digit multiplication": ["3.OA.C"],
            "Intro to division": ["3.OA.A"],
            "More with multiplication and division": ["3.OA"],
            "Arithmetic patterns and problem solving": ["3.OA.D"],
            "Addition, subtraction, and estimation": ["3.NBT.A"],
        ],
        .grade4: [
            "Addition, subtraction, and estimation": ["4.NBT"],
            "Area and perimeter": ["4.MD.A"],
            "Division": ["4.NBT.B"],
            "Multiply fractions": ["4.NF.B"],
            "Understand decimals": ["4.NF.C"],
        ],
        .grade5: [
            "Add and subtract fractions": ["5.NF.A"],
            "Add decimals": ["5.NBT.B"],
            "Subtract decimals": ["5.NBT.B"],
            "Multiply decimals": ["5.NBT.B"],
            "Divide decimals": ["5.NBT.B"],
            "Multi-digit multiplication and division": ["5.NBT.B"],
            "Multiply fractions": ["5.NF.B"],
            "Divide fractions": ["5.NF.B"],
        ],
        .grade6: [
            "Arithmetic with rational numbers": ["6.NS"],
            "Equations & inequalities": ["6.EE.B"],
            "Exponents and order of operations": ["6.EE.A"],
            "Rates and percentages": ["6.RP.A"],
            "Variables & expressions": ["6.EE.A"],
        ],
        .grade7: [
            "Expressions, equations, & inequalities": ["7.EE"],
            "Integers: addition and subtraction": ["7.NS.A"],
            "Negative numbers: multiplication and division": ["7.NS.A"],
            "Rational numbers: addition and subtraction": ["7.NS.A"],
            "Proportional relationships": ["7.RP.A"],
            "Rates and percentages": ["7.RP.A"],
            "Statistics and probability": ["7.SP"],
        ],
        .grade8: [
            "Linear equations and functions": ["8.EE.B", "8.F"],
            "Numbers and operations": ["8.NS.A", "8.EE.A"],
            "Solving equations with one unknown": ["8.EE.C"],
        ],
    ]
}
