/// A labelled public dataset that `kg import` turns into extraction records.
///
/// Each importer decides which of the dataset's labels become topics, which become
/// knowledge points, and the level; docs/importers.md states the choices per dataset.
public enum Dataset: String, CaseIterable, Sendable {
    case talSCQ5K = "tal-scq5k"
    case mathcamps
    case kmx
    case champ
    case mathscale
    case math
    case olympiadbench
    case collegemath
    case theoremqa
    case mathodyssey
    case mathematicsDataset = "mathematics-dataset"

    /// One line for `--help`.
    public var summary: String {
        switch self {
        case .talSCQ5K: return "TAL-SCQ5K: knowledge-point routes (competition-style, primary to high school)"
        case .mathcamps: return "MathCAMPS: one Common Core standard per problem, with its domain and cluster (K-8)"
        case .kmx: return "KMX: Khan Academy unit > lesson > exercise, plus a subject label (grades 1-8)"
        case .champ: return "CHAMP: competition problems with named concepts"
        case .mathscale: return "MathScale-shaped extraction sample (topics + knowledge points)"
        case .math: return "MATH: subject and difficulty (topics only; name test.jsonl for the test set)"
        case .olympiadbench: return "OlympiadBench (English maths, text only): subfield (topics only)"
        case .collegemath: return "CollegeMath: textbook topic (topics only); each row keeps its licence"
        case .theoremqa: return "TheoremQA (maths part): subfield (topic) and named theorem (KP), college"
        case .mathodyssey: return "MathOdyssey: subject (topic) at high school, HS competition and college"
        case .mathematicsDataset: return "mathematics_dataset sample: generator module (topic, KP), high school and college"
        }
    }

    /// Whether rows carry licences of their own, so that `--licence-safe` applies.
    public var hasPerRowLicences: Bool { self == .collegemath }

    /// Reads the dataset at `path` (its file, or its folder where it has several files) and
    /// returns one extraction record per labelled problem, in the dataset's order. With
    /// `licenceSafeOnly`, a dataset whose rows carry their own licences (CollegeMath) keeps only
    /// the rows that may be redistributed with changes for any use.
    public func records(at path: String, licenceSafeOnly: Bool = false) throws -> [ExtractionRecord] {
        switch self {
        case .talSCQ5K: return try TALSCQ5KImporter().records(at: path)
        case .mathcamps: return try MathCAMPSImporter().records(at: path)
        case .kmx: return try KMXImporter().records(at: path)
        case .champ: return try CHAMPImporter().records(at: path)
        case .mathscale: return try MathScaleImporter().records(at: path)
        case .math: return try MATHImporter().records(at: path)
        case .olympiadbench: return try OlympiadBenchImporter().records(at: path)
        case .collegemath: return try CollegeMathImporter(licenceSafeOnly: licenceSafeOnly).records(at: path)
        case .theoremqa: return try TheoremQAImporter().records(at: path)
        case .mathodyssey: return try MathOdysseyImporter().records(at: path)
        case .mathematicsDataset: return try MathematicsDatasetImporter().records(at: path)
        }
    }
}

/// A dataset file that cannot be imported: which file, where, and what is wrong.
public struct ImportError: Error, CustomStringConvertible, Equatable {
    public var dataset: String
    public var path: String
    /// 1-based line (JSONL, CSV) or element index (JSON arrays); nil for whole-file problems.
    public var line: Int?
    public var field: String?
    public var message: String

    public init(dataset: String, path: String, line: Int? = nil, field: String? = nil, message: String) {
        self.dataset = dataset
        self.path = path
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = "\(dataset): \(path)"
        if let line { text += ":\(line)" }
        if let field { text += ": field '\(field)'" }
        return text + ": " + message
    }
}
