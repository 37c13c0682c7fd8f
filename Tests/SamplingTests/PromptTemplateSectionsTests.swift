import Foundation
import KGTestSupport
import LLMFormats
import XCTest

/// `PromptTemplate.renderLeavingOutEmptySections`: the sample prompt without blank sections.
final class PromptTemplateSectionsTests: XCTestCase {
    let full: [PromptTemplate.Placeholder: String] = [
        .topics: "Algebra; Geometry", .knowledgePoints: "Slope", .levels: "grade-7", .examples: "Example 1:\nWhat is 2+2?",
    ]

    func testWithEveryValueThePromptIsWhatRenderWrites() throws {
        for text in ["Topics: {topics}\nKPs: {knowledge_points}\n\n{examples}\n\nLevels: {levels}\n", "{topics}", "", "a\n\n\nb", "\n{levels}\n"] {
            let template = try PromptTemplate(text)
            XCTAssertEqual(template.renderLeavingOutEmptySections(full), template.render(full), text.debugDescription)
        }
    }

    func testALineWhosePlaceholdersAreAllEmptyIsLeftOutWithOneOfTheBlankLinesAroundIt() throws {
        let template = try PromptTemplate("Intro.\n\n{examples}\n\nTopics: {topics}\nKPs: {knowledge_points}\nLevels: {levels}\nEnd\n")
        var values = full
        values[.examples] = ""
        values[.levels] = ""
        XCTAssertEqual(template.renderLeavingOutEmptySections(values), "Intro.\n\nTopics: Algebra; Geometry\nKPs: Slope\nEnd\n")
        values[.knowledgePoints] = nil
        XCTAssertEqual(template.renderLeavingOutEmptySections(values), "Intro.\n\nTopics: Algebra; Geometry\nEnd\n")
        // A line with one empty and one filled placeholder stays.
        XCTAssertEqual(try PromptTemplate("{levels}{topics}|\nx").renderLeavingOutEmptySections([.topics: "T"]), "T|\nx")
        // At the start: the blank line after it goes too.
        XCTAssertEqual(try PromptTemplate("{examples}\n\nTopics: {topics}").renderLeavingOutEmptySections([.topics: "T"]), "Topics: T")
        // Blank lines the template has on their own are kept.
        XCTAssertEqual(try PromptTemplate("a\n\n\nb\n{levels}\nc").renderLeavingOutEmptySections([:]), "a\n\n\nb\nc")
        // A value's own line breaks do not split its line.
        XCTAssertEqual(try PromptTemplate("[{examples}]\n{levels}").renderLeavingOutEmptySections([.examples: "1\n\n2"]), "[1\n\n2]")
    }

    /// The shipped template with every combination of empty values: no section is left empty.
    func testEveryPromptFromTheDefaultTemplateHasNoEmptySection() throws {
        let path = repositoryRoot.appendingPathComponent("data/prompts/mathscale.txt").path
        let template = try PromptTemplate(contentsOfFile: path)
        XCTAssertEqual(template.placeholders, [.topics, .knowledgePoints, .examples, .levels])
        let keys: [PromptTemplate.Placeholder] = [.knowledgePoints, .examples, .levels]
        for mask in 0..<8 {
            var values = full
            for (bit, key) in keys.enumerated() where mask & (1 << bit) != 0 { values[key] = "" }
            let prompt = template.renderLeavingOutEmptySections(values)
            let lines = prompt.split(separator: "\n", omittingEmptySubsequences: false)
            for line in lines {
                XCTAssertFalse(line.hasSuffix(": "), "an empty section \(line.debugDescription) in\n\(prompt)")
                let label = line.trimmingCharacters(in: .whitespaces)
                XCTAssertFalse(["Topics:", "Knowledge points:", "Levels where these concepts appear:"].contains(label), "an empty section in\n\(prompt)")
            }
            XCTAssertFalse(prompt.contains("\n\n\n"), "two blank lines in a row in\n\(prompt)")
            XCTAssertTrue(prompt.contains("Topics: Algebra; Geometry"), prompt)
            XCTAssertEqual(prompt.contains("Knowledge points: Slope"), mask & 1 == 0, prompt)
            XCTAssertEqual(prompt.contains("What is 2+2?"), mask & 2 == 0, prompt)
            XCTAssertEqual(prompt.contains("grade-7"), mask & 4 == 0, prompt)
            XCTAssertTrue(prompt.hasPrefix("You are a math teacher."), prompt)
            XCTAssertTrue(prompt.contains("Answer in this form:"), prompt)
        }
    }
}
