import CSQLite

/// A value bound to, or read from, an SQL statement. Every value reaches SQL this way, never
/// spliced into SQL text.
enum SQLiteValue: Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// An open SQLite connection: the one owner of its `sqlite3 *`.
final class SQLiteDatabase {
    private let handle: OpaquePointer

    /// How a connection may use its file.
    enum OpenMode {
        /// Read and write; `create` allows a new file.
        case readWrite(create: Bool)
        /// Read only: SQLite never writes the file (it may still make a WAL store's `-shm`).
        case readOnly
        /// Read only, the file taken as unchanging (`immutable=1`): no locks and no `-shm`, so
        /// a WAL store on read-only media can be read. Only for files nobody is writing.
        case immutable
    }

    /// Opens `path`; `create` allows a new file.
    convenience init(path: String, create: Bool) throws(SQLiteError) {
        try self.init(path: path, mode: .readWrite(create: create))
    }

    /// Opens `path` in `mode`. Result codes are extended (`SQLITE_CONSTRAINT_FOREIGNKEY`, not
    /// just `SQLITE_CONSTRAINT`): they tell one page's failure from the store's.
    init(path: String, mode: OpenMode) throws(SQLiteError) {
        var connection: OpaquePointer?
        var flags = SQLITE_OPEN_NOMUTEX
        var name = path
        switch mode {
        case .readWrite(let create): flags |= SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0)
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .immutable:
            flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
            name = "file:" + Self.uriPath(path) + "?immutable=1"
        }
        let status = sqlite3_open_v2(name, &connection, flags, nil)
        guard status == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(connection)
            throw SQLiteError(extendedCode: status, message: message, sql: nil)
        }
        handle = connection
        // Fails only on a closed connection.
        _ = sqlite3_extended_result_codes(handle, 1)
    }

    /// `path` percent-encoded for a `file:` URI (SQLite decodes `%XX`; `?` and `#` must not
    /// reach it bare).
    private static func uriPath(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: "."),
                 UInt8(ascii: "-"), UInt8(ascii: "_"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }

    /// Whether SQLite opened the file read-only (the mode asked for, or a file the process
    /// may not write).
    var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    // sqlite3_close_v2 does not fail: with statements still open it closes once they are
    // finalized (and each statement keeps its database alive, so none is).
    deinit { _ = sqlite3_close_v2(handle) }

    /// Runs one or more statements that return no rows (schema scripts, pragmas).
    func execute(_ sql: String) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        guard status == SQLITE_OK else {
            let message = errorMessage.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(errorMessage)
            throw SQLiteError(extendedCode: status, message: message, sql: sql)
        }
    }

    /// Compiles one statement for repeated use.
    func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw error(status, sql: sql) }
        return SQLiteStatement(handle: statement, database: self, sql: sql)
    }

    /// The single integer a query returns (`PRAGMA user_version`, `SELECT count(*) …`).
    func integer(_ sql: String) throws(SQLiteError) -> Int64 {
        let statement = try prepare(sql)
        guard try statement.step() else { return 0 }
        return statement.integer(at: 0) ?? 0
    }

    // Transactions and savepoints, after GRDB: a transaction is begun only when none is open
    // (SQLite has no nested transactions, and a silent savepoint in its place would leave the
    // outer transaction to commit or discard what the caller thought committed), a savepoint
    // only inside one. When anything fails, the first error is the one thrown; a rollback that
    // fails after it is attached to it (``SQLiteError/rollbackError``), never dropped.

    /// Begins a transaction with `BEGIN IMMEDIATE`: the write lock is taken up front, so two
    /// writers wait (busy timeout) instead of one failing on a lock upgrade. Throws
    /// ``SQLiteError/transactionAlreadyOpen`` when one is open.
    func beginTransaction() throws(SQLiteError) {
        guard isAutocommit else { throw .transactionAlreadyOpen }
        try execute("BEGIN IMMEDIATE")
    }

    /// Commits the open transaction. When the commit fails, the transaction is rolled back
    /// (SQLite leaves it open after SQLITE_BUSY, for one) and the commit's error thrown.
    func commitTransaction() throws(SQLiteError) {
        do {
            try execute("COMMIT")
        } catch {
            throw rollingBack(after: error)
        }
    }

    /// Rolls back the open transaction. There is nothing to roll back when SQLite has already
    /// rolled it back itself, as it does on a full disk, an I/O error or no memory.
    func rollBackTransaction() throws(SQLiteError) {
        guard !isAutocommit else { return }
        try execute("ROLLBACK")
    }

    /// Rolls back the open transaction after `error`; returns `error`, with the rollback's own
    /// failure attached when there was one.
    func rollingBack(after error: SQLiteError) -> SQLiteError {
        do {
            try rollBackTransaction()
            return error
        } catch let rollbackError {
            return error.withRollbackError(rollbackError)
        }
    }

    /// Runs `body` in a transaction of its own (``beginTransaction()``) and commits it; when
    /// `body` or the commit throws, the transaction is rolled back: all or nothing.
    func inTransaction<T>(_ body: () throws(SQLiteError) -> T) throws(SQLiteError) -> T {
        try beginTransaction()
        let result: T
        do {
            result = try body()
        } catch {
            throw rollingBack(after: error)
        }
        try commitTransaction()
        return result
    }

    /// Runs `body` in a savepoint inside the open transaction and releases it; when `body`
    /// throws, what it wrote is rolled back and the transaction goes on. Throws
    /// ``SQLiteError/noTransactionOpen`` outside a transaction.
    func inSavepoint<T>(_ body: () throws(SQLiteError) -> T) throws(SQLiteError) -> T {
        guard !isAutocommit else { throw .noTransactionOpen }
        try execute("SAVEPOINT unit")
        do {
            let result = try body()
            try execute("RELEASE unit")
            return result
        } catch {
            // SQLite may have rolled back the whole transaction itself (a full disk, an I/O
            // error): then there is no savepoint left, and the error says why.
            guard !isAutocommit else { throw error }
            do {
                try execute("ROLLBACK TO unit; RELEASE unit")
            } catch let rollbackError {
                throw error.withRollbackError(rollbackError)
            }
            throw error
        }
    }

    /// Whether no transaction is open.
    var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// How long a statement waits for another connection's lock before SQLITE_BUSY.
    /// (sqlite3_busy_timeout cannot fail on an open connection.)
    func setBusyTimeout(milliseconds: Int32) { _ = sqlite3_busy_timeout(handle, milliseconds) }

    /// Sets one of SQLite's limits for this connection (`SQLITE_LIMIT_LENGTH`, the longest
    /// text or row, …); returns the one it replaces.
    @discardableResult
    func setLimit(_ limit: Int32, to value: Int32) -> Int32 { sqlite3_limit(handle, limit, value) }

    fileprivate var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    fileprivate func error(_ status: Int32, sql: String?) -> SQLiteError {
        // With extended result codes on, a call returns the extended code itself.
        SQLiteError(extendedCode: status, message: lastErrorMessage, sql: sql)
    }
}

