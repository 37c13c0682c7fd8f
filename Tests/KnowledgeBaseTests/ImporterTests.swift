import Foundation
import KGTestSupport
import XCTest

@testable import KnowledgeBase

/// Each importer runs on a small slice of its real dataset file, copied into a temporary
/// folder, and the records checked here were read off the files by hand. Each also gets
/// malformed input and must answer with an `ImportError` at the right line (or element).
final class ImporterTests: XCTestCase {

    // MARK: TAL-SCQ5K

    func testTALRoutesLoseTheirHeadsAndTheirModuleAndChapterBecomeTheTopics() throws {
        let folder = TemporaryFolder()
        let source = try RealData.file("tal-scq5k", "en_single_choice_train_3K.jsonl")
        let path = folder.write("en_single_choice_train_3K.jsonl", try RealData.lines(of: source, [1, 2, 3, 160]))
        let records = try TALSCQ5KImporter().records(at: path)

        XCTAssertEqual(
            records.map(\.id),
            [
                "tal-scq5k/en/04a1962c6a554ccebe43f32e28d9cf5a", "tal-scq5k/en/0045127337c842e1ac61fd2f853bf96d",
                "tal-scq5k/en/0de9acf2eb584f4293873e9d82c87725", "tal-scq5k/en/35be3c076e034ddc8ef203b1b16c5855",
            ])
        // Overseas Competition->Knowledge Point->Number Theory Modules->Division without Remainders->Divisibility Rules
        let first = records[0]
        XCTAssertEqual(first.source, "tal-scq5k")
        XCTAssertEqual(first.level, .competition)
        XCTAssertEqual(first.topics, ["Number Theory", "Division without Remainders"])
        // The worked analysis is the solution; the answer is the correct option with its text.
        XCTAssertEqual(first.extra["answer"], .string("A: $$0$$"))
        XCTAssertTrue(first.extra["solution"]?.stringValue?.hasPrefix("We consider the last two-digit") ?? false)
        XCTAssertEqual(first.knowledgePoints, ["Divisibility Rules"])
        XCTAssertEqual(first.problem, "If a four-digit number $$5A2A$$ can be divisible by $20$, the digit that $$A$$ represents is  . ")
        XCTAssertEqual(first.extra["difficulty"], .number("1"))
        XCTAssertEqual(records[1].topics, ["Number Theory", "Odd and Even Numbers"])
        XCTAssertEqual(records[1].knowledgePoints, ["Addition and Subtraction Rules of Odd and Even Numbers"])
        XCTAssertEqual(records[2].topics, ["Number Theory", "Place Value and Number Bases"])
        XCTAssertEqual(records[2].knowledgePoints, ["Numbers"])
        // Line 160 has two routes, the second an in-curriculum one whose module ends in a space:
        // two modules, two chapters.
        XCTAssertEqual(
            records[3].topics,
            [
                "Number Theory", "Place Value and Number Bases", "Operations of Numbers", "Word Problems Involving Fractions and Percentages",
            ])
        XCTAssertEqual(
            records[3].knowledgePoints,
            [
                "Properties and Applications of Number Bases", "Mixed Operations of Number Bases",
                "Finding the Percentage Given a Part and a Whole",
            ])
        XCTAssertEqual(records[3].level, .competition)
    }

    func testTALFolderMeansTheEnglishFileOnly() throws {
        let folder = TemporaryFolder()
        let english = try RealData.file("tal-scq5k", "en_single_choice_train_3K.jsonl")
        folder.write("en_single_choice_train_3K.jsonl", try RealData.lines(of: english, [1, 2]))
        folder.write("ch_single_choice_train_3K.jsonl", Self.chineseLine)
        let records = try Dataset.talSCQ5K.records(at: folder.path)
        XCTAssertEqual(
            records.map(\.id),
            [
                "tal-scq5k/en/04a1962c6a554ccebe43f32e28d9cf5a", "tal-scq5k/en/0045127337c842e1ac61fd2f853bf96d",
            ])
    }

    func testTALChineseFileKeepsKnowledgeRoutesAndSkipsProblemsWithOnlySkillRoutes() throws {
        let folder = TemporaryFolder()
        let source = try RealData.file("tal-scq5k", "ch_single_choice_train_3K.jsonl", sharedOnly: true)
        let path = folder.write("ch_single_choice_train_3K.jsonl", try RealData.lines(of: source, Array(1...6)))
        let records = try TALSCQ5KImporter().records(at: path)
        // Lines 2 and 3 have only 思想 (thinking) routes, 4 and 6 only 能力 (ability) routes: no topic.
        XCTAssertEqual(records.map(\.id), ["tal-scq5k/zh/c9a5b99bd27f4bccb633cfd24ce74123", "tal-scq5k/zh/6fe3ce8a6b2a4a39a187c73dd16a2e1e"])
        // 知识标签->拓展思维->计算模块->小数->小数乘除->小数乘法运算
        XCTAssertEqual(records[0].topics, ["计算", "小数"])
        XCTAssertEqual(records[0].knowledgePoints, ["小数乘除", "小数乘法运算"])
        // 拓展思维->拓展思维->应用题模块->分百应用题->求分率
        XCTAssertEqual(records[1].topics, ["应用题", "分百应用题"])
        XCTAssertEqual(records[1].knowledgePoints, ["求分率"])
        XCTAssertEqual(records[1].level, .competition)
    }

