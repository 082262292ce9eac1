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
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CLibZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // glibc's memmem and memchr (header only).
        .systemLibrary(name: "CByteSearch"),

        // The layers, bottom to top (docs/ARCHITECTURE.md): each target imports only those below
        // it, so a step back up the flow is a compile error.
        //
        // The vocabulary every layer speaks: time, the station registry, a page's observations
        // and why a page failed. No C library but libcrypto's SHA-256.
        .target(
            name: "KMATickerModel",
            dependencies: ["CLibCrypto"],
            // Compiled into the binary, so kmaticker runs from any folder.
            resources: [.embedInCode("Registry/asos_stations.csv")]
        ),
        // Input: files, folders, gzip and zstd, WARC, WACZ, ARC, MHTML, HTTP captures, extract
        // shards, records fetched by byte range (a crawl's index rows) → captured pages.
        .target(name: "KMATickerInput", dependencies: ["KMATickerModel", "CZlib", "CLibDeflate", "CZstd", "CLibZip", "CCurl", "CByteSearch"]),
        // Text: a captured page's bytes → charset → lines of text (HTML, text capture, KMA's feed).
        .target(name: "KMATickerText", dependencies: ["KMATickerInput", "KMATickerModel", "CLibXML2", "CPCRE2", "CByteSearch"]),
        // Ticker: lines → the ticker's items → observations, with stations, conditions and the page's time.
        .target(name: "KMATickerParsing", dependencies: ["KMATickerText", "KMATickerInput", "KMATickerModel", "CByteSearch"]),
        // Store: the SQLite time series (schema.sql, migrations, the write session, row readers).
        .target(
            name: "KMATickerStore",
            dependencies: ["KMATickerModel", "CSQLite"],
            // schema.sql here is a symbolic link to the one schema, schema.sql at the package's top.
            resources: [.embedInCode("schema.sql")]
        ),
        // Report: what is stored → tables, CSV, JSON, workbooks, charts, each by its own printer.
        .target(name: "KMATickerReport", dependencies: ["KMATickerStore", "KMATickerModel", "CXLSXWriter", "CByteSearch"]),
        // The entry points the command line calls: ingest (input → text → ticker → store) and
        // extract (input → text → ticker → shard lines).
        .target(
            name: "KMATickerKit",
            dependencies: ["KMATickerParsing", "KMATickerText", "KMATickerInput", "KMATickerStore", "KMATickerReport", "KMATickerModel"]
        ),
        .executableTarget(
            name: "kmaticker",
            dependencies: [
                "KMATickerKit", "KMATickerReport", "KMATickerStore", "KMATickerModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fixture paths, golden files and temporary folders for both test targets.
        .target(name: "KMATickerTestSupport", path: "Tests/TestSupport"),
        // The benchmark: `swift run -c release kmaticker-bench` (see BENCHMARKS.md).
        .executableTarget(name: "kmaticker-bench", dependencies: ["KMATickerKit", "KMATickerReport", "KMATickerStore", "KMATickerParsing", "KMATickerText", "KMATickerInput", "KMATickerModel"]),
        // libFuzzer target over extraction and parsing; built only by dev/fuzz/fuzz.
        .executableTarget(name: "kmaticker-fuzz", dependencies: ["KMATickerKit", "KMATickerReport", "KMATickerStore", "KMATickerParsing", "KMATickerText", "KMATickerInput", "KMATickerModel"]),
        .testTarget(name: "KMATickerKitTests", dependencies: ["KMATickerKit", "KMATickerReport", "KMATickerStore", "KMATickerParsing", "KMATickerText", "KMATickerInput", "KMATickerModel", "KMATickerTestSupport"]),
        // End-to-end tests run the built binary; depending on it makes `swift test` build it.
        .testTarget(name: "kmatickerTests", dependencies: ["kmaticker", "KMATickerTestSupport"]),
    ]
)
