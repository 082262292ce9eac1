import Foundation
import Testing

/// Paths to `Fixtures/` and golden-file comparison, shared by both test targets.
///
/// Golden files sit next to their input with the same base name. Run the tests with
/// `KMATICKER_UPDATE_GOLDEN=1` to rewrite them on purpose; otherwise a difference fails.
public enum Fixtures {
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    public static let seedName = "000_24a8cc3d9cd846fc.txt"

    public static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    public static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: url(name))) }

    /// The seed page as printed at another time (`YYYY-MM-DD HH:MM`): its `최종편집` line
    /// changed, its 97 items kept. Pages that differ only so are new pages with new observations.
    public static func seedText(printedAt time: String) throws -> String {
        let text = try String(contentsOf: url(seedName), encoding: .utf8)
        precondition(text.contains(seedHeader), "the seed prints its time as \(seedHeader)")
        return text.replacingOccurrences(of: seedHeader, with: "최종편집: \(time)")
    }

    private static let seedHeader = "최종편집: 2025-08-18 10:40"

    /// Compares `actual` with the golden file `name`, or rewrites it when asked to.
    public static func expectMatchesGolden(_ actual: String, _ name: String,
                                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        let golden = url(name)
        if ProcessInfo.processInfo.environment["KMATICKER_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDifference = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actualLines.count, expectedLines.count)
            Issue.record("""
                \(name) differs at line \(firstDifference + 1):
                  expected: \(firstDifference < expectedLines.count ? String(expectedLines[firstDifference]) : "<end>")
                  actual:   \(firstDifference < actualLines.count ? String(actualLines[firstDifference]) : "<end>")
                (rerun with KMATICKER_UPDATE_GOLDEN=1 to accept the new output)
                """, sourceLocation: sourceLocation)
        }
    }
}

/// A fresh temporary folder per test, removed afterwards.
public final class TemporaryDirectory {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("kmaticker-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `contents` (UTF-8) to `name` and returns its path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        try Data(contents.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: url.appendingPathComponent(name))
        return path(name)
    }
}
