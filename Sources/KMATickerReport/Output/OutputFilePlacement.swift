import FoundationEssentials
import Glibc
import KMATickerModel

/// Where `--out` (and `export --xlsx`) writes, the way `sort -o`, `curl -o` and `sqlite3
/// .output` users expect:
///
/// - `-` is standard output, and `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N`
///   are the descriptors they name, written as they are open (`>> log.csv` appends): opening the
///   name again would start a file at its first byte, or rename over it.
/// - A regular file (new or existing) appears only when complete: it is written as
///   `PATH.partial-PID` beside it and renamed into place by ``commit()``, an existing file's mode
///   and owner kept; it is removed by ``abandon()`` and on SIGINT or SIGTERM
///   (``PartialFileRemoval``).
/// - A symbolic link is followed: its target is written that way, and the link stays.
/// - Anything else that exists (a FIFO, a terminal, `/dev/null`, `/dev/fd/N` of a pipe) is
///   written in place and never renamed over: renaming would replace the device or the pipe
///   with a regular file its reader never sees.
///
/// `PATH` is refused when it is a folder, when its folder is missing, when it is the store at
/// `storePath` (or its `-wal` or `-shm` file), or any SQLite database (``OutputFileGuard``).
///
/// One placement per file: ``FileTextOutput`` writes text through it, ``XLSXWriter`` a workbook.
final class OutputFilePlacement {
    /// The file as named.
    let path: String
    private let destination: Destination
    private let storePath: String?
    private var settled = false
    /// A workbook's whole file, made in the temporary folder for a destination written in place
    /// (libxlsxwriter writes a path, and seeks in it).
    private var stagedPath: String?
    /// The open descriptor the name stands for (`-`, `/dev/stdout`, `/dev/fd/3`), written
    /// through a copy of it.
    private var openDescriptor: Int32?

    private enum Destination {
        /// A regular file, new or existing, at `finalPath` (a link's target, or the path).
        /// `existing`: the file it replaces, whose mode and owner the new one keeps.
        case renamedInto(finalPath: String, temporaryPath: String, existing: stat?)
        /// Standard output, or a file that is no regular file, written in place.
        case inPlace
    }

    /// The name `-` gives standard output (``FileTextOutput/standardOutput()`` writes there
    /// without a placement; a workbook is made in the temporary folder and copied there).
    static let standardOutputName = "-"

    init(at path: String, sparing storePath: String?) throws(OutputError) {
        self.path = path
        self.storePath = storePath
        if let descriptor = Self.descriptor(named: path) {
            destination = .inPlace
            openDescriptor = descriptor
            return
        }
        var status = stat()
        // stat(2) follows links: what they name decides.
        if FileSystemPath.withCString(path, { stat($0, &status) }) == 0 {
            let kind = status.st_mode & S_IFMT
            if kind == S_IFDIR { throw .cannotWrite(path: path, reason: "it is a folder") }
            try OutputFileGuard.check(path, storePath: storePath)
            if kind != S_IFREG {
                destination = .inPlace
                return
            }
            // A file its owner made read-only is not replaced behind their back (the folder's
            // permission would allow the rename): refused, as `>` and `sort -o` refuse it.
            if FileSystemPath.withCString(path, { access($0, W_OK) }) != 0 { throw Self.refusal(errno, path: path) }
            let finalPath = try Self.resolvingLinks(path)
            destination = .renamedInto(finalPath: finalPath, temporaryPath: finalPath + ".partial-\(getpid())", existing: status)
            return
        }
        // A new file, or a link to one not made yet (its target is made).
        let finalPath = try Self.resolvingLinks(path)
        let folder = PathComponents.deletingLast(of: finalPath)
        if !folder.isEmpty, FileSystemPath.withCString(folder, { stat($0, &status) }) != 0 {
            throw .cannotWrite(path: path, reason: "the folder \(folder) does not exist")
        }
        if !folder.isEmpty, status.st_mode & S_IFMT != S_IFDIR {
            throw .cannotWrite(path: path, reason: "\(folder) is not a folder")
        }
        try OutputFileGuard.check(path, storePath: storePath)
        destination = .renamedInto(finalPath: finalPath, temporaryPath: finalPath + ".partial-\(getpid())", existing: nil)
    }

    /// Whether the file is written in place (standard output, a FIFO, a device), not renamed.
    var writesInPlace: Bool {
        if case .inPlace = destination { return true }
        return false
    }

