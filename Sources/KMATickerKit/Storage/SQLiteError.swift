import CSQLite

/// A failed SQLite call: the result code, SQLite's message, and the SQL when there was one.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The primary result code (`SQLITE_BUSY`, `SQLITE_NOTADB`, …).
    public let code: Int32
    public let message: String
    public let sql: String?

    public var description: String {
        sql.map { "SQLite error \(code): \(message) (in: \($0))" } ?? "SQLite error \(code): \(message)"
    }

    /// The file is not a database (SQLITE_NOTADB), or is damaged (SQLITE_CORRUPT).
    public var meansNotADatabase: Bool { code == SQLITE_NOTADB || code == SQLITE_CORRUPT }
}
