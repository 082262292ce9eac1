#if canImport(Glibc)
import Glibc
#endif
import CZlib
import KMATickerModel

/// Bytes in order, read a buffer at a time: how a container of any size is read in bounded
/// memory.
protocol ByteSource: AnyObject {
    /// Fills up to `buffer.count` bytes; 0 at the end.
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(PageError) -> Int
}

/// A file (or standard input, or a pipe such as `<(cmd)`) read with read(2).
final class FileByteSource: ByteSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool

    /// Opens `path` for reading; `-` is standard input.
    init(path: String) throws(PageError) {
        if path == "-" {
            descriptor = STDIN_FILENO
            ownsDescriptor = false
            return
        }
        let opened = FileSystemPath.withCString(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard opened >= 0 else {
            let code = errno
            switch code {
            case ENOENT: throw .unreadable("no such file")
            case EACCES: throw .unreadable("permission denied")
            default: throw .unreadable(String(cString: strerror(code)))
            }
        }
        descriptor = opened
        ownsDescriptor = true
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    /// The file's modification time, when it is a regular file.
    var modificationTime: KSTDateTime? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return KSTDateTime(unixSeconds: Int64(status.st_mtim.tv_sec))
    }

    /// A descriptor of the same file, at its start, for a reader that seeks (a zip's central
    /// directory is at its end); `nil` when the file is no regular file (a pipe, standard
    /// input from one) and so must be read in order. The caller owns it.
    func descriptorForRandomAccess() -> Int32? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let copy = dup(descriptor)
        guard copy >= 0 else { return nil }
        guard lseek(copy, 0, SEEK_SET) == 0 else { close(copy); return nil }
        return copy
    }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(PageError) -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            if errno == EISDIR { throw .unreadable("it is a directory") }
            throw .unreadable(String(cString: strerror(errno)))
        }
    }
}

/// Bytes already in memory.
final class MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(PageError) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            _ = buffer.baseAddress!.update(from: source.baseAddress! + offset, count: count)
        }
        offset += count
        return count
    }
}

/// The decompressed bytes of a gzip stream read from `upstream`, member after member (a
/// `.warc.gz` is usually one member per record). A damaged member is not the end: the stream
/// skips to the next gzip header it finds, and records the skip in ``damage``, so that
/// the reader can tell the record it was in is incomplete.
///
/// Each member is first tried whole with libdeflate (``GzipMemberInflater``), from a window of
/// the compressed input, which is faster; a member it declines (damaged, cut off, over the
/// bounds, or a file that is one big member) is streamed through zlib, as all were before, so
/// the bytes, the damage found and the messages are zlib's.
final class GzipByteSource: MemberStream {
    let compressionName = "gzip"
    let memberName = "member"
    private let upstream: ByteSource
    /// zlib's stream, at a fixed address on the heap (zlib keeps a pointer to it).
    private let zlib: ZlibInflateStream
    private var stream: UnsafeMutablePointer<z_stream> { zlib.stream }
    /// The compressed input window, shared by both inflaters; it grows (up to `inputLimit`)
    /// while one member does not fit, so that libdeflate can have it whole.
    private var input: [UInt8]
    private let inputLimit: Int
    /// libdeflate, and what it gave of the last member, not yet handed out.
    private let members: GzipMemberInflater?
    private var inflatedStart = 0
    private var inflatedEnd = 0
    /// Members libdeflate inflated whole (the rest went through zlib): tests check which path ran.
    private(set) var membersInflatedWhole = 0
    /// libdeflate declined the member at hand: zlib inflates it, up to its end or damage.
    private var zlibOwnsMember = false
    /// An upstream read failed while libdeflate read ahead: thrown when zlib gets there, at the
    /// point the bytes before it were all handed out, as when zlib read alone.
    private var pendingReadError: PageError?
    /// What zlib keeps of a member it is in when it reads on: the member's bytes while they are
    /// this few (half the 64 KiB input buffer it had alone), so that damage found later is
    /// looked past from the member's start exactly as before, however large the window is.
    private static let zlibMemberKeep = 1 << 15
    private var inputStart = 0
    private var inputEnd = 0
    private var upstreamEnded = false
    private var finished = false
    /// Compressed bytes consumed before `input[0]`, for messages.
    private var compressedOffset = 0
    /// Each place the data was found damaged, in order.
    private(set) var damage: [MemberDamage] = []
    /// Bytes handed out so far.
    private var outputPosition = 0
    /// Whether the stream ended inside a member (a truncated file).
    private(set) var endedInsideMember = false
    private var pendingSeparator = false
    /// Where the current member starts (compressed byte offset in the file).
    private var memberStartOffset = 0
    /// The end was reached inside a member and a later member header looked for.
    private var retriedAtEnd = false

