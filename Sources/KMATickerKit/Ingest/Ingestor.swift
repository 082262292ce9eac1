import FoundationEssentials
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
    /// `-v`: read every Korean page whole, so that its blocks that look like ticker items but are
    /// no ticker are named (``IngestEvent/notATicker``), instead of rejecting most of them by a
    /// byte scan first. The pages stored are the same either way; only the reasons told differ.
    public var namesBlocksThatAreNoTicker: Bool

    public init(storePath: String, time: KSTDateTime? = nil, fileModificationIsCaptureTime: Bool = false,
                inferStations: Bool = true, dryRun: Bool = false, namesBlocksThatAreNoTicker: Bool = false) {
        self.storePath = storePath
        self.time = time
        self.fileModificationIsCaptureTime = fileModificationIsCaptureTime
        self.inferStations = inferStations
        self.dryRun = dryRun
        self.namesBlocksThatAreNoTicker = namesBlocksThatAreNoTicker
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
    package var pagesStored = 0
    package var pagesAlreadyIngested = 0
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
/// parsed on worker threads, one per core (``ParsingPipeline``), and written here in input order
/// through the store's ``WriteSession``, each page all-or-nothing, a commit per batch. A bad
/// input is reported and the others go on. The store is opened when it exists, and made only
/// when the first page is ready to be written, so a run in which every file fails leaves no
/// store behind.
public final class Ingestor {
    private let options: IngestOptions
    private let registry: StationRegistry

    /// An ingest as `options` say, with `registry`: the stations pages and extract shards are
    /// read with, and the store's stations table is brought in step with (the command line's
    /// is the compiled one, ``StationRegistry/asos``).
    public init(options: IngestOptions, registry: StationRegistry) {
        self.options = options
        self.registry = registry
    }

    /// Ingests `inputs` in order, calling `report` for each event, and returns the run's totals.
    /// `progress` is called as each item is taken from the parsing pipeline, before its batch
    /// commits: a progress bar moves with the reading, not with the commits.
    ///
    /// Every per-page problem is an event, the store's refusal of one page included (the
    /// session rolls back that page alone and goes on). Only a fault of the store itself (a
    /// full disk, an I/O error, a damaged file, a lock held too long) stops the run: the open
    /// batch is lost, and ``IngestStoreFailure`` says what was committed before it and which
    /// pages were in the batch. A stored page is reported once its batch is committed.
    public func ingest(_ inputs: [IngestInput], progress: (IngestProgress) -> Void = { _ in },
                       report: (IngestEvent) -> Void) throws(IngestStoreFailure) -> IngestSummary {
        var run = IngestRun(inputs: inputs, dryRun: options.dryRun)
        var session: WriteSession?
        if FileManager.default.fileExists(atPath: options.storePath) {
            do { session = try openSession() } catch { throw run.failure(error, reporting: report) }
        } else if !options.dryRun {
            // Made on the first page stored, but said now when it cannot be: before any is read.
            do { try ObservationStore.prepareFolder(for: options.storePath) } catch { throw run.failure(error, reporting: report) }
        }
        let pipeline = ParsingPipeline(
            inputs: inputs, workers: ProcessInfo.processInfo.activeProcessorCount,
            timeOptions: TimeOptions(at: options.time, fileModificationIsCaptureTime: options.fileModificationIsCaptureTime),
            inferStations: options.inferStations, namesNotTickers: options.namesBlocksThatAreNoTicker, registry: registry,
            knownPages: session == nil ? nil : options.storePath)
        defer { pipeline.cancel() }
        while let (fileOrigin, outcome) = pipeline.next() {
            progress(run.reached(fileOrigin, outcome))
            guard case .parsed(let pages, let fileProvenance) = outcome else {
                run.record(outcome, of: fileOrigin)
                continue
            }
            for (index, page) in pages.enumerated() {
                let (origin, provenance) = page.located(fileOrigin, fileProvenance)
                do {
                    try write(page, from: origin, provenance, session: &session, run: &run)
                } catch {
                    let unwritten = pages[index...].map { $0.located(fileOrigin, fileProvenance).0 }
                    throw run.failure(error, unwritten: unwritten, reporting: report)
                }
            }
            // The events held are reported once nothing before them can be lost: the session has
            // committed its batch, or has nothing written since its last commit.
            do {
                if try session?.commitIfDue() ?? true { run.flush(to: report) }
            } catch {
                throw run.failure(error, reporting: report)
            }
        }
        if let done = run.readingDone() { progress(done) }
        do { try session?.finish() } catch { throw run.failure(error, reporting: report) }
        run.flush(to: report)
        return run.summary
    }

    /// Writes one page in `session` (opened, with the store, on the first write) unless the
    /// store holds its bytes already, and says in `run` what came of it.
    private func write(_ page: TickerPage, from origin: PageOrigin, _ provenance: PageProvenance,
                       session: inout WriteSession?, run: inout IngestRun) throws(StoreError) {
        run.notTicker(page.notTickers, in: origin)
        // Workers see only committed pages: the same bytes earlier in this batch are recognized
        // here. A page from an extract shard is always compared value by value: its lines, not
        // bytes kmaticker read, are what it claims.
        if !provenance.isFromShard, let stored = try session?.storedPage(sha256: provenance.sha256, at: page.time.time) {
            run.alreadyIngested(origin, stored)
            return
        }
        let writer: WriteSession
        if let session { writer = session } else { writer = try openSession(); session = writer }
        switch try writer.write(page, provenance: provenance) {
        case .written(let result): run.stored(page, from: origin, result)
        case .refused(let reason, _): run.failed(origin, .storeRefused(reason))
        }
    }

    /// A write session on the store, opened on first use. A dry run without a store (or on an
    /// empty file) works on an empty one in memory; a dry run's session is rolled back at the
    /// end, so not a byte of the file changes.
    private func openSession() throws(StoreError) -> WriteSession {
        let size = (try? FileManager.default.attributesOfItem(atPath: options.storePath))?[.size] as? UInt
        let path = options.dryRun && (size ?? 0) == 0 ? ":memory:" : options.storePath
        let store = try ObservationStore(path: path, access: options.dryRun ? .dryRun : .readWrite, registry: registry)
        return store.beginWriteSession()
    }
}

/// An ingest the store stopped: the store's fault, what was committed before it, and the pages
/// of the open batch, which were lost with it (whole pages: each was all or nothing).
public struct IngestStoreFailure: Error, Sendable, CustomStringConvertible {
    public var error: StoreError
    /// The totals of what was committed (and of the pages that failed or were skipped).
    package var committed: IngestSummary
    /// The pages written in the batch the fault broke: not stored.
    package var lostPages: [PageOrigin]
    /// The inputs not read at all when the fault came (a file or standard input's `-` each).
    package var notRead: [String] = []
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
