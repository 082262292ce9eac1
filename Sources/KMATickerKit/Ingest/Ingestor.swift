import Foundation

/// What `kmaticker ingest` was asked to do.
public struct IngestOptions: Sendable {
    /// The store's file (see ``StoreLocation``).
    public var storePath: String
    /// `--at`: the time for every page, overriding what pages print.
    public var time: KSTDateTime?
    /// `false` with `--no-infer`.
    public var inferStations: Bool

    public init(storePath: String, time: KSTDateTime? = nil, inferStations: Bool = true) {
        self.storePath = storePath
        self.time = time
        self.inferStations = inferStations
    }
}

/// Something that happened to one file, reported as it happens.
public enum IngestEvent: Sendable {
    /// The page was read and written; `result` says what was new.
    case stored(file: String, page: TickerPage, result: PageWriteResult)
    /// The file was not stored, for `reason`; the store did not change for it.
    case failed(file: String, reason: PageError)
    /// A warning about a stored page (unknown word, unresolved item, conflict).
    case warning(Diagnostic)
}

/// Totals over one ingest run.
public struct IngestSummary: Sendable, Equatable {
    public var filesStored = 0
    public var filesFailed = 0
    public var new = 0
    public var alreadyStored = 0
    public var conflicts = 0
    public var warnings = 0

    public init() {}
}

/// Ingests saved pages into the store, one file at a time: read, parse, then write the page in
/// one transaction. A bad file is reported and the others go on. The store is opened (and made)
/// only when the first page is ready to be written, so a run in which every file fails leaves
/// no store behind.
public final class Ingestor {
    private let options: IngestOptions
    private let parser: TickerParser
    private var store: ObservationStore?
    private let registry: StationRegistry

    public init(options: IngestOptions, registry: StationRegistry = .asos) {
        self.options = options
        self.registry = registry
        parser = TickerParser(registry: registry, inferStations: options.inferStations)
    }

    /// Ingests `paths` in order, calling `report` for each event. Throws only when the store
    /// itself cannot be used; every per-file problem is an event.
    public func ingest(_ paths: [String], report: (IngestEvent) -> Void) throws(StoreError) -> IngestSummary {
        var summary = IngestSummary()
        for path in paths {
            let file = (path as NSString).lastPathComponent
            let page: TickerPage
            do {
                page = try parser.parse(try Self.contents(of: path), file: path, time: options.time)
            } catch {
                summary.filesFailed += 1
                report(.failed(file: path, reason: error))
                continue
            }
            let store = try openStore()
            let result = try store.store(page, source: file)
            summary.filesStored += 1
            summary.new += result.new
            summary.alreadyStored += result.alreadyStored
            summary.conflicts += result.conflicts.count
            report(.stored(file: path, page: page, result: result))
            var warnings = page.diagnostics
            warnings += result.conflicts.map { Self.diagnostic(for: $0, file: path, time: page.time.time) }
            summary.warnings += warnings.count
            warnings.forEach { report(.warning($0)) }
        }
        return summary
    }

    private func openStore() throws(StoreError) -> ObservationStore {
        if let store { return store }
        let opened = try ObservationStore(path: options.storePath, create: true, registry: registry)
        store = opened
        return opened
    }

    /// The file's bytes, or a reason a person can act on.
    static func contents(of path: String) throws(PageError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable("no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadable("it is a directory; name the page files in it") }
        guard FileManager.default.isReadableFile(atPath: path) else { throw .unreadable("permission denied") }
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadable(error.localizedDescription)
        }
    }

    private static func diagnostic(for conflict: ObservationConflict, file: String, time: KSTDateTime) -> Diagnostic {
        func describe(_ condition: String?, _ temperature: Double?) -> String {
            "\(condition ?? "(no condition)") \(temperature.map { "\($0)℃" } ?? "(no temperature)")"
        }
        let who = conflict.incoming.stationID.map { "\($0) \(conflict.incoming.station ?? "")" }
            ?? "item \(conflict.incoming.position)"
        return Diagnostic(
            file: file, line: conflict.incoming.line,
            message: "conflict for \(who) at \(time): the store has \(describe(conflict.storedCondition, conflict.storedTemperatureC)) from \(conflict.storedSource), this page says \(describe(conflict.incoming.condition, conflict.incoming.temperatureC)); kept the stored value")
    }
}
