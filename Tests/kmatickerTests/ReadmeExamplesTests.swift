import Foundation
import Testing
import KMATickerTestSupport

/// Runs every `console` block of the README, and of docs/GUIDE.md, in order, each file on a
/// store that starts empty, and compares what each `$ kmaticker …` line prints with what the
/// file shows under it. Nothing rewrites the files: a changed output is a change of the docs,
/// made by hand.
@Suite struct ReadmeExamplesTests {
    /// Each file with the fewest examples it is expected to have.
    static let files = ["README.md": 4, "docs/GUIDE.md": 10]

    /// A README line and, when it is a command in a console block, what the README shows for it.
    struct Example {
        let command: String
        let shownOutput: String
    }

    /// Splits `kmaticker query --since "2025-08-18 10:30"` into arguments after `kmaticker`.
    static func arguments(_ command: String) -> [String] {
        var arguments: [String] = []
        var current = ""
        var quoted = false
        var started = false
        for character in command {
            if character == "\"" { quoted.toggle(); started = true; continue }
            if character == " ", !quoted {
                if started { arguments.append(current) }
                current = ""
                started = false
                continue
            }
            current.append(character)
            started = true
        }
        if started { arguments.append(current) }
        return Array(arguments.dropFirst())
    }

    @Test(arguments: files.keys.sorted())
    func readmeExamplesPrintWhatTheReadmeShows(file: String) throws {
        let readmeURL = Fixtures.directory.deletingLastPathComponent().appendingPathComponent(file)
        let readme = try String(contentsOf: readmeURL, encoding: .utf8)
        let directory = try TemporaryDirectory()
        try FileManager.default.createSymbolicLink(at: directory.url.appendingPathComponent("Fixtures"),
                                                   withDestinationURL: Fixtures.directory)
        var kmaticker = KMATickerBinary(home: directory.url)
        kmaticker.environment["KMATICKER_DB"] = directory.path("readme.sqlite")
        kmaticker.environment["KMATICKER_NOW"] = "2025-08-19 12:00"

        var inConsole = false
        var examples = 0
        var lines = readme.components(separatedBy: "\n")[...]
        while let line = lines.popFirst() {
            if line == "```console" { inConsole = true; continue }
            guard inConsole else { continue }
            if line == "```" { inConsole = false; continue }
            guard line.hasPrefix("$ kmaticker ") else {
                Issue.record("a console block line that is neither a command nor output: \(line)")
                continue
            }
            var shown: [String] = []
            while let next = lines.first, !next.hasPrefix("$ "), next != "```" {
                shown.append(next)
                lines.removeFirst()
            }
            let result = try kmaticker.run(Self.arguments(String(line.dropFirst(2))), in: directory.url)
            let actual = (result.stdout + result.stderr).replacingOccurrences(of: "\r\n", with: "\n")
                .replacingOccurrences(of: directory.url.path + "/", with: "")
            var actualLines = actual.components(separatedBy: "\n")
            if actualLines.last == "" { actualLines.removeLast() }
            examples += 1
            // An example may show kmaticker's own error, never a usage mistake in the README.
            #expect(result.status == 0 || result.stderr.hasPrefix("kmaticker: error:"), "\(file) example `\(line)` failed: \(result.stderr)")
            #expect(actualLines == shown, "\(file) example `\(line)` printed:\n\(actual)")
        }
        #expect(examples >= Self.files[file, default: 10])
    }

    @Test func argumentsKeepQuotedSpaces() {
        #expect(Self.arguments(#"kmaticker query --since "2025-08-18 10:30" --station 대전"#)
                == ["query", "--since", "2025-08-18 10:30", "--station", "대전"])
    }
}
