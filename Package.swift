// swift-tools-version: 6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    // Release builds let the optimiser inline across our modules (NewsCore's text helpers and
    // HTML5Parser's node accessors are called from every other module), and check exclusive access
    // at compile time only (the run-time checks were 1 % of a cold import's instructions). Together:
    // 0.8 % fewer instructions in a 300-feed import (callgrind).
    .unsafeFlags(["-cross-module-optimization", "-enforce-exclusivity=unchecked"], .when(configuration: .release)),
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
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Core: no dependencies at all, not even Foundation (NewsCore's only one is its C MinHash kernel).
        .target(
            name: "HTML5Parser",
            swiftSettings: strictSettings + [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
        // The MinHash sketch's inner loop in C: the eight slots as the lanes of one AVX-512 vector where the
        // processor has it (chosen at run time), a scalar loop elsewhere.
        .target(name: "MinHashKernel"),
        .target(name: "NewsCore", dependencies: ["MinHashKernel"], swiftSettings: strictSettings),
        // Keep/block rules, topics, tags and stock-code recognition (issue 14).
        // The A-share list is a CSV embedded in the module's code (no resource folder beside the binary).
        .target(
            name: "Topics", dependencies: ["NewsCore"], resources: [.embedInCode("Stocks/a-shares.csv")],
            swiftSettings: strictSettings
        ),
        .target(name: "FeedParsing", dependencies: ["NewsCore", "HTML5Parser"], swiftSettings: strictSettings),
        // The one SQLite setting that only C can make (sqlite3_config is variadic).
        .target(name: "SQLiteSettings", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "StoreSQLite",
            dependencies: [
                "NewsCore", "SQLiteSettings", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the one statement bound directly (DirectStatement).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // What Newsmill knows of news pages' boilerplate (promotion and QR-code words, image furniture, particular
        // sites' promotions), shared by Extraction and Publisher, which do not depend on each other.
        .target(name: "SiteKnowledge", dependencies: ["NewsCore"], swiftSettings: strictSettings),
        .target(
            name: "Publisher",
            dependencies: ["NewsCore", "HTML5Parser", "SiteKnowledge", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strictSettings
        ),
        .target(name: "Extraction", dependencies: ["NewsCore", "HTML5Parser", "SiteKnowledge"], swiftSettings: strictSettings),
        .target(
            name: "Fetching",
            dependencies: [
                "NewsCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Aggregator",
            dependencies: ["NewsCore", "FeedParsing", "HTML5Parser", "Extraction", "Publisher", "Topics"],
            swiftSettings: strictSettings
        ),
        // The configuration file: its schema, validation and the values it gives every other module.
        .target(
            name: "NewsConfig",
            dependencies: [
                "NewsCore", "Fetching", "Extraction", "FeedParsing", "Publisher", "Aggregator", "Topics",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        // The composition root: commands that wire the modules together.
        .executableTarget(
            name: "NewsCLI",
            dependencies: [
                "NewsCore", "HTML5Parser", "FeedParsing", "StoreSQLite", "Publisher", "Aggregator", "Fetching", "Extraction",
                "NewsConfig", "Topics",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            // The release binary carries the Swift runtime and Foundation itself: no dynamic loading and
            // symbol binding of a dozen libraries at every start (BENCHMARKS.md, issue 15). The compile
            // flag makes the objects name the static libraries' own dependencies (CoreFoundation, ICU).
            swiftSettings: strictSettings + [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
        ),
        // Throughput and memory measurement for scripts/bench-parsers.py (see BENCHMARKS.md).
        .executableTarget(
            name: "ParserThroughput",
            dependencies: ["HTML5Parser", "BenchmarkSupport"],
            path: "Benchmarks/ParserThroughput",
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
        // libFuzzer targets (scripts/fuzz.sh); a plain build makes them replayers of saved inputs.
        .target(name: "FuzzSupport", path: "Fuzz/Support"),
        .executableTarget(name: "HTMLFuzzer", dependencies: ["HTML5Parser", "FuzzSupport"], path: "Fuzz/HTMLParser", exclude: ["corpus"]),
        .executableTarget(
            name: "FeedFuzzer", dependencies: ["FeedParsing", "NewsCore", "FuzzSupport"], path: "Fuzz/Feed", exclude: ["corpus"]),
        .executableTarget(
            name: "ExtractionFuzzer", dependencies: ["Extraction", "Publisher", "FuzzSupport"], path: "Fuzz/Extraction",
            exclude: ["corpus"]),
        .target(name: "BenchmarkSupport", path: "Benchmarks/Support"),
        .executableTarget(
            name: "ExtractThroughput", dependencies: ["Extraction", "BenchmarkSupport"], path: "Benchmarks/ExtractThroughput"),
        .executableTarget(
            name: "FeedThroughput",
            dependencies: ["FeedParsing", "BenchmarkSupport"],
            path: "Benchmarks/FeedThroughput"
        ),
        // The site search index's build cost and per-query download for scripts/bench-search.py (see BENCHMARKS.md).
        .executableTarget(
            name: "SearchIndexThroughput", dependencies: ["Publisher", "BenchmarkSupport"], path: "Benchmarks/SearchIndexThroughput"),
        .testTarget(
            name: "HTML5ParserTests",
            dependencies: ["HTML5Parser", "TestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "NewsCoreTests", dependencies: ["NewsCore", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "TopicsTests", dependencies: ["Topics", "NewsCore"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(
            name: "NewsConfigTests", dependencies: ["NewsConfig", "NewsCore", "Publisher", "Fetching", "Aggregator"], swiftSettings: strictSettings),
        .testTarget(
            name: "ExtractionTests", dependencies: ["Extraction"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        // The checks every ArticleStore must pass (SQLite now, PostgreSQL next).
        .target(name: "StoreConformance", dependencies: ["NewsCore"], path: "Tests/StoreConformance", swiftSettings: strictSettings),
        .testTarget(
            name: "StoreSQLiteTests",
            dependencies: ["StoreSQLite", "NewsCore", "StoreConformance", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings),
        // A real HTTP server on 127.0.0.1 for the tests, with scripted misbehaviour.
        .target(
            name: "TestSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FetchingTests",
            dependencies: ["Fetching", "NewsCore", "Aggregator", "StoreSQLite", "TestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FeedParsingTests",
            dependencies: ["FeedParsing", "NewsCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PublisherTests",
            dependencies: ["Publisher", "NewsCore", "TestSupport", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        // Builds a site and crawls it: links, HTML5 parse errors, feeds, sitemap (Sources/Publisher/Site).
        .target(
            name: "SiteTestSupport", dependencies: ["Publisher", "NewsCore", "HTML5Parser", "FeedParsing"], path: "Tests/SiteTestSupport",
            swiftSettings: strictSettings),
        .testTarget(
            name: "SiteTests", dependencies: ["Publisher", "NewsCore", "HTML5Parser", "FeedParsing", "SiteTestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "NewsCLITests",
            dependencies: ["NewsCLI", "NewsCore", "HTML5Parser", "TestSupport", "SiteTestSupport", .product(name: "Yams", package: "Yams")],
            exclude: ["Snapshots"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
    ]
)
