import ArgumentParser
import Glibc
import KMATickerKit
import KMATickerModel
import KMATickerReport

/// The exit statuses in docs/TROUBLESHOOTING.md's table, and the one place every outcome is mapped to one.
enum ExitStatus {
    static let inputFailed = ExitCode(1)
    static let storeFailed = ExitCode(2)
    /// The arguments could not be read (no /proc): like a store that cannot be used, nothing
    /// could be done, and it is no mistake of the command line's.
    static let commandLineUnreadableStatus = storeFailed
    static let itemsUnreadable = ExitCode(3)
    static let usage = ExitCode(64)

    /// Prints `error` on stderr and returns its status: a station or time typed wrong is a
    /// usage error (64); nothing to draw is 1; the store (a fault included, with what was
    /// committed) and output that cannot be written are 2. A reader that closed the pipe early
    /// (`| head`) has what it wanted: nothing is printed and the status is 0, as ripgrep does.
    static func forFailure(_ error: Error) -> ExitCode {
        if case OutputError.closedByReader = error { return .success }
        if let failure = error as? IngestStoreFailure {
            for (index, line) in failure.report.enumerated() {
                printToStandardError(index == 0 ? "kmaticker: error: \(line)" : "kmaticker: \(line)")
            }
            return storeFailed
        }
        printToStandardError("kmaticker: error: \(error)")
        switch error {
        case is StationLookupError, is TimeBoundError: return usage
        case is EmptyChartError: return inputFailed
        default: return storeFailed
        }
    }

    /// Says that the command line could not be read, and returns 2: the Swift runtime on Linux
    /// reads the arguments through /proc, and gives none when it is not mounted. Nothing was run.
    static func commandLineUnreadable(procMounted: Bool = access("/proc/self/maps", R_OK) == 0) -> ExitCode {
        printToStandardError(procMounted
            ? "kmaticker: error: cannot read the command line (the Swift runtime found no arguments); nothing was done"
            : "kmaticker: error: cannot read the command line: /proc is not mounted, and the Swift runtime reads the arguments through /proc/self/maps; mount it (mount -t proc proc /proc) and run again. Nothing was done")
        return commandLineUnreadableStatus
    }

    /// The status of a run over inputs (`ingest`, `extract`): 1 when an input failed, else 3
    /// when ticker items could not be read, else what writing the output came to.
    static func forInputs(failed: Int, withUnreadableItems: Int, output: ExitCode = .success) -> ExitCode {
        if failed > 0 { return inputFailed }
        if withUnreadableItems > 0 { return itemsUnreadable }
        return output
    }
}
