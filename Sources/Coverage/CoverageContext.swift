/// Everything needed to place problems in a curriculum: the curriculum, its keywords, the
/// explicit-label reader, the concept mapper (with the user's overrides) and the resolver.
///
/// ```swift
/// let context = CoverageContext(curriculum: try Curriculum.load(path: "data/curriculum/curriculum.jsonl"))
/// let audit = try context.audit(knowledgeBase: kb)
/// let report = try CoverageReport(audit: audit, target: .uniform)
/// ```
public final class CoverageContext {
    public let curriculum: Curriculum
    /// Where the curriculum was read from, for reports.
    public let curriculumPath: String
    public let keywords: AreaKeywords
    public let labels: ExplicitAreaLabels
    public let mapper: ConceptAreaMapper
    public var resolver: AreaResolver

    /// - Parameter useText: let problem texts choose areas where labels and concepts leave off.
    public init(
        curriculum: Curriculum, curriculumPath: String = "", overrides: AreaOverrides = AreaOverrides(),
        useText: Bool = true
    ) {
        self.curriculum = curriculum
        self.curriculumPath = curriculumPath
        keywords = AreaKeywords(curriculum: curriculum)
        labels = ExplicitAreaLabels(curriculum: curriculum)
        mapper = ConceptAreaMapper(keywords: keywords, overrides: overrides)
        resolver = AreaResolver(keywords: keywords, useText: useText)
    }

    /// Reads a curriculum file (and an overrides file) and builds a context.
    public convenience init(curriculumPath: String, overridesPath: String? = nil, useText: Bool = true) throws {
        let curriculum = try Curriculum.load(path: curriculumPath)
        let overrides = try overridesPath.map { try AreaOverrides.load(path: $0, curriculum: curriculum) } ?? AreaOverrides()
        self.init(curriculum: curriculum, curriculumPath: curriculumPath, overrides: overrides, useText: useText)
    }
}
