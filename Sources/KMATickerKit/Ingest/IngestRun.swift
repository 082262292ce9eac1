import KMATickerInput
import KMATickerModel
import KMATickerParsing
import KMATickerStore

/// The bookkeeping of one ingest run: its totals, how far it has read, and the events held
/// until nothing before them can be lost (a stored page is reported once its batch is
/// committed, and every event in input order).
struct IngestRun {
    let inputs: [IngestInput]
    let dryRun: Bool
    /// The committed pages' totals, and those of the pages that failed, were skipped or were
    /// already ingested.
    private(set) var summary = IngestSummary()
    /// The totals of the pages written in the open batch: added once it is committed.
    private var batch = IngestSummary()
    /// Events waiting for the open batch's commit.
    private var pending: [IngestEvent] = []
    private var reading: IngestProgress

    init(inputs: [IngestInput], dryRun: Bool) {
        self.inputs = inputs
        self.dryRun = dryRun
        summary.files = inputs.filter { if case .passedOver = $0 { return false } else { return true } }.count
        reading = IngestProgress(filesDone: 0, filesTotal: summary.files, pagesRead: 0, path: "")
    }

    // MARK: Progress

    /// How far the run has read once `outcome` is taken from the pipeline. Items come in input
    /// order: the first of another file means the one before is done.
    mutating func reached(_ origin: PageOrigin, _ outcome: ReadOutcome) -> IngestProgress {
        switch outcome {
        case .failed, .alreadyIngested: reading.pagesRead += 1
        case .parsed(let pages, _): reading.pagesRead += pages.count
        case .skipped, .warning: break
        }
        if !reading.path.isEmpty, reading.path != origin.path { reading.filesDone += 1 }
        reading.path = origin.path
        return reading
    }

    /// How far the run has read once every input is read; `nil` when nothing was.
    mutating func readingDone() -> IngestProgress? {
        guard !reading.path.isEmpty else { return nil }
        reading.filesDone = min(reading.filesDone + 1, reading.filesTotal)
        return reading
    }

    // MARK: Events

    /// An outcome with no page to write (``ReadOutcome/parsed(_:_:)`` is written page by page).
    mutating func record(_ outcome: ReadOutcome, of origin: PageOrigin) {
        switch outcome {
        case .failed(let reason):
            if case .noTicker(let notTickers) = reason { notTicker(notTickers, in: origin) }
            failed(origin, reason)
        case .skipped(let reason, let notTickers):
            notTicker(notTickers, in: origin)
            summary.skipped += 1
            pending.append(.skipped(origin: origin, reason: reason))
        case .warning(let diagnostic):
            summary.warnings += 1
            pending.append(.warning(diagnostic))
        case .alreadyIngested(let stored):
            alreadyIngested(origin, stored)
        case .parsed:
            preconditionFailure("a parsed page is written, then recorded as stored or failed")
        }
    }

    /// Blocks of a page that look like ticker items but are no ticker.
    mutating func notTicker(_ notTickers: [NotATicker], in origin: PageOrigin) {
        pending += notTickers.map { .notATicker(origin: origin, $0) }
    }

    mutating func alreadyIngested(_ origin: PageOrigin, _ stored: StoredPage) {
        summary.pagesAlreadyIngested += 1
        summary.alreadyStored += stored.itemCount
        pending.append(.alreadyIngested(origin: origin, page: stored))
    }

    mutating func failed(_ origin: PageOrigin, _ reason: PageError) {
        summary.pagesFailed += 1
        pending.append(.failed(origin: origin, reason: reason))
    }

    /// A page written in the open batch, with its warnings (its own, and a conflict's) and
    /// unreadable items in line order.
    mutating func stored(_ page: TickerPage, from origin: PageOrigin, _ result: PageWriteResult) {
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

    /// Reports the events held and counts the batch's pages: called once nothing of them can
    /// be lost (the batch is committed, or nothing was written since the last commit).
    mutating func flush(to report: (IngestEvent) -> Void) {
        summary.add(batch)
        batch = IngestSummary()
        pending.forEach(report)
        pending.removeAll()
    }

    /// What the run committed, what the open batch held, and why it stopped; the events held
    /// that were not lost with the batch are reported.
    /// - Parameter unwritten: the page being written when the fault came, and the pages of its
    ///   file's outcome after it (a feed's later hours): lost with the batch too.
    mutating func failure(_ error: StoreError, unwritten: [PageOrigin] = [],
                          reporting report: (IngestEvent) -> Void) -> IngestStoreFailure {
        var lost: [PageOrigin] = []
        for event in pending {
            if case .stored(let origin, _, _) = event { lost.append(origin) } else { report(event) }
        }
        pending.removeAll()
        lost += unwritten
        // The inputs after the one being read when the fault came: nothing of them was
        // reported (the pipeline may have read ahead, but nothing it read was stored).
        let current = inputs.lastIndex { $0.description == reading.path }
        let notRead = inputs[(current.map { $0 + 1 } ?? 0)...].filter {
            if case .passedOver = $0 { return false } else { return true }
        }.map(\.description)
        return IngestStoreFailure(error: error, committed: summary, lostPages: lost, notRead: notRead, dryRun: dryRun)
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
