import FoundationEssentials
import Glibc
import KMATickerModel

/// A chart as PNG cannot be drawn.
public enum PNGRenderingError: Error, Sendable, CustomStringConvertible {
    /// `rsvg-convert` is not on PATH.
    case converterMissing(path: String)
    /// `rsvg-convert` ran and failed.
    case converterFailed(path: String, status: Int32, message: String)

    public var description: String {
        switch self {
        case .converterMissing(let path):
            return "cannot write \(path): a PNG is drawn by rsvg-convert, which is not on PATH; install it (Debian and Ubuntu: apt-get install librsvg2-bin; Fedora: librsvg2-tools; macOS: brew install librsvg), or write SVG (--out FILE.svg)"
        case .converterFailed(let path, let status, let message):
            return "cannot write \(path): rsvg-convert failed (status \(status))\(message.isEmpty ? "" : ": " + message)"
        }
    }
}

/// SVG to PNG through librsvg's `rsvg-convert`, the renderer GNOME and most Linux tools use:
/// it draws text with the system's fonts (fontconfig), Korean included.
public enum PNGRendering {
    /// The first executable `rsvg-convert` on `searchPath` (PATH's form), if any.
    package static func converter(searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        executable("rsvg-convert", searchPath: searchPath)
    }

    /// The first executable `name` on `searchPath` (PATH's form), if any.
    private static func executable(_ name: String, searchPath: String?) -> String? {
        for folder in (searchPath ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Whether fontconfig, which rsvg-convert draws text with, knows a font with Hangul
    /// (`fc-list :lang=ko`); `nil` when that cannot be asked (no `fc-list` on PATH). Without
    /// one, every Hangul glyph of a chart is drawn as a box.
    public static func hasKoreanFont(searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) -> Bool? {
        guard let lister = executable("fc-list", searchPath: searchPath) else { return nil }
        let run = Converter.run(lister, arguments: [":lang=ko", "family"])
        guard run.spawnError == nil, run.status == 0 else { return nil }
        return run.output.contains { $0 > 0x20 }
    }

    /// What to say when a PNG is drawn without a Korean font.
    public static let noKoreanFontWarning = "no font with Hangul is installed (fc-list :lang=ko lists none): the chart's Korean names are drawn as boxes; install one (Debian and Ubuntu: apt-get install fonts-nanum, which scripts/install-dependencies --png does), or write SVG (--out FILE.svg), which the viewer draws with its own fonts"

    /// The PNG bytes of `svg`, for the file at `path` (named in errors).
    public static func png(fromSVG svg: String, for path: String) throws(PNGRenderingError) -> [UInt8] {
        guard let converter = converter() else { throw .converterMissing(path: path) }
        // The SVG goes in as a file: writing a large document to a pipe while the converter's
        // output is not read yet could stall both.
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("kmaticker-chart-\(getpid())-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: input) }
        do {
            try Data(svg.utf8).write(to: input)
        } catch {
            throw .converterFailed(path: path, status: -1, message: "\(error)")
        }
        let run = Converter.run(converter, arguments: ["--format", "png", input.path])
        if let spawnError = run.spawnError {
            throw .converterFailed(path: path, status: -1, message: FileDescriptorWriting.describe(spawnError))
        }
        guard run.status == 0, !run.output.isEmpty else {
            throw .converterFailed(path: path, status: run.status,
                                   message: String(decoding: run.errors, as: UTF8.self).trimmingWhitespaceAndNewlines())
        }
        return run.output
    }

    /// `rsvg-convert` run as Foundation's `Process` ran it (which needs full Foundation): in a
    /// process group of its own, standard input from /dev/null, no other descriptor of this
    /// process (the store's, the terminal's), the environment and signal dispositions inherited.
    private enum Converter {
        struct Run {
            /// posix_spawn's error, when it could not start.
            var spawnError: Int32?
            var output: [UInt8] = [], errors: [UInt8] = []
            /// The exit status, or the number of the signal that ended it.
            var status: Int32 = -1
        }

        static func run(_ executable: String, arguments: [String]) -> Run {
            var output: [Int32] = [-1, -1], errors: [Int32] = [-1, -1]
            guard pipe(&output) == 0 else { return Run(spawnError: errno) }
            guard pipe(&errors) == 0 else {
                let error = errno
                close(output[0]); close(output[1])
                return Run(spawnError: error)
            }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDWR, 0)
            posix_spawn_file_actions_adddup2(&actions, output[1], STDOUT_FILENO)
            posix_spawn_file_actions_adddup2(&actions, errors[1], STDERR_FILENO)
            // The child keeps only the copies (a read end left open there would never see EOF),
            // and nothing else this process has open; closing one already closed is no error.
            let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.compactMap { Int32($0) } ?? []
            for descriptor in Set(open + output + errors) where descriptor > STDERR_FILENO {
                posix_spawn_file_actions_addclose(&actions, descriptor)
            }
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            posix_spawnattr_setpgroup(&attributes, 0)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))

            let argv = ([executable] + arguments).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid = pid_t()
            let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
            close(output[1]); close(errors[1])
            defer { close(output[0]); close(errors[0]) }
            guard spawned == 0 else { return Run(spawnError: spawned) }

            // Its messages are a few lines: read after the image, they cannot fill their pipe first.
            var run = Run(output: readAll(output[0]), errors: readAll(errors[0]))
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
            // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
            run.status = status & 0x7F == 0 ? (status >> 8) & 0xFF : status & 0x7F
            return run
        }

        private static func readAll(_ descriptor: Int32) -> [UInt8] {
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 64 << 10)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 { bytes += chunk[..<count] } else if count == 0 || errno != EINTR { return bytes }
            }
        }
    }
}
