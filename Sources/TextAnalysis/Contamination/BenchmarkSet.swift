import KnowledgeBase

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Benchmark test problems to check against: JSONL files, each one benchmark, named by its
/// path below the folder given without `.jsonl` (`gsm8k/test` in `data/benchmarks`; a file
/// directly in the folder takes the folder's name: `gsm8k/test` for `data/benchmarks/gsm8k`),
/// or by its file name.
public struct BenchmarkSet {
    /// The benchmarks' names, in the order read.
    public private(set) var names: [String] = []
    /// Every test problem; `benchmark[i]` is the index of problem i's benchmark in `names`.
    public let problems = ProblemCollection()
    /// Per test problem, the index of its benchmark in `names`.
    public private(set) var benchmark: [Int32] = []

    /// An empty set, to `add(path:)` to.
    public init() {}

    /// Reads `path`: a JSONL file, or a folder whose `.jsonl` files (at any depth, in sorted
    /// order) are benchmarks.
    public init(path: String) throws {
        try add(path: path)
    }

    /// Adds the benchmarks at `path` (a JSONL file or a folder of them).
    public mutating func add(path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { throw BenchmarkSetError(path: path, reason: String(cString: strerror(errno))) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            let files = try BenchmarkSet.jsonlFiles(in: path)
            if files.isEmpty { throw BenchmarkSetError(path: path, reason: "the folder holds no .jsonl benchmark files") }
            // A file directly in the folder is named with the folder's name: gsm8k/test.
            let folderName = path.split(separator: "/").last.map(String.init) ?? path
            for relative in files {
                let stem = String(relative.dropLast(".jsonl".count))
                try read(path + "/" + relative, name: relative.contains("/") ? stem : folderName + "/" + stem)
            }
        } else {
            let file = path.split(separator: "/").last.map(String.init) ?? path
            try read(path, name: file.hasSuffix(".jsonl") ? String(file.dropLast(".jsonl".count)) : file)
        }
    }

    private mutating func read(_ path: String, name: String) throws {
        let before = problems.count
        try problems.read(path)
        names.append(name)
        benchmark.append(contentsOf: repeatElement(Int32(names.count - 1), count: problems.count - before))
    }

    /// The id of test problem i: its `id`, or `NAME:LINE` when it has none.
    public func testID(_ i: Int) -> String {
        problems.ids[i] ?? "\(names[Int(benchmark[i])]):\(problems.lines[i])"
    }

    /// The `.jsonl` files below `folder`, as sorted relative paths.
    static func jsonlFiles(in folder: String) throws -> [String] {
        var found: [String] = []
        func walk(_ relative: String) throws {
            let full = relative.isEmpty ? folder : folder + "/" + relative
            guard let dir = opendir(full) else { throw BenchmarkSetError(path: full, reason: String(cString: strerror(errno))) }
            defer { closedir(dir) }
            var entries: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                if name == "." || name == ".." || name.hasPrefix(".") { continue }
                entries.append(name)
            }
            for name in entries.sorted() {
                let child = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard stat(folder + "/" + child, &info) == 0 else { continue }
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    try walk(child)
                } else if name.hasSuffix(".jsonl") {
                    found.append(child)
                }
            }
        }
        try walk("")
        return found
    }
}
