// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "kg",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Graph", targets: ["Graph"]),
        .library(name: "Query", targets: ["Query"]),
        .executable(name: "kg", targets: ["kg"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Only the benchmark uses GRDB: it measures GRDB against kg's own SQLite layer.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "Graph",
            dependencies: ["CSQLite"]
        ),
        .systemLibrary(
            name: "CGraphviz",
            path: "Sources/CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .target(
            name: "Render",
            dependencies: ["Graph", "CGraphviz"]
        ),
        .target(
            name: "Query",
            dependencies: ["Graph"]
        ),
        .executableTarget(
            name: "kg",
            dependencies: [
                "Graph",
                "Query",
                "Render",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "kg-bench",
            dependencies: [
                "Graph",
                "Query",
                "CSQLite",
                "Render",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "GraphTests", dependencies: ["Graph", "CSQLite"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Graph", "CGraphviz"]),
        .testTarget(name: "kgTests", dependencies: ["kg"]),
        .testTarget(name: "QueryTests", dependencies: ["Query", "Graph"]),
    ],
    swiftLanguageModes: [.v5]
)
