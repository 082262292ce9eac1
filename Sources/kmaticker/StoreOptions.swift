import ArgumentParser
import FoundationEssentials
import KMATickerReport
import KMATickerStore

/// `--db`, shared by every command.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The store (an SQLite file).",
        discussion: "Default: $KMATICKER_DB, else $XDG_DATA_HOME/kmaticker/observations.sqlite (~/.local/share/…).",
        valueName: "path"), completion: .file())
    var db: String?

    /// The store's path after `--db`, the environment and the XDG default.
    var path: String {
        StoreLocation.path(explicit: db, environment: ProcessInfo.processInfo.environment)
    }
}

/// Writes a line to standard error (diagnostics never go to standard output).
func printToStandardError(_ line: String) {
    FileDescriptorWriting.toStandardError(line + "\n")
}
