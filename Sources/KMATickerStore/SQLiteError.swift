import CSQLite

/// A failed SQLite call: the extended result code, SQLite's message, and the SQL when there was one.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The extended result code (`ExtendedCode.constraintForeignkey`, `ExtendedCode.ioerrWrite`, …); its
    /// low byte is the primary code.
    package let extendedCode: Int32
    package let message: String
    /// The statement that failed, kept for debugging; messages show only its first words.
    public let sql: String?
    /// Holds ``rollbackError``: an array, because a struct cannot hold a value of its own type.
    private var rollbackErrors: [SQLiteError] = []

    package init(extendedCode: Int32, message: String, sql: String?) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// The rollback that failed after this error, when one did. This error is still the one
    /// that counts (the first error wins), but what it interrupted may not have been undone, so
    /// the connection cannot be trusted to go on: ``fault`` is then always the store's.
    package var rollbackError: SQLiteError? { rollbackErrors.first }

    /// This error, with the rollback that failed after it.
    func withRollbackError(_ error: SQLiteError) -> SQLiteError {
        var copy = self
        copy.rollbackErrors = [error]
        return copy
    }

    /// An error kmaticker itself raises about the store (SQLITE_ERROR).
    static func internalError(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(extendedCode: SQLITE_ERROR, message: message, sql: sql)
    }

    /// `BEGIN` while a transaction is open. SQLite has no nested transactions; a unit of work
    /// inside one is a savepoint, asked for as such (``SQLiteDatabase/inSavepoint(_:)``), so
    /// that what commits it is never in doubt.
    static let transactionAlreadyOpen = SQLiteError(
        extendedCode: SQLITE_MISUSE, message: "a transaction is already open (a unit of work inside it is a savepoint)",
        sql: "BEGIN IMMEDIATE")

    /// A savepoint outside a transaction. SQLite would make it a deferred transaction of its
    /// own, which takes the write lock only at its first write and can then fail at once with
    /// SQLITE_BUSY; a writer begins its transaction first (``SQLiteDatabase/inTransaction(_:)``).
    static let noTransactionOpen = SQLiteError(
        extendedCode: SQLITE_MISUSE, message: "a savepoint needs an open transaction", sql: "SAVEPOINT")

    /// The primary result code (`SQLITE_BUSY`, `SQLITE_NOTADB`, …).
    package var code: Int32 { extendedCode & 0xFF }

    /// One line: `database or disk is full (SQLITE_FULL, in COMMIT)`. The SQL is cut to its
    /// first words: a user needs to know which step failed, not the statement's text.
    /// A failed rollback follows: `…; rolling back failed too: cannot rollback … (SQLITE_ERROR, in ROLLBACK)`.
    public var description: String {
        var context = [SQLiteResultCode.name(extendedCode)]
        if let sql { context.append("in " + Self.firstWords(of: sql)) }
        let rollback = rollbackError.map { "; rolling back failed too: \($0)" } ?? ""
        return "\(message) (\(context.joined(separator: ", ")))" + rollback
    }

    /// `INSERT INTO observations`, `COMMIT`, `PRAGMA journal_mode`: a statement's first three words.
    static func firstWords(of sql: String) -> String {
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "(" || $0 == ";" })
        let shown = words.prefix(3).joined(separator: " ")
        return words.count > 3 ? shown + " …" : shown
    }

    /// The file is not a database (SQLITE_NOTADB), or is damaged (SQLITE_CORRUPT).
    package var meansNotADatabase: Bool { code == SQLITE_NOTADB || code == SQLITE_CORRUPT }

    /// What the failure says about the rest of the run (``SQLiteFault``).
    package var fault: SQLiteFault { SQLiteFault(self) }
}

/// Whether a failed write is one page's or the store's, by SQLite's extended result code.
///
/// A constraint, a value too big or of the wrong type concern the page being written: its
/// savepoint is rolled back and the run goes on. Everything else (I/O, a full disk, corruption,
/// a lock held too long, no memory, a read-only file) is the store's: no later page could be
/// written either, so the run stops.
public enum SQLiteFault: Sendable, Equatable {
    /// The store refused this page; `reason` says why in words.
    case pageRefused(reason: String)
    /// The store cannot go on; `reason` says why in words.
    case storeFailed(reason: String)

    package init(_ error: SQLiteError) {
        if error.rollbackError != nil {
            self = .storeFailed(reason: "a write failed and could not be rolled back: \(error)")
            return
        }
        switch error.code {
        case SQLITE_CONSTRAINT:
            switch error.extendedCode {
            case ExtendedCode.constraintForeignkey:
                self = .pageRefused(reason: "it names a station the store's station table lacks (\(error.message))")
            case ExtendedCode.constraintUnique, ExtendedCode.constraintPrimarykey:
                self = .pageRefused(reason: "the store already holds one of its rows under another identity (\(error.message))")
            default:
                self = .pageRefused(reason: "the store refused one of its values (\(error.message))")
            }
        case SQLITE_TOOBIG: self = .pageRefused(reason: "one of its values is larger than the store takes")
        case SQLITE_MISMATCH, SQLITE_RANGE: self = .pageRefused(reason: "one of its values has the wrong type (\(error.message))")
        case SQLITE_FULL: self = .storeFailed(reason: "the disk is full (\(error.message))")
        case SQLITE_IOERR: self = .storeFailed(reason: "the disk could not be read or written (\(error))")
        case SQLITE_CORRUPT, SQLITE_NOTADB: self = .storeFailed(reason: "the store file is damaged (\(error.message))")
        case SQLITE_BUSY, SQLITE_LOCKED:
            self = .storeFailed(reason: "another process held the store's lock too long (\(error.message))")
        case SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN:
            self = .storeFailed(reason: "the store cannot be written (\(error.message))")
        case SQLITE_NOMEM: self = .storeFailed(reason: "out of memory")
        default: self = .storeFailed(reason: "\(error)")
        }
    }

