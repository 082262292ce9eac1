import Foundation
import Glibc

/// A finished child process: wall time, peak memory, exit status.
struct ProcessRun {
    let seconds: Double
    let maxRSSKilobytes: Int
    let status: Int32
    /// User and system CPU seconds of the command (wait4's figures for /usr/bin/time, which
    /// include the child it waited for).
    var cpuSeconds: Double = 0
}

enum Measure {
    /// Runs `arguments[0]` with the rest, stdout to `stdoutPath` (default /dev/null): the wall
    /// time, and the peak RSS as GNU time reports it. (wait4's own figure would be wrong here:
    /// posix_spawn's vfork child counts this process's memory until it execs.)
    static func run(_ arguments: [String], stdoutPath: String = "/dev/null", environment: [String: String] = [:]) -> ProcessRun {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_addopen(&fileActions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let rssFile = FileManager.default.temporaryDirectory.appendingPathComponent("kmaticker-bench-rss-\(getpid())").path
        posix_spawn_file_actions_addopen(&fileActions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = ["/usr/bin/time", "-f", "%M", "-o", rssFile] + arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0)=\($1)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now()
        guard posix_spawn(&pid, "/usr/bin/time", &fileActions, nil, argv, envp) == 0 else {
            return ProcessRun(seconds: 0, maxRSSKilobytes: 0, status: -1)
        }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let rss = Int((try? String(contentsOfFile: rssFile, encoding: .utf8))?.split(separator: "\n").last ?? "") ?? 0
        try? FileManager.default.removeItem(atPath: rssFile)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return ProcessRun(seconds: seconds, maxRSSKilobytes: rss, status: (status >> 8) & 0xFF, cpuSeconds: cpu)
    }

    /// The median of `repeats` runs of `body` (seconds).
    static func median(_ repeats: Int, _ body: () -> Double) -> Double {
        let times = (0..<repeats).map { _ in body() }.sorted()
        return times[times.count / 2]
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now()
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// A shell command's standard output (for sqlite3 and machine facts).
    @discardableResult
    static func shell(_ command: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        try? process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
