import KGTestSupport
import Sampling
import TextAnalysis
import XCTest

@testable import Coverage
@testable import KnowledgeBase

/// Tokens, the keyword matcher, concept mapping and the resolver's order of evidence.
final class CoverageMappingTests: XCTestCase {
    func testTokensFoldCaseAndPluralsAndSpellOutArithmetic() {
        XCTAssertEqual(
            TextTokenizer.tokens("Adding Fractions with unlike denominators."),
            ["adding", "fraction", "with", "unlike", "denominator"])
        XCTAssertEqual(TextTokenizer.tokens("Euler's and Gauss’s theorems"), ["euler", "and", "gauss", "theorem"])
        XCTAssertEqual(TextTokenizer.tokens("45 + 27 × 3 ÷ 9 − 1"), ["45", "plus", "27", "times", "3", "divided", "9", "minus", "1"])
        XCTAssertEqual(TextTokenizer.tokens("3/4 of 2.5 is 3x"), ["3", "over", "4", "of", "2", "point", "5", "is", "3", "x"])
        XCTAssertEqual(TextTokenizer.tokens("problem-solving, 50% & x^2"), ["problem", "solving", "50", "percent", "and", "x", "power", "2"])
        XCTAssertEqual(TextTokenizer.tokens("$\\frac{1}{2}$ and \\sin x"), ["frac", "1", "2", "and", "sin", "x"])
        XCTAssertEqual(
            TextTokenizer.tokens("statistics series gases boxes cities class"),
            ["statistics", "series", "gase", "box", "city", "class"])
    }

    func testTheMatcherFindsEveryOccurrenceOfEveryPattern() {
        let matcher = KeywordMatcher(patterns: ["unit rate", "rate", "ratio", "rate of change", "unit"])
        let found = matcher.matches(in: "The unit rate, a ratio; the rate of change.")
        let described = found.map { "\($0.pattern)@\($0.firstToken)-\($0.lastToken)" }
        XCTAssertEqual(Set(described), ["4@1-1", "0@1-2", "1@2-2", "2@4-4", "1@6-6", "3@6-8"])
        XCTAssertTrue(matcher.matches(in: "Unrelated words only").isEmpty)
        // Whole words only, plurals folded.
        XCTAssertTrue(KeywordMatcher(patterns: ["area"]).matches(in: "areal arear").isEmpty)
        XCTAssertEqual(KeywordMatcher(patterns: ["equivalent fraction"]).matches(in: "Equivalent Fractions!").count, 1)
    }

    func testTheMatcherAgreesWithANaiveSearchOnOverlappingPatterns() {
        let patterns = ["a b", "b", "b c a", "c a b", "a", "a a a"]
        let matcher = KeywordMatcher(patterns: patterns)
        var random = SplitMix64(seed: 3)
        for _ in 0..<200 {
            let words = (0..<12).map { _ in ["a", "b", "c", "d"][random.nextInt(below: 4)] }
            var expected = Set<String>()
            for (p, pattern) in patterns.enumerated() {
                let tokens = pattern.split(separator: " ").map(String.init)
                for start in 0...(words.count - tokens.count) where Array(words[start..<(start + tokens.count)]) == tokens {
                    expected.insert("\(p)@\(start)")
                }
            }
            let found = Set(matcher.matches(in: words.joined(separator: " ")).map { "\($0.pattern)@\($0.firstToken)" })
            XCTAssertEqual(found, expected, words.joined(separator: " "))
        }
    }