/// A prepared statement: the one owner of its `sqlite3_stmt *`. It keeps its database alive.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let database: SQLiteDatabase
    let sql: String

    fileprivate init(handle: OpaquePointer, database: SQLiteDatabase, sql: String) {
        self.handle = handle
        self.database = database
        self.sql = sql
    }

    // sqlite3_finalize's result repeats the last step's failure, which step() has thrown.
    deinit { _ = sqlite3_finalize(handle) }

    /// How many columns a row of the result has.
    var columnCount: Int32 { sqlite3_column_count(handle) }

    /// Resets the statement and binds `values` to its parameters, in order.
    func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        reset()
        // Fails only on a NULL statement.
        _ = sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .null: try check(sqlite3_bind_null(handle, index), binding: index)
            case .integer(let number): try check(sqlite3_bind_int64(handle, index, number), binding: index)
            case .real(let number): try check(sqlite3_bind_double(handle, index, number), binding: index)
            case .text(let text): try bind(text, at: index)
            }
        }
    }

    /// Ends the statement's run, so that it holds no read transaction open and can run again
    /// (earlier bindings stay until replaced). Run statements are reset after use, and a
    /// failed step resets its statement. sqlite3_reset's result is not an error of its own: it
    /// repeats the last step's failure, which step() has already thrown.
    func reset() { _ = sqlite3_reset(handle) }

    // Binding one column at a time, for the hot insert: no array of values per row. Every bind
    // is checked: a bind that fails leaves the parameter as it was (the row before's value, or
    // NULL), and the row would go in wrong without a word. SQLite refuses a text longer than
    // SQLITE_LIMIT_LENGTH (SQLITE_TOOBIG) or a parameter the statement lacks (SQLITE_RANGE).

    func bind(_ value: Int64?, at index: Int32) throws(SQLiteError) {
        try check(value.map { sqlite3_bind_int64(handle, index, $0) } ?? sqlite3_bind_null(handle, index), binding: index)
    }

    func bind(_ value: Double?, at index: Int32) throws(SQLiteError) {
        try check(value.map { sqlite3_bind_double(handle, index, $0) } ?? sqlite3_bind_null(handle, index), binding: index)
    }

    func bind(_ value: String?, at index: Int32) throws(SQLiteError) {
        guard var value else { return try check(sqlite3_bind_null(handle, index), binding: index) }
        let status = value.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), kmaticker_sqlite_transient())
            }
        }
        try check(status, binding: index)
    }

    private func check(_ status: Int32, binding index: Int32) throws(SQLiteError) {
        guard status == SQLITE_OK else {
            let error = database.error(status, sql: sql)
            throw SQLiteError(extendedCode: error.extendedCode, message: "\(error.message) (parameter \(index))", sql: sql)
        }
    }

    /// Runs a statement bound column by column to completion, resets it, and returns the rows
    /// changed.
    func runBound() throws(SQLiteError) -> Int {
        while try step() {}
        reset()
        return database.changes
    }

    /// Advances to the next row: `true` when a row is ready, `false` when done. A failed step
    /// resets the statement (it then holds no lock) and throws its error.
    @discardableResult
    func step() throws(SQLiteError) -> Bool {
        let status = sqlite3_step(handle)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.error(status, sql: sql)
            reset()
            throw error
        }
    }

    /// Binds `values`, runs the statement to completion, resets it, and returns the rows changed.
    @discardableResult
    func run(_ values: [SQLiteValue]) throws(SQLiteError) -> Int {
        try bind(values)
        return try runBound()
    }

    func integer(at column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    func real(at column: Int32) -> Double? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
    }

    /// The column's text as SQLite holds it (UTF-8), without making a `String`: valid until the
    /// statement steps again. `nil` for NULL.
    func textBytes(at column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
    }

    func text(at column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
