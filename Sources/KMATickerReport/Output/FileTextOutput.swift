import Glibc

/// A buffered sink over a file descriptor: standard output, or a file written whole and
/// renamed into place, so that a failed or interrupted export never leaves half a file.
///
/// Bytes go out with write(2) (``FileDescriptorWriting``), never FileHandle.write, which
/// traps on errors. The first error is kept as ``failure``: EPIPE as
/// ``OutputError/closedByReader``, anything else as ``OutputError/cannotWrite(path:reason:)``
/// with the system's reason; after it the sink takes nothing more.
public final class FileTextOutput: TextOutput {
    private let descriptor: Int32
    /// How messages name the output: `standard output`, or the file's path.
    private let name: String
    private var buffer: [UInt8] = []
    public private(set) var failure: OutputError?
    /// For a file: where it is written, and where it goes when complete.
    private let file: OutputFilePlacement?
    private var finished = false
    private static let flushThreshold = 1 << 16

    /// Standard output.
    public static func standardOutput() -> FileTextOutput {
        FileTextOutput(writingTo: STDOUT_FILENO, named: "standard output")
    }

    /// Writes to `descriptor`, which the caller keeps open and closes; `name` is how messages
    /// name it.
    public init(writingTo descriptor: Int32, named name: String) {
        self.descriptor = descriptor
        self.name = name
        file = nil
    }

    /// A new file at `path`, which appears only when ``finish()`` succeeds. It is written as
    /// `PATH.partial-PID` beside it, removed on failure, on ``discard()`` and on SIGINT or
    /// SIGTERM (``PartialFileRemoval``). It is refused when it is the store at `storePath`
    /// (or its `-wal` or `-shm` file), or any SQLite database (``OutputFileGuard``).
    ///
    /// `-` is standard output; a symbolic link's target is written that way; a FIFO, a device
    /// or a pipe's `/dev/fd/N` is written in place (``OutputFilePlacement``).
    public init(creatingFileAt path: String, sparing storePath: String?) throws(OutputError) {
        let placement = try OutputFilePlacement(at: path, sparing: storePath)
        descriptor = try placement.create()
        name = path == OutputFilePlacement.standardOutputName ? "standard output" : path
        file = placement
    }

    /// Buffers `text` (UTF-8), writing when the buffer is full; nothing after a failure.
    public func write(_ text: String) {
        guard failure == nil else { return }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushThreshold { flush() }
    }

    /// Appends UTF-8 bytes as they are.
    public func write(utf8 bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { flush() }
    }

    /// Appends bytes as they are (extract's lines, already encoded; a PNG).
    public func write(bytes: [UInt8]) {
        bytes.withUnsafeBytes { write(utf8: $0) }
    }

    /// Writes what is buffered now (a line that should be seen at once); a failure is kept
    /// in ``failure``.
    public func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        let error = buffer.withUnsafeBytes { FileDescriptorWriting.writeAll($0, to: descriptor) }
        buffer.removeAll(keepingCapacity: true)
        if error == EPIPE {
            failure = .closedByReader
        } else if error != 0 {
            failure = .cannotWrite(path: name, reason: FileDescriptorWriting.describe(error))
        }
    }

    /// Writes what is buffered and throws the first failure. A file is then closed and renamed
    /// into place (``OutputFilePlacement/commit()``); a file that failed is removed.
    public func finish() throws(OutputError) {
        flush()
        guard let file, !finished else {
            if let failure { throw failure }
            return
        }
        finished = true
        let closed = close(descriptor) == 0 ? 0 : errno
        if failure == nil, closed != 0 {
            failure = .cannotWrite(path: file.path, reason: FileDescriptorWriting.describe(closed))
        }
        if failure == nil {
            do { try file.commit() } catch { failure = error }
        }
        if let failure {
            file.abandon()
            throw failure
        }
    }

    /// A file neither finished nor discarded (an error thrown past its writer) is not left
    /// behind either.
    deinit { discard() }

    /// Removes a file that was being written (after an error elsewhere).
    public func discard() {
        guard let file, !finished else { return }
        finished = true
        close(descriptor)
        file.abandon()
    }
}
