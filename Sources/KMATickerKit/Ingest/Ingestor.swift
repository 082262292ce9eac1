import Foundation
import KMATickerInput
import KMATickerModel
import KMATickerParsing
import KMATickerStore

/// What `kmaticker ingest` was asked to do.
public struct IngestOptions: Sendable {
    /// The store's file (see ``StoreLocation``).
    public var storePath: String
    /// `--at`: the time for every page, overriding what pages print.
    public var time: KSTDateTime?
    /// `--time-from mtime`: pages without a capture time are taken as captured when their file
    /// was last modified.
    public var fileModificationIsCaptureTime: Bool
    /// `false` with `--no-infer`.
    public var inferStations: Bool
    /// `--dry-run`: read and count everything, write nothing.
    public var dryRun: Bool

    public init(storePath: String, time: KSTDateTime? = nil, fileModificationIsCaptureTime: Bool = false,
                inferStations: Bool = true, dryRun: Bool = false) {
        self.storePath = storePath
        self.time = time
        self.fileModificationIsCaptureTime = fileModificationIsCaptureTime
        self.inferStations = inferStations
        self.dryRun = dryRun
    }
}

/// Something that happened to one page of the inputs, reported as it happens.
public enum IngestEvent: Sendable {
    /// The page was read and written; `result` says what was new.
    case stored(origin: PageOrigin, page: TickerPage, result: PageWriteResult)
    /// The same bytes were ingested before: nothing was read again.
    case alreadyIngested(origin: PageOrigin, page: StoredPage)
    /// The page was not stored, for `reason`; the store did not change for it.
    case failed(origin: PageOrigin, reason: PageError)
    /// Not a page (a revisit record, an image, an HTTP error, a hidden file, a page in an
    /// archive with no ticker): not stored, counted.
    case skipped(origin: PageOrigin, reason: String)
    /// A warning about a stored page (unknown word, unresolved item, conflict) or a container.
    case warning(Diagnostic)
    /// A block of the page that looks like ticker items but is no ticker (weather prose, a
    /// forecast table): nothing of it was stored. For `-v`; said before the page's own event.
    case notATicker(origin: PageOrigin, NotATicker)
}

/// Totals over one ingest run.
public struct IngestSummary: Sendable, Equatable {
    /// Files and folders' files read (not counting those passed over).
    public var files = 0
    public var pagesStored = 0
    public var pagesAlreadyIngested = 0
    public var pagesFailed = 0
    /// Items that are not pages: records, parts, files passed over; archive pages without a ticker.
    public var skipped = 0
    public var new = 0
    public var alreadyStored = 0
    public var conflicts = 0
    /// Ticker items that could not be read (reported on stderr, not stored).
    public var unreadableItems = 0
    /// Pages stored with unreadable items: their good items are kept (exit status 3).
    public var pagesWithUnreadableItems = 0
    public var warnings = 0

    public init() {}

    public var pagesRead: Int { pagesStored + pagesAlreadyIngested + pagesFailed }

    /// Adds another run's (or batch's) page and observation counts; `files` stays.
    mutating func add(_ other: IngestSummary) {
        pagesStored += other.pagesStored
        pagesAlreadyIngested += other.pagesAlreadyIngested
        pagesFailed += other.pagesFailed
        skipped += other.skipped
        new += other.new
        alreadyStored += other.alreadyStored
        conflicts += other.conflicts
        unreadableItems += other.unreadableItems
        pagesWithUnreadableItems += other.pagesWithUnreadableItems
        warnings += other.warnings
    }

    /// `6 files: 5 stored, 1 failed; 388 new, …` when each file is one page;
    /// `12 pages in 3 files: 10 stored, 2 failed, 5 skipped; …` when files hold several, or
    /// some items were skipped. For a dry run, "would be stored".
    public func description(dryRun: Bool) -> String {
        var counts = ["\(pagesStored) \(dryRun ? "would be stored" : "stored")"]
        if pagesAlreadyIngested > 0 { counts.append("\(pagesAlreadyIngested) already ingested") }
        counts.append("\(pagesFailed) failed")
        if skipped > 0 { counts.append("\(skipped) skipped") }
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let what = pagesRead == files && skipped == 0 ? plural(files, "file") : plural(pagesRead, "page") + " in " + plural(files, "file")
        return what + ": " + counts.joined(separator: ", ")
            + "; \(new) new, \(alreadyStored) already stored, \(conflicts) conflicting, \(unreadableItems) unreadable, \(warnings) warnings"
    }
}

