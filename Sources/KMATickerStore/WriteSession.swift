import FoundationEssentials
import KMATickerModel

/// Writes pages into an ``ObservationStore`` and owns the transaction they are written in
/// (``ObservationStore/beginWriteSession(batching:)``; after GRDB's `write { db in … }`).
///
/// Pages are committed in batches (``Batching``): one commit per batch instead of one per page
/// is what lets an archive go in quickly, and a crash loses only the open batch, whole pages.
/// Inside the batch's transaction each page is written in a savepoint of its own, so a page the
/// store refuses (a constraint, a value too big) is rolled back alone and comes back as
/// ``PageWriteOutcome/refused(reason:error:)``, and the batch goes on.
///
/// An error the session throws is a fault of the store itself (a full disk, an I/O error, a
/// damaged file, a lock held too long): the open batch has been rolled back with it, and its
/// pages are lost, whole. A later write begins a new batch.
///
/// A batch's transaction first makes a new store's schema, or migrates an older store, and
/// brings the stations table in step with the registry: all of it is committed with the first
/// pages, or rolled back with them.
///
/// In a dry run (a store opened ``StoreAccess/dryRun``) nothing is ever committed: the session
/// holds one transaction, which ``finish()`` rolls back. A session dropped before ``finish()``
/// rolls back what it has not committed.
package final class WriteSession {
    /// When a batch is committed: once it holds `pages` pages, or has been open `seconds`.
    package struct Batching: Sendable, Equatable {
        package var pages: Int
        package var seconds: Double

        package init(pages: Int, seconds: Double) {
            self.pages = pages
            self.seconds = seconds
        }

        /// 256 pages or one second: a commit per page cost an fsync each, and batching took
        /// ingest of small captures from 524 to 873 files/s (BENCHMARKS.md); a killed ingest
        /// loses at most a second of work.
        package static let standard = Batching(pages: 256, seconds: 1.0)
    }

    package let store: ObservationStore
    package let batching: Batching
    /// Pages written since the last commit: the ones a fault of the store would lose.
    package private(set) var uncommittedPages = 0
    /// When this session's open batch began; `nil` when it has none open.
    private var batchBegan: Date?

    init(store: ObservationStore, batching: Batching) {
        self.store = store
        self.batching = batching
    }

    deinit {
        guard batchBegan != nil else { return }
        // A deinit cannot throw: a rollback that fails leaves the transaction open, and the
        // store's next write transaction, refused because one is open, says why.
        do {
            try store.rollBackWriteTransaction()
        } catch {
            store.droppedSessionRollbackError = error
        }
    }

    /// Writes `page` in a savepoint of its own inside the open batch (begun if none is).
    /// - Returns: what was stored, or why the store refused the page: then nothing of it was
    ///   stored, and the batch goes on.
    /// - Throws: a fault of the store itself; the open batch was rolled back with it.
    package func write(_ page: TickerPage, provenance: PageProvenance, now: Date = Date()) throws(StoreError) -> PageWriteOutcome {
        do {
            if batchBegan == nil {
                try store.beginWriteTransaction()
                batchBegan = Date()
            }
            let result = try store.database.inSavepoint { () throws(SQLiteError) in
                try store.writePage(page, provenance: provenance, now: now)
            }
            uncommittedPages += 1
            return .written(result)
        } catch {
            // Only the page's savepoint was rolled back: the batch's transaction is still open.
            if batchBegan != nil, !store.database.isAutocommit, case .pageRefused(let reason) = error.fault {
                return .refused(reason: reason, error: error)
            }
            throw endBatch(after: error)
        }
    }

    /// The page with these bytes, if stored: committed, or written earlier in this session
    /// (``ObservationStore/storedPage(sha256:at:)``).
    /// - Throws: a fault of the store itself; the open batch was rolled back with it.
    package func storedPage(sha256: String, at time: KSTDateTime?) throws(StoreError) -> StoredPage? {
        do {
            return try store.findStoredPage(sha256: sha256, at: time)
        } catch {
            throw endBatch(after: error)
        }
    }

    /// Commits the open batch if it is due: it holds ``Batching/pages`` pages, or has been open
    /// ``Batching/seconds``. A dry run's is never due.
    /// - Returns: whether every page written is committed: then what is said of them can no
    ///   longer be lost.
    /// - Throws: a fault of the store itself; the open batch was rolled back with it.
    package func commitIfDue(now: Date = Date()) throws(StoreError) -> Bool {
        if let batchBegan, store.access == .readWrite,
           uncommittedPages >= batching.pages || now.timeIntervalSince(batchBegan) > batching.seconds {
            try commit()
        }
        return uncommittedPages == 0
    }

    /// Ends the open batch: commits it, or in a dry run rolls it back.
    /// - Throws: a fault of the store itself; the open batch was rolled back with it.
    package func finish() throws(StoreError) {
        if store.access == .dryRun { try rollBack() } else { try commit() }
    }

    /// Discards the pages written since the last commit.
    package func rollBack() throws(StoreError) {
        guard batchBegan != nil else { return }
        defer { forgetBatch() }
        do {
            try store.rollBackWriteTransaction()
        } catch {
            throw .database(path: store.path, error)
        }
    }

    private func commit() throws(StoreError) {
        guard batchBegan != nil else { return }
        // A commit that fails has been rolled back (or SQLite rolled it back itself).
        defer { forgetBatch() }
        do {
            try store.commitWriteTransaction()
        } catch {
            throw .database(path: store.path, error)
        }
    }

    /// Rolls back the open batch after the store's fault `error`: the first error is the one
    /// thrown, with the rollback's own failure attached when there was one.
    private func endBatch(after error: SQLiteError) -> StoreError {
        // A batch that never began is not this session's to roll back (another session's
        // transaction may be the one open).
        guard batchBegan != nil else { return .database(path: store.path, error) }
        defer { forgetBatch() }
        return .database(path: store.path, store.rollBackWriteTransaction(after: error))
    }

    private func forgetBatch() {
        batchBegan = nil
        uncommittedPages = 0
    }
}
