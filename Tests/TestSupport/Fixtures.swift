import Foundation
import Testing

/// Paths to `Fixtures/` and golden-file comparison, shared by both test targets.
///
/// Golden files sit next to their input with the same base name. They are oracles written from
/// the page by hand (or by the script that made the page), never from kmaticker's output, so no
/// switch rewrites them: a difference fails, and the output is left beside the build
/// (`.build/golden-actual/NAME`) to compare with `diff`.
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

    /// The observations a hand-checked `*.observations.csv` golden file lists (a comment line,
    /// a header, then one line per observation): how many a page's ticker holds, counted from
    /// its description, not from kmaticker.
    public static func observationCount(_ name: String) -> Int {
        let text = (try? String(contentsOf: url(name), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.count - 1
    }

    /// Where a differing output is left, to compare with its golden file.
    public static let actualOutputDirectory = directory.deletingLastPathComponent()
        .appendingPathComponent(".build/golden-actual")

    /// Compares `actual` with the golden file `name`; on a difference, records an issue and
    /// leaves `actual` in ``actualOutputDirectory``.
    public static func expectMatchesGolden(_ actual: String, _ name: String,
                                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        let golden = url(name)
        let expected = try String(contentsOf: golden, encoding: .utf8)
        if actual != expected {
            let kept = actualOutputDirectory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: kept.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: kept, atomically: true, encoding: .utf8)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDifference = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actualLines.count, expectedLines.count)
            Issue.record("""
                \(name) differs at line \(firstDifference + 1):
                  expected: \(firstDifference < expectedLines.count ? String(expectedLines[firstDifference]) : "<end>")
                  actual:   \(firstDifference < actualLines.count ? String(actualLines[firstDifference]) : "<end>")
                (the output is in \(kept.path); the golden file is written from the page, not from
                kmaticker: check the page, then correct whichever is wrong)
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
