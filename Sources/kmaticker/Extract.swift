import ArgumentParser
import Foundation
import KMATickerInput
import KMATickerKit
import KMATickerReport

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read pages and archives and print their observations, storing nothing (the map step of a Spark job).",
        discussion: """
            Reads inputs as ingest does (pages, folders, WARC, MHTML, SingleFile, HTTP-headed \
            files) and writes one line per observation to standard output: NDJSON by default \
            (every value export has, and the page's origin: path, record, uri, digest, \
            capture and printed times), or CSV. Problems (pages that failed, items skipped, \
            warnings, unreadable ticker items) are NDJSON lines on standard error, or in the \
            file given with --errors-to. With -, the paths are read from standard input, one per line \
            (how Spark's RDD.pipe and Hadoop Streaming feed a program). kmaticker ingest reads \
            the NDJSON back; loading the same lines twice adds nothing. Nothing is kept between \
            pages: the same input gives the same output.
            """)

    @Option(help: "Output format.")
    var format: ExtractOptions.Format = .ndjson

    @Option(help: ArgumentHelp("Write the problem lines to this file instead of standard error.", valueName: "file"), completion: .file())
    var errorsTo: String?

    @OptionGroup var reading: ReadingOptions

    @Option(name: [.short, .long], help: ArgumentHelp(
        "Pages parsed at once (default: one per core). Give 1 when an engine runs a process per core (Spark, xargs -P).",
        valueName: "n"))
    var jobs: Int?

    @Argument(help: ArgumentHelp("Pages, archives, folders; or - to read the paths from standard input, one per line.", valueName: "path"), completion: .file())
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one path, or - to read paths from standard input") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs takes a number of 1 or more; got \(jobs)") }
    }

    func run() throws {
        var arguments: [String] = []
        for path in paths {
            if path == "-" {
                while let line = readLine(strippingNewline: true) {
                    // A CR (a list written on Windows) and blank lines are no part of a path.
                    let path = line.hasSuffix("\r") ? String(line.dropLast()) : line
                    if !path.allSatisfy(\.isWhitespace) { arguments.append(path) }
                }
            } else {
                arguments.append(path)
            }
        }
        // Problems stay a buffered C stream; observations go through the output sink, which
        // says how writing failed (EPIPE: the reader has gone; ENOSPC: the disk is full).
        guard var problems = fdopen(STDERR_FILENO, "w") else {
            throw ExitStatus.forFailure(OutputError.cannotWrite(path: "standard error", reason: String(cString: strerror(errno))))
        }
        if let errorsTo {
            guard let file = fopen(errorsTo, "w") else {
                throw ExitStatus.forFailure(OutputError.cannotWrite(path: errorsTo, reason: String(cString: strerror(errno))))
            }
            problems = file
        }
        let output = FileTextOutput.standardOutput()
        let options = ExtractOptions(format: format, time: reading.timeOptions, inferStations: !reading.noInfer, jobs: jobs)
        let summary: ExtractSummary
        do {
            summary = try Extractor.extract(IngestInput.expand(arguments), options: options,
                                            write: { bytes throws(OutputError) in
                                                output.write(bytes: bytes)
                                                try output.checkFailure()
                                            },
                                            report: { fputs($0, problems) })
            try output.finish()
        } catch {
            fflush(problems)
            throw ExitStatus.forFailure(error)
        }
        fflush(problems)
        if let errorsTo, fclose(problems) != 0 {
            throw ExitStatus.forFailure(OutputError.cannotWrite(path: errorsTo, reason: String(cString: strerror(errno))))
        }
        let status = ExitStatus.forInputs(failed: summary.failed, withUnreadableItems: summary.unreadableItems)
        if status != .success { throw status }
    }
}

extension ExtractOptions.Format: ExpressibleByArgument {}
