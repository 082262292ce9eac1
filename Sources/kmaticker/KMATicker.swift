import ArgumentParser
import Glibc
import KMATickerKit
import KMATickerModel
import KMATickerReport

/// `kmaticker`: the KMA weather ticker of saved Korean news pages, as a time series.
@main
struct KMATicker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kmaticker",
        abstract: "Turn the KMA weather ticker of saved Korean news pages into a time series.",
        // The examples come first: `kmaticker` alone prints this help, so it is what a new user
        // reads. Each one runs as written (HelpTests runs them on a saved page).
        discussion: """
            Examples:
              # Store the ticker of every page saved in a folder; of a page with no time:
              kmaticker ingest ~/pages/
              kmaticker ingest --at "2025-08-18 10:40" page.txt
              # 대전's observations, newest first; each station's latest of the last day:
              kmaticker query --station 대전
              kmaticker query --latest --since 24h
              # 서울's observations as CSV (add --excel for Excel):
              kmaticker export --station 서울 --out 서울.csv

            The store is ~/.local/share/kmaticker/observations.sqlite unless --db or $KMATICKER_DB \
            names another.

            Exit status: 0 all went well (a query that matches nothing included); 1 ingest, extract: one \
            or more inputs could not be read (each is named on stderr, the rest were \
            stored), chart: nothing to draw; 2 the store could not be used, or the output cannot be \
            written (a full disk; --out naming the store or another SQLite file), or the command line \
            could not be read (no /proc); 3 ingest, extract: some ticker items could not be read (each is named on stderr; \
            the page's other items were stored); 64 the command line was wrong (unknown option, bad --at, --since or \
            --until, unknown or ambiguous station). A reader that closes the pipe early \
            (kmaticker export | head) ends the output quietly, with status 0.
            """,
        version: KMATickerVersion.forCommandLine(CommandLine.arguments),
        subcommands: [Ingest.self, Extract.self, Query.self, Export.self, Stations.self, Chart.self]
    )

    static func main() {
        // A closed pipe (`kmaticker export | head`) must be an error that write(2) returns
        // (EPIPE), not a signal that kills the process mid-batch without a word: every
        // command then decides what a reader that has gone means.
        signal(SIGPIPE, SIG_IGN)
        // Swift on Linux does not keep main()'s argv: the runtime finds the arguments on the
        // stack through /proc/self/maps, and without /proc (a chroot that lacks it) it gives an
        // empty list, not even the program's name. Parsed as no arguments, every command would
        // print the help and exit 0, having done nothing; say what is wrong instead. (A program
        // always has at least its name: Linux gives an exec with no arguments an empty one.)
        if CommandLine.arguments.isEmpty { exit(withError: ExitStatus.commandLineUnreadable()) }
        // `kmaticker help nosuchcommand`: swift-argument-parser prints the main help and exits
        // 0, as if the command existed. Said as the unknown command it is.
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.first == "help", let name = arguments.dropFirst().first, !name.hasPrefix("-") {
            var names: [String] = []
            for command in configuration.subcommands { names.append(command._commandName) }
            if !names.contains(name) {
                printToStandardError("Error: no command '\(name)'; the commands are \(names.joined(separator: ", ")), and help")
                exit(withError: ExitStatus.usage)
            }
        }
        // The arguments as the bytes they are: Swift's CommandLine.arguments repairs a name
        // that is no UTF-8 (a CP949 file name) into U+FFFD, and the file is then not found.
        // Kept as FileSystemPath does, they open the file they name.
        let raw = (1..<Int(CommandLine.argc)).map { index -> String in
            guard let argument = CommandLine.unsafeArgv[index] else { return "" }
            return FileSystemPath.string(fromBytes: UnsafeRawBufferPointer(start: argument, count: strlen(argument)).bindMemory(to: UInt8.self))
        }
        main(raw)
    }
}
