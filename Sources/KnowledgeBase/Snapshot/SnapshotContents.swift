/// How much of the problems a snapshot reads: the concept graph alone is cheap, the
/// problems themselves cost a pass over every problem row.
public enum SnapshotContents: Comparable, Sendable {
    /// The concept graph: concepts, counts, adjacency.
    case graph
    /// The graph and each concept's level and source masks (for `level` and `source`
    /// conditions on concepts), built in one pass that keeps nothing per problem.
    case masks
    /// Everything: the masks and every problem's concept lists, level and source (for
    /// level filters, novelty, few-shot examples and queries over problems).
    case problems
}
