// swift-tools-version:6.0
import PackageDescription

// kg's benchmarks, a package of their own so that GRDB (which only the driver benchmark
// uses, to compare with kg's own SQLite layer) stays out of kg's build and CI.
//
//   cd Benchmarks && swift run -c release kg-bench
let package = Package(
    name: "kg-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "kg", path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "kg-bench",
            dependencies: [
                .product(name: "KnowledgeBase", package: "kg"),
                .product(name: "Query", package: "kg"),
                .product(name: "Sampling", package: "kg"),
                .product(name: "Coverage", package: "kg"),
                .product(name: "Render", package: "kg"),
                .product(name: "LLMFormats", package: "kg"),
                .product(name: "Extraction", package: "kg"),
                .product(name: "LLMStandIn", package: "kg"),
                .product(name: "TextAnalysis", package: "kg"),
                .product(name: "KGFuzz", package: "kg"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        )
    ],
    swiftLanguageModes: [.v5]
)
