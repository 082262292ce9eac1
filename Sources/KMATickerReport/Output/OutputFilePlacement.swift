import FoundationEssentials
import Glibc
import KMATickerModel

/// Where `--out` (and `export --xlsx`) writes: a file that appears only when complete. It is
/// written as `PATH.partial-PID` beside `PATH` and renamed into place by ``commit()``; it is
/// removed by ``abandon()`` and on SIGINT or SIGTERM (``PartialFileRemoval``). `PATH` is
/// refused when it is a folder, when its folder is missing, when it is the store at
/// `storePath` (or its `-wal` or `-shm` file), or any SQLite database (``OutputFileGuard``).
///
/// One placement per file: ``FileTextOutput`` writes text through it, ``XLSXWriter`` a workbook.
final class OutputFilePlacement {
    /// The file as named.
    let path: String
    /// Where it is written until complete.
    let temporaryPath: String
    private let storePath: String?
    private var settled = false

    init(at path: String, sparing storePath: String?) throws(OutputError) {
        var isDirectory = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory {
            throw .cannotWrite(path: path, reason: "it is a folder")
        }
        let folder = PathComponents.deletingLast(of: path)
        if !folder.isEmpty {
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
                throw .cannotWrite(path: path, reason: "the folder \(folder) does not exist")
            }
            guard isDirectory else { throw .cannotWrite(path: path, reason: "\(folder) is not a folder") }
        }
        try OutputFileGuard.check(path, storePath: storePath)
        self.path = path
        self.storePath = storePath
        temporaryPath = path + ".partial-\(getpid())"
    }

    /// Creates the temporary file (empty) and returns its descriptor, open for writing, which
    /// the caller closes. A folder that refuses it is said here, before any row is read.
    func create() throws(OutputError) -> Int32 {
        // Armed before the file exists: a signal at any moment after finds its path ready.
        PartialFileRemoval.arm(temporaryPath)
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            let error = errno
            settled = true
            PartialFileRemoval.disarm()
            throw .cannotWrite(path: path, reason: error == EACCES ? "permission denied" : FileDescriptorWriting.describe(error))
        }
        return descriptor
    }

    /// Renames the complete file into place: rename(2) replaces an existing file in one step
    /// and refuses to replace a folder. On failure the temporary file is removed.
    func commit() throws(OutputError) {
        guard !settled else { return }
        settled = true
        defer { PartialFileRemoval.disarm() }
        do throws(OutputError) {
            // Checked again: the store's -wal may have appeared since the file was made.
            try OutputFileGuard.check(path, storePath: storePath)
            if rename(temporaryPath, path) != 0 {
                throw .cannotWrite(path: path, reason: FileDescriptorWriting.describe(errno))
            }
        } catch {
            unlink(temporaryPath)
            throw error
        }
    }

    /// Removes the temporary file (a failure, or an error elsewhere); any earlier `PATH` stays.
    func abandon() {
        guard !settled else { return }
        settled = true
        unlink(temporaryPath)
        PartialFileRemoval.disarm()
    }
}
