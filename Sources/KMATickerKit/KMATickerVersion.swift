import KMATickerModel
import KMATickerStore

/// What `kmaticker --version` says: kmaticker's version, the store schema it writes and the
/// station registry compiled into it, the three things a bug report or a store from another
/// machine needs.
public enum KMATickerVersion {
    /// kmaticker's semantic version: the one place it is set.
    package static let semantic = "0.5.0"

    /// The lines `--version` prints, e.g.
    /// `kmaticker 0.5.0` / `store schema version 5` / `station registry 2026-11-25: 97 stations, sha256 …`.
    /// The digest is what a store's `registry_version` table records after `ingest`.
    public static var summary: String {
        let registry = StationRegistry.asos
        return """
            kmaticker \(semantic)
            store schema version \(ObservationStore.schemaVersion)
            station registry \(StationRegistry.asosDate): \(registry.stations.count) stations, sha256 \(registry.digest)
            """
    }

    /// What the command's configuration holds: ``summary`` when the command line asks for
    /// it, else only the semantic version. ArgumentParser builds the configuration at every
    /// start, and the summary parses and hashes the registry (OpenSSL's start included): most
    /// of a one-row query's own time.
    public static func forCommandLine(_ arguments: [String]) -> String {
        arguments.contains("--version") ? summary : semantic
    }
}
