import ArgumentParser
import KMATickerKit

extension OutputFormat: ExpressibleByArgument {}

/// Runs a query to standard output or to a file, mapping failures to exit statuses.
enum QueryRunner {
    static func run(_ query: ObservationQuery, storePath: String, outputPath: String?) throws -> Int {
        let output: FileTextOutput
        do {
            output = try outputPath.map(FileTextOutput.init(creatingFileAt:)) ?? .standardOutput()
        } catch {
            printToStandardError("kmaticker: error: cannot write \(outputPath ?? "-"): \(error.localizedDescription)")
            throw ExitStatus.storeFailed
        }
        do {
            let count = try query.run(storePath: storePath, to: output)
            try output.finish()
            return count
        } catch let error as UnknownStationError {
            output.discard()
            printToStandardError("kmaticker: error: \(error)")
            throw ExitStatus.usage
        } catch {
            output.discard()
            printToStandardError("kmaticker: error: \(error)")
            throw ExitStatus.storeFailed
        }
    }
}
