import ArgumentParser
import Glibc
import KMATickerInput
import KMATickerKit
import KMATickerReport

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named here, not derived from the type: deriving it demangles the type's name at every start.
        commandName: "extract",
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
        // Observations and problem lines each go through a checked sink, which says how writing
        // failed (EPIPE: the reader has gone; ENOSPC: the disk is full): a failure of either
        // ends the run with output's status, as export's does.
        let problems: FileTextOutput
        var problemsFile: (path: String, descriptor: Int32)?
        if let errorsTo {
            let descriptor = open(errorsTo, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else {
                throw ExitStatus.forFailure(OutputError.cannotWrite(path: errorsTo, reason: String(cString: strerror(errno))))
            }
            problems = FileTextOutput(writingTo: descriptor, named: errorsTo)
            problemsFile = (errorsTo, descriptor)
        } else {
            problems = FileTextOutput(writingTo: STDERR_FILENO, named: "standard error")
        }
        // To a terminal, each line at once, as a person reads them; else in large writes.
        let problemsAtOnce = isatty(problemsFile?.descriptor ?? STDERR_FILENO) == 1
        let output = FileTextOutput.standardOutput()
        let options = ExtractOptions(format: format, time: reading.timeOptions, inferStations: !reading.noInfer, jobs: jobs)
        let summary: ExtractSummary
        do {
            summary = try Extractor.extract(IngestInput.expand(arguments), options: options, registry: .asos,
                                            write: { bytes throws(OutputError) in
                                                output.write(bytes: bytes)
                                                try output.checkFailure()
                                            },
                                            report: { line throws(OutputError) in
                                                problems.write(line)
                                                if problemsAtOnce { problems.flush() }
                                                try problems.checkFailure()
                                            })
            try output.finish()
            try problems.finish()
        } catch {
            // The problems so far, before the error's line.
            problems.flush()
            throw ExitStatus.forFailure(error)
        }
        if let problemsFile, close(problemsFile.descriptor) != 0 {
            throw ExitStatus.forFailure(OutputError.cannotWrite(path: problemsFile.path, reason: String(cString: strerror(errno))))
        }
        let status = ExitStatus.forInputs(failed: summary.failed, withUnreadableItems: summary.unreadableItems)
        if status != .success { throw status }
    }
}

extension ExtractOptions.Format: ExpressibleByArgument {}