    func testTALThinkingRoutesGiveKnowledgePointsAndPlaceholdersAreDropped() {
        let labels = TALSCQ5KImporter.labels(routes: [
            "拓展思维->思想->对应思想",
            "Overseas Competition->Knowledge Point->Word Problem Modules->Chicken-Rabbit Problems->Solving Chicken-Rabbit Problems by Using Hypothesis->Basic Type->Non-typical Types",
            "课内体系->能力->运算求解",
        ])
        XCTAssertEqual(labels.topics, ["Word Problems", "Chicken-Rabbit Problems"])
        XCTAssertEqual(labels.knowledgePoints, ["对应思想", "Solving Chicken-Rabbit Problems by Using Hypothesis"])
    }

    func testTALChapterIsATopicAlsoWhereTheRouteStopsAtIt() {
        // 51 English routes stop at Calculation > Fractions; 4 more go on to Basic Understanding of Fractions.
        let labels = TALSCQ5KImporter.labels(routes: [
            "Overseas Competition->Knowledge Point->Calculation Modules->Fractions",
            "Overseas Competition->Knowledge Point->Calculation Modules->Fractions->Basic Understanding of Fractions",
        ])
        XCTAssertEqual(labels.topics, ["Calculation", "Fractions"])
        XCTAssertEqual(labels.knowledgePoints, ["Basic Understanding of Fractions"])
        // A placeholder in the chapter's place is no chapter; the levels under it are still knowledge points.
        let placeholder = TALSCQ5KImporter.labels(routes: ["知识标签->拓展思维->计算模块->典型问题->小数乘法运算"])
        XCTAssertEqual(placeholder.topics, ["计算"])
        XCTAssertEqual(placeholder.knowledgePoints, ["小数乘法运算"])
    }

