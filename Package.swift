// swift-tools-version:6.1
import PackageDescription

// One library per capability (docs/architecture.md):
//
//   KnowledgeBase  the store: model, JSON, files, SQLite schema, ingest, importers, snapshot, stats
//   TextAnalysis   text tokens and keyword matching (number masking, templates and dedup go here)
//   Query          the query language over the snapshot
//   LLMFormats     prompt templates and the request/answer line formats of OpenAI-compatible servers
//   LLMClient      the HTTP client for those servers: retries, concurrency, resumable runs
//   Extraction     seed problems → extraction requests; answers → extraction records
//   Sampling       samplers, their settings and the sampling job
//   Coverage       the curriculum, coverage audits, tagging and the sampling boost
//   Render         Graphviz topic maps, drawn in process or in a worker process (CProcess: its spawn calls)
//   Server         `kg serve`: the local web explorer (Hummingbird): HTML pages and the JSON API
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
        .library(name: "LLMFormats", targets: ["LLMFormats"]),
        .library(name: "LLMClient", targets: ["LLMClient"]),
        .library(name: "Extraction", targets: ["Extraction"]),
        // The OpenAI-compatible stand-in server the tests and benchmarks run on 127.0.0.1.
        .library(name: "LLMStandIn", targets: ["LLMStandIn"]),
        // The seeded input generators `kg-bench fuzz` and the fuzz tests share.
        .library(name: "KGFuzz", targets: ["KGFuzz"]),
        .library(name: "Sampling", targets: ["Sampling"]),
        .library(name: "Coverage", targets: ["Coverage"]),
        .library(name: "Render", targets: ["Render"]),
        .library(name: "Server", targets: ["Server"]),
        .executable(name: "kg", targets: ["kg"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // `kg serve`. No traits: the swift-configuration support is not used and stays out of the build.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
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
        .target(name: "LLMFormats", dependencies: ["KnowledgeBase"]),
        .target(
            name: "LLMClient",
            dependencies: [
                "KnowledgeBase", "LLMFormats",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(name: "Extraction", dependencies: ["KnowledgeBase", "LLMFormats"]),
        .target(name: "Sampling", dependencies: ["KnowledgeBase", "LLMFormats"]),
        .target(name: "Coverage", dependencies: ["KnowledgeBase", "TextAnalysis", "Sampling"]),
        // The _GNU_SOURCE process calls the drawing worker is started with.
        .target(name: "CProcess"),
        .target(name: "Render", dependencies: ["KnowledgeBase", "Query", "CGraphviz", "CProcess"]),
        .target(
            name: "Server",
            dependencies: [
                "KnowledgeBase", "Query", "Render", "Coverage", "Sampling", "LLMFormats",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "kg",
            dependencies: [
                "KnowledgeBase", "Query", "Sampling", "Coverage", "Render", "LLMFormats", "LLMClient", "Extraction", "TextAnalysis", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "KGTestSupport", dependencies: ["KnowledgeBase", "Sampling"], path: "Tests/Support"),
        .target(
            name: "LLMStandIn",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/StandIn"
        ),
        .target(name: "KGFuzz", dependencies: ["KnowledgeBase", "Query", "Coverage"], path: "Tests/Fuzz"),
        .testTarget(name: "FuzzTests", dependencies: ["KGFuzz"]),
        .testTarget(name: "KnowledgeBaseTests", dependencies: ["KnowledgeBase", "KGTestSupport", "CSQLite"]),
        .testTarget(name: "SamplingTests", dependencies: ["Sampling", "LLMFormats", "KnowledgeBase", "KGTestSupport"]),
        .testTarget(name: "CoverageTests", dependencies: ["Coverage", "Sampling", "TextAnalysis", "KnowledgeBase", "KGTestSupport"]),
        .testTarget(name: "TextAnalysisTests", dependencies: ["TextAnalysis", "KnowledgeBase", "LLMFormats", "KGTestSupport"]),
        .testTarget(name: "QueryTests", dependencies: ["Query", "KnowledgeBase", "KGTestSupport"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "KnowledgeBase", "CGraphviz", "KGTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ExtractionTests", dependencies: ["Extraction", "LLMFormats", "KnowledgeBase", "KGTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "LLMClientTests", dependencies: ["LLMClient", "LLMFormats", "KnowledgeBase", "LLMStandIn", "KGTestSupport"]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "kg", "KnowledgeBase", "Render", "TextAnalysis", "KGTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "kgTests", dependencies: ["kg", "KGTestSupport", "LLMStandIn", "KnowledgeBase"]),
    ],
    swiftLanguageModes: [.v5]
)
