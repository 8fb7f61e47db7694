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
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    ],
    targets: [
        // Pure domain: no I/O, no system libraries.
        .target(name: "SesameCore"),

        // System libraries, wrapped so Swift can import them.
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "CPangoCairo", pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),
        .systemLibrary(
            name: "CQRencode", pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]),
        .target(
            name: "CCurlSMTP",
            linkerSettings: [.linkedLibrary("curl")]),

        // Writing files whole or not at all, for every module that writes one.
        .target(name: "SesameFiles", dependencies: ["SesameCore"]),

        .target(
            name: "SesameImport",
            dependencies: ["SesameCore", "SesameFiles", "COpenSSL", "Yams"]),
        .target(
            name: "SesameStore",
            dependencies: [
                "SesameCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        .target(
            name: "SesameTemplates",
            dependencies: ["SesameCore", .product(name: "Mustache", package: "swift-mustache")]),
        .target(
            name: "SesameDocuments",
            dependencies: [
                "SesameCore", "SesameFiles", "SesameTemplates", "CPangoCairo", "CQRencode",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .target(
            name: "SesameMail",
            dependencies: ["SesameCore", "SesameFiles", "SesameTemplates", "CCurlSMTP"]),
        .target(
            name: "SesameSeason",
            dependencies: [
                "SesameCore", "SesameFiles", "SesameImport", "SesameStore", "SesameTemplates", "SesameDocuments", "SesameMail",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]),
        // The web pages (`sesame serve`): routes that call the season, pages from Reports/web.
        .target(
            name: "SesameWeb",
            dependencies: [
                "SesameCore", "SesameFiles", "SesameSeason", "SesameStore", "SesameTemplates",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ]),
        .target(
            name: "SesameFixtures",
            dependencies: ["SesameCore"]),
        .executableTarget(
            name: "sesame",
            dependencies: [
                "SesameCore", "SesameImport", "SesameStore", "SesameTemplates", "SesameDocuments", "SesameMail", "SesameSeason",
                "SesameWeb", "SesameFixtures", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "sesame-bench",
            dependencies: [
                "SesameCore", "SesameImport", "SesameStore", "SesameTemplates", "SesameDocuments", "SesameFixtures",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/SesameBench"),
        // The readers of a director's files under libFuzzer (`scripts/fuzz`); built plainly, it
        // replays the files it is given.
        .executableTarget(name: "sesame-fuzz", dependencies: ["SesameCore", "SesameImport"], path: "Fuzz/SesameFuzz"),

        .target(name: "SesameTestSupport", path: "Tests/SesameTestSupport", exclude: ["Resources"]),
        .testTarget(name: "SesameCoreTests", dependencies: ["SesameCore"]),
        .testTarget(name: "SesameDocumentsTests", dependencies: ["SesameDocuments", "SesameTemplates", "SesameFixtures", "SesameTestSupport"]),
        .testTarget(name: "SesameImportTests", dependencies: ["SesameImport", "SesameFixtures"]),
        .testTarget(name: "SesameMailTests", dependencies: ["SesameMail", "SesameFixtures", "SesameTestSupport"]),
        .testTarget(
            name: "SesameStoreTests",
            dependencies: [
                "SesameStore", "SesameImport", "SesameFixtures", "SesameTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "SesameSeasonTests",
            dependencies: ["SesameSeason", "SesameStore", "SesameImport", "SesameCore", "SesameFixtures", "SesameTestSupport"]),
        .testTarget(
            name: "SesameWebTests",
            dependencies: [
                "SesameWeb", "SesameSeason", "SesameStore", "SesameCore", "SesameFixtures", "SesameTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
        .testTarget(name: "SesameEndToEndTests", dependencies: ["sesame", "SesameFixtures", "SesameTestSupport"]),
    ]
)
