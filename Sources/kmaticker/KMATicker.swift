import ArgumentParser
import Glibc

/// `kmaticker`: the KMA weather ticker of saved Korean news pages, as a time series.
@main
struct KMATicker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kmaticker",
        abstract: "Turn the KMA weather ticker of saved Korean news pages into a time series.",
        discussion: """
            Exit status: 0 all went well (a query that matches nothing included); 1 ingest, extract: one \
            or more inputs could not be read (each is named on stderr, the rest were \
            stored), chart: nothing to draw; 2 the store could not be used, or the output cannot be \
            written (a full disk; --out naming the store or another SQLite file); 3 ingest, extract: some ticker items could not be read (each is named on stderr; \
            the page's other items were stored); 64 the command line was wrong (unknown option, bad --at, --since or \
            --until, unknown or ambiguous station). A reader that closes the pipe early \
            (kmaticker export | head) ends the output quietly, with status 0.
            """,
        subcommands: [Ingest.self, Extract.self, Query.self, Export.self, Stations.self, Chart.self]
    )

    static func main() {
        // A closed pipe (`kmaticker export | head`) must be an error that write(2) returns
        // (EPIPE), not a signal that kills the process mid-batch without a word: every
        // command then decides what a reader that has gone means.
        signal(SIGPIPE, SIG_IGN)
        main(nil)
    }
}
