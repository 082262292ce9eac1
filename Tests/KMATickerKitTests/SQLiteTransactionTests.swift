import CSQLite
import Testing
@testable import KMATickerStore

/// "The store owns its transactions": a transaction is never nested (a unit of work inside one
/// is a savepoint, asked for as such), the first error wins and a failed rollback is attached
/// to it, and every bind is checked.
@Suite struct SQLiteTransactionTests {
    func database() throws -> SQLiteDatabase {
        let database = try SQLiteDatabase(path: ":memory:", create: true)
        try database.execute("CREATE TABLE t (x INTEGER NOT NULL)")
        return database
    }

    func rows(_ database: SQLiteDatabase) throws -> Int64 { try database.integer("SELECT count(*) FROM t") }

    @Test func aTransactionInsideATransactionIsRefusedNotMadeASavepoint() throws {
        let database = try database()
        var caught: SQLiteError?
        do {
            try database.inTransaction { () throws(SQLiteError) in
                try database.execute("INSERT INTO t VALUES (1)")
                try database.inTransaction { () throws(SQLiteError) in try database.execute("INSERT INTO t VALUES (2)") }
            }
        } catch {
            caught = error
        }
        #expect(caught == .transactionAlreadyOpen)
        #expect(caught?.code == SQLITE_MISUSE)
        #expect(caught?.fault.isPageRefused == false)
        // The outer transaction was rolled back with the error: nothing of it is stored.
        #expect(database.isAutocommit)
        #expect(try rows(database) == 0)
    }

    @Test func aSavepointNeedsAnOpenTransaction() throws {
        let database = try database()
        #expect(throws: SQLiteError.noTransactionOpen) {
            try database.inSavepoint { () throws(SQLiteError) in try database.execute("INSERT INTO t VALUES (1)") }
        }
        #expect(database.isAutocommit)
        #expect(try rows(database) == 0)
    }

    @Test func aSavepointRollsBackItsOwnWorkAndTheTransactionGoesOn() throws {
        let database = try database()
        try database.inTransaction { () throws(SQLiteError) in
            try database.execute("INSERT INTO t VALUES (1)")
            #expect(throws: SQLiteError.self) {
                try database.inSavepoint { () throws(SQLiteError) in
                    try database.execute("INSERT INTO t VALUES (2)")
                    try database.execute("INSERT INTO t VALUES (NULL)")
                }
            }
            #expect(!database.isAutocommit)
            try database.inSavepoint { () throws(SQLiteError) in try database.execute("INSERT INTO t VALUES (3)") }
        }
        #expect(try rows(database) == 2)
        #expect(try database.integer("SELECT sum(x) FROM t") == 4)
    }

    /// The first error is the one thrown; the rollback that failed after it is attached, and
    /// the fault is then the store's even for a constraint (what it wrote may not be undone).
    @Test func aRollbackThatFailsIsAttachedToTheFirstError() throws {
        let database = try database()
        var caught: SQLiteError?
        do {
            try database.inTransaction { () throws(SQLiteError) in
                try database.inSavepoint { () throws(SQLiteError) in
                    // Misuse that makes the savepoint's rollback fail: it is gone already.
                    try database.execute("RELEASE unit")
                    throw SQLiteError(extendedCode: ExtendedCode.constraintCheck, message: "first", sql: nil)
                }
            }
        } catch {
            caught = error
        }
        let error = try #require(caught)
        #expect(error.message == "first")
        #expect(error.rollbackError?.message == "no such savepoint: unit")
        #expect(error.description == "first (SQLITE_CONSTRAINT_CHECK); rolling back failed too: no such savepoint: unit (SQLITE_ERROR, in ROLLBACK TO unit …)")
        #expect(error.fault == .storeFailed(reason: "a write failed and could not be rolled back: \(error)"))
        #expect(database.isAutocommit)
    }

    /// A commit that fails is rolled back, not left open.
    @Test func aCommitThatFailsIsRolledBack() throws {
        let database = try database()
        try database.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent DEFERRABLE INITIALLY DEFERRED)")
        try database.execute("PRAGMA foreign_keys = ON")
        #expect(throws: SQLiteError.self) {
            try database.inTransaction { () throws(SQLiteError) in try database.execute("INSERT INTO child VALUES (7)") }
        }
        #expect(database.isAutocommit)
        #expect(try database.integer("SELECT count(*) FROM child") == 0)
    }

    /// A bind SQLite refuses is an error: ignored, it would leave the parameter as it was (the
    /// row before's value) and the row would go in wrong without a word.
    @Test func aBindThatFailsIsAnError() throws {
        let database = try database()
        database.setLimit(SQLITE_LIMIT_LENGTH, to: 100)
        let statement = try database.prepare("SELECT ?1, ?2")
        let long = String(repeating: "가", count: 100)
        func code(_ bind: () throws(SQLiteError) -> Void) -> Int32? {
            do { try bind() } catch { return error.extendedCode }
            return nil
        }
        #expect(code { () throws(SQLiteError) in try statement.bind(long, at: 1) } == SQLITE_TOOBIG)
        #expect(code { () throws(SQLiteError) in try statement.bind([.integer(1), .text(long)]) } == SQLITE_TOOBIG)
        #expect(code { () throws(SQLiteError) in try statement.bind(Int64(1), at: 3) } == SQLITE_RANGE)
        #expect(code { () throws(SQLiteError) in try statement.bind(1.5, at: 0) } == SQLITE_RANGE)
        #expect(code { () throws(SQLiteError) in try statement.bind("short", at: 2) } == nil)
        var caught: SQLiteError?
        do { try statement.bind(long, at: 1) } catch { caught = error }
        #expect(caught?.description == "string or blob too big (parameter 1) (SQLITE_TOOBIG, in SELECT ?1, ?2)")
    }

    @Test func extendedResultCodesAreKept() throws {
        let database = try database()
        var caught: SQLiteError?
        do { try database.execute("INSERT INTO t VALUES (NULL)") } catch { caught = error }
        #expect(caught?.extendedCode == ExtendedCode.constraintNotnull)
        #expect(caught?.description == "NOT NULL constraint failed: t.x (SQLITE_CONSTRAINT_NOTNULL, in INSERT INTO t …)")
    }
}
