extension PromptTemplate {
    /// The prompt for one sample with its empty sections left out: a line that holds
    /// placeholders, all of which are empty here (no examples, no levels), is dropped with its
    /// line break, and where that leaves two blank lines in a row, one of them goes too.
    ///
    /// `Levels where these concepts appear: {levels}` disappears for a sample without levels
    /// rather than reaching the model with nothing after the colon. Lines without a
    /// placeholder, and lines where any placeholder has a value, are kept as `render` writes them.
    public func renderLeavingOutEmptySections(_ values: [Placeholder: String]) -> String {
        var kept: [String] = []
        // Whether the line just dropped followed a blank line (or the start of the prompt).
        var droppedAfterBlank = false
        for line in lines {
            var text = ""
            var hasPlaceholder = false, allEmpty = true
            for segment in line {
                switch segment {
                case .text(let t):
                    text += t
                case .placeholder(let p):
                    hasPlaceholder = true
                    let value = values[p] ?? ""
                    if !value.isEmpty { allEmpty = false }
                    text += value
                }
            }
            if hasPlaceholder && allEmpty {
                droppedAfterBlank = droppedAfterBlank || kept.last.map(Self.isBlank) ?? true
                continue
            }
            if droppedAfterBlank && Self.isBlank(text) {
                droppedAfterBlank = false
                continue
            }
            droppedAfterBlank = false
            kept.append(text)
        }
        return kept.joined(separator: "\n")
    }

    /// The segments split into lines at every line break of the template's text (a
    /// placeholder's value may hold line breaks of its own; they do not split its line).
    var lines: [[Segment]] {
        var lines: [[Segment]] = [[]]
        for segment in segments {
            guard case .text(let t) = segment else {
                lines[lines.count - 1].append(segment)
                continue
            }
            let parts = t.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if i > 0 { lines.append([]) }
                if !part.isEmpty { lines[lines.count - 1].append(.text(String(part))) }
            }
        }
        return lines
    }

    private static func isBlank(_ line: String) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
    }
}
