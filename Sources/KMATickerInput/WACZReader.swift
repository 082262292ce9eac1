#if canImport(Glibc)
import Glibc
#endif
import CLibZip
import KMATickerModel

/// A WACZ package (Web Archive Collection Zipped: what Webrecorder's ArchiveWeb.page,
/// Browsertrix and `wacz create` make) opened with libzip: a zip holding `archive/*.warc.gz`,
/// `pages/pages.jsonl`, `indexes/` and `datapackage.json`. Its pages are those of the WARCs in
/// `archive/`, each read as a WARC file is, at its `WARC-Date`; the rest of the package says
/// nothing the WARCs do not, and is not read.
///
/// A zip is read from its central directory, at its end: a file is opened where it is; a pipe
/// or standard input is first copied to an unlinked temporary file. A zip whose structure is
/// damaged cannot be opened, and is one error; a damaged member (its deflate data, its CRC)
/// costs only that member.
final class WACZReader {
    /// A zip file's first bytes: a local file header.
    static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    static func looksLikeZip(_ bytes: ArraySlice<UInt8>) -> Bool { bytes.starts(with: zipMagic) }

    /// The zip (owned here: closed, with its descriptor, in deinit).
    private let archive: OpaquePointer
    /// The WARCs (and ARCs) under `archive/`, in the zip's order: their index and name.
    let members: [(index: UInt64, name: String)]
    /// Other files under `archive/` (not named as a WARC or ARC): passed over, and said.
    let otherArchiveFiles: [String]
    /// How many members the zip has in all.
    let memberCount: Int

    /// Opens the zip on `descriptor`, which it then owns (and closes, also when it fails).
    init(descriptor: Int32) throws(PageError) {
        var code: Int32 = 0
        guard let archive = zip_fdopen(descriptor, 0, &code) else {
            close(descriptor)
            throw .damagedArchive("it opens as a zip file, but \(Self.message(code: code)) (a WACZ is a zip of WARCs)")
        }
        self.archive = archive
        let count = max(0, zip_get_num_entries(archive, 0))
        memberCount = Int(count)
        var members: [(UInt64, String)] = []
        var others: [String] = []
        for index in 0..<UInt64(count) {
            guard let cName = zip_get_name(archive, index, ZIP_FL_ENC_GUESS) else { continue }
            let name = String(decoding: UnsafeRawBufferPointer(start: cName, count: strlen(cName)), as: UTF8.self)
            if Self.isArchiveMember(name) {
                members.append((index, name))
            } else if name.hasPrefix("archive/"), !name.hasSuffix("/") {
                others.append(name)
            }
        }
        self.members = members
        otherArchiveFiles = others
    }

    deinit { zip_discard(archive) }

    /// `archive/data.warc.gz`, `archive/rec-…-0.warc`, `archive/x.warc.zst`, `archive/old.arc.gz`.
    static func isArchiveMember(_ name: String) -> Bool {
        guard name.hasPrefix("archive/"), !name.hasSuffix("/") else { return false }
        var lowered = name.lowercased()
        for compression in [".gz", ".zst"] where lowered.hasSuffix(compression) { lowered.removeLast(compression.count) }
        return lowered.hasSuffix(".warc") || lowered.hasSuffix(".arc")
    }

    /// The bytes of the member at `index`, as libzip inflates and checks them.
    func open(member index: UInt64) throws(PageError) -> ZipMemberByteSource {
        var status = zip_stat_t()
        zip_stat_init(&status)
        guard zip_stat_index(archive, index, 0, &status) == 0, status.valid & UInt64(ZIP_STAT_SIZE) != 0,
              let file = zip_fopen_index(archive, index, 0) else {
            throw .damagedRecord("the zip member cannot be opened: \(String(cString: zip_error_strerror(zip_get_error(archive))))")
        }
        return ZipMemberByteSource(file: file, size: status.size, owner: self)
    }

    private static func message(code: Int32) -> String {
        var error = zip_error_t()
        zip_error_init_with_code(&error, code)
        defer { zip_error_fini(&error) }
        switch code {
        case ZIP_ER_NOZIP: return "its end holds no zip directory (the file is cut short, or no zip)"
        case ZIP_ER_INCONS: return "its zip directory is inconsistent (the file is damaged)"
        default: return "libzip cannot open it (\(String(cString: zip_error_strerror(&error))))"
        }
    }

    /// A copy of everything `reader` has left in an unlinked temporary file (in `$TMPDIR`, else
    /// /tmp), at its start: a zip read from a pipe. The caller owns the descriptor.
    static func spool(_ reader: ByteReader) throws(PageError) -> Int32 {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((folder + "/kmaticker-wacz-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw .unreadable("cannot make a temporary file in \(folder) to read the zip from a pipe: \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count: Int
            do {
                count = try chunk.withUnsafeMutableBufferPointer { (buffer) throws(PageError) -> Int in try reader.read(into: buffer) }
            } catch {
                close(descriptor)
                throw error
            }
            if count == 0 { break }
            var written = 0
            while written < count {
                let result = chunk.withUnsafeBufferPointer { write(descriptor, $0.baseAddress! + written, count - written) }
                if result < 0, errno == EINTR { continue }
                guard result > 0 else {
                    let reason = String(cString: strerror(errno))
                    close(descriptor)
                    throw .unreadable("cannot copy the zip to a temporary file in \(folder): \(reason)")
                }
                written += result
            }
        }
        lseek(descriptor, 0, SEEK_SET)
        return descriptor
    }
}

/// One zip member's bytes, inflated by libzip, which checks its CRC at the end.
///
/// Reads never ask past the member's size: libzip checks the CRC on the read that meets the
/// end, and a read that fails returns none of its bytes, so asking for everything at once
/// would lose a whole member to damage in one of its records. Asked for exactly what is left,
/// every byte is handed on, and the CRC's verdict is asked for by ``verifyEnd()`` once the
/// member's records have been read (a reader looking ahead would meet it too early).
final class ZipMemberByteSource: ByteSource {
    private let file: OpaquePointer
    private var remaining: UInt64
    /// The package, kept open while a member is read.
    private let owner: WACZReader

    init(file: OpaquePointer, size: UInt64, owner: WACZReader) {
        self.file = file
        remaining = size
        self.owner = owner
    }

    deinit { zip_fclose(file) }

    /// The read past the end, where libzip checks the member's CRC.
    func verifyEnd() throws(PageError) {
        var byte: UInt8 = 0
        guard zip_fread(file, &byte, 1) >= 0 else {
            throw .damagedRecord("the zip member is damaged (\(String(cString: zip_error_strerror(zip_file_get_error(file))))); its records before the damage were read")
        }
    }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(PageError) -> Int {
        guard remaining > 0 else { return 0 }
        let count = zip_fread(file, buffer.baseAddress, min(UInt64(buffer.count), remaining))
        if count > 0 { remaining -= min(remaining, UInt64(count)) }
        guard count >= 0 else {
            throw .damagedRecord("the zip member is damaged (\(String(cString: zip_error_strerror(zip_file_get_error(file)))))")
        }
        return Int(count)
    }
}
