import Foundation

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
        for folder in (searchPath ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/rsvg-convert"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The PNG bytes of `svg`, for the file at `path` (named in errors).
    public static func png(fromSVG svg: String, for path: String) throws(PNGRenderingError) -> [UInt8] {
        guard let converter = converter() else { throw .converterMissing(path: path) }
        // The SVG goes in as a file: writing a large document to a pipe while the converter's
        // output is not read yet could stall both.
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("kmaticker-chart-\(getpid())-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: converter)
        process.arguments = ["--format", "png", input.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try Data(svg.utf8).write(to: input)
            try process.run()
        } catch {
            throw .converterFailed(path: path, status: -1, message: "\(error)")
        }
        // Its messages are a few lines: read after the image, they cannot fill their pipe first.
        let image = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, !image.isEmpty else {
            throw .converterFailed(path: path, status: process.terminationStatus,
                                   message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return [UInt8](image)
    }
}