    /// - Parameters:
    ///   - memberOutputLimit: the most one member may inflate to in memory; a larger one is
    ///     streamed (the memory target is 64 MB peak on any input).
    ///   - memberInputLimit: the most compressed bytes held for one member; likewise.
    ///   - initialWindow: the input window's first size (tests make it small).
    ///   - wholeMembers: `false` streams every member through zlib (tests compare the two).
    init(upstream: ByteSource, memberOutputLimit: Int = 16 << 20, memberInputLimit: Int = 4 << 20,
         initialWindow: Int = 1 << 20, wholeMembers: Bool = true) throws(PageError) {
        self.upstream = upstream
        inputLimit = max(memberInputLimit, 1 << 16)
        input = [UInt8](repeating: 0, count: min(max(initialWindow, 1 << 16), inputLimit))
        members = wholeMembers ? GzipMemberInflater(outputLimit: memberOutputLimit) : nil
        guard let zlib = ZlibInflateStream(.gzip) else { throw .undecodable("zlib could not start") }
        self.zlib = zlib
    }


    private func refill() throws(PageError) {
        guard !upstreamEnded else { return }
        // Keep the unread bytes at the front, and the current member's bytes before them while
        // they fit in half the buffer: damage found later is looked past from the member's start.
        let memberStart = memberStartOffset - compressedOffset
        let keepFrom = (0..<inputStart).contains(memberStart) && inputEnd - memberStart <= Self.zlibMemberKeep ? memberStart : inputStart
        if keepFrom > 0 { dropWindowFront(keepFrom) }
        let count = try readUpstream()
        if count == 0 { upstreamEnded = true }
        inputEnd += count
    }

