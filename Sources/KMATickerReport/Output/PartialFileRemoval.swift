import Glibc
import KMATickerModel
import Synchronization

/// Removes the file an export is writing when SIGINT or SIGTERM ends the process, so that an
/// interrupted `export --out` leaves no `*.partial-PID` file behind.
///
/// The handler does only what is async-signal-safe: it unlinks a path prepared as a C string
/// beforehand, restores the default action and raises the signal again, so that the process
/// still ends "killed by signal" (status 130 or 143 in a shell). A signal the process was
/// started ignoring (a background job's SIGINT) stays ignored.
enum PartialFileRemoval {
    /// The address of the C path to remove, or 0. An atomic integer (a pointer is not
    /// Sendable), as the handler may run on any thread.
    private static let path = Atomic<UInt>(0)
    private static let installed = Mutex(false)

    /// From now on, SIGINT and SIGTERM remove `file` before ending the process.
    static func arm(_ file: String) {
        // Never freed: a handler running on another thread might still read the old one.
        path.store(UInt(bitPattern: FileSystemPath.withCString(file) { strdup($0) }), ordering: .releasing)
        installed.withLock { installed in
            guard !installed else { return }
            installed = true
            for signal in [SIGINT, SIGTERM] { install(signal) }
        }
    }

    /// The file is complete (renamed into place) or removed: a signal ends the process as
    /// before.
    static func disarm() {
        path.store(0, ordering: .releasing)
    }

    private static func install(_ signal: Int32) {
        var previous = sigaction()
        guard sigaction(signal, nil, &previous) == 0 else { return }
        if let handler = previous.__sigaction_handler.sa_handler, unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
            return
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            if let file = UnsafePointer<CChar>(bitPattern: PartialFileRemoval.path.load(ordering: .acquiring)) { unlink(file) }
            Glibc.signal(signal, SIG_DFL)
            raise(signal)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, nil)
    }
}