    /// Whether only the page being written is lost.
    package var isPageRefused: Bool {
        if case .pageRefused = self { return true } else { return false }
    }
}

/// Names of SQLite's result codes, for messages and logs.
enum SQLiteResultCode {
    static func name(_ extendedCode: Int32) -> String {
        if let name = extendedNames[extendedCode] { return name }
        return primaryNames[extendedCode & 0xFF] ?? "SQLite result \(extendedCode)"
    }

    private static let primaryNames: [Int32: String] = [
        SQLITE_ERROR: "SQLITE_ERROR", SQLITE_INTERNAL: "SQLITE_INTERNAL", SQLITE_PERM: "SQLITE_PERM",
        SQLITE_ABORT: "SQLITE_ABORT", SQLITE_BUSY: "SQLITE_BUSY", SQLITE_LOCKED: "SQLITE_LOCKED",
        SQLITE_NOMEM: "SQLITE_NOMEM", SQLITE_READONLY: "SQLITE_READONLY", SQLITE_INTERRUPT: "SQLITE_INTERRUPT",
        SQLITE_IOERR: "SQLITE_IOERR", SQLITE_CORRUPT: "SQLITE_CORRUPT", SQLITE_NOTFOUND: "SQLITE_NOTFOUND",
        SQLITE_FULL: "SQLITE_FULL", SQLITE_CANTOPEN: "SQLITE_CANTOPEN", SQLITE_PROTOCOL: "SQLITE_PROTOCOL",
        SQLITE_SCHEMA: "SQLITE_SCHEMA", SQLITE_TOOBIG: "SQLITE_TOOBIG", SQLITE_CONSTRAINT: "SQLITE_CONSTRAINT",
        SQLITE_MISMATCH: "SQLITE_MISMATCH", SQLITE_MISUSE: "SQLITE_MISUSE", SQLITE_RANGE: "SQLITE_RANGE",
        SQLITE_NOTADB: "SQLITE_NOTADB",
    ]

    private static let extendedNames: [Int32: String] = [
        ExtendedCode.constraintForeignkey: "SQLITE_CONSTRAINT_FOREIGNKEY", ExtendedCode.constraintUnique: "SQLITE_CONSTRAINT_UNIQUE",
        ExtendedCode.constraintPrimarykey: "SQLITE_CONSTRAINT_PRIMARYKEY", ExtendedCode.constraintNotnull: "SQLITE_CONSTRAINT_NOTNULL",
        ExtendedCode.constraintCheck: "SQLITE_CONSTRAINT_CHECK", ExtendedCode.constraintDatatype: "SQLITE_CONSTRAINT_DATATYPE",
        ExtendedCode.ioerrWrite: "SQLITE_IOERR_WRITE", ExtendedCode.ioerrRead: "SQLITE_IOERR_READ",
        ExtendedCode.ioerrFsync: "SQLITE_IOERR_FSYNC", ExtendedCode.ioerrShortRead: "SQLITE_IOERR_SHORT_READ",
        ExtendedCode.readonlyDbmoved: "SQLITE_READONLY_DBMOVED", ExtendedCode.busySnapshot: "SQLITE_BUSY_SNAPSHOT",
        ExtendedCode.cantopenNotempdir: "SQLITE_CANTOPEN_NOTEMPDIR",
    ]
}

/// SQLite's extended result codes kmaticker tells apart. sqlite3.h defines them as macros
/// with shifts (`SQLITE_CONSTRAINT | (3<<8)`), which Swift does not import.
enum ExtendedCode {
    static let constraintForeignkey = SQLITE_CONSTRAINT | (3 << 8)
    static let constraintUnique = SQLITE_CONSTRAINT | (8 << 8)
    static let constraintPrimarykey = SQLITE_CONSTRAINT | (6 << 8)
    static let constraintNotnull = SQLITE_CONSTRAINT | (5 << 8)
    static let constraintCheck = SQLITE_CONSTRAINT | (1 << 8)
    static let constraintDatatype = SQLITE_CONSTRAINT | (12 << 8)
    static let ioerrWrite = SQLITE_IOERR | (3 << 8)
    static let ioerrRead = SQLITE_IOERR | (1 << 8)
    static let ioerrFsync = SQLITE_IOERR | (4 << 8)
    static let ioerrShortRead = SQLITE_IOERR | (2 << 8)
    static let readonlyDbmoved = SQLITE_READONLY | (4 << 8)
    static let busySnapshot = SQLITE_BUSY | (2 << 8)
    static let cantopenNotempdir = SQLITE_CANTOPEN | (1 << 8)
}
