import FoundationEssentials
import KMATickerInput
import KMATickerModel
import KMATickerParsing
import KMATickerReport

/// What `kmaticker extract` was asked to do.
public struct ExtractOptions: Sendable {
    public enum Format: String, Sendable, CaseIterable { case ndjson, csv }
    public var format: Format
    public var time: TimeOptions
    public var inferStations: Bool
    /// Pages parsed at once (threads); `nil`: one per core. An engine that runs one process per
    /// core (Spark, `xargs -P`) gives 1.
    public var jobs: Int?
    /// For records read by byte range: tries after the first, and the first back-off in seconds
    /// (it doubles with each try).
    public var rangeRetries: Int
    public var rangeRetryWait: Double

    public init(format: Format = .ndjson, time: TimeOptions = TimeOptions(), inferStations: Bool = true, jobs: Int? = nil,
                rangeRetries: Int = 3, rangeRetryWait: Double = 1) {
        self.format = format
        self.time = time
        self.inferStations = inferStations
        self.jobs = jobs
        self.rangeRetries = rangeRetries
        self.rangeRetryWait = rangeRetryWait
    }
}

/// Totals over one extract run.
public struct ExtractSummary: Sendable, Equatable {
    public var pages = 0
    public var observations = 0
    public var failed = 0
    public var skipped = 0
    public var unreadableItems = 0
    public init() {}
}

/// The map step of a job over many archives: the same input layer and parser as `ingest`, no
/// store. Each page's observations become ``ExtractRecord`` lines, in input order; each
/// problem an ``ExtractProblem`` line. Nothing is kept between pages, so a task run again gives
/// the same output.
public enum Extractor {
    /// Extracts `inputs`, handing the output's bytes to `write` (a page's lines at a time, each
    /// with its newline) and each problem line to `report`. When `write` or `report` throws
    /// (the output failed, or its reader has gone), extraction stops there and the error is
    /// rethrown. Pages are read with the stations of `registry`.
    public static func extract(_ inputs: [IngestInput], options: ExtractOptions, registry: StationRegistry,
                               write: ([UInt8]) throws(OutputError) -> Void,
                               report: (String) throws(OutputError) -> Void) throws(OutputError) -> ExtractSummary {
        var summary = ExtractSummary()
        if options.format == .csv { try write(Array(CSV.line(ExtractRecord.columns).utf8)) }
        var buffer: [UInt8] = []
        let pipeline = ParsingPipeline(inputs: inputs, workers: options.jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                       timeOptions: options.time, inferStations: options.inferStations,
                                       registry: registry, knownPages: nil,
                                       rangeRetries: options.rangeRetries, rangeRetryWait: options.rangeRetryWait)
        defer { pipeline.cancel() }
        func problem(_ kind: ExtractProblem.Kind, _ origin: PageOrigin, line: Int? = nil, _ message: String) throws(OutputError) {
            try report(ExtractProblem(kind: kind, path: FileSystemPath.displayed(origin.path), record: origin.record, uri: origin.uri, line: line,
                                  message: message).jsonLine + "\n")
        }
        while let (origin, outcome) = pipeline.next() {
            switch outcome {
            case .failed(let error):
                summary.failed += 1
                try problem(.failed, origin, error.description)
            case .skipped(let reason, _):
                summary.skipped += 1
                try problem(.skipped, origin, reason)
            case .warning(let diagnostic):
                try problem(.warning, origin, line: diagnostic.line, diagnostic.message)
            case .alreadyIngested:
                break  // no store: never
            case .parsed(let pages, let provenance):
                for page in pages {
                    let (origin, provenance) = page.located(origin, provenance)
                    summary.pages += 1
                    summary.observations += page.observations.count
                    buffer.removeAll(keepingCapacity: true)
                    for observation in page.observations {
                        let record = ExtractRecord(observation, page: page, provenance: provenance)
                        if options.format == .csv { buffer += record.csvLine.utf8 } else { record.appendJSON(to: &buffer) }
                    }
                    try write(buffer)
                    for diagnostic in page.diagnostics { try problem(.warning, origin, line: diagnostic.line, diagnostic.message) }
                    for rejected in page.rejectedItems { try problem(.unreadable, origin, line: rejected.line, rejected.description) }
                    summary.unreadableItems += page.rejectedItems.count
                }
            }
        }
        return summary
    }
}