/// Ingests saved pages into the store: inputs are read, recognized (bytes already ingested) and
/// parsed on worker threads, one per core (``ParsingPipeline``), and written here in input order,
/// each page all-or-nothing, a commit per batch. A bad input is reported and the
/// others go on. The store is opened when it exists, and made only when the first page is
/// ready to be written, so a run in which every file fails leaves no store behind.
public final class Ingestor {
    private let options: IngestOptions
    private let registry: StationRegistry
    private var store: ObservationStore?

    /// An ingest as `options` say, with `registry`: the stations pages and extract shards are
    /// read with, and the store's stations table is brought in step with (the command line's
    /// is the compiled one, ``StationRegistry/asos``).
    public init(options: IngestOptions, registry: StationRegistry) {
        self.options = options
        self.registry = registry
    }

    /// Pages per transaction, and the longest a batch stays open.
    public static let batchPages = 256
    public static let batchSeconds = 1.0

    /// Ingests `inputs` in order, calling `report` for each event, and returns the run's totals.
    /// `progress` is called as each item is taken from the parsing pipeline, before its batch
    /// commits: a progress bar moves with the reading, not with the commits.
    ///
    /// Every per-page problem is an event, the store's refusal of one page included (its
    /// savepoint is rolled back and the run goes on). Only a fault of the store itself (a full
    /// disk, an I/O error, a damaged file, a lock held too long) stops the run: the open batch
    /// is lost, and ``IngestStoreFailure`` says what was committed before it and which pages
    /// were in the batch. A stored page is reported once its batch is committed.
    public func ingest(_ inputs: [IngestInput], progress: (IngestProgress) -> Void = { _ in },
                       report: (IngestEvent) -> Void) throws(IngestStoreFailure) -> IngestSummary {
        var summary = IngestSummary()
        summary.files = inputs.filter { if case .passedOver = $0 { return false } else { return true } }.count
        var reading = IngestProgress(filesDone: 0, filesTotal: summary.files, pagesRead: 0, path: "")
        /// Items come in input order: the first of another file means the one before is done.
        func reached(_ origin: PageOrigin, pages: Int) {
            if !reading.path.isEmpty, reading.path != origin.path { reading.filesDone += 1 }
            reading.path = origin.path
            reading.pagesRead += pages
            progress(reading)
        }
        /// Events waiting for their batch's commit, and the totals of the pages stored in it.
        var pending: [IngestEvent] = []
        var batch = IngestSummary()
        var batchStarted = Date()

        /// What the run committed, what the open batch held, and why it stopped.
        /// - Parameter unwritten: the page being written when the fault came, and the pages of
        ///   its file's outcome after it (a feed's later hours): lost with the batch too.
        func failure(_ error: StoreError, unwritten: [PageOrigin] = []) -> IngestStoreFailure {
            store?.rollBackBatch()
            var lost: [PageOrigin] = []
            for event in pending {
                if case .stored(let origin, _, _) = event { lost.append(origin) } else { report(event) }
            }
            lost += unwritten
            // The inputs after the one being read when the fault came: nothing of them was
            // reported (the pipeline may have read ahead, but nothing it read was stored).
            let current = inputs.lastIndex { $0.description == reading.path }
            let notRead = inputs[(current.map { $0 + 1 } ?? 0)...].filter {
                if case .passedOver = $0 { return false } else { return true }
            }.map(\.description)
            return IngestStoreFailure(error: error, committed: summary, lostPages: lost, notRead: notRead,
                                      dryRun: options.dryRun)
        }

        /// Commits the open batch (not in a dry run, whose one transaction is rolled back at the
        /// end) and reports what it held.
        func flush() throws(IngestStoreFailure) {
            if let store, store.isInBatch, !options.dryRun {
                do { try store.commitBatch() } catch { throw failure(error) }
            }
            summary.add(batch)
            batch = IngestSummary()
            pending.forEach(report)
            pending.removeAll()
        }

        if FileManager.default.fileExists(atPath: options.storePath) {
            do { _ = try openStore() } catch { throw failure(error) }
        }
        let timeOptions = TimeOptions(at: options.time, fileModificationIsCaptureTime: options.fileModificationIsCaptureTime)
        let pipeline = ParsingPipeline(
            inputs: inputs, workers: ProcessInfo.processInfo.activeProcessorCount, timeOptions: timeOptions,
            inferStations: options.inferStations, registry: registry,
            knownPages: store == nil ? nil : options.storePath)
        defer { pipeline.cancel() }
        while let (origin, outcome) = pipeline.next() {
            switch outcome {
            case .failed, .alreadyIngested: reached(origin, pages: 1)
            case .parsed(let pages, _): reached(origin, pages: pages.count)
            case .skipped, .warning: reached(origin, pages: 0)
            }
            let pages: [TickerPage]
            let provenance: PageProvenance
            switch outcome {
            case .failed(let reason):
                if case .noTicker(let notTickers) = reason { pending += notTickers.map { .notATicker(origin: origin, $0) } }
                summary.pagesFailed += 1
                pending.append(.failed(origin: origin, reason: reason))
                continue
            case .skipped(let reason, let notTickers):
                pending += notTickers.map { .notATicker(origin: origin, $0) }
                summary.skipped += 1
                pending.append(.skipped(origin: origin, reason: reason))
                continue
            case .warning(let diagnostic):
                summary.warnings += 1
                pending.append(.warning(diagnostic))
                continue
            case .alreadyIngested(let stored):
                summary.pagesAlreadyIngested += 1
                summary.alreadyStored += stored.itemCount
                pending.append(.alreadyIngested(origin: origin, page: stored))
                continue
            case .parsed(let parsed, let source):
                pages = parsed
                provenance = source
            }
            let fromShard = provenance.isFromShard
            let outcomeOrigin = origin, outcomeProvenance = provenance
            for (index, page) in pages.enumerated() {
                let (origin, provenance) = page.located(outcomeOrigin, outcomeProvenance)
                pending += page.notTickers.map { .notATicker(origin: origin, $0) }
                let result: PageWriteResult
                do {
                    // Workers see only committed pages: the same bytes earlier in this batch are
                    // recognized here. A page from an extract shard is always compared value by
                    // value: its lines, not bytes kmaticker read, are what it claims.
                    if !fromShard, let stored = try store?.storedPage(sha256: provenance.sha256, at: page.time.time) {
                        summary.pagesAlreadyIngested += 1
                        summary.alreadyStored += stored.itemCount
                        pending.append(.alreadyIngested(origin: origin, page: stored))
                        continue
                    }
                    let store = try openStore()
                    if !store.isInBatch { try store.beginBatch(); batchStarted = Date() }
                    result = try store.store(page, provenance: provenance)
                } catch {
                    // The page's savepoint is rolled back; one the store refuses is this page's
                    // failure alone.
                    guard case .database(_, let sqliteError) = error, case .pageRefused(let reason) = sqliteError.fault else {
                        throw failure(error, unwritten: pages[index...].map { $0.located(outcomeOrigin, outcomeProvenance).0 })
                    }
                    summary.pagesFailed += 1
                    pending.append(.failed(origin: origin, reason: .storeRefused(reason)))
                    continue
                }
                batch.pagesStored += 1
                batch.new += result.new
                batch.alreadyStored += result.alreadyStored
                batch.conflicts += result.conflicts.count
                pending.append(.stored(origin: origin, page: page, result: result))
                let file = origin.description
                let warnings = page.diagnostics
                    + result.conflicts.map { Self.diagnostic(for: $0, file: file, time: page.time.time) }
                batch.warnings += warnings.count
                let unreadable = page.rejectedItems.map { Diagnostic(file: file, line: $0.line, message: $0.description) }
                batch.unreadableItems += unreadable.count
                if !unreadable.isEmpty { batch.pagesWithUnreadableItems += 1 }
                pending += (warnings + unreadable).sorted { ($0.line ?? 0) < ($1.line ?? 0) }.map(IngestEvent.warning)
            }
            if !options.dryRun, batch.pagesStored >= Self.batchPages || Date().timeIntervalSince(batchStarted) > Self.batchSeconds {
                try flush()
            }
        }
        if !reading.path.isEmpty {
            reading.filesDone = min(reading.filesDone + 1, reading.filesTotal)
            progress(reading)
        }
        try flush()
        if options.dryRun { store?.rollBackBatch() }
        return summary
    }

