/// What MathScale's walk does when its KP stage finds no unvisited KP neighbour before it has
/// taken all its steps: the choice behind `kg sample --kp-fallback`.
///
/// The paper's walk stops there (`none`). On a knowledge base whose problems carry about one
/// KP each the KP–KP graph is sparse, and the walk stops at its first KP most of the time; the
/// other rules continue through the concept graph instead, so that the step still lands on a
/// KP that co-occurs with the walk's concepts. A fallback step is taken only where the paper's
/// walk would have stopped: every earlier step, and the random numbers behind it, are the same.
public enum KPFallback: String, CaseIterable, Sendable {
    /// Stop the KP stage (MathScale's walk, unchanged).
    case none
    /// Step from the current KP to one of its topics (∝ the topic–KP weight) and on to an
    /// unvisited KP of that topic (∝ weight); a topic with no unvisited KP is set aside and
    /// another drawn. The bridging topic joins the sample's topics when it is new.
    case topic
    /// As `topic`, but the bridging topic is only passed through: the sample's topics stay
    /// those of the topic walk.
    case bridge
    /// Draw the next KP from the walk's own topics, latest first (as the topic → KP step
    /// does), so that a KP the KP graph could not reach belongs to a topic of the sample.
    case walkTopics = "walk-topics"
}
