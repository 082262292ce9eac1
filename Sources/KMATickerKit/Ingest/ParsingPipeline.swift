import KMATickerInput
import KMATickerModel
import KMATickerParsing
import KMATickerStore

/// What reading one item of the inputs gave.
enum ReadOutcome {
    /// Should have been a page and could not be read; nothing to store.
    case failed(PageError)
    /// Not a page (a revisit record, an image, a hidden file, an archive's page with no
    /// ticker, whose blocks that are no ticker are in `notTickers`): nothing to store.
    case skipped(String, notTickers: [NotATicker])
    /// A problem with a container that is not any one page's.
    case warning(Diagnostic)
    /// These bytes are in the store already.
    case alreadyIngested(StoredPage)
    /// Parsed, ready to store: one page, or a feed's hours.
    case parsed([TickerPage], PageProvenance)
}

extension TickerPage {
    /// Where this page is, when its file gives several (a feed's hours): `origin` and
    /// `provenance` with the page's ``section`` added to their record.
    func located(_ origin: PageOrigin, _ provenance: PageProvenance) -> (PageOrigin, PageProvenance) {
        guard let section else { return (origin, provenance) }
        var origin = origin
        var provenance = provenance
        origin.record = [origin.record, section].compactMap { $0 }.joined(separator: ", ")
        provenance.record = origin.record
        return (origin, provenance)
    }
}

/// Reads the inputs through the input layer (``PageSource``) on one thread, in order, parses the
/// pages on worker threads (one per core), and hands the results back in input order, so that
/// what is stored and reported does not depend on timing. At most `lookahead` items are in
/// memory at once, however large a container is.
///
/// Each worker owns its parser and its read-only connection to the store; the writer (the
/// caller of ``next()``) owns the writing connection.
///
/// `@unchecked Sendable`, and why that holds: the reader thread, the workers and the writer
/// share this object, and every stored `var` of it is read and written only with `condition`
/// locked (each access below sits between `condition.lock()` and `unlock()`, or in a function
/// called only there), except the first values `init` gives them before any thread starts;
/// the `let`s are set in `init` too. Parsers and store connections are not shared: each thread
/// makes its own.
final class ParsingPipeline: @unchecked Sendable {
    private let condition = ConditionLock()
    // Guarded by `condition`:
    /// Items read and not yet claimed by a worker, with their sequence numbers.
    private var waiting: [(Int, CapturedPage)] = []
    private var waitingStart = 0
    private var results: [Int: (PageOrigin, ReadOutcome)] = [:]
    private var produced = 0
    private var consumed = 0
    private var readingDone = false
    private var cancelled = false
    /// Who is waiting on `condition`, so that a change wakes the threads only when one of them
    /// can go on (a broadcast for every page woke every thread for every page: a tenth of
    /// reading a crawl went to the scheduler).
    private var readerWaits = false, writerWaits = false, idleWorkers = 0
    /// Workers not yet stopped: ``cancel()`` waits for them.
    private var runningWorkers = 0
    private let lookahead: Int

