import Foundation

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

    @discardableResult
    func run(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = Self.url
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["KMATICKER_DB"] = nil
        env["XDG_DATA_HOME"] = nil
        env["HOME"] = home.path
        env.merge(environment) { $1 }
        process.environment = env
        process.currentDirectoryURL = directory ?? home
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so a large output cannot fill a pipe and stall.
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }
}
