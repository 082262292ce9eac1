import Foundation
import Testing
import KMATickerTestSupport

/// The docs document every command, option, exit status and message the binary has: the guide
/// (docs/GUIDE.md) every command and option, docs/TROUBLESHOOTING.md every exit status and
/// message. The README stays a short front door, and every relative link in the docs leads
/// to a file (and heading) that exists.
@Suite struct DocumentationTests {
    static let root = Fixtures.directory.deletingLastPathComponent()
    let readme: String
    let guide: String
    let troubleshooting: String
    let kmaticker: KMATickerBinary
    let directory: TemporaryDirectory

    init() throws {
        readme = try Self.read("README.md")
        guide = try Self.read("docs/GUIDE.md")
        troubleshooting = try Self.read("docs/TROUBLESHOOTING.md")
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
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

    @Test func everyCommandHasAGuideSection() throws {
        let names = try subcommands()
        #expect(names == ["ingest", "extract", "query", "export", "stations", "chart"])
        for name in names {
            #expect(guide.contains("\n## `kmaticker \(name)"), "docs/GUIDE.md has no section for \(name)")
            #expect(readme.contains("`kmaticker \(name)"), "README does not show \(name)")
        }
    }

    @Test func everyOptionIsInTheGuide() throws {
        for name in try subcommands() {
            let help = try kmaticker.run([name, "--help"]).stdout
            let options = help.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "[" || $0 == "]" || $0 == "," })
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ":.;")) }
                .filter { $0.hasPrefix("--") && $0.count > 2 && $0 != "--help" }
            for option in Set(options) {
                #expect(guide.contains("`\(option)") || guide.contains(" \(option) "), "docs/GUIDE.md does not mention \(name) \(option)")
            }
        }
    }

    @Test func everyExitStatusIsInTroubleshooting() throws {
        let help = try kmaticker.run(["--help"]).stdout
        for status in [0, 1, 2, 3, 64] {
            #expect(troubleshooting.contains("| \(status) |"))
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
            #expect(troubleshooting.contains(message), "docs/TROUBLESHOOTING.md does not explain '\(message)'")
        }
    }

    /// The README is the front door: what kmaticker does, how to install and run it, one
    /// example per command, and where to go next. The rest lives in docs/.
    @Test func readmeIsShort() {
        let lines = readme.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        #expect(lines <= 250, "README.md has \(lines) lines; move details to docs/GUIDE.md")
    }

    /// Every relative link of the README, CONTRIBUTING.md and docs/*.md names a file that exists,
    /// and a `#fragment` names a heading of the Markdown file it points to.
    @Test func everyRelativeLinkLeadsSomewhere() throws {
        let docs = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        #expect(docs.contains("docs/GUIDE.md") && docs.contains("docs/TROUBLESHOOTING.md"))
        var checked = 0
        for file in ["README.md", "CONTRIBUTING.md"] + docs {
            let text = try Self.read(file)
            let folder = Self.root.appendingPathComponent(file).deletingLastPathComponent()
            for link in Self.links(in: text) {
                if link.contains("://") || link.hasPrefix("mailto:") { continue }
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let path = String(parts[0]), fragment = parts.count > 1 ? String(parts[1]) : ""
                let target = path.isEmpty ? Self.root.appendingPathComponent(file)
                                          : folder.appendingPathComponent(path).standardizedFileURL
                checked += 1
                guard FileManager.default.fileExists(atPath: target.path) else {
                    Issue.record("\(file): the link '\(link)' names no file")
                    continue
                }
                if !fragment.isEmpty {
                    #expect(target.pathExtension == "md", "\(file): the link '\(link)' has a fragment into a file that is not Markdown")
                    let headings = Self.anchors(in: try String(contentsOf: target, encoding: .utf8))
                    #expect(headings.contains(fragment), "\(file): the link '\(link)' names no heading of \(path.isEmpty ? file : path)")
                }
            }
        }
        #expect(checked >= 30)
    }

    /// The manual page, `kmaticker COMMAND --help` and the command's section of docs/GUIDE.md
    /// (the first column of its option table) name the same long options. `--help` and
    /// `--version` are left out: every command has them, and the manual page (its OPTIONS) and
    /// the guide ("Version, help, manual page, completions") say so once, not per command.
    @Test func manualHelpAndGuideNameTheSameOptions() throws {
        let manual = try Self.read("share/man/man1/kmaticker.1")
        let everywhere: Set<String> = ["--help", "--version"]
        for name in try subcommands() {
            let help = try kmaticker.run([name, "--help"]).stdout
            var fromHelp: Set<String> = []
            var inOptions = false
            for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("OPTIONS:") { inOptions = true; continue }
                if inOptions, !line.hasPrefix(" "), !line.isEmpty { inOptions = false }
                // `  --db <path>   The store…` or `  -v, --verbose   Print…`; a wrapped
                // description line is indented further.
                guard inOptions, line.hasPrefix("  -") else { continue }
                for word in line.split(separator: " ") {
                    guard word.hasPrefix("-") else { break }
                    fromHelp.formUnion(Self.longOptions(in: word))
                }
            }
            fromHelp.subtract(everywhere)

            // `.SS "kmaticker ingest"` up to the next `.SS` or `.SH`; each option is the line
            // after a `.TP` (`\fB\-\-db\fR \fIpath\fR`).
            var fromManual: Set<String> = []
            var inCommand = false, tag = false
            for line in manual.split(separator: "\n") {
                if line.hasPrefix(".SS ") || line.hasPrefix(".SH ") { inCommand = line == ".SS \"kmaticker \(name)\""; continue }
                guard inCommand else { continue }
                if tag { fromManual.formUnion(Self.longOptions(in: line.replacingOccurrences(of: "\\-", with: "-"))) }
                tag = line == ".TP"
            }
            fromManual.subtract(everywhere)

            // `## `kmaticker ingest PATH...`` up to the next `## `; the option table's rows start
            // with a code span of an option (`| `--db PATH` | …`).
            var fromGuide: Set<String> = []
            var inSection = false
            for line in guide.split(separator: "\n") {
                if line.hasPrefix("## ") { inSection = line.hasPrefix("## `kmaticker \(name)"); continue }
                guard inSection, line.hasPrefix("| `-"), let end = line.dropFirst().range(of: " | ") else { continue }
                fromGuide.formUnion(Self.longOptions(in: line[..<end.lowerBound]))
            }

            #expect(!fromHelp.isEmpty, "kmaticker \(name) --help lists no options")
            #expect(fromManual == fromHelp, "kmaticker.1 and kmaticker \(name) --help differ: \(fromManual.symmetricDifference(fromHelp).sorted())")
            #expect(fromGuide == fromHelp, "docs/GUIDE.md's section for \(name) and its --help differ: \(fromGuide.symmetricDifference(fromHelp).sorted())")
        }
    }

    /// `--db`, `--time-from`, … in `text`.
    static func longOptions<S: StringProtocol>(in text: S) -> Set<String> {
        var found: Set<String> = []
        let characters = Array(text)
        var index = 0
        while index + 2 < characters.count {
            if characters[index] == "-", characters[index + 1] == "-", characters[index + 2].isLowercase,
               index == 0 || characters[index - 1] != "-" {
                var end = index + 2
                while end < characters.count, characters[end].isLowercase || characters[end].isNumber || characters[end] == "-" { end += 1 }
                found.insert(String(characters[index..<end]))
                index = end
            } else {
                index += 1
            }
        }
        return found
    }

    /// Markdown text without its fenced code blocks and inline code spans.
    static func prose(_ markdown: String) -> String {
        var kept: [Substring] = []
        var fenced = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { fenced.toggle(); continue }
            if !fenced { kept.append(line) }
        }
        var out = ""
        var inCode = false
        for character in kept.joined(separator: "\n") {
            if character == "`" { inCode.toggle(); continue }
            if !inCode { out.append(character) }
        }
        return out
    }

    /// The targets of the inline links `[text](target)` of a Markdown file.
    static func links(in markdown: String) -> [String] {
        let text = prose(markdown)
        var targets: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "](") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: ")") else { break }
            let target = after[..<close]
            if !target.isEmpty, !target.contains(" "), !target.contains("\n") { targets.append(String(target)) }
            rest = after[close...]
        }
        return targets
    }

    /// The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped,
    /// spaces as hyphens, a repeated one suffixed `-1`, `-2`, ….
    static func anchors(in markdown: String) -> Set<String> {
        var anchors: Set<String> = []
        var fenced = false
        for line in markdown.split(separator: "\n") {
            if line.hasPrefix("```") { fenced.toggle(); continue }
            guard !fenced, line.hasPrefix("#"), let space = line.firstIndex(of: " "),
                  line[..<space].allSatisfy({ $0 == "#" }) else { continue }
            var slug = ""
            for character in line[line.index(after: space)...].lowercased() {
                if character.isLetter || character.isNumber || character == "-" || character == "_" {
                    slug.append(character)
                } else if character == " " {
                    slug.append("-")
                }
            }
            var unique = slug, count = 0
            while anchors.contains(unique) { count += 1; unique = "\(slug)-\(count)" }
            anchors.insert(unique)
        }
        return anchors
    }
}
