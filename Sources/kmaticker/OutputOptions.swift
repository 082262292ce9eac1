import ArgumentParser
import FoundationEssentials
import KMATickerModel
import KMATickerReport
import KMATickerStore

extension OutputFormat: ExpressibleByArgument {}
extension AggregationPeriod: ExpressibleByArgument {}

/// `--station`, `--since`, `--until`, `--condition`: shared by query, export, chart.
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "A station: name (대전), number (133), English name (daejeon, gimhae), alias (홍성(예)), name without 시/군 (김해), initials (ㄷㅈ), or the printed name of unresolved rows (독도). Repeat for several; query and export show all when omitted.",
        valueName: "name"), completion: .stationNames)
    var station: [String] = []

    // Unconditional: `--since -3d` is a value to refuse with a reason, not a missing one.
    @Option(parsing: .unconditional, help: ArgumentHelp("From this KST date or time (2025-08-18, 2025.08.18, yesterday, \"2025-08-18 10:00\", 2025-08-18T10:00:00+09:00), or this long ago (30m, 24h, 7d, 2w, 1y); inclusive.", valueName: "when"),
            transform: { text throws(TimeBoundError) in try TimeBound.since(text) })
    var since: TimeBound?

    @Option(parsing: .unconditional, help: ArgumentHelp("Up to this KST date (the whole day) or time (a minute: the whole minute), or this long ago; inclusive.", valueName: "when"),
            transform: { text throws(TimeBoundError) in try TimeBound.until(text) })
    var until: TimeBound?

    @Option(help: ArgumentHelp("Only this condition word as printed (눈, 구름많음); repeat for several.", valueName: "word"))
    var condition: [String] = []

    func apply(to query: inout ObservationQuery) {
        query.stations = station
        query.since = since
        query.until = until
        query.conditions = condition
    }
}

/// `--limit`: query and export (a chart draws every observation in its window).
struct LimitOption: ParsableArguments {
    // Unconditional: `--limit -1` is a value to refuse with a reason, not a missing one.
    @Option(parsing: .unconditional, help: ArgumentHelp("At most this many rows (for --latest, stations; for --wide, times); 0 or more.", valueName: "n"))
    var limit: String?

    func validate() throws {
        guard let limit else { return }
        guard let rows = Int(limit), rows >= 0 else { throw ValidationError("--limit takes a number of rows, 0 or more; got \(limit)") }
        _ = rows
    }

    func apply(to query: inout ObservationQuery) {
        query.limit = limit.flatMap { Int($0) }
    }
}

/// The current time: the clock, or `KMATICKER_NOW` ("YYYY-MM-DD HH:MM", KST) for reproducible
/// ages and relative windows (the README's and the guide's examples run with it).
func currentTime() -> Date {
    if let fixed = ProcessInfo.processInfo.environment["KMATICKER_NOW"], let time = KSTDateTime(parsing: fixed) {
        return Date(timeIntervalSince1970: TimeInterval(time.unixSeconds))
    }
    return Date()
}

/// Runs a report to standard output or to a file, mapping failures to exit statuses.
enum QueryRunner {
    static func run(_ query: ObservationQuery, storePath: String, outputPath: String?) throws -> Int {
        let output: FileTextOutput
        do {
            output = try outputPath.map { path throws(OutputError) in try FileTextOutput(creatingFileAt: path, sparing: storePath) }
                ?? .standardOutput()
        } catch {
            throw ExitStatus.forFailure(error)
        }
        do {
            let outcome = try query.run(store: try openForReading(storePath), to: output, now: currentTime())
            try output.finish()
            if let note = outcome.leftOutNote { printToStandardError(note) }
            return outcome.rows
        } catch {
            output.discard()
            throw ExitStatus.forFailure(error)
        }
    }
}

extension QueryRunner {
    /// The store, read-only. Reports read its own stations (``ObservationStore/stationRegistry()``);
    /// the compiled registry is what a writer would bring them in step with, and goes unused.
    static func openForReading(_ storePath: String) throws -> ObservationStore {
        try ObservationStore(path: storePath, access: .readOnly, registry: .asos)
    }

    /// `export --xlsx`: the report as a workbook at `path`; returns its rows.
    static func runWorkbook(_ query: ObservationQuery, storePath: String, path: String) throws -> Int {
        do {
            let outcome = try query.runWorkbook(store: try openForReading(storePath), path: path, now: currentTime())
            if let note = outcome.leftOutNote { printToStandardError(note) }
            return outcome.rows
        } catch {
            throw ExitStatus.forFailure(error)
        }
    }
}

extension CompletionKind {
    /// `--station`: the registry's Korean names (numbers, English names and initials are taken
    /// too, but a list of 97 names is what a shell can offer).
    static var stationNames: CompletionKind { .list(StationRegistry.asos.stations.map(\.nameKorean)) }
}

/// The lowercased extension of a file name (`x.PDF` → `pdf`), `nil` when it has none.
func fileExtension(_ path: String) -> String? {
    let name = path.split(separator: "/").last ?? ""
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    let ext = name[name.index(after: dot)...]
    return ext.isEmpty ? nil : ext.lowercased()
}