    /// The store, opened on first use. A dry run without a store (or on an empty file) works
    /// on an empty one in memory; a dry run on a store holds one transaction and rolls it back
    /// at the end, so not a byte of the file changes.
    private func openStore() throws(StoreError) -> ObservationStore {
        if let store { return store }
        let size = (try? FileManager.default.attributesOfItem(atPath: options.storePath))?[.size] as? NSNumber
        let path = options.dryRun && (size?.intValue ?? 0) == 0 ? ":memory:" : options.storePath
        let opened = try ObservationStore(path: path, access: options.dryRun ? .dryRun : .readWrite, registry: registry)
        if options.dryRun { try opened.beginBatch() }
        store = opened
        return opened
    }

    private static func diagnostic(for conflict: ObservationConflict, file: String, time: KSTDateTime) -> Diagnostic {
        func describe(_ condition: String?, _ temperature: Double?) -> String {
            "\(condition ?? "(no condition)") \(temperature.map { "\($0)℃" } ?? "(no temperature)")"
        }
        let who = conflict.incoming.stationID.map { "\($0) \(conflict.incoming.station ?? "")" }
            ?? "item \(conflict.incoming.position)"
        return Diagnostic(
            file: file, line: conflict.incoming.line > 0 ? conflict.incoming.line : nil,
            message: "conflict for \(who) at \(time): the store has \(describe(conflict.storedCondition, conflict.storedTemperatureC)) from \(conflict.storedSource), this page says \(describe(conflict.incoming.condition, conflict.incoming.temperatureC)); kept the stored value")
    }
}

