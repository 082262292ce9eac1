import Foundation
import Glibc
import Testing
import KMATickerTestSupport

/// `--version`, the help's examples, the manual page, shell completions, and a command line the
/// runtime cannot read (no /proc).
@Suite struct CommandLineConventionsTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary
    static let root = Fixtures.directory.deletingLastPathComponent()

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
    }

    // MARK: --version

    /// The version is semantic, and the schema version and registry digest are what a store that
    /// `ingest` wrote says of itself (read with the sqlite3 shell).
    @Test func versionSaysTheVersionTheStoreSchemaAndTheRegistry() throws {
        let ingest = try kmaticker.run(["ingest", "--db", store, Fixtures.url(Fixtures.seedName).path])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let version = try kmaticker.run(["--version"])
        #expect(version.status == 0)
        let lines = version.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 3, "\(version.stdout)")
        #expect(lines[0].wholeMatch(of: /kmaticker (0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)/) != nil, "\(lines[0])")
        let schema = try SQLiteShell.run(store, "PRAGMA user_version").trimmingCharacters(in: .newlines)
        #expect(lines[1] == "store schema version \(schema)")
        let registry = try SQLiteShell.run(store, "SELECT station_count || ' stations, sha256 ' || digest FROM registry_version")
            .trimmingCharacters(in: .newlines)
        #expect(lines[2].wholeMatch(of: /station registry [0-9]{4}-[0-9]{2}-[0-9]{2}: .*/) != nil, "\(lines[2])")
        #expect(lines[2].hasSuffix(": " + registry), "\(lines[2]) vs the store's \(registry)")
    }

    // MARK: Help

    /// The lines of the help's example block that are commands (comments and prose left out).
    static func exampleCommands(_ help: String) -> [String] {
        guard let block = help.components(separatedBy: "Examples:\n").dropFirst().first else { return [] }
        return block.split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("  ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("kmaticker ") }
    }

    /// Splits a command as sh would for these examples: words, "double quotes", ~/ as HOME.
    func words(_ command: String) -> [String] {
        var words: [String] = [], word = "", quoted = false
        for character in command {
            if character == "\"" { quoted.toggle() } else if character == " ", !quoted {
                if !word.isEmpty { words.append(word) }
                word = ""
            } else { word.append(character) }
        }
        if !word.isEmpty { words.append(word) }
        return words.map { $0.hasPrefix("~/") ? directory.url.path + $0.dropFirst() : $0 }
    }

    @Test func noArgumentsPrintsTheHelpWithItsExamples() throws {
        let bare = try kmaticker.run([])
        let help = try kmaticker.run(["--help"])
        #expect(bare.status == 0)
        #expect(bare.stdout == help.stdout)
        #expect(Self.exampleCommands(help.stdout).map { $0.split(separator: " ")[1] } == ["ingest", "ingest", "query", "query", "export"])
    }

    /// Every example runs as written, in order, on a folder holding the seed page, and does what
    /// its comment says (the values from the seed's expectations: 대전 30.3, 서울 29.3).
    @Test func everyExampleInTheHelpRuns() throws {
        try FileManager.default.createDirectory(atPath: directory.path("pages"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.url(Fixtures.seedName).path, toPath: directory.path("pages/" + Fixtures.seedName))
        try FileManager.default.copyItem(atPath: Fixtures.url(Fixtures.seedName).path, toPath: directory.path("page.txt"))
        var runner = kmaticker
        runner.environment["KMATICKER_NOW"] = "2025-08-18 12:00"
        let commands = Self.exampleCommands(try kmaticker.run(["--help"]).stdout)
        try #require(commands.count == 5)
        var outputs: [String] = []
        for command in commands {
            let result = try runner.run(Array(words(command).dropFirst()), in: directory.url)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            outputs.append(result.stdout)
        }
        #expect(outputs[0].contains("97 new"))
        #expect(outputs[2].contains(" 133  대전     맑음                30.3"), "\(outputs[2])")
        #expect(outputs[3].split(separator: "\n").count == 1 + 97, "\(outputs[3])")
        let csv = try String(contentsOfFile: directory.path("서울.csv"), encoding: .utf8)
        #expect(csv.contains(",108,서울,구름많음,29.3,"), "\(csv)")
    }

    // MARK: Manual page

    /// share/man/man1/kmaticker.1 is what dev/fixtures/generate-manual.py makes of this binary's help
    /// now, byte for byte (run the script after changing any help text), and groff reads it
    /// without a warning and shows its Hangul.
    @Test func checkedInManualIsTheHelpOfThisBinary() throws {
        let fresh = directory.path("kmaticker.1")
        let generate = try ProcessRunner.run("/usr/bin/env", ["python3", Self.root.appendingPathComponent("dev/fixtures/generate-manual.py").path,
                                                             "--kmaticker", KMATickerBinary.url.path, "--out", fresh])
        try #require(generate.status == 0, "\(generate.stderrText)")
        let checkedIn = try Data(contentsOf: Self.root.appendingPathComponent("share/man/man1/kmaticker.1"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: fresh)) == checkedIn,
                "share/man/man1/kmaticker.1 is stale: run dev/fixtures/generate-manual.py")
        // Plain text: no escape sequences, no overstriking for bold or underline.
        let rendered = try ProcessRunner.run("/usr/bin/groff", ["-man", "-Tutf8", "-ww", "-P", "-cbou", fresh],
                                             environment: ["PATH": "/usr/bin:/bin"])
        #expect(rendered.stderrText.isEmpty, "\(rendered.stderrText)")
        let text = rendered.stdoutText
        #expect(text.contains("kmaticker query --station 대전"))
        for command in ["ingest", "extract", "query", "export", "stations", "chart"] {
            #expect(text.contains("kmaticker \(command)"), "the manual has no section for \(command)")
        }
    }

    // MARK: Completions

    /// What bash offers after `line` (the words typed so far, the last one being completed), in a
    /// folder holding store.sqlite and notes.txt.
    func bashCompletions(_ script: String, _ line: String) throws -> [String] {
        FileManager.default.createFile(atPath: directory.path("store.sqlite"), contents: Data())
        FileManager.default.createFile(atPath: directory.path("notes.txt"), contents: Data())
        let scriptPath = try directory.write("kmaticker.bash", script)
        let driver = """
            source "$1"
            COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}
            read -ra COMP_WORDS <<< "$2"
            [[ "$2" == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
            _kmaticker kmaticker "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try ProcessRunner.run("/bin/bash", ["-c", driver, "bash", scriptPath, line], directory: directory.url)
        return result.stdoutText.split(separator: "\n").map(String.init).sorted()
    }

    @Test func bashCompletesStationNamesAndFiles() throws {
        let script = try kmaticker.run(["--generate-completion-script", "bash"])
        try #require(script.status == 0)
        // The registry's names that start so (../shared/docs/ticker.md's prefix pairs).
        #expect(try bashCompletions(script.stdout, "kmaticker query --station 북") == ["북강릉", "북부산", "북창원", "북춘천"])
        #expect(try bashCompletions(script.stdout, "kmaticker stations --station 고창") == ["고창", "고창군"])
        #expect(try bashCompletions(script.stdout, "kmaticker chart --station 대") == ["대관령", "대구", "대전"])
        for line in ["kmaticker query --db st", "kmaticker export --db st", "kmaticker ingest --db st"] {
            #expect(try bashCompletions(script.stdout, line) == ["store.sqlite"], "\(line)")
        }
        for line in ["kmaticker export --out no", "kmaticker chart --out no", "kmaticker extract --errors-to no",
                     "kmaticker ingest no", "kmaticker extract no"] {
            #expect(try bashCompletions(script.stdout, line) == ["notes.txt"], "\(line)")
        }
    }

    /// zsh and fish are not installed to run them: their scripts are checked for the same
    /// completions, as each shell writes them.
    @Test func zshAndFishCompleteStationNamesAndFiles() throws {
        let zsh = try kmaticker.run(["--generate-completion-script", "zsh"])
        let fish = try kmaticker.run(["--generate-completion-script", "fish"])
        #expect(zsh.status == 0 && fish.status == 0)
        for option in ["--db", "--out", "--errors-to"] {
            #expect(zsh.stdout.split(separator: "\n").contains { $0.contains("'\(option)[") && $0.hasSuffix(":_files'") }, "zsh: \(option)")
            #expect(fish.stdout.split(separator: "\n").contains { $0.contains("-l '\(option.dropFirst(2))'") && $0.hasSuffix("-rF") }, "fish: \(option)")
        }
        #expect(zsh.stdout.contains("'*:path:_files'"))
        let fishStation = fish.stdout.split(separator: "\n").filter { $0.contains("-l 'station'") }
        #expect(!fishStation.isEmpty && fishStation.allSatisfy { $0.contains("북창원") && $0.contains("고창군") })
        #expect(zsh.stdout.contains("'북창원'") && zsh.stdout.contains("'고창군'"))
    }

    // MARK: No /proc

    /// In a mount namespace whose /proc is an empty tmpfs (a chroot without /proc), the Swift
    /// runtime finds no arguments. kmaticker used to take that for no arguments at all: it
    /// printed the help and exited 0 for every command, having done nothing. Needs root (CI is).
    @Test(.enabled(if: getuid() == 0, "mounting over /proc in a namespace needs root"))
    func withoutProcEveryCommandIsRefusedWithStatus2() throws {
        try #require(kmaticker.run(["ingest", "--db", store, Fixtures.url(Fixtures.seedName).path]).status == 0)
        for command in [["query", "--db", store, "--station", "대전"], ["--help"], ["ingest", "--db", store, "x"]] {
            let result = try ProcessRunner.run("/usr/bin/unshare", [
                "--mount", "--propagation", "private", "/bin/sh", "-c", "mount -t tmpfs none /proc && exec \"$0\" \"$@\"",
                KMATickerBinary.url.path] + command, environment: kmaticker.processEnvironment)
            #expect(result.status == 2, "\(command): \(result.status) \(result.stderrText)")
            #expect(result.stdoutText.isEmpty, "\(command) printed: \(result.stdoutText.prefix(200))")
            #expect(result.stderrText.contains("kmaticker: error: cannot read the command line: /proc is not mounted"), "\(result.stderrText)")
        }
        // The same commands with /proc work: the namespace itself is not what fails.
        let withProc = try ProcessRunner.run("/usr/bin/unshare", [
            "--mount", "--propagation", "private", KMATickerBinary.url.path, "query", "--db", store, "--station", "대전"],
            environment: kmaticker.processEnvironment)
        #expect(withProc.status == 0 && withProc.stdoutText.contains("30.3"), "\(withProc.stderrText)")
    }
}
