import ArgumentParser

/// `kmaticker`: the KMA weather ticker of saved Korean news pages, as a time series.
@main
struct KMATicker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kmaticker",
        abstract: "Turn the KMA weather ticker of saved Korean news pages into a time series.",
        discussion: """
            Exit status: 0 all went well (a query that matches nothing included); 1 ingest, extract: one \
            or more inputs could not be read (each is named on stderr, the rest were \
            stored), chart: nothing to draw; 2 the store could not be used, or --out cannot be \
            written; 3 ingest, extract: some ticker items could not be read (each is named on stderr; \
            the page's other items were stored); 64 the command line was wrong (unknown option, bad --at, --since or \
            --until, unknown or ambiguous station).
            """,
        subcommands: [Ingest.self, Extract.self, Query.self, Export.self, Stations.self, Chart.self]
    )
}
