import CByteSearch

/// A ``ByteSource`` read through one reused buffer: lines, exact counts and skips, with the
/// position in the stream kept for messages. Memory is the buffer plus what a caller keeps.
/// It is a ``ByteSource`` itself, so that a decompressor can read on from what was peeked.
final class ByteReader: ByteSource {
    private let source: ByteSource
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var sourceEnded = false
    /// Bytes consumed from the stream so far.
    private(set) var position = 0

    init(_ source: ByteSource, bufferSize: Int = 1 << 18) {
        self.source = source
        buffer = [UInt8](repeating: 0, count: bufferSize)
    }

    func read(into target: UnsafeMutableBufferPointer<UInt8>) throws(PageError) -> Int {
        if start == end { try fill(minimum: 1) }
        let count = min(target.count, end - start)
        guard count > 0 else { return 0 }
        buffer.withUnsafeBufferPointer { bytes in
            _ = target.baseAddress!.update(from: bytes.baseAddress! + start, count: count)
        }
        consume(count)
        return count
    }

    /// Whether every byte has been consumed.
    func atEnd() throws(PageError) -> Bool {
        if start < end { return false }
        try fill(minimum: 1)
        return start == end
    }

    /// Makes at least `minimum` bytes available (fewer at the end of the stream).
    private func fill(minimum: Int) throws(PageError) {
        while end - start < minimum, !sourceEnded {
            if start > 0, end - start < buffer.count / 2 || end == buffer.count {
                let remaining = end - start
                buffer.withUnsafeMutableBufferPointer { bytes in
                    let base = bytes.baseAddress!
                    base.update(from: base + start, count: remaining)
                }
                start = 0
                end = remaining
            }
            if end == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
            let count = try buffer.withUnsafeMutableBufferPointer { (bytes) throws(PageError) -> Int in
                try source.read(into: UnsafeMutableBufferPointer(rebasing: bytes[end...]))
            }
            if count == 0 { sourceEnded = true }
            end += count
        }
    }

    /// The next bytes without consuming them (fewer at the end).
    func peek(_ count: Int) throws(PageError) -> ArraySlice<UInt8> {
        try fill(minimum: count)
        return buffer[start..<min(end, start + count)]
    }

    /// The next line without its LF (and a CR before it), or `nil` at the end of the stream.
    /// A line longer than `limit` is returned cut at `limit`; the rest stays unread.
    func readLine(limit: Int = 1 << 16) throws(PageError) -> [UInt8]? {
        var scanned = 0
        while true {
            let available = end - start
            let found: Int? = buffer.withUnsafeBufferPointer { bytes in
                guard available > scanned else { return nil }
                let base = bytes.baseAddress! + start
                return kmaticker_memchr(base + scanned, 0x0A, available - scanned).map { $0 - base }
            }
            if let found {
                var line = Array(buffer[start..<(start + found)])
                if line.last == 0x0D { line.removeLast() }
                consume(found + 1)
                return line
            }
            if available >= limit {
                let line = Array(buffer[start..<(start + limit)])
                consume(limit)
                return line
            }
            scanned = available
            let before = end - start
            try fill(minimum: available + 1)
            if end - start == before {
                guard available > 0 else { return nil }
                var line = Array(buffer[start..<end])
                if line.last == 0x0D { line.removeLast() }
                consume(available)
                return line
            }
        }
    }

    private func consume(_ count: Int) {
        start += count
        position += count
    }

    /// How a block read ended.
    struct Block {
        /// The first `keep` bytes of the block.
        var bytes: [UInt8]
        /// The block's length as read.
        var length: Int
        /// The stream ended before the declared length.
        var truncated: Bool
        /// A boundary (`marker` after a blank line) came before the declared length: the
        /// declared length was wrong, and the block ends there.
        var endedAtBoundary: Bool
    }

    /// Reads a block of `length` bytes (up to the next boundary, or the end, when `nil`),
    /// keeping at most `keep` of them. A blank line followed by `marker` inside the block ends it
    /// early: that is where the next record starts when the declared length is wrong.
    func readBlock(length: Int?, keep: Int, marker: [UInt8]) throws(PageError) -> Block {
        var block = Block(bytes: [], length: 0, truncated: false, endedAtBoundary: false)
        // "\n\nMARKER" or "\n\r\nMARKER": search for "\nMARKER" and look at the byte before.
        let needle = [0x0A] + marker
        while length.map({ block.length < $0 }) ?? true {
            try fill(minimum: needle.count + 2)
            let available = end - start
            if available == 0 { block.truncated = length != nil; break }
            let want = length.map { min($0 - block.length, available) } ?? available
            // Search a little past the declared end too: the boundary's newline may sit right at it.
            let window = min(available, want + needle.count)
            let boundary: Int? = buffer.withUnsafeBufferPointer { bytes in
                let base = bytes.baseAddress! + start
                var from = 0
                while from < window,
                      let hit = kmaticker_memmem(base + from, window - from, needle, needle.count) {
                    let offset = hit - base
                    // A line of its own after a blank line (LF LF or LF CR LF before the marker).
                    let blankBefore = (offset >= 1 && base[offset - 1] == 0x0A)
                        || (offset >= 2 && base[offset - 1] == 0x0D && base[offset - 2] == 0x0A)
                    // The record's own trailing CRLF CRLF sits right at the declared end: not early.
                    if blankBefore, offset + 1 < want { return offset + 1 }
                    from = offset + 1
                }
                return nil
            }
            let take = boundary ?? want
            if block.bytes.count < keep {
                block.bytes += buffer[start..<(start + min(take, keep - block.bytes.count))]
            }
            block.length += take
            consume(take)
            if boundary != nil { block.endedAtBoundary = length != nil; break }
        }
        return block
    }

    /// The rest of the stream, at most `limit` bytes; `nil` when there are more.
    func readRest(limit: Int) throws(PageError) -> [UInt8]? {
        var bytes: [UInt8] = []
        while true {
            try fill(minimum: 1)
            let available = end - start
            if available == 0 { return bytes }
            guard bytes.count + available <= limit else { return nil }
            bytes += buffer[start..<end]
            consume(available)
        }
    }

    /// Skips bytes up to the next line that starts with `marker`; returns how many were skipped.
    func skip(toLineStartingWith marker: [UInt8]) throws(PageError) -> Int {
        var skipped = 0
        while true {
            let peeked = try peek(marker.count)
            if peeked.isEmpty { return skipped }
            if peeked.elementsEqual(marker) { return skipped }
            guard let line = try readLine() else { return skipped }
            skipped += line.count + 1
        }
    }
}
