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

            With --records-from LOCATION, the arguments (or standard input, with -) are rows of \
            a crawl's columnar index instead, one per line: warc_filename offset length [url], \
            separated by tabs, commas or spaces. Each row's byte range of LOCATION/warc_filename \
            (a folder, http(s)://…, or s3://bucket/prefix, signed with the AWS_* credentials \
            when set) is read as a .warc.gz of one record, and each line's record says which \
            range it came from. A range that cannot be read after the retries, holds no WARC \
            record, or holds another url than the row's is a problem line (problem "failed", \
            path = warc_filename, record = "bytes A-B"), so that a job can list what failed.
            """)

    @Option(help: "Output format.")
    var format: ExtractOptions.Format = .ndjson

    @Option(help: ArgumentHelp("Write the problem lines to this file instead of standard error (- : to standard output, among the observations).", valueName: "file"), completion: .file())
    var errorsTo: String?

    @Option(help: ArgumentHelp("Read the records that index rows name, by byte range, from this folder, http(s):// address or s3://bucket/prefix.", valueName: "location"))
    var recordsFrom: String?

    @Option(help: ArgumentHelp("With --records-from: tries after the first, for a request that failed for a reason that passes (no connection, HTTP 429 or 5xx).", valueName: "n"))
    var retries: Int = 3

    @Option(help: ArgumentHelp("With --records-from: seconds before the first retry; each next waits twice as long.", valueName: "seconds"))
    var retryWait: Double = 1

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
        if retries < 0 { throw ValidationError("--retries takes a number of 0 or more; got \(retries)") }
        if !(retryWait >= 0) { throw ValidationError("--retry-wait takes a number of seconds, 0 or more; got \(retryWait)") }
    }

    func run() throws {
        if let recordsFrom { return try extract(IngestInput.recordRanges(rowsIn: paths, from: ArchiveLocation(recordsFrom))) }
        try extract(IngestInput.expand(pathArguments()))
    }

    /// The paths named, those read from standard input for `-` included.
    private func pathArguments() -> [String] {
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
        return arguments
    }

    private func extract(_ inputs: [IngestInput]) throws {
        // Observations and problem lines each go through a checked sink, which says how writing
        // failed (EPIPE: the reader has gone; ENOSPC: the disk is full): a failure of either
        // ends the run with output's status, as export's does.
        let problems: FileTextOutput
        var problemsFile: (path: String, descriptor: Int32)?
        let output = FileTextOutput.standardOutput()
        if errorsTo == "-" {
            // Among the observations, each line whole: a job reading one stream (RDD.pipe) sorts
            // them by their "problem" key.
            problems = output
        } else if let errorsTo {
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
        let problemsAtOnce = errorsTo != "-" && isatty(problemsFile?.descriptor ?? STDERR_FILENO) == 1
        let options = ExtractOptions(format: format, time: reading.timeOptions, inferStations: !reading.noInfer, jobs: jobs,
                                     rangeRetries: retries, rangeRetryWait: retryWait)
        let summary: ExtractSummary
        do {
            summary = try Extractor.extract(inputs, options: options, registry: .asos,
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
            if errorsTo != "-" { try problems.finish() }
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
