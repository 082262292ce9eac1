import Glibc

/// write(2) to the end. FileHandle.write traps on any error (a full disk, a closed pipe),
/// and stdio hides which error and when; every byte kmaticker outputs goes through here.
public enum FileDescriptorWriting {
    /// Writes all of `bytes` to `descriptor`, looping on partial writes and EINTR. Returns 0,
    /// or the errno of the write that failed.
    package static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }

    /// Writes `text` to standard error, ignoring failures: a diagnostic that cannot be shown
    /// must not end the program (nor crash it, as FileHandle would).
    public static func toStandardError(_ text: String) {
        var text = text
        _ = text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: STDERR_FILENO) }
    }

    /// The system's wording of `error` (`No space left on device`).
    static func describe(_ error: Int32) -> String { String(cString: strerror(error)) }
}