    func testTALMalformedLinesAreReportedWithTheirLineAndField() throws {
        let folder = TemporaryFolder()
        let good = #"{"queId": "a", "problem": "1+1?", "knowledge_point_routes": ["Overseas Competition->Knowledge Point->Calculation Modules"]}"#
        let wrongType = #"{"queId": "b", "problem": "2+2?", "knowledge_point_routes": "Calculation Modules"}"#
        let path = folder.write("en.jsonl", [good, "", wrongType].joined(separator: "\n") + "\n")
        assertImportError(try TALSCQ5KImporter().records(at: path), line: 3, field: "knowledge_point_routes")

        let broken = folder.write("en2.jsonl", good + "\n" + #"{"queId": "c", "problem": "#)
        assertImportError(try TALSCQ5KImporter().records(at: broken), line: 2, field: nil, containing: "not valid JSON")
    }

    // MARK: MathCAMPS

    func testMathCAMPSTopicsAreTheDomainAndClusterAndKnowledgePointTheStandard() throws {
        let folder = TemporaryFolder()
        let source = try RealData.file("mathcamps", "mathcamps.json")
        folder.write("mathcamps.json", try RealData.jsonElements(of: source, [0, 1, 2, 6323, 7971]))
        folder.write(
            "commoncore_standards.json", try String(contentsOfFile: try RealData.file("mathcamps", "commoncore_standards.json"), encoding: .utf8))
        let records = try Dataset.mathcamps.records(at: folder.path)

        XCTAssertEqual(
            records.map(\.id),
            [
                "mathcamps/4.NF.A.2-0-0", "mathcamps/4.NF.A.2-0-2", "mathcamps/4.NF.A.2-1-0",
                "mathcamps/3.MD.D.8-triangle-0-0", "mathcamps/K.CC.C.7-0-0",
            ])
        let first = records[0]
        XCTAssertEqual(first.source, "mathcamps")
        XCTAssertEqual(first.level, .grade4)
        // 4.NF.A: "Extend understanding of fraction equivalence and ordering."
        XCTAssertEqual(first.topics, ["Number and Operations—Fractions", "Fraction equivalence and ordering"])
        XCTAssertEqual(first.knowledgePoints, ["Comparing fractions with different numerators and denominators"])
        XCTAssertEqual(first.problem, "Complete the following comparison between two fractions. \n(1 / 8) _ (4 / 1).")
        XCTAssertEqual(first.extra["standard"], .string("4.NF.A.2"))
        XCTAssertEqual(first.extra["problem_type"], .string("original-problem"))
        XCTAssertNil(first.extra["followup_to"])
        XCTAssertEqual(records[1].extra["followup_to"], .string("mathcamps/4.NF.A.2-0-0"))
        XCTAssertEqual(records[1].extra["problem_type"], .string("counterfactual-followup"))

        let triangle = records[3]
        XCTAssertEqual(triangle.level, .grade3)
        // 3.MD.D: "Geometric measurement: recognize perimeter as an attribute of plane figures and …"
        XCTAssertEqual(triangle.topics, ["Measurement and Data", "Perimeter of plane figures"])
        XCTAssertEqual(triangle.knowledgePoints, ["Perimeter of triangles"])
        XCTAssertEqual(triangle.extra["standard"], .string("3.MD.D.8"))
        XCTAssertEqual(triangle.extra["standard_variant"], .string("triangle"))

        let kindergarten = records[4]
        XCTAssertEqual(kindergarten.level, .kindergarten)
        XCTAssertEqual(kindergarten.topics, ["Counting and Cardinality", "Comparing numbers"])
        XCTAssertEqual(kindergarten.knowledgePoints, ["Comparing numbers between 1 and 10"])
    }

    func testMathCAMPSNamesEveryStandardInTheStandardsFileDistinctly() throws {
        let standards = try JSONParser.parse(try String(contentsOfFile: try RealData.file("mathcamps", "commoncore_standards.json"), encoding: .utf8))
        let ids = try XCTUnwrap(standards.arrayValue).compactMap { $0.objectValue?["id"]?.stringValue }
        XCTAssertEqual(ids.count, 49)
        XCTAssertEqual(Set(ids), Set(MathCAMPSImporter.standardNames.keys))
        XCTAssertEqual(Set(MathCAMPSImporter.standardNames.values.map { ConceptKey($0) }).count, 49)
    }

    func testMathCAMPSNamesEveryClusterOnceAndIdenticalHeadingsAlike() throws {
        let clusters = Set(MathCAMPSImporter.standardNames.keys.compactMap { MathCAMPSImporter.Standard(mathCAMPSCode: $0)?.cluster })
        XCTAssertEqual(clusters.count, 29)
        XCTAssertEqual(clusters, Set(MathCAMPSImporter.clusterNames.keys))
        // Two clusters share a name exactly when Common Core gives them the same heading.
        let standards = try JSONParser.parse(
            try String(contentsOfFile: try RealData.file("ccss-math-atc", "standards.json", sharedOnly: true), encoding: .utf8))
        var headings: [String: String] = [:]
        for element in try XCTUnwrap(standards.arrayValue) {
            guard let id = element.objectValue?["id"]?.stringValue, clusters.contains(id),
                let text = element.objectValue?["description"]?.stringValue
            else { continue }
            // 3.NBT.A's heading adds "(A range of algorithms may be used.)" to 4.NBT.B's: an aside.
            var heading = LabelList.clean(text)
            if let aside = heading.firstRange(of: " (") { heading = String(heading[..<aside.lowerBound]) }
            headings[id] = heading
        }
        XCTAssertEqual(Set(headings.keys), clusters)
        for a in clusters {
            for b in clusters where a < b {
                // Two headings are cut short in this file (K.NBT.A, K.OA.A) but are not shared.
                XCTAssertEqual(headings[a] == headings[b], MathCAMPSImporter.clusterNames[a] == MathCAMPSImporter.clusterNames[b], "\(a) \(b)")
            }
        }
        XCTAssertEqual(MathCAMPSImporter.clusterNames["1.OA.A"], MathCAMPSImporter.clusterNames["2.OA.A"])
        XCTAssertEqual(MathCAMPSImporter.clusterNames["3.NBT.A"], MathCAMPSImporter.clusterNames["4.NBT.B"])
    }

    func testMathCAMPSFallsBackToTheDescriptionForAnUnlistedStandard() throws {
        let folder = TemporaryFolder()
        folder.write(
            "commoncore_standards.json",
            #"[{"id": "6.G.A.1", "description": "Find the area of right triangles, other triangles, special quadrilaterals, and polygons by composing into rectangles. Apply these techniques."}]"#
        )
        let path = folder.write(
            "mathcamps.json",
            #"[{"id": "6.G.A.1-0-0", "standard": "6.G.A.1", "statement": "Find the area.", "answer": "6", "type": "original-problem", "followup_to": null}]"#
        )
        let record = try XCTUnwrap(try MathCAMPSImporter().records(at: path).first)
        // 6.G.A is not one of MathCAMPS's clusters: the domain is the only topic.
        XCTAssertEqual(record.topics, ["Geometry"])
        XCTAssertEqual(
            record.knowledgePoints,
            ["Find the area of right triangles, other triangles, special quadrilaterals, and polygons by composing into rectangles"])
        XCTAssertEqual(record.level, .grade6)
    }

    func testMathCAMPSMalformedElementsAreReportedWithTheirIndex() throws {
        let folder = TemporaryFolder()
        let good = #"{"id": "4.NF.A.2-0-0", "standard": "4.NF.A.2", "statement": "Compare.", "followup_to": null}"#
        let badStandard = #"{"id": "x", "standard": "Q.ZZ", "statement": "?"}"#
        let path = folder.write("mathcamps.json", "[\n  \(good),\n  \(good),\n  \(badStandard)\n]\n")
        assertImportError(try MathCAMPSImporter().records(at: path), line: 3, field: "standard", containing: "element 3 (line 4)")

        let missing = folder.write("missing.json", "[\n  \(good),\n  {\"id\": \"y\", \"standard\": \"4.NF.A.2\"}\n]")
        assertImportError(try MathCAMPSImporter().records(at: missing), line: 2, field: "statement")

        // A syntax error in the second element, on the element's third line.
        let broken = folder.write(
            "broken.json", "[\n  \(good),\n  {\"id\": \"z\",\n   \"standard\": \"4.NF.A.2\",\n   \"statement\": \"a\" \"b\"}\n]")
        assertImportError(try MathCAMPSImporter().records(at: broken), line: 2, field: nil, containing: "line 5")
    }

    // MARK: KMX

    func testKMXUnitAndSubjectAreTheTopicsLessonAndExerciseTheKnowledgePointsAndGradeTheLevel() throws {
        let folder = TemporaryFolder()
        folder.write("kmx_train.csv", try RealData.csvRecords(of: try RealData.file("kmx", "kmx_train.csv"), count: 30))
        folder.write("kmx_test.csv", try RealData.csvRecords(of: try RealData.file("kmx", "kmx_test.csv"), count: 2))
        let records = try Dataset.kmx.records(at: folder.path)

        XCTAssertEqual(records.count, 32)
        XCTAssertEqual(records.first?.id, "kmx/train/1")
        XCTAssertEqual(records[29].id, "kmx/train/30")
        XCTAssertEqual(records[30].id, "kmx/test/1")
        let first = records[0]
        XCTAssertEqual(first.source, "kmx")
        XCTAssertEqual(first.problem, "Fill in the blanks. 8-4= ?")
        XCTAssertEqual(first.level, .grade1)
        // Topic column: integer-addition-subtraction. The exercise relate-addition-and-subtraction repeats the lesson.
        XCTAssertEqual(first.topics, ["Addition and subtraction", "Integer addition and subtraction"])
        XCTAssertEqual(first.knowledgePoints, ["Relate addition and subtraction"])
        XCTAssertEqual(first.extra["grade"], .string("1st grade"))
        XCTAssertEqual(first.extra["unit"], .string("Addition and subtraction"))
        XCTAssertEqual(first.extra["lesson"], .string("Relate addition and subtraction"))
        XCTAssertEqual(first.extra["exercise"], .string("relate-addition-and-subtraction"))
        XCTAssertEqual(first.extra["kmx_topic"], .string("integer-addition-subtraction"))
        XCTAssertEqual(first.extra["question_type"], .string("Expression"))
        // Record 28's solution spans five lines; the records after it still line up.
        XCTAssertEqual(records[27].problem, "The zoo has 6 meerkats, 3 wild boars, and 2 young lions. How many animals are at the zoo?")
        // Lesson "Addition within 20", exercise adding-three-numbers.
        XCTAssertEqual(records[27].knowledgePoints, ["Addition within 20", "Adding three numbers"])
        XCTAssertEqual(records[27].extra["answer"], .string("11"))
        let solution = records[27].extra["solution"]?.stringValue ?? ""
        XCTAssertTrue(solution.hasPrefix("To find the total number of animals at the zoo"), solution)
        XCTAssertTrue(solution.hasSuffix("there are 11 animals at the zoo in total."), "the five-line solution is kept whole: \(solution)")
        XCTAssertEqual(records[30].problem, "Abby is 3 years old. Her brother Ben is 4 years older than she is. How old is Ben?")
        XCTAssertEqual(records[30].topics, ["Add and subtract within 20", "Integer addition and subtraction"])
        XCTAssertEqual(records[30].knowledgePoints, ["Add and subtract within 20"])
    }

    func testKMXSubjectsAndExerciseKnowledgePointsCoverTheData() throws {
        var header: [String] = []
        var rows: [CSVRecord] = []
        for name in KMXImporter.folderFiles {
            let records = try CSVReader.records(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: try RealData.file("kmx", name)))))
            header = try XCTUnwrap(records.first?.fields)
            rows += records.dropFirst()
        }
        XCTAssertEqual(rows.count, 3240)
        let topicColumn = try XCTUnwrap(header.firstIndex(of: "Topic"))
        let exerciseColumn = try XCTUnwrap(header.firstIndex(of: "Exercise_Name"))
        let subjects = Set(rows.map { $0.fields[topicColumn] })
        XCTAssertEqual(subjects.count, 18)
        XCTAssertEqual(subjects.subtracting(["external-topics"]), Set(KMXImporter.subjectNames.keys))
        XCTAssertNil(KMXImporter.subject(kmxTopic: "external-topics"))
        XCTAssertEqual(KMXImporter.subject(kmxTopic: "convert-decimal-fraction"), "Converting between decimals and fractions")
        XCTAssertEqual(KMXImporter.subject(kmxTopic: "mixed-numbers"), "Mixed numbers")
        // Every exercise the table names is in the data (no stale or misspelt slugs).
        let exercises = Set(rows.map { $0.fields[exerciseColumn] })
        XCTAssertEqual(exercises.count, 149)
        XCTAssertTrue(Set(KMXImporter.exerciseKnowledgePoints.keys).isSubset(of: exercises))
        XCTAssertEqual(KMXImporter.exerciseKnowledgePoints.count, 36)
        XCTAssertTrue(KMXImporter.sameName("Variables & expressions", "Variables and expressions"))
        XCTAssertFalse(KMXImporter.sameName("Variables & expressions", "Linear equations and functions"))
    }

    func testKMXRecordLinesCountTheLinesInsideQuotedFields() throws {
        var reader = try CSVReader(path: try RealData.file("kmx", "kmx_train.csv"))
        var lines: [Int] = []
        while let record = try reader.next(), lines.count < 32 { lines.append(record.line) }
        // Header on line 1, records 1-27 on lines 2-28, record 28 on lines 29-33, 29 on 34-36, 30 on 37-47.
        XCTAssertEqual(Array(lines[27...31]), [28, 29, 34, 37, 48])
    }

    func testKMXMalformedRecordsAreReportedWithTheLineTheyStartOn() throws {
        let folder = TemporaryFolder()
        let header = "Problem,Answer,Solution,Grade,Unit_Name,Lesson_Name,Exercise_Name,Topic,Question_Type,Integer_Answer,Split"
        let multiLine =
            "\"Add 3\nand 4.\",7,\"3 + 4 = 7\",1st grade,Addition and subtraction,Addition within 20,adding,integer,Word Problem,True,train"
        let strayQuote = "Say \"hi\",1,s,1st grade,U,L,e,t,q,True,train"
        let quoted = folder.write("kmx_train.csv", [header, multiLine, strayQuote].joined(separator: "\r\n") + "\r\n")
        assertImportError(try KMXImporter().records(at: quoted), line: 4, field: nil, containing: "quote")

        let badGrade = "Find 2+2.,4,s,9th grade,U,L,e,t,q,True,train"
        let grade = folder.write("grade.csv", [header, multiLine, badGrade].joined(separator: "\n"))
        assertImportError(try KMXImporter().records(at: grade), line: 4, field: "Grade")

        let short = folder.write("short.csv", [header, multiLine, "Find 2+2.,4,s,1st grade"].joined(separator: "\n"))
        assertImportError(try KMXImporter().records(at: short), line: 4, field: nil, containing: "4 fields")

        let noLesson = folder.write("nolesson.csv", "Problem,Grade,Unit_Name\nx,1st grade,U\n")
        assertImportError(try KMXImporter().records(at: noLesson), line: 1, field: "Lesson_Name")

        let unclosed = folder.write("unclosed.csv", [header, multiLine, "\"Find 2+2.,4,s,1st grade,U,L,e,t,q,True,train"].joined(separator: "\n"))
        assertImportError(try KMXImporter().records(at: unclosed), line: 4, field: nil, containing: "never closed")
    }

    func testKMXFolderNeedsBothFiles() throws {
        let folder = TemporaryFolder()
        folder.write("kmx_train.csv", try RealData.csvRecords(of: try RealData.file("kmx", "kmx_train.csv"), count: 1))
        assertImportError(try KMXImporter().records(at: folder.path), line: nil, field: nil, containing: "kmx_test.csv")
    }

    // MARK: CHAMP

    func testCHAMPCategoriesAreTheTopicsAndConceptsWithTheirParentsTheKnowledgePoints() throws {
        let folder = TemporaryFolder()
        folder.write("problems.jsonl", try RealData.lines(of: try RealData.file("champ", "problems.jsonl"), [1, 2, 3, 44, 24]))
        folder.write("concepts.jsonl", try String(contentsOfFile: try RealData.file("champ", "concepts.jsonl"), encoding: .utf8))
        let records = try Dataset.champ.records(at: folder.path)

        XCTAssertEqual(
            records.map(\.id),
            [
                "champ/P_Combinatorics_1", "champ/P_Combinatorics_2", "champ/P_Combinatorics_3", "champ/P_Inequality_4", "champ/P_Combinatorics_24",
            ])
        XCTAssertEqual(records[0].source, "champ")
        XCTAssertEqual(records[0].level, .competition)
        XCTAssertEqual(records[0].topics, ["Combinatorics"])
        XCTAssertEqual(records[0].knowledgePoints, ["rule of sum"])
        XCTAssertEqual(records[0].extra["answer"], .string("239"))
        // The solution steps, one a line.
        let solution = records[0].extra["solution"]?.stringValue ?? ""
        XCTAssertTrue(solution.hasPrefix("Let x_n, y_n, z_n be the number of length-n strings"), solution)
        XCTAssertTrue(solution.hasSuffix("70+99+70=239 such strings."), solution)
        XCTAssertEqual(solution.split(separator: "\n").count, 6)
        // C_comb_def has no name, only "The number of ways to choose a set of (unordered) k items…".
        XCTAssertEqual(records[1].knowledgePoints, ["combinations: choosing k of n items"])
        XCTAssertEqual(records[2].knowledgePoints, ["rule of product"])
        // C_self_inverse_sum (x + 1/x ≥ 2) → parent C_AMGM2 → parent C_AMGMn.
        XCTAssertEqual(records[3].topics, ["Inequality"])
        XCTAssertEqual(
            records[3].knowledgePoints,
            [
                "x + 1/x ≥ 2", "inequality of arithmetic and geometric means for 2 variables",
                "inequality of arithmetic and geometric means for n variables",
            ])
        XCTAssertEqual(records[3].extra["concept_ids"], .array([.string("C_self_inverse_sum")]))
        // C_sum_1_n (1+2+...+n = n(n+1)/2) is an Algebra concept: the Combinatorics problem gets that topic too.
        XCTAssertEqual(records[4].topics, ["Combinatorics", "Algebra"])
        XCTAssertEqual(records[4].knowledgePoints, ["sum of the first n positive integers"])
    }

    func testCHAMPTopicSpellsOutHyphenatedCategories() {
        XCTAssertEqual(CHAMPImporter.topic(category: "Number-Theory"), "Number Theory")
    }

    func testCHAMPNamesEveryUnnamedConcept() throws {
        var unnamed: [String] = []
        try JSONLines.forEach(path: try RealData.file("champ", "concepts.jsonl")) { value, _ in
            let concept = try XCTUnwrap(value.objectValue)
            if concept["name"] == .null, let id = concept["id"]?.stringValue { unnamed.append(id) }
        }
        XCTAssertEqual(unnamed.count, 50)
        XCTAssertEqual(Set(unnamed), Set(CHAMPImporter.conceptNames.keys))
    }

    func testCHAMPMalformedInputIsReportedWithItsLine() throws {
        let folder = TemporaryFolder()
        folder.write("concepts.jsonl", #"{"id": "C_a", "name": "rule of sum", "category": "Combinatorics", "text": "t", "parent_id": null}"# + "\n")
        let good = #"{"id": "P_1", "category": "Combinatorics", "problem": "p", "concept_ids": ["C_a"]}"#
        let unknown = #"{"id": "P_2", "category": "Combinatorics", "problem": "p", "concept_ids": ["C_b"]}"#
        let path = folder.write("problems.jsonl", good + "\n" + unknown + "\n")
        assertImportError(try CHAMPImporter().records(at: path), line: 2, field: "concept_ids", containing: "C_b")

        let noCategory = folder.write("nocategory.jsonl", good + "\n" + good + "\n" + #"{"id": "P_3", "problem": "p", "concept_ids": []}"#)
        assertImportError(try CHAMPImporter().records(at: noCategory), line: 3, field: "category")

        let elsewhere = TemporaryFolder()
        let lonely = elsewhere.write("problems.jsonl", good + "\n")
        assertImportError(try CHAMPImporter().records(at: lonely), line: nil, field: nil, containing: "concepts.jsonl")
    }

    // MARK: MathScale

    func testMathScaleRecordsKeepTheirTopicsAndKnowledgePoints() throws {
        let folder = TemporaryFolder()
        let source = try RealData.file("mathscale-extraction-sample", "math_extraction.json")
        folder.write("math_extraction.json", try RealData.jsonElements(of: source, [0, 1, 2]))
        folder.write("math_generation.json", "[]")
        let records = try Dataset.mathscale.records(at: folder.path)

        XCTAssertEqual(records.map(\.id), ["mathscale/extraction/8", "mathscale/extraction/5", "mathscale/extraction/13"])
        XCTAssertEqual(records[0].source, "mathscale")
        XCTAssertEqual(records[0].level, .competition)
        XCTAssertEqual(records[0].topics, ["Algebra"])
        XCTAssertEqual(records[0].knowledgePoints, ["Substitution", "Exponentiation", "Arithmetic Operations"])
        XCTAssertEqual(records[0].problem, "If $x = 2$ and $y = 5$, then what is the value of $\\frac{x^4+2y^2}{6}$ ?")
        // MathScale's `answer` is a worked solution.
        XCTAssertTrue(records[0].extra["solution"]?.stringValue?.hasSuffix("= \\boxed{11}.\\]") ?? false)
        XCTAssertNil(records[0].extra["answer"])
        XCTAssertEqual(records[1].topics, ["Word Problems", "Linear Equations"])
        XCTAssertEqual(records[1].knowledgePoints, ["Earning and Deduction", "Setting up Equations", "Solving Linear Equations"])
        XCTAssertEqual(records[2].topics, ["Currency Conversion", "Money Management"])
        XCTAssertEqual(records[2].knowledgePoints, ["Exchange Rates", "Addition", "Subtraction"])
    }

    func testMathScaleGeneratedProblemsTakeTheirLevelFromTheirDifficulty() throws {
        let folder = TemporaryFolder()
        let source = try RealData.file("mathscale-extraction-sample", "math_generation.json", sharedOnly: true)
        let path = folder.write("math_generation.json", try RealData.jsonElements(of: source, [0, 1]))
        let records = try MathScaleImporter().records(at: path)
        XCTAssertEqual(records.map(\.id), ["mathscale/generation/0", "mathscale/generation/1"])
        XCTAssertEqual(records[0].topics, ["Converting Repeating Decimals to Fractions", "Repeating Decimals"])
        // "Elementary School" names no single grade.
        XCTAssertNil(records[0].level)
        XCTAssertEqual(records[0].extra["difficulty"], .string("Elementary School"))
        XCTAssertEqual(MathScaleImporter.level(difficulty: "High School"), .highSchool)
        XCTAssertEqual(MathScaleImporter.level(difficulty: "PhD"), .college)
    }

    func testMathScaleMalformedElementsAreReportedWithTheirIndex() throws {
        let folder = TemporaryFolder()
        let good = #"{"id": 1, "topics": ["Algebra"], "knowledge_points": [], "question": "q"}"#
        let path = folder.write(
            "math_extraction.json", "[\(good),\n\(good),\n{\"id\": 3, \"topics\": \"Algebra\", \"knowledge_points\": [], \"question\": \"q\"}]")
        assertImportError(try MathScaleImporter().records(at: path), line: 3, field: "topics")

        let noTopic = folder.write("none.json", "[\(good), {\"id\": 2, \"topics\": [\" \"], \"knowledge_points\": [], \"question\": \"q\"}]")
        assertImportError(try MathScaleImporter().records(at: noTopic), line: 2, field: "topics")

        let badID = folder.write("id.json", "[{\"id\": [1], \"topics\": [\"A\"], \"knowledge_points\": [], \"question\": \"q\"}]")
        assertImportError(try MathScaleImporter().records(at: badID), line: 1, field: "id")

        let trailing = folder.write("trailing.json", "[\(good),\n\(good),\n]")
        assertImportError(try MathScaleImporter().records(at: trailing), line: 2, field: nil, containing: "trailing comma")

        let notArray = folder.write("object.json", "{\"id\": 1}")
        assertImportError(try MathScaleImporter().records(at: notArray), line: nil, field: nil, containing: "expected a JSON array")
    }

    // MARK: MATH

    func testMATHSubjectIsTheOnlyTopicAndDifficultyIsKept() throws {
        let folder = TemporaryFolder()
        let source = try RealData.file("math", "train.jsonl")
        folder.write("train.jsonl", try RealData.lines(of: source, [1, 2, 3, 2721]))
        folder.write("test.jsonl", #"{"id": "test/algebra/1.json", "type": "Algebra", "level": "Level 3", "problem": "p"}"# + "\n")
        let records = try Dataset.math.records(at: folder.path)

        XCTAssertEqual(
            records.map(\.id),
            ["math/train/algebra/0.json", "math/train/algebra/3.json", "math/train/algebra/4.json", "math/train/geometry/377.json"])
        let second = records[1]
        XCTAssertEqual(second.source, "math")
        XCTAssertEqual(second.level, .competition)
        XCTAssertEqual(second.topics, ["Algebra"])
        XCTAssertEqual(second.knowledgePoints, [])
        XCTAssertEqual(second.problem, "If $A=2+i$, $O=-4$, $P=-i$, and $S=2+4i$, find $A-O+P+S$.")
        XCTAssertEqual(second.extra["difficulty"], .string("Level 3"))
        XCTAssertEqual(
            second.extra["solution"],
            .string("Adding real parts and imaginary parts separately, we have $(2-(-4)+0+2)+(1+0-1+4)i=\\boxed{8+4i}$."))
        XCTAssertEqual(records[0].extra["difficulty"], .string("Level 5"))
        XCTAssertEqual(records[3].topics, ["Geometry"])
        XCTAssertEqual(records[3].extra["difficulty"], .string("Level ?"))
    }

    func testMATHMalformedLinesAreReportedWithTheirLineAndField() throws {
        let folder = TemporaryFolder()
        let good = #"{"id": "train/algebra/0.json", "type": "Algebra", "level": "Level 5", "problem": "p"}"#
        let path = folder.write("train.jsonl", good + "\n" + #"{"id": "train/algebra/3.json", "level": "Level 3", "problem": "p"}"# + "\n")
        assertImportError(try MATHImporter().records(at: path), line: 2, field: "type")

        let array = folder.write("array.jsonl", good + "\n" + good + "\n[1, 2]\n")
        assertImportError(try MATHImporter().records(at: array), line: 3, field: nil, containing: "expected a JSON object")

        let number = folder.write("number.jsonl", #"{"id": "x", "type": 7, "problem": "p"}"#)
        assertImportError(try MATHImporter().records(at: number), line: 1, field: "type", containing: "a number")
    }

    // MARK: Paths

    func testAMissingPathIsAnImportError() {
        assertImportError(try MATHImporter().records(at: "/no/such/folder"), line: nil, field: nil, containing: "no such file")
        let folder = TemporaryFolder()
        assertImportError(try MATHImporter().records(at: folder.path), line: nil, field: nil, containing: "train.jsonl")
    }

    // MARK: The shipped seeds

    /// The counts docs/importers.md states, measured on the checkout's data/seeds copies.
    func testTheSeedCopiesImportWithTheDocumentedCounts() throws {
        let seeds = RealData.checkout.appendingPathComponent("data/seeds").path
        let expected: [(Dataset, String, records: Int, topics: Int, knowledgePoints: Int)] = [
            (.talSCQ5K, "tal-scq5k", 3000, 89, 297),
            (.mathcamps, "mathcamps", 9607, 34, 49),
            (.kmx, "kmx", 3240, 49, 125),
            (.champ, "champ", 270, 8, 88),
            (.mathscale, "mathscale-extraction-sample", 100, 101, 259),
            (.math, "math", 7500, 7, 0),
            (.mathematicsDataset, "mathematics-dataset", 2600, 8, 15),
            (.mathodyssey, "mathodyssey", 387, 13, 0),
            (.theoremqa, "theoremqa", 424, 14, 175),
        ]
        for (dataset, folder, records, topics, knowledgePoints) in expected {
            let imported = try dataset.records(at: seeds + "/" + folder)
            XCTAssertEqual(imported.count, records, dataset.rawValue)
            XCTAssertEqual(Set(imported.map(\.id)).count, records, "\(dataset.rawValue) ids are unique")
            XCTAssertEqual(Set(imported.flatMap(\.topics)).count, topics, dataset.rawValue)
            XCTAssertEqual(Set(imported.flatMap(\.knowledgePoints)).count, knowledgePoints, dataset.rawValue)
            XCTAssertTrue(imported.allSatisfy { $0.source == dataset.rawValue && !$0.topics.isEmpty && $0.level != nil }, dataset.rawValue)
        }
    }

    // MARK: Helpers

    static let chineseLine = #"{"queId": "zh1", "problem": "1+1=?", "knowledge_point_routes": ["拓展思维->拓展思维->计算模块->整数"]}"# + "\n"

    func assertImportError(
        _ expression: @autoclosure () throws -> [ExtractionRecord], line: Int?, field: String?,
        containing text: String? = nil, file: StaticString = #filePath, line testLine: UInt = #line
    ) {
        do {
            let records = try expression()
            XCTFail("expected an ImportError, got \(records.count) records", file: file, line: testLine)
        } catch let error as ImportError {
            XCTAssertEqual(error.line, line, "line in: \(error)", file: file, line: testLine)
            XCTAssertEqual(error.field, field, "field in: \(error)", file: file, line: testLine)
            if let text {
                XCTAssertTrue(error.description.contains(text), "'\(text)' not in: \(error)", file: file, line: testLine)
            }
        } catch {
            XCTFail("expected an ImportError, got \(type(of: error)): \(error)", file: file, line: testLine)
        }
    }
}

/// The real dataset files: `../shared/data/<dataset>` beside the checkout when it is there,
/// else the checkout's own copies in `data/seeds/<dataset>`.
enum RealData {
    /// The checkout's root: this file is Tests/GraphTests/ImporterTests.swift.
    static let checkout = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The path of a dataset file; skips the test when neither copy has it.
    static func file(_ dataset: String, _ name: String, sharedOnly: Bool = false) throws -> String {
        var candidates = [checkout.deletingLastPathComponent().appendingPathComponent("shared/data/\(dataset)/\(name)").path]
        if !sharedOnly { candidates.append(checkout.appendingPathComponent("data/seeds/\(dataset)/\(name)").path) }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw XCTSkip("\(dataset)/\(name) is not in \(candidates.joined(separator: " or "))")
        }
        return found
    }

    /// The given 1-based lines of a text file, each ending in a newline.
    static func lines(of path: String, _ numbers: [Int]) throws -> String {
        let all = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        return numbers.map { all[$0 - 1] + "\n" }.joined()
    }

    /// A JSON array of the given 0-based elements of a JSON array file, one element per line.
    static func jsonElements(of path: String, _ indices: [Int]) throws -> String {
        let document = try JSONParser.parse(try String(contentsOfFile: path, encoding: .utf8))
        let elements = try XCTUnwrap(document.arrayValue)
        return "[\n" + indices.map { elements[$0].serialized }.joined(separator: ",\n") + "\n]\n"
    }

    /// The header and the first `count` records of a CSV file, as they are written there.
    static func csvRecords(of path: String, count: Int) throws -> String {
        let records = try CSVReader.records(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard records.count > count + 1 else { return text }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines[0..<(records[count + 1].line - 1)].map { $0 + "\n" }.joined()
    }
}
