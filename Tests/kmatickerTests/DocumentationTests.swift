import Foundation
import Testing
import KMATickerTestSupport

/// The README documents every command, option and exit status the binary has.
@Suite struct DocumentationTests {
    let readme: String
    let kmaticker: KMATickerBinary
    let directory: TemporaryDirectory

    init() throws {
        readme = try String(contentsOf: Fixtures.directory.deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
    }

    /// The subcommand names listed by `kmaticker --help`.
    func subcommands() throws -> [String] {
        let help = try kmaticker.run(["--help"]).stdout
        let section = try #require(help.components(separatedBy: "SUBCOMMANDS:").last)
        // The list ends at the first blank line.
        let list = section.components(separatedBy: "\n\n").first { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? ""
        return list.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first else { return nil }
            return String(name)
        }
    }

    @Test func everyCommandHasAReadmeSection() throws {
        let names = try subcommands()
        #expect(names == ["ingest", "extract", "query", "export", "stations", "chart"])
        for name in names {
            #expect(readme.contains("### `kmaticker \(name)"), "README has no section for \(name)")
        }
    }

    @Test func everyOptionIsInTheReadme() throws {
        for name in try subcommands() {
            let help = try kmaticker.run([name, "--help"]).stdout
            let options = help.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "[" || $0 == "]" || $0 == "," })
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ":.;")) }
                .filter { $0.hasPrefix("--") && $0.count > 2 && $0 != "--help" }
            for option in Set(options) {
                #expect(readme.contains("`\(option)") || readme.contains(" \(option) "), "README does not mention \(name) \(option)")
            }
        }
    }

    @Test func everyExitStatusIsInTheReadme() throws {
        let help = try kmaticker.run(["--help"]).stdout
        for status in [0, 1, 2, 3, 64] {
            #expect(readme.contains("| \(status) |"))
            #expect(help.contains("\(status) "))
        }
    }

    @Test func everyPerFileErrorIsInTheTroubleshootingTable() {
        for message in ["no such file", "it is a directory", "permission denied", "the file is empty",
                        "the file holds only whitespace", "the file is binary data, not a saved page (text or HTML)",
                        "no KMA weather ticker found in the page", "no page time found",
                        "the page gives only a date", "the file is not text kmaticker can decode", "the page is larger than 16 MiB",
                        "the ticker's items are malformed", "has a number with no unit", "in a unit that is not °C",
                        "which is no part of a ticker item", "which no weather station reports", "is no ticker item",
                        "stands apart from the ticker after it", "the page prints its ticker", "the copies disagree",
                        "does not match the ticker", "left unresolved", "not a ticker: a list inside a sentence",
                        "unknown condition word", "unknown station name", "is not in the registry", "conflict for",
                        "is not a kmaticker store", "was written by a newer kmaticker", "cannot open the store", "no store at"] {
            #expect(readme.contains(message), "README does not explain '\(message)'")
        }
    }
}