    func testConceptNamesMapByLabelThenByTheLongestKeywordPerBand() throws {
        let folder = TemporaryFolder()
        let keywords = AreaKeywords(curriculum: try tinyCurriculum(in: folder))
        let c = keywords.curriculum
        func codes(_ name: String) -> [String] { keywords.nodes(forName: name).map { c.nodes[$0].code } }
        // A label matches the whole name only, and names the domain.
        XCTAssertEqual(codes("Geometry"), ["4.G", "COMP.GEO"])
        XCTAssertEqual(codes("Fractions"), ["4.NF"])
        // "equivalent fraction" is longer than "fraction" (a label), so it wins in grade 4.
        XCTAssertEqual(codes("Equivalent fractions and ordering"), ["4.NF.A"])
        // "angle bisector" hides "angle"; in grade 4 only "angle" exists.
        XCTAssertEqual(codes("The angle bisector theorem"), ["4.G.A", "COMP.GEO.TRI"])
        XCTAssertEqual(codes("Knights and knaves puzzles"), ["COMP.LOGIC"])
        XCTAssertEqual(codes("Probability"), [])
    }

    func testOverridesWinOverKeywordsAndCanMapAConceptNowhere() throws {
        let folder = TemporaryFolder()
        let curriculum = try tinyCurriculum(in: folder)
        let path = folder.write(
            "overrides.jsonl",
            """
            {"concept": "Circle theorems", "areas": ["COMP.GEO.TRI"]}
            {"concept": "Angles", "kind": "kp", "areas": []}
            """)
        let mapper = ConceptAreaMapper(
            keywords: AreaKeywords(curriculum: curriculum),
            overrides: try AreaOverrides.load(path: path, curriculum: curriculum))
        func codes(_ name: String, _ kind: ConceptKind?) -> [String] {
            mapper.nodes(concept: name, kind: kind).nodes.map { curriculum.nodes[$0].code }
        }
        XCTAssertEqual(codes("circle theorem", .topic), ["COMP.GEO.TRI"])
        XCTAssertTrue(mapper.nodes(concept: "Circle theorems", kind: .kp).overridden)
        XCTAssertEqual(codes("angle", .kp), [])
        XCTAssertEqual(codes("angle", .topic), ["4.G.A"])
        XCTAssertFalse(mapper.nodes(concept: "angle", kind: .topic).overridden)

        for (text, field, message) in [
            (#"{"concept": "X", "areas": ["NOPE.1"]}"#, "areas", "no node has the code 'NOPE.1'"),
            (#"{"concept": "X"}"#, "areas", "missing"),
            (#"{"concept": "X", "kind": "skill", "areas": []}"#, "kind", "unknown kind 'skill'"),
        ] {
            let bad = folder.write("bad.jsonl", #"{"concept": "Y", "areas": []}"# + "\n" + text + "\n")
            XCTAssertThrowsError(try AreaOverrides.load(path: bad, curriculum: curriculum)) { error in
                guard let failure = error as? CoverageInputError else { return XCTFail("\(error)") }
                XCTAssertEqual(failure.line, 2)
                XCTAssertEqual(failure.field, field)
                XCTAssertTrue(failure.message.contains(message), "\(failure)")
            }
        }
    }

    func testExplicitLabelsComeFromStandardsAreasAndKMXUnits() throws {
        let curriculum = try Curriculum.load(path: defaultCurriculumPath)
        let labels = ExplicitAreaLabels(curriculum: curriculum)
        func codes(_ extra: JSONObject) -> ([String], Level?) {
            let found = labels.nodes(in: extra)
            return (found.nodes.map { curriculum.nodes[$0].code }, found.band)
        }
        XCTAssertEqual(codes(JSONObject([("standard", .string("4.NF.A.2"))])).0, ["4.NF.A.2"])
        XCTAssertEqual(codes(JSONObject([("standard", .string("3.MD.D.8-triangle"))])).0, ["3.MD.D.8"])
        XCTAssertEqual(
            codes(JSONObject([("areas", .array([.string("COMP.NT.MOD"), .string("6.RP.A")]))])).0.sorted(),
            ["6.RP.A", "COMP.NT.MOD"])
        XCTAssertEqual(codes(JSONObject([("standards", .array([.array([.string("Alignment"), .string("1.MD.B.3")])]))])).0, ["1.MD.B.3"])
        let kmx = codes(JSONObject([("grade", .string("6th grade")), ("unit", .string("Rates and percentages"))]))
        XCTAssertEqual(kmx.0, ["6.RP.A"])
        XCTAssertEqual(kmx.1, .grade6)
        let unknownUnit = codes(JSONObject([("grade", .string("5th grade")), ("unit", .string("Not a unit"))]))
        XCTAssertEqual(unknownUnit.0, [])
        XCTAssertEqual(unknownUnit.1, .grade5)
    }

    func testExplicitLabelsComeBeforeConceptsWhichComeBeforeText() throws {
        let folder = TemporaryFolder()
        let curriculum = try tinyCurriculum(in: folder)
        let keywords = AreaKeywords(curriculum: curriculum)
        let resolver = AreaResolver(keywords: keywords)
        func node(_ code: String) -> Int { curriculum.node(forCode: code)! }
        func codes(_ placement: ProblemPlacement) -> [String] { curriculum.areaCodes(placement.areas) }

        // 1. An explicit standard decides, whatever the concepts say.
        var evidence = ProblemEvidence(level: .grade4)
        evidence.explicitNodes = [node("4.NF.A.1")]
        evidence.conceptNodes = [[node("4.G.A")]]
        var placed = resolver.place(evidence) { "a circle with a chord" }
        XCTAssertEqual(placed.route, .explicit)
        XCTAssertEqual(codes(placed), ["4.NF.A"])

        // 2. Without explicit labels, the concepts' areas in the problem's band decide.
        evidence.explicitNodes = []
        evidence.conceptNodes = [[node("4.G.A"), node("COMP.GEO.TRI")], [node("4.NF.B")]]
        placed = resolver.place(evidence) { "a circle with a chord" }
        XCTAssertEqual(placed.route, .concepts)
        XCTAssertEqual(codes(placed), ["4.NF.B", "4.G.A"])

        // 3. An explicit domain is a scope: concepts outside it do not count, the text chooses.
        var scoped = ProblemEvidence(level: .competition)
        scoped.explicitNodes = [node("COMP.GEO")]
        scoped.conceptNodes = [[node("COMP.LOGIC")]]
        placed = resolver.place(scoped) { "Find the radius of the circle through the chord's ends." }
        XCTAssertEqual(placed.route, .text)
        XCTAssertEqual(codes(placed), ["COMP.GEO.CIRC"])

        // 4. With no text evidence the problem stays at its domain, then at its band.
        placed = resolver.place(scoped) { "Find x." }
        XCTAssertEqual(placed.route, .domain)
        XCTAssertEqual(placed.domains.map { curriculum.nodes[$0].code }, ["COMP.GEO"])
        placed = resolver.place(ProblemEvidence(level: .competition)) { nil }
        XCTAssertEqual(placed.route, .band)
        XCTAssertEqual(resolver.place(ProblemEvidence()) { nil }.route, .unmapped)

        // Without text, step 4 is skipped.
        let labelsOnly = AreaResolver(keywords: keywords, useText: false)
        XCTAssertEqual(labelsOnly.place(scoped) { "the radius of the circle" }.route, .domain)
    }

    func testAGradeLabelGivesTheBandOfAProblemWithoutALevel() throws {
        let folder = TemporaryFolder()
        let curriculum = try tinyCurriculum(in: folder)
        let resolver = AreaResolver(keywords: AreaKeywords(curriculum: curriculum))
        var evidence = ProblemEvidence()
        evidence.explicitBand = .grade4
        evidence.conceptNodes = [[curriculum.node(forCode: "4.G.A")!, curriculum.node(forCode: "COMP.GEO.TRI")!]]
        let placed = resolver.place(evidence) { nil }
        XCTAssertEqual(placed.band, .grade4)
        XCTAssertEqual(curriculum.areaCodes(placed.areas), ["4.G.A"])
    }
}
