import Foundation

/// What a finished process printed, and how it ended.
public struct ProcessOutput: Sendable {
    public let status: Int32
    public let stdout: Data
    public let stderr: Data

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs a program to its end and collects what it printed: the one way the tests run gzip,
/// sqlite3, python3, sha256sum and kmaticker itself.
public enum ProcessRunner {
    /// - Parameters:
    ///   - environment: the whole environment; this process's when `nil`.
    ///   - input: standard input (nothing by default).
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           directory: URL? = nil, input: FileHandle = .nullDevice) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Drain stderr on another thread while stdout is read here: either pipe filling up
        // would stall the child.
        let errors = DrainedPipe(err)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.wait()
        process.waitUntilExit()
        return ProcessOutput(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

/// A pipe read to its end on a thread of its own.
private final class DrainedPipe: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// The system's sqlite3 shell, to look inside a store as a user would.
public enum SQLiteShell {
    /// What `sqlite3 DATABASE SQL` prints on standard output.
    public static func run(_ database: String, _ sql: String) throws -> String {
        try ProcessRunner.run("/usr/bin/sqlite3", [database, sql]).stdoutText
    }
}

/// `gzip -c FILE`: a page compressed by the real tool.
public func gzipped(_ file: URL) throws -> Data {
    try ProcessRunner.run("/bin/gzip", ["-c", file.path]).stdout
}

/// A file's SHA-256 by coreutils' sha256sum (independent of kmaticker's own digest): how tests
/// show that a command left a file's bytes as they were. `nil` when the file cannot be read.
public func sha256OfFile(_ path: String) -> String? {
    guard let output = try? ProcessRunner.run("/usr/bin/sha256sum", [path]), output.status == 0 else { return nil }
    return output.stdoutText.split(separator: " ").first.map(String.init)
}
