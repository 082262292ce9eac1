import Foundation

/// Where formatted output goes. Writers call `write` many times; the sink buffers.
public protocol TextOutput: AnyObject {
    func write(_ text: String)
}

/// A buffered sink over a file descriptor: standard output, or a file written whole and
/// renamed into place, so a failed export never leaves half a file.
public final class FileTextOutput: TextOutput {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let temporaryPath: String?
    private let finalPath: String?
    private static let flushThreshold = 1 << 16

    /// Standard output.
    public static func standardOutput() -> FileTextOutput { FileTextOutput(handle: .standardOutput) }

    private init(handle: FileHandle, temporaryPath: String? = nil, finalPath: String? = nil) {
        self.handle = handle
        self.temporaryPath = temporaryPath
        self.finalPath = finalPath
    }

    /// A new file at `path`, which appears only when ``finish()`` succeeds.
    public convenience init(creatingFileAt path: String) throws(OutputFileError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw OutputFileError(path: path, reason: "it is a folder")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
                throw OutputFileError(path: path, reason: "the folder \(folder) does not exist")
            }
            guard isDirectory.boolValue else { throw OutputFileError(path: path, reason: "\(folder) is not a folder") }
        }
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw OutputFileError(path: path, reason: "permission denied")
        }
        let handle: FileHandle
        do {
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        } catch {
            throw OutputFileError(path: path, reason: error.localizedDescription)
        }
        self.init(handle: handle, temporaryPath: temporary, finalPath: path)
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushThreshold { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered; for a file, closes it and renames it into place. rename(2)
    /// replaces an existing file in one step and refuses to replace a folder.
    public func finish() throws {
        flush()
        if let temporaryPath, let finalPath {
            try handle.close()
            guard rename(temporaryPath, finalPath) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(atPath: temporaryPath)
                throw OutputFileError(path: finalPath, reason: reason)
            }
        }
    }

    /// Removes a file that was being written (after an error).
    public func discard() {
        if let temporaryPath {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
    }
}

/// An output file that cannot be made, and why.
public struct OutputFileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// A sink that keeps everything in memory (tests, small outputs).
public final class StringTextOutput: TextOutput {
    public private(set) var text = ""
    public init() {}
    public func write(_ text: String) { self.text += text }
}
