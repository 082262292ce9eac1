import Foundation
import KMATickerTestSupport

/// Runs the built `kmaticker` binary in a clean environment: HOME is a temporary folder and
/// no KMATICKER_DB or XDG_DATA_HOME leaks in, so no test touches a real store.
struct KMATickerBinary {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// `kmaticker` sits beside the test bundle in the build folder (the test target depends on
    /// the executable, so `swift test` builds it first).
    static let url: URL = {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        // On Linux the test runner is `…/debug/kmatickerPackageTests.xctest`; elsewhere it can
        // sit inside a bundle, so walk up until `kmaticker` is found.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("kmaticker")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/kmaticker")
    }()

    let home: URL
    var environment: [String: String] = [:]

    init(home: URL) {
        self.home = home
    }

    /// The environment kmaticker runs in: this process's, with HOME and the store variables
    /// replaced.
    var processEnvironment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["KMATICKER_DB"] = nil
        env["XDG_DATA_HOME"] = nil
        env["HOME"] = home.path
        env.merge(environment) { $1 }
        return env
    }

    @discardableResult
    func run(_ arguments: [String], in directory: URL? = nil, input: FileHandle = .nullDevice) throws -> Result {
        let output = try ProcessRunner.run(Self.url.path, arguments, environment: processEnvironment,
                                           directory: directory ?? home, input: input)
        return Result(status: output.status, stdout: output.stdoutText, stderr: output.stderrText)
    }
}

extension KMATickerBinary {
    /// A fresh temporary folder and the binary that uses it as HOME.
    static func inTemporaryHome() throws -> (TemporaryDirectory, KMATickerBinary) {
        let directory = try TemporaryDirectory()
        return (directory, KMATickerBinary(home: directory.url))
    }
}

/// What every end-to-end suite starts from: a temporary folder that is kmaticker's HOME, and a
/// store path inside it.
protocol BinaryWorkspace {
    var directory: TemporaryDirectory { get }
    var kmaticker: KMATickerBinary { get }
}

extension BinaryWorkspace {
    var store: String { directory.path("store.sqlite") }

    /// A copy of Fixtures/archives without its README and expectation files (which a folder
    /// ingest would read too), in `archives` under the workspace; its path.
    static func copyOfArchiveFixtures(in directory: TemporaryDirectory) throws -> String {
        let archives = directory.path("archives")
        try FileManager.default.createDirectory(atPath: archives, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixtures.url("archives").path)
        where !name.hasSuffix(".csv") && !name.hasSuffix(".md") {
            try FileManager.default.copyItem(atPath: Fixtures.url("archives/" + name).path, toPath: archives + "/" + name)
        }
        return archives
    }

    /// Two pages with the values spreadsheets get wrong, written to the workspace: a negative
    /// temperature (`odd.txt`, 서울 −4.5 ℃) and a feed whose free-text station name a
    /// spreadsheet would run as a formula (`odd.xml`, `=HYPERLINK("x")`); their paths.
    func writeSpreadsheetTraps() throws -> [String] {
        // KMA's credit after the item: a one-item list is a ticker only with it.
        let odd = try directory.write("odd.txt", "최종편집: 2025-01-10 07:00\n  • 눈서울-4.5℃\n기상청 제공\n")
        let feed = try directory.write("odd.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <current><weather year="2025" month="01" day="10" hour="08">
            <local stn_id="999" desc="맑음" ta="1.0">=HYPERLINK("x")</local>
            </weather></current>
            """)
        return [odd, feed]
    }

    /// The store file's bytes, to show that a refused input left it untouched.
    func storeBytes() -> Data? { FileManager.default.contents(atPath: store) }
}
