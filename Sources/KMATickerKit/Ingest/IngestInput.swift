import Foundation

/// One thing to ingest: a file, or standard input (`-`).
public enum IngestInput: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    case standardInput

    /// File name endings read when a folder is given: pages, captures, feeds, and their gzip.
    public static let pageExtensions: Set<String> = ["html", "htm", "txt", "xml"]

    /// The arguments expanded: files as given, folders walked recursively (sorted, hidden
    /// files skipped) for ``pageExtensions`` and their `.gz`, `-` as standard input. A path that
    /// does not exist is kept as a file, so that reading it reports the error.
    public static func expand(_ arguments: [String]) -> [IngestInput] {
        var inputs: [IngestInput] = []
        for argument in arguments {
            if argument == "-" { inputs.append(.standardInput); continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue else {
                inputs.append(.file(argument))
                continue
            }
            let found = pages(under: argument)
            // An empty folder is reported rather than silently skipped.
            inputs += found.isEmpty ? [.file(argument)] : found.map(IngestInput.file)
        }
        return inputs
    }

    /// Whether `name` is a page kmaticker reads from a folder: `a.html`, `b.txt.gz`, …
    public static func isPageName(_ name: String) -> Bool {
        var name = name.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        guard let dot = name.lastIndex(of: ".") else { return false }
        return pageExtensions.contains(String(name[name.index(after: dot)...]))
    }

    private static func pages(under folder: String) -> [String] {
        // The enumerator does not descend into a root that is a symbolic link: resolve it.
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath()
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var paths: [String] = []
        for case let url as URL in walker where isPageName(url.lastPathComponent) {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            // Keep the path as the user would write it: the folder they gave, then the rest.
            let relative = url.path.dropFirst(root.path.count).drop { $0 == "/" }
            paths.append(folder.hasSuffix("/") ? folder + relative : folder + "/" + relative)
        }
        return paths.sorted()
    }

    /// The name shown in messages: the path as given, or `-`.
    public var description: String {
        switch self {
        case .file(let path): return path
        case .standardInput: return "-"
        }
    }

    /// The name stored as the page's `source`: the file's name, or `stdin`.
    public var sourceName: String {
        switch self {
        case .file(let path): return (path as NSString).lastPathComponent
        case .standardInput: return "stdin"
        }
    }

    /// The bytes to ingest, or a reason a person can act on.
    func contents() throws(PageError) -> [UInt8] {
        switch self {
        case .standardInput:
            // Read no more than the cap (and one byte to know it was passed).
            var bytes: [UInt8] = []
            while bytes.count <= PageReader.maximumPageBytes,
                  let chunk = try? FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty {
                bytes += chunk
            }
            guard bytes.count <= PageReader.maximumPageBytes else { throw .tooLarge(limit: PageReader.maximumPageBytes) }
            return bytes
        case .file(let path):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadable("no such file")
            }
            guard !isDirectory.boolValue else {
                throw .unreadable("it is a directory with no pages in it (.html, .htm, .txt, .xml, or .gz of them)")
            }
            guard FileManager.default.isReadableFile(atPath: path) else { throw .unreadable("permission denied") }
            // Refused before it is read: memory stays bounded whatever the file's size.
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            guard size <= PageReader.maximumPageBytes else { throw .tooLarge(limit: PageReader.maximumPageBytes) }
            do {
                return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw .unreadable(error.localizedDescription)
            }
        }
    }
}
