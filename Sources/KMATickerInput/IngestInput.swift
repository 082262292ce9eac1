#if canImport(Glibc)
import Glibc
#endif
import KMATickerModel

/// One thing the user named to ingest, or found in a folder they named.
public enum IngestInput: Sendable, Equatable, CustomStringConvertible {
    /// A file named on the command line (or a path that does not exist, so that reading it
    /// reports the error).
    case file(String)
    /// `-`.
    case standardInput
    /// A regular file found in a folder: offered to the detector by content, whatever its name;
    /// one that is no page at all (an image, a font) is passed over rather than failed.
    case inFolder(String)
    /// A record of a crawl, read by its byte range (`extract --records-from`).
    case recordRange(RecordRange)
    /// A line of index rows that is none (named with the reason, as a failure).
    case badIndexRow(RecordRange.RowError)
    /// Found in a folder but not read (a hidden file, a symbolic link loop, a broken link, a
    /// socket): counted, and named with `-v`.
    case passedOver(String, reason: String)

    /// The arguments expanded: files as given, folders walked recursively (sorted; symbolic
    /// links followed, loops detected), `-` as standard input.
    public static func expand(_ arguments: [String]) -> [IngestInput] {
        var inputs: [IngestInput] = []
        for argument in arguments {
            if argument == "-" { inputs.append(.standardInput); continue }
            var status = stat()
            guard FileSystemPath.withCString(argument, { stat($0, &status) }) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                inputs.append(.file(argument))
                continue
            }
            var visited: Set<FileIdentity> = [FileIdentity(status)]
            let found = walk(folder: argument, visited: &visited)
            // An empty folder is reported rather than silently skipped.
            inputs += found.isEmpty ? [.file(argument)] : found
        }
        return inputs
    }

    /// A folder's identity, to notice a symbolic link that leads back into the walk.
    private struct FileIdentity: Hashable {
        let device: UInt64, inode: UInt64
        init(_ status: stat) { device = UInt64(status.st_dev); inode = UInt64(status.st_ino) }
    }

    private static func walk(folder: String, visited: inout Set<FileIdentity>) -> [IngestInput] {
        guard let names = names(in: folder) else {
            return [.passedOver(folder, reason: "the folder cannot be read")]
        }
        var found: [IngestInput] = []
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        for name in names.sorted() {
            let path = prefix + name
            if name.hasPrefix(".") { found.append(.passedOver(path, reason: "a hidden file")); continue }
            var status = stat()
            guard FileSystemPath.withCString(path, { stat($0, &status) }) == 0 else {
                var linkStatus = stat()
                let isLink = FileSystemPath.withCString(path, { lstat($0, &linkStatus) }) == 0
                    && linkStatus.st_mode & S_IFMT == S_IFLNK
                found.append(.passedOver(path, reason: isLink ? "a broken symbolic link" : String(cString: strerror(errno))))
                continue
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                if name == "hts-cache" {
                    // HTTrack's cache: its copies of the pages (new.zip), its lists and log, beside
                    // the mirror's own files, which are read.
                    found.append(.passedOver(path, reason: "HTTrack's cache folder (the mirror's pages are read from the mirror itself)"))
                    continue
                }
                guard visited.insert(FileIdentity(status)).inserted else {
                    found.append(.passedOver(path, reason: "a symbolic link to a folder already read (a loop, or a second way to the same folder)"))
                    continue
                }
                found += walk(folder: path, visited: &visited)
            case S_IFREG:
                found.append(.inFolder(path))
            default:
                found.append(.passedOver(path, reason: "not a regular file (a device, socket or pipe)"))
            }
        }
        return found
    }

    /// The names in `folder` but `.` and `..`, as the bytes they are (``FileSystemPath``: a name
    /// that is no UTF-8 is read too); `nil` when it cannot be read.
    private static func names(in folder: String) -> [String]? {
        guard let stream = FileSystemPath.withCString(folder, { opendir($0) }) else { return nil }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                return FileSystemPath.string(fromBytes: UnsafeBufferPointer(rebasing: bytes[..<(bytes.firstIndex(of: 0) ?? bytes.count)]))
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// File name endings that say "a page" (or an archive of pages), with or without `.gz`: a
    /// file so named that turns out to be binary is an error, not something to pass over.
    package static let pageExtensions: Set<String> = ["html", "htm", "xhtml", "txt", "xml", "mhtml", "mht", "warc"]

    /// Whether `path` is named as a page: `a.html`, `b.txt.gz`, `crawl.warc.gz`, …
    package static func isPageName(_ path: String) -> Bool {
        var name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        guard let dot = name.lastIndex(of: ".") else { return false }
        return pageExtensions.contains(String(name[name.index(after: dot)...]))
    }

    /// The path, or `-`.
    public var description: String {
        switch self {
        case .file(let path), .inFolder(let path), .passedOver(let path, _): return FileSystemPath.displayed(path)
        case .standardInput: return "-"
        case .recordRange(let range): return "\(range.filename)[\(range.rangeName)]"
        case .badIndexRow(let error): return error.line
        }
    }
}
