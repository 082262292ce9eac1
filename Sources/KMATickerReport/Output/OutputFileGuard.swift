import FoundationEssentials
import Glibc

/// What `--out` may not replace: the store being read (by any name: the same device and
/// inode, or the same path), its `-wal` and `-shm` files, and any SQLite database. An export
/// renamed over them would destroy the observations it was made from.
enum OutputFileGuard {
    /// The first 16 bytes of every SQLite 3 database.
    static let sqliteHeader = Array("SQLite format 3\0".utf8)

    static func check(_ path: String, storePath: String?) throws(OutputError) {
        if let storePath {
            for (suffix, what) in [("", "it is the store (--db)"), ("-wal", "it is the store's (--db) -wal file"),
                                   ("-shm", "it is the store's (--db) -shm file")] {
                let protected = storePath + suffix
                if sameFile(path, protected) || canonicalPath(path) == canonicalPath(protected) {
                    throw .cannotWrite(path: path, reason: "\(what); a report never replaces it")
                }
            }
        }
        if startsWithSQLiteHeader(path) {
            throw .cannotWrite(path: path, reason: "it is an SQLite database; a report never replaces one")
        }
    }

    /// Whether both paths exist and are one file (hard links and symbolic links included).
    private static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// The path with its folder resolved (links, `..`), for files that do not exist yet.
    private static func canonicalPath(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        guard let resolved = realpath(folder, nil) else { return url.standardizedFileURL.path }
        defer { free(resolved) }
        return String(cString: resolved) + "/" + url.lastPathComponent
    }

    private static func startsWithSQLiteHeader(_ path: String) -> Bool {
        // O_NONBLOCK: a FIFO named by --out must not hang the check.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return false }
        var head = [UInt8](repeating: 0, count: sqliteHeader.count)
        let count = head.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        return count == sqliteHeader.count && head == sqliteHeader
    }
}
