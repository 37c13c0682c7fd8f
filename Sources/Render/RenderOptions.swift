/// A Graphviz layout engine kg offers.
public enum LayoutEngine: String, CaseIterable, Sendable {
    case dot, neato, fdp, sfdp, circo

    /// Whether the engine draws clusters (boxes around a topic and its KPs).
    public var drawsClusters: Bool { self == .dot || self == .fdp }
}

/// What a concept's colour shows.
public enum ColorScheme: String, CaseIterable, Sendable {
    /// Topics blue, knowledge points orange.
    case kind
    /// From kindergarten (light) to competition (dark), by the concept's middle level.
    case level
}

/// An output format.
public enum RenderFormat: String, CaseIterable, Sendable {
    case dot, svg, png

    /// The format an output path's extension names, if any.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[path.index(after: dot)...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }
}

/// How a graph is drawn.
public struct RenderOptions: Equatable, Sendable {
    public var layout: LayoutEngine
    public var colorBy: ColorScheme
    /// Group each topic with the KPs most tied to it, where the engine supports clusters.
    public var clusters: Bool
    /// Draw a legend.
    public var legend: Bool

    public init(layout: LayoutEngine = .dot, colorBy: ColorScheme = .kind, clusters: Bool = true, legend: Bool = true) {
        self.layout = layout
        self.colorBy = colorBy
        self.clusters = clusters
        self.legend = legend
    }
}

/// Why a graph cannot be drawn or written.
public enum RenderError: Error, Equatable, CustomStringConvertible {
    case emptyGraph(what: String)
    case graphviz(stage: String, message: String)
    case unwritable(path: String, reason: String)
    case unknownFormat(path: String)

    public var description: String {
        switch self {
        case .emptyGraph(let what):
            return "nothing to draw: \(what) has no concepts. Check the query with `kg query`, or try --overview."
        case .graphviz(let stage, let message):
            return
                "Graphviz failed to \(stage)\(message.isEmpty ? "" : ": \(message)"). Check that Graphviz is installed (apt-get install graphviz libgraphviz-dev)."
        case .unwritable(let path, let reason):
            return "cannot write \(path): \(reason). Check that the folder exists and is writable."
        case .unknownFormat(let path):
            return "cannot tell the format of \(path): name it .dot, .svg or .png, or pass --format."
        }
    }
}
