// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Sesame",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sesame", targets: ["sesame"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Pure domain: no I/O, no system libraries.
        .target(name: "SesameCore"),

        // System libraries, wrapped so Swift can import them.
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),

        .target(
            name: "SesameImport",
            dependencies: ["SesameCore", "COpenSSL", "Yams"]),
        .target(
            name: "SesameStore",
            dependencies: [
                "SesameCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        .target(
            name: "SesameFixtures",
            dependencies: ["SesameCore"]),
        .executableTarget(
            name: "sesame",
            dependencies: [
                "SesameCore", "SesameImport", "SesameStore", "SesameFixtures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "sesame-bench",
            dependencies: ["SesameCore", "SesameImport", "SesameStore", "SesameFixtures"],
            path: "Benchmarks/SesameBench"),

        .testTarget(name: "SesameCoreTests", dependencies: ["SesameCore"]),
        .testTarget(name: "SesameImportTests", dependencies: ["SesameImport", "SesameFixtures"]),
        .testTarget(
            name: "SesameStoreTests",
            dependencies: [
                "SesameStore", "SesameImport", "SesameFixtures", .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(name: "SesameEndToEndTests", dependencies: ["sesame", "SesameFixtures"]),
    ]
)
