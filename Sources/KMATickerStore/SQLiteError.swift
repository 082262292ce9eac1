import CSQLite

/// A failed SQLite call: the extended result code, SQLite's message, and the SQL when there was one.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The extended result code (`ExtendedCode.constraintForeignkey`, `ExtendedCode.ioerrWrite`, …); its
    /// low byte is the primary code.
    public let extendedCode: Int32
    public let message: String
    /// The statement that failed, kept for debugging; messages show only its first words.
    public let sql: String?

    public init(extendedCode: Int32, message: String, sql: String?) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// An error kmaticker itself raises about the store (SQLITE_ERROR).
    static func internalError(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(extendedCode: SQLITE_ERROR, message: message, sql: sql)
    }

    /// The primary result code (`SQLITE_BUSY`, `SQLITE_NOTADB`, …).
    public var code: Int32 { extendedCode & 0xFF }

    /// One line: `database or disk is full (SQLITE_FULL, in COMMIT)`. The SQL is cut to its
    /// first words: a user needs to know which step failed, not the statement's text.
    public var description: String {
        var context = [SQLiteResultCode.name(extendedCode)]
        if let sql { context.append("in " + Self.firstWords(of: sql)) }
        return "\(message) (\(context.joined(separator: ", ")))"
    }

    /// `INSERT INTO observations`, `COMMIT`, `PRAGMA journal_mode`: a statement's first three words.
    static func firstWords(of sql: String) -> String {
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "(" || $0 == ";" })
        let shown = words.prefix(3).joined(separator: " ")
        return words.count > 3 ? shown + " …" : shown
    }

    /// The file is not a database (SQLITE_NOTADB), or is damaged (SQLITE_CORRUPT).
    public var meansNotADatabase: Bool { code == SQLITE_NOTADB || code == SQLITE_CORRUPT }

    /// What the failure says about the rest of the run (``SQLiteFault``).
    public var fault: SQLiteFault { SQLiteFault(self) }
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

    public init(_ error: SQLiteError) {
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
    public var isPageRefused: Bool {
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
