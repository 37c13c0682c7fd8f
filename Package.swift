// swift-tools-version:6.0
import PackageDescription

// One library per capability (docs/architecture.md):
//
//   KnowledgeBase  the store: model, JSON, files, SQLite schema, ingest, importers, snapshot, stats
//   TextAnalysis   text tokens and keyword matching (number masking, templates and dedup go here)
//   Query          the query language over the snapshot
//   Sampling       samplers, their settings and the sampling job
//   Coverage       the curriculum, coverage audits, tagging and the sampling boost
//   Render         Graphviz topic maps
//   kg             the command-line tool: argument parsing, calls into the libraries, printing
//
// The benchmarks are a package of their own in Benchmarks/ (as in swift-collections), so
// their dependencies stay out of this build.
let package = Package(
    name: "kg",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "KnowledgeBase", targets: ["KnowledgeBase"]),
        .library(name: "TextAnalysis", targets: ["TextAnalysis"]),
        .library(name: "Query", targets: ["Query"]),
        .library(name: "Sampling", targets: ["Sampling"]),
        .library(name: "Coverage", targets: ["Coverage"]),
        .library(name: "Render", targets: ["Render"]),
        .executable(name: "kg", targets: ["kg"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CGraphviz",
            path: "Sources/CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .target(name: "KnowledgeBase", dependencies: ["CSQLite"]),
        .target(name: "TextAnalysis", dependencies: ["KnowledgeBase"]),
        .target(name: "Query", dependencies: ["KnowledgeBase"]),
        .target(name: "Sampling", dependencies: ["KnowledgeBase"]),
        .target(name: "Coverage", dependencies: ["KnowledgeBase", "TextAnalysis", "Sampling"]),
        .target(name: "Render", dependencies: ["KnowledgeBase", "Query", "CGraphviz"]),
        .executableTarget(
            name: "kg",
            dependencies: [
                "KnowledgeBase", "Query", "Sampling", "Coverage", "Render",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "KGTestSupport", dependencies: ["KnowledgeBase", "Sampling"], path: "Tests/Support"),
        .testTarget(name: "KnowledgeBaseTests", dependencies: ["KnowledgeBase", "KGTestSupport", "CSQLite"]),
        .testTarget(name: "SamplingTests", dependencies: ["Sampling", "KnowledgeBase", "KGTestSupport"]),
        .testTarget(name: "CoverageTests", dependencies: ["Coverage", "Sampling", "TextAnalysis", "KnowledgeBase", "KGTestSupport"]),
        .testTarget(name: "QueryTests", dependencies: ["Query", "KnowledgeBase", "KGTestSupport"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "KnowledgeBase", "CGraphviz", "KGTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "kgTests", dependencies: ["kg", "KGTestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
