import ArgumentParser
import KMATickerKit

/// The exit statuses in the README's table, and the one place every outcome is mapped to one.
enum ExitStatus {
    static let inputFailed = ExitCode(1)
    static let storeFailed = ExitCode(2)
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

    /// The status of a run over inputs (`ingest`, `extract`): 1 when an input failed, else 3
    /// when ticker items could not be read, else what writing the output came to.
    static func forInputs(failed: Int, withUnreadableItems: Int, output: ExitCode = .success) -> ExitCode {
        if failed > 0 { return inputFailed }
        if withUnreadableItems > 0 { return itemsUnreadable }
        return output
    }
}
