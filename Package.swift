// swift-tools-version:6.1
import PackageDescription

// Layers as targets: Domain (pure rules, no I/O) ← Storage (SQL) ← Web (HTTP) ← haicap (CLI).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "haicap",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "haicap", targets: ["haicap"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1")
    ],
    targets: [
        .target(
            name: "HaiCapDomain",
            swiftSettings: strict
        ),
        .target(
            name: "HaiCapStorage",
            dependencies: [
                "HaiCapDomain",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CSV", package: "CSV.swift")
            ],
            resources: [.copy("Resources/seed")],
            swiftSettings: strict
        ),
        .target(
            name: "HaiCapWeb",
            dependencies: [
                "HaiCapDomain",
                "HaiCapStorage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "JWTKit", package: "jwt-kit")
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/public"), .copy("Resources/openapi.yaml"), .copy("Resources/openapi")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "haicap",
            dependencies: [
                "HaiCapWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ],
            swiftSettings: strict
        ),
        // Fresh databases (SQLite file, or a PostgreSQL schema when HAICAP_TEST_DATABASE_URL is set) for tests.
        .target(
            name: "HaiCapTestSupport",
            dependencies: ["HaiCapWeb", "HaiCapStorage"],
            path: "Tests/HaiCapTestSupport",
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HaiCapDomainTests",
            dependencies: ["HaiCapDomain"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HaiCapStorageTests",
            dependencies: ["HaiCapStorage", "HaiCapTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HaiCapWebTests",
            dependencies: [
                "HaiCapWeb",
                "HaiCapTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto")
            ],
            swiftSettings: strict
        )
    ],
    swiftLanguageModes: [.v6]
)
