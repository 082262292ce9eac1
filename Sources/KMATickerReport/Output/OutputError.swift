import KMATickerModel

/// Why output could not be written. The executable maps each case to its exit status.
public enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reader of a pipe closed it (EPIPE): `kmaticker export | head` after `head` has its
    /// lines. Not a failure of kmaticker's: the program ends quietly, as ripgrep does.
    case closedByReader
    /// Writing failed for another reason (a full disk, an I/O error), or the file may not be
    /// written (it is the store); `path` is the file, or `standard output`.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .closedByReader: return "the reader closed standard output"
        case .cannotWrite(let path, let reason): return "cannot write \(FileSystemPath.displayed(path)): \(reason)"
        }
    }
}
