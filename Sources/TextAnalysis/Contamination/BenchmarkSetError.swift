/// A benchmark path that cannot be read: which path and why, and what to give instead.
public struct BenchmarkSetError: Error, CustomStringConvertible, Equatable {
    /// The path given.
    public var path: String
    /// What went wrong.
    public var reason: String
    public var description: String {
        "cannot read benchmarks at \(path): \(reason); give --against a JSONL file of test problems or a folder of them (data/benchmarks ships GSM8K and MATH test)"
    }
}
