import KnowledgeBase

/// A parsed query: the text and its syntax tree, ready for `QueryEvaluator`.
///
/// ```swift
/// let query = try Query.parse(#"topic "probability" | neighbors kp | top 10 by weight"#)
/// let result = try QueryEvaluator(snapshot: snapshot).evaluate(query)
/// ```
/// docs/query.md has the grammar and an example of every construct.
public struct Query: Equatable, Sendable {
    /// The text as given.
    public let text: String
    /// The syntax tree.
    public let pipeline: Pipeline

    /// Parses `text`; throws `QueryError` (with the column and what was expected) when it is
    /// not a query. Never traps and never loops, whatever the input.
    public static func parse(_ text: String) throws -> Query {
        var parser = try QueryParser(text)
        return Query(text: text, pipeline: try parser.parseQuery())
    }

    /// Whether evaluating needs the snapshot's problems or their masks (`problems`, or a
    /// `level`, `source` or `id` condition).
    public var needsProblems: Bool { snapshotContents != .graph }

    /// How much of the problems the snapshot must hold for this query: the graph alone
    /// loads several times faster than everything.
    public var snapshotContents: SnapshotContents {
        var use = SnapshotContents.graph
        var operands = [pipeline.head] + pipeline.setOperations.map(\.operand)
        var steps = pipeline.steps
        // Walk nested pipelines with an explicit stack (the parser bounds their depth anyway).
        while let operand = operands.popLast() {
            switch operand {
            case .source(let source):
                if source.form == .problems { return .problems }
            case .pipeline(let inner):
                operands.append(inner.head)
                operands.append(contentsOf: inner.setOperations.map(\.operand))
                steps.append(contentsOf: inner.steps)
            }
        }
        for step in steps {
            var fields: [Field] = []
            switch step.form {
            case .problems: return .problems
            case .filter(let predicate): fields = Query.fields(in: predicate)
            case .sort(let key), .top(_, let key): fields = [key.field.field]
            default: continue
            }
            if fields.contains(.id) { return .problems }
            if fields.contains(.level) || fields.contains(.source) { use = .masks }
        }
        return use
    }

    private static func fields(in predicate: Predicate) -> [Field] {
        var stack = [predicate], fields: [Field] = []
        while let p = stack.popLast() {
            switch p {
            case .and(let terms), .or(let terms): stack.append(contentsOf: terms)
            case .not(let inner): stack.append(inner)
            case .comparison(let c): fields.append(c.field.field)
            }
        }
        return fields
    }
}
