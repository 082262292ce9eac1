// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "kmaticker",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kmaticker", targets: ["kmaticker"]),
        .library(name: "KMATickerKit", targets: ["KMATickerKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries, found through pkg-config; `providers` names the Debian packages.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLibDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // glibc's memmem and memchr (header only).
        .systemLibrary(name: "CByteSearch"),

        .target(
            name: "KMATickerKit",
            dependencies: ["CSQLite", "CPCRE2", "CLibXML2", "CZlib", "CLibDeflate", "CLibCrypto", "CByteSearch", "CXLSXWriter"],
            // Compiled into the binary, so kmaticker runs from any folder. Storage/schema.sql
            // is a symbolic link to the one schema, schema.sql at the package's top.
            resources: [.embedInCode("Registry/asos_stations.csv"), .embedInCode("Storage/schema.sql")]
        ),
        .executableTarget(
            name: "kmaticker",
            dependencies: [
                "KMATickerKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fixture paths, golden files and temporary folders for both test targets.
        .target(name: "KMATickerTestSupport", path: "Tests/TestSupport"),
        // The benchmark: `swift run -c release kmaticker-bench` (see BENCHMARKS.md).
        .executableTarget(name: "kmaticker-bench", dependencies: ["KMATickerKit"]),
        // libFuzzer target over extraction and parsing; built only by dev/fuzz/fuzz.
        .executableTarget(name: "kmaticker-fuzz", dependencies: ["KMATickerKit"]),
        .testTarget(name: "KMATickerKitTests", dependencies: ["KMATickerKit", "KMATickerTestSupport"]),
        // End-to-end tests run the built binary; depending on it makes `swift test` build it.
        .testTarget(name: "kmatickerTests", dependencies: ["kmaticker", "KMATickerTestSupport"]),
    ]
)