    /// Moves the window's bytes from `count` on to its front: the first `count` are done with.
    private func dropWindowFront(_ count: Int) {
        let remaining = inputEnd - count
        input.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            base.update(from: base + count, count: remaining)
        }
        compressedOffset += count
        inputStart -= count
        inputEnd = remaining
    }

    /// Reads upstream into the window's free end; a read error libdeflate met first is thrown.
    private func readUpstream() throws(PageError) -> Int {
        if let pendingReadError { throw pendingReadError }
        return try input.withUnsafeMutableBufferPointer { (buffer) throws(PageError) -> Int in
            try upstream.read(into: UnsafeMutableBufferPointer(rebasing: buffer[inputEnd...]))
        }
    }

    /// For libdeflate: the unread bytes moved to the window's front, the window grown when they
    /// fill it (up to `inputLimit`), then read into until it is full or the input ends.
    /// Whether any byte was added.
    private func fillWindow() -> Bool {
        if inputStart > 0 {
            dropWindowFront(inputStart)
        }
        if inputEnd == input.count, input.count < inputLimit, !upstreamEnded, pendingReadError == nil {
            input += [UInt8](repeating: 0, count: min(input.count, inputLimit - input.count))
        }
        var added = 0
        while inputEnd < input.count, !upstreamEnded, pendingReadError == nil {
            do {
                let count = try readUpstream()
                if count == 0 { upstreamEnded = true }
                inputEnd += count
                added += count
            } catch {
                pendingReadError = error
            }
        }
        return added > 0
    }

    /// Inflates the member at `inputStart` whole with libdeflate, reading on while it is not
    /// whole in the window. `false` when libdeflate declines it (zlib's then), or at the end.
    private func inflateWholeMember() -> Bool {
        guard let members else { return false }
        if inputStart == inputEnd, !fillWindow() { return false }
        while true {
            let outcome = input.withUnsafeBufferPointer { buffer in
                members.inflate(UnsafeBufferPointer(rebasing: buffer[inputStart..<inputEnd]))
            }
            switch outcome {
            case .inflated(let consumed, let produced):
                inputStart += consumed
                memberStartOffset = compressedOffset + inputStart
                inflatedStart = 0
                inflatedEnd = produced
                membersInflatedWhole += 1
                return true
            case .needsMoreInput:
                // Cut off here, or damaged: more bytes tell, until the window's bound.
                guard fillWindow() else { return false }
            case .declined:
                return false
            }
        }
    }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(PageError) -> Int {
        while !finished {
            if pendingSeparator, buffer.count >= 2 {
                pendingSeparator = false
                buffer[0] = 0x0A
                buffer[1] = 0x0A
                outputPosition += 2
                return 2
            }
            if inflatedStart < inflatedEnd, let members {
                let count = min(buffer.count, inflatedEnd - inflatedStart)
                _ = buffer.baseAddress!.update(from: members.output.baseAddress! + inflatedStart, count: count)
                inflatedStart += count
                outputPosition += count
                return count
            }
            if !zlibOwnsMember {
                if inflateWholeMember() { continue }
                zlibOwnsMember = true
            }
            if inputStart == inputEnd {
                try refill()
                if inputStart == inputEnd {
                    // A clean end falls between members. Inside one, the file was cut off, or
                    // damage hid the member's end and inflate read on into the members after
                    // it: look for one from the member's start.
                    if stream.pointee.total_in > 0, !retriedAtEnd, try findMemberAfterDamagedStart() {
                        continue
                    }
                    if stream.pointee.total_in > 0 { endedInsideMember = true }
                    finished = true
                    return 0
                }
            }
            var produced = 0
            var status: Int32 = Z_OK
            var consumed = 0
            input.withUnsafeMutableBufferPointer { inputBuffer in
                stream.pointee.next_in = inputBuffer.baseAddress! + inputStart
                stream.pointee.avail_in = uInt(inputEnd - inputStart)
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = uInt(buffer.count)
                status = inflate(stream, Z_NO_FLUSH)
                consumed = (inputEnd - inputStart) - Int(stream.pointee.avail_in)
                produced = buffer.count - Int(stream.pointee.avail_out)
            }
            inputStart += consumed
            outputPosition += produced
            switch status {
            case Z_STREAM_END:
                // The member is whole; the next one, if any, starts fresh.
                inflateReset(stream)
                memberStartOffset = compressedOffset + inputStart
                zlibOwnsMember = false
            case Z_OK, Z_BUF_ERROR:
                break
            default:
                try skipToNextMember()
            }
            if produced > 0 { return produced }
        }
        return 0
    }

    /// At the end of the input inside a member: whether a member header follows the member's
    /// start (then the member was damaged, and reading goes on there).
    private func findMemberAfterDamagedStart() throws(PageError) -> Bool {
        retriedAtEnd = true
        let memberStart = memberStartOffset - compressedOffset
        guard memberStart >= 0, memberStart < inputEnd else { return false }
        var index = memberStart + 1
        while index + 3 <= inputEnd {
            if input[index] == 0x1F, input[index + 1] == 0x8B, input[index + 2] == 0x08 {
                try skipToNextMember()
                retriedAtEnd = false
                return true
            }
            index += 1
        }
        return false
    }

    /// After damage: drop bytes up to the next gzip member header (1F 8B 08) and start again.
    /// The damaged member's output so far (from `memberStart`) may be wrong: it is recorded.
    /// The output then goes on with a blank line, so that a reader looking for the next record
    /// after a blank line finds it even though the damaged record's end was lost.
    private func skipToNextMember() throws(PageError) {
        damage.append(MemberDamage(compressedOffset: compressedOffset + inputStart, outputPosition: outputPosition,
                                   memberStart: outputPosition - Int(stream.pointee.total_out)))
        pendingSeparator = true
        inflateReset(stream)
        zlibOwnsMember = false
        // Damage can hide a member's end, so that inflate reads on into the next member before
        // it fails: look for the next header from the damaged member's start, when the buffer
        // still holds it.
        if memberStartOffset >= compressedOffset, memberStartOffset - compressedOffset < inputStart {
            inputStart = memberStartOffset - compressedOffset
        }
        inputStart += 1
        defer { memberStartOffset = compressedOffset + inputStart }
        while true {
            while inputStart + 3 <= inputEnd {
                if input[inputStart] == 0x1F, input[inputStart + 1] == 0x8B, input[inputStart + 2] == 0x08 { return }
                inputStart += 1
            }
            let before = inputEnd - inputStart
            try refill()
            if inputEnd - inputStart == before {
                // No other member: the rest of the file is lost.
                inputStart = inputEnd
                return
            }
        }
    }
}
