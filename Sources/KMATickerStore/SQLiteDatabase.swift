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
        sqlite3_extended_result_codes(handle, 1)
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

    deinit { sqlite3_close_v2(handle) }

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

    /// Runs `body` in `BEGIN IMMEDIATE … COMMIT`, rolling back when it throws: all or nothing.
    /// IMMEDIATE takes the write lock up front, so two writers wait (busy timeout) instead of
    /// failing on a lock upgrade. Inside an open transaction it is a savepoint instead, which
    /// the outer transaction commits or rolls back.
    func inTransaction<T>(_ body: () throws -> T) throws -> T {
        let nested = !isAutocommit
        try execute(nested ? "SAVEPOINT unit" : "BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute(nested ? "RELEASE unit" : "COMMIT")
            return result
        } catch {
            try? execute(nested ? "ROLLBACK TO unit; RELEASE unit" : "ROLLBACK")
            throw error
        }
    }

    /// Whether no transaction is open.
    var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    func setBusyTimeout(milliseconds: Int32) { sqlite3_busy_timeout(handle, milliseconds) }

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

    deinit { sqlite3_finalize(handle) }

    /// How many columns a row of the result has.
    var columnCount: Int32 { sqlite3_column_count(handle) }

    /// Resets the statement and binds `values` to its parameters, in order.
    func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(handle, index)
            case .integer(let number): status = sqlite3_bind_int64(handle, index, number)
            case .real(let number): status = sqlite3_bind_double(handle, index, number)
            case .text(let text): status = sqlite3_bind_text(handle, index, text, -1, kmaticker_sqlite_transient())
            }
            guard status == SQLITE_OK else { throw database.error(status, sql: sql) }
        }
    }

    // Binding one column at a time, for the hot insert: no array of values per row.

    /// Resets the statement for new bindings (earlier bindings are replaced one by one).
    func reset() { sqlite3_reset(handle) }

    func bind(_ value: Int64?, at index: Int32) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ value: Double?, at index: Int32) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ value: String?, at index: Int32) {
        guard var value else { sqlite3_bind_null(handle, index); return }
        value.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) {
                sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), kmaticker_sqlite_transient())
            }
        }
    }

    /// Runs a statement bound column by column; returns the rows changed.
    func runBound() throws(SQLiteError) -> Int {
        while try step() {}
        return database.changes
    }

    /// Advances to the next row: `true` when a row is ready, `false` when done.
    @discardableResult
    func step() throws(SQLiteError) -> Bool {
        let status = sqlite3_step(handle)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(status, sql: sql)
        }
    }

    /// Binds `values`, runs the statement to completion, and returns the rows changed.
    @discardableResult
    func run(_ values: [SQLiteValue]) throws(SQLiteError) -> Int {
        try bind(values)
        while try step() {}
        return database.changes
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
