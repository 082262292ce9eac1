/// Why the store could not be used. Each names the store's path and what to do.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `query`/`export` on a path with no store.
    case missing(path: String)
    /// `query`/`export` on an empty file: not a store yet (reading never makes one).
    case empty(path: String)
    /// SQLite could not open or create the file (permissions, a missing folder, a full disk).
    case cannotOpen(path: String, reason: String)
    /// The file exists but is not a kmaticker store (not SQLite, or another program's database).
    case notAStore(path: String)
    /// An SQLite database SQLite finds damaged, or a kmaticker store (its tables are there)
    /// whose header is: `detail` is SQLite's word or what was found.
    case damaged(path: String, detail: String)
    /// Written by a newer kmaticker whose schema this one does not know.
    case newerVersion(path: String, found: Int, supported: Int)
    /// A database error while reading or writing.
    case database(path: String, SQLiteError)

    public var description: String {
        switch self {
        case .missing(let path):
            return "no store at \(path); ingest a page first (kmaticker ingest PAGE), or name a store with --db"
        case .empty(let path):
            return "\(path) is an empty file, not a kmaticker store yet; ingest a page into it first (kmaticker ingest --db \(path) PAGE); it was left untouched"
        case .cannotOpen(let path, let reason):
            return "cannot open the store \(path): \(reason)"
        case .notAStore(let path):
            return "\(path) is not a kmaticker store; it was left untouched (name another file with --db)"
        case .damaged(let path, let detail):
            return "\(path) is damaged (\(detail)); it was left untouched: restore it from a backup, or save what is left into a new file with sqlite3 \(path) .recover | sqlite3 recovered.sqlite, and name a new store with --db meanwhile"
        case .newerVersion(let path, let found, let supported):
            return "\(path) was written by a newer kmaticker (schema version \(found); this one knows up to \(supported)); it was left untouched"
        case .database(let path, let error):
            return "store \(path): \(error)"
        }
    }
}