    /// Opens the file for writing and returns its descriptor, which the caller closes: the
    /// temporary file beside a regular one (empty, with the mode and owner of the file it will
    /// replace), or the destination itself. A folder that refuses it is said here, before any
    /// row is read.
    func create() throws(OutputError) -> Int32 {
        switch destination {
        case .inPlace:
            if let openDescriptor {
                let copy = dup(openDescriptor)
                guard copy >= 0 else { throw Self.refusal(errno, path: path) }
                return copy
            }
            let descriptor = FileSystemPath.withCString(path) { open($0, O_WRONLY | O_CLOEXEC) }
            guard descriptor >= 0 else { throw Self.refusal(errno, path: path) }
            return descriptor
        case .renamedInto(_, let temporaryPath, let existing):
            // Armed before the file exists: a signal at any moment after finds its path ready.
            PartialFileRemoval.arm(temporaryPath)
            let descriptor = FileSystemPath.withCString(temporaryPath) { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666) }
            guard descriptor >= 0 else {
                let error = errno
                settled = true
                PartialFileRemoval.disarm()
                throw Self.refusal(error, path: path)
            }
            if let existing {
                // Owner first: chown(2) may clear the set-id bits that the mode then restores. A
                // file owned by someone else keeps the writer as owner (only root may give a
                // file away), as `cp` does.
                _ = fchown(descriptor, existing.st_uid, existing.st_gid)
                _ = fchmod(descriptor, existing.st_mode & 0o7777)
            }
            return descriptor
        }
    }

    /// The path a workbook is made at, which ``commit()`` puts in place: the temporary file
    /// beside a regular file, or a file in the temporary folder for a destination written in
    /// place. Made empty now, so that a folder that refuses it is said before any row is read.
    func stage() throws(OutputError) -> String {
        switch destination {
        case .renamedInto(_, let temporaryPath, _):
            close(try create())
            return temporaryPath
        case .inPlace:
            // Checked now, without opening it: a FIFO's reader would see the end of its input.
            if openDescriptor == nil, FileSystemPath.withCString(path, { access($0, W_OK) }) != 0 { throw Self.refusal(errno, path: path) }
            let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            var template = Array("\(folder)/kmaticker-\(getpid())-XXXXXX.xlsx".utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 5) }
            guard descriptor >= 0 else {
                throw .cannotWrite(path: path, reason: "no room for the workbook in the temporary folder \(folder) (\(FileDescriptorWriting.describe(errno)))")
            }
            close(descriptor)
            let staged = String(cString: template)
            stagedPath = staged
            PartialFileRemoval.arm(staged)
            return staged
        }
    }

    /// Puts the complete file in place: renamed over a regular file (rename(2) replaces an
    /// existing file in one step and refuses to replace a folder), or a staged workbook copied
    /// into the destination written in place. On failure the temporary file is removed.
    func commit() throws(OutputError) {
        guard !settled else { return }
        settled = true
        defer { PartialFileRemoval.disarm() }
        switch destination {
        case .renamedInto(let finalPath, let temporaryPath, _):
            do throws(OutputError) {
                // Checked again: the store's -wal may have appeared since the file was made.
                try OutputFileGuard.check(path, storePath: storePath)
                if FileSystemPath.withCString(temporaryPath, { from in FileSystemPath.withCString(finalPath) { rename(from, $0) } }) != 0 {
                    throw .cannotWrite(path: path, reason: FileDescriptorWriting.describe(errno))
                }
            } catch {
                FileSystemPath.withCString(temporaryPath) { _ = unlink($0) }
                throw error
            }
        case .inPlace:
            guard let stagedPath else { return }
            defer { unlink(stagedPath) }
            try copy(stagedPath)
        }
    }

    /// Removes the temporary file (a failure, or an error elsewhere); any earlier `PATH` stays.
    func abandon() {
        guard !settled else { return }
        settled = true
        switch destination {
        case .renamedInto(_, let temporaryPath, _): FileSystemPath.withCString(temporaryPath) { _ = unlink($0) }
        case .inPlace: if let stagedPath { unlink(stagedPath) }
        }
        PartialFileRemoval.disarm()
    }

    /// Copies the staged file into the destination written in place.
    private func copy(_ staged: String) throws(OutputError) {
        let source = open(staged, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw .cannotWrite(path: path, reason: FileDescriptorWriting.describe(errno)) }
        defer { close(source) }
        let target = try create()
        defer { close(target) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw .cannotWrite(path: path, reason: FileDescriptorWriting.describe(errno)) }
            if count == 0 { return }
            let error = buffer.withUnsafeBytes { FileDescriptorWriting.writeAll(UnsafeRawBufferPointer(rebasing: $0[..<count]), to: target) }
            if error == EPIPE { throw .closedByReader }
            if error != 0 { throw .cannotWrite(path: path, reason: FileDescriptorWriting.describe(error)) }
        }
    }

    /// The descriptor `-`, `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or `/proc/self/fd/N`
    /// names, when it is open; `nil` for any other name.
    static func descriptor(named path: String) -> Int32? {
        let descriptor: Int32?
        switch path {
        case standardOutputName: return STDOUT_FILENO  // closed, it is said when written
        case "/dev/stdout": descriptor = STDOUT_FILENO
        case "/dev/stderr": descriptor = STDERR_FILENO
        default:
            let number = ["/dev/fd/", "/proc/self/fd/"].first(where: path.hasPrefix).flatMap { Int32(path.dropFirst($0.count)) }
            descriptor = number
        }
        guard let descriptor, fcntl(descriptor, F_GETFD) != -1 else { return nil }
        return descriptor
    }

    /// Why `path` cannot be written, in the system's words (`permission denied`).
    private static func refusal(_ error: Int32, path: String) -> OutputError {
        .cannotWrite(path: path, reason: error == EACCES ? "permission denied" : FileDescriptorWriting.describe(error))
    }

    /// `path` with its symbolic links followed to the file they name (made if missing): the
    /// link stays, and its target is what is written. A path that is no link comes back as
    /// given; a loop, or a chain longer than Linux follows (40), is refused as open(2) would.
    static func resolvingLinks(_ path: String) throws(OutputError) -> String {
        var current = path
        for _ in 0...40 {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = FileSystemPath.withCString(current) { readlink($0, &buffer, buffer.count - 1) }
            guard length > 0 else { return current }
            // The target's bytes as they are (a name that is no UTF-8 stays that name).
            let target = FileSystemPath.string(fromBytes: buffer[..<length].map { UInt8(bitPattern: $0) })
            if target.hasPrefix("/") {
                current = target
            } else {
                let folder = PathComponents.deletingLast(of: current)
                current = folder.isEmpty ? target : (folder == "/" ? "/" + target : folder + "/" + target)
            }
        }
        throw .cannotWrite(path: path, reason: "too many levels of symbolic links (a loop?)")
    }
}
