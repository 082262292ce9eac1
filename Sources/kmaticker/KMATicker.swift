import ArgumentParser

/// `kmaticker`: the KMA weather ticker of saved Korean news pages, as a time series.
@main
struct KMATicker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kmaticker",
        abstract: "Turn the KMA weather ticker of saved Korean news pages into a time series.",
        discussion: """
            Exit status: 0 all went well; 1 one or more input files could not be ingested (each \
            is named on stderr, the rest were stored); 2 the store could not be used; 64 the \
            command line was wrong (unknown option, bad --at, unknown station).
            """,
        subcommands: [Ingest.self, Query.self, Export.self, Stations.self, Chart.self]
    )
}