/// An ingest the store stopped: the store's fault, what was committed before it, and the pages
/// of the open batch, which were lost with it (whole pages: each was all or nothing).
public struct IngestStoreFailure: Error, Sendable, CustomStringConvertible {
    public var error: StoreError
    /// The totals of what was committed (and of the pages that failed or were skipped).
    public var committed: IngestSummary
    /// The pages written in the batch the fault broke: not stored.
    public var lostPages: [PageOrigin]
    /// The inputs not read at all when the fault came (a file or standard input's `-` each).
    public var notRead: [String] = []
    public var dryRun: Bool

    /// Files named one per line in ``report``, before "… and N more".
    static let namedNotRead = 10

    /// The fault in words, without what was committed (``report`` has it all).
    public var description: String {
        if case .database(let path, let sqliteError) = error, case .storeFailed(let reason) = sqliteError.fault {
            return "cannot go on writing the store \(path): \(reason)"
        }
        return "\(error)"
    }

    /// The lines to print, in order: the fault, what was committed, the lost pages, what to do.
    public var report: [String] {
        var lines = [description]
        // A store that could not be opened at the start: nothing was read, nothing else to say.
        if committed.pagesRead + committed.skipped == 0, lostPages.isEmpty { return lines }
        lines.append((dryRun ? "read before the fault (dry run, nothing written): " : "committed before the fault: ")
                     + committed.description(dryRun: dryRun))
        if !lostPages.isEmpty {
            var files: [String] = []
            for origin in lostPages where !files.contains(origin.path) { files.append(origin.path) }
            lines.append("lost with the open batch, not stored: \(lostPages.count) page\(lostPages.count == 1 ? "" : "s") from \(files.count) file\(files.count == 1 ? "" : "s"):")
            lines += files.map { "  \($0)" }
        }
        if !notRead.isEmpty {
            lines.append("not read after the fault: \(notRead.count) file\(notRead.count == 1 ? "" : "s"):")
            lines += notRead.prefix(Self.namedNotRead).map { "    \($0)" }
            if notRead.count > Self.namedNotRead { lines.append("    … and \(notRead.count - Self.namedNotRead) more") }
        }
        if !dryRun {
            lines.append("once the store can be written, run the same ingest again: pages already stored are recognized and passed over")
        }
        return lines
    }
}
