// swift-tools-version: 6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Newsmill",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "newsmill", targets: ["NewsCLI"]),
        .library(name: "HTML5Parser", targets: ["HTML5Parser"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Core: no dependencies at all, not even Foundation.
        .target(
            name: "HTML5Parser",
            swiftSettings: strictSettings + [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
        .target(name: "NewsCore", swiftSettings: strictSettings),
        .target(name: "FeedParsing", dependencies: ["NewsCore", "HTML5Parser"], swiftSettings: strictSettings),
        .target(
            name: "StoreSQLite",
            dependencies: ["NewsCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .target(name: "Publisher", dependencies: ["NewsCore", "HTML5Parser"], swiftSettings: strictSettings),
        .target(
            name: "Aggregator",
            dependencies: ["NewsCore", "FeedParsing", "HTML5Parser"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "NewsCLI",
            dependencies: [
                "NewsCore", "HTML5Parser", "FeedParsing", "StoreSQLite", "Publisher", "Aggregator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        // Throughput and memory measurement for scripts/bench-parsers.py (see BENCHMARKS.md).
        .executableTarget(
            name: "ParserThroughput",
            dependencies: ["HTML5Parser"],
            path: "Benchmarks/ParserThroughput",
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
        // libFuzzer targets (scripts/fuzz.sh); a plain build makes them replayers of saved inputs.
        .target(name: "FuzzSupport", path: "Fuzz/Support"),
        .executableTarget(name: "HTMLFuzzer", dependencies: ["HTML5Parser", "FuzzSupport"], path: "Fuzz/HTMLParser", exclude: ["corpus"]),
        .executableTarget(
            name: "FeedFuzzer", dependencies: ["FeedParsing", "NewsCore", "FuzzSupport"], path: "Fuzz/Feed", exclude: ["corpus"]),
        .executableTarget(
            name: "FeedThroughput",
            dependencies: ["FeedParsing"],
            path: "Benchmarks/FeedThroughput"
        ),
        .testTarget(
            name: "HTML5ParserTests",
            dependencies: ["HTML5Parser"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "NewsCoreTests", dependencies: ["NewsCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "FeedParsingTests",
            dependencies: ["FeedParsing", "NewsCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PublisherTests",
            dependencies: ["Publisher", "NewsCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "NewsCLITests",
            dependencies: ["NewsCLI", "NewsCore", "HTML5Parser", .product(name: "Yams", package: "Yams")],
            exclude: ["Snapshots"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
    ]
)