    /// - Parameters:
    ///   - namesNotTickers: read Korean pages whole to name their blocks that are no ticker (`-v`;
    ///     see ``TickerParser/init(registry:inferStations:readsRegions:namesNotTickers:)``).
    ///   - knownPages: a store to recognize bytes already ingested (opened per worker), if one exists.
    init(inputs: [IngestInput], workers: Int, timeOptions: TimeOptions, inferStations: Bool, namesNotTickers: Bool = false,
         registry: StationRegistry, knownPages storePath: String?, rangeRetries: Int = 3, rangeRetryWait: Double = 1) {
        let workers = max(1, workers)
        lookahead = workers * 4
        runningWorkers = workers  // before any thread starts, as the note on the class says
        ConditionLock.startThread(stackSize: 4 << 20) { [self] in
            let source = PageSource(registry: registry)
            source.rangeRetries = rangeRetries
            source.rangeRetryWait = rangeRetryWait
            for input in inputs {
                source.read(input) { item in self.add(item) }
                if isCancelled { break }
            }
            condition.lock()
            readingDone = true
            condition.broadcast()
            condition.unlock()
        }
        for _ in 0..<workers {
            // 8 MB: libxml2 and the tree walk recurse on deep pages.
            ConditionLock.startThread(stackSize: 8 << 20) { [self] in
                let parser = TickerParser(registry: registry, inferStations: inferStations, namesNotTickers: namesNotTickers)
                let known = storePath.flatMap { try? ObservationStore(path: $0, access: .readOnly, registry: registry) }
                while let (sequence, page) = claim() {
                    let outcome = Self.read(page, parser: parser, known: known, timeOptions: timeOptions)
                    condition.lock()
                    results[sequence] = (page.origin, outcome)
                    // Only the writer waits for a result, and only for the next in order.
                    if writerWaits, sequence == consumed { condition.broadcast() }
                    condition.unlock()
                }
                condition.lock()
                runningWorkers -= 1
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    private var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Called by the reading thread for each item, in order; waits while the writer is
    /// `lookahead` behind.
    private func add(_ item: InputItem) {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, produced - consumed >= lookahead {
            readerWaits = true
            condition.wait()
            readerWaits = false
        }
        guard !cancelled else { return }
        let sequence = produced
        produced += 1
        switch item {
        case .page(let page):
            waiting.append((sequence, page))
            if idleWorkers > 0 { condition.broadcast() }
            return
        case .extracted(let page, let provenance, let origin): results[sequence] = (origin, .parsed([page], provenance))
        case .skipped(let origin, let reason): results[sequence] = (origin, .skipped(reason, notTickers: []))
        case .failed(let origin, let error): results[sequence] = (origin, .failed(error))
        case .warning(let diagnostic): results[sequence] = (PageOrigin(path: diagnostic.file), .warning(diagnostic))
        }
        if writerWaits, sequence == consumed { condition.broadcast() }
    }

    /// The next item and what reading it gave, in input order; `nil` after the last.
    func next() -> (PageOrigin, ReadOutcome)? {
        condition.lock()
        defer { condition.unlock() }
        while results[consumed] == nil {
            if readingDone, consumed >= produced { return nil }
            writerWaits = true
            condition.wait()
            writerWaits = false
        }
        let result = results.removeValue(forKey: consumed)!
        consumed += 1
        if readerWaits, produced - consumed < lookahead { condition.broadcast() }
        return result
    }

    /// Stops reading and parsing (the writer gave up), and waits for the workers to finish the
    /// page each is on: a worker still hashing while the process exits crashed in libcrypto,
    /// whose exit handler frees its locks.
    func cancel() {
        condition.lock()
        cancelled = true
        waiting.removeAll()
        waitingStart = 0
        condition.broadcast()
        while runningWorkers > 0 { condition.wait() }
        condition.unlock()
    }

    /// The next page to parse; `nil` when there will be no more.
    private func claim() -> (Int, CapturedPage)? {
        condition.lock()
        defer { condition.unlock() }
        while waitingStart == waiting.count {
            if readingDone || cancelled { return nil }
            idleWorkers += 1
            condition.wait()
            idleWorkers -= 1
        }
        let item = waiting[waitingStart]
        waitingStart += 1
        if waitingStart > 64, waitingStart * 2 > waiting.count {
            waiting.removeFirst(waitingStart)
            waitingStart = 0
        }
        return item
    }

    private static func read(_ page: CapturedPage, parser: TickerParser, known: ObservationStore?,
                             timeOptions: TimeOptions) -> ReadOutcome {
        do throws(PageError) {
            let prepared = try parser.prepare(page)
            // A page that cannot hold a ticker (most of a crawl) is not in the store either: it
            // is neither hashed nor looked up.
            if prepared.cannotHoldTicker { throw PageError.noTicker(notTickers: []) }
            // The SHA-256 costs about as much as inflating the page. It is taken before parsing
            // only to look the bytes up in a store; without one, only for a page that parsed.
            var sha256: String?
            if let known {
                let digest = SHA256Digest.hex(of: page.bytes)
                sha256 = digest
                // The time the page will be stored under, when it is known before parsing.
                let knownTime = timeOptions.at ?? page.hints.captureTime(options: timeOptions)?.time
                if let stored = try? known.storedPage(sha256: digest, at: knownTime) { return .alreadyIngested(stored) }
            }
            let parsed = try parser.parse(prepared, options: timeOptions)
            let provenance = PageProvenance(origin: page.origin, sha256: sha256 ?? SHA256Digest.hex(of: page.bytes),
                                            byteCount: page.bytes.count)
            return .parsed(parsed, provenance)
        } catch .noTicker(let notTickers) where page.mayLackTicker {
            // One of an archive's many pages (a crawl is mostly pages without a ticker).
            return .skipped(PageError.noTicker(notTickers: []).description, notTickers: notTickers)
        } catch .noTicker(let notTickers) where page.siteAssetKind != nil {
            // A saved site's style sheet, script, index or log beside its pages.
            return .skipped("\(page.siteAssetKind!), not a page", notTickers: notTickers)
        } catch {
            return .failed(error)
        }
    }
}
