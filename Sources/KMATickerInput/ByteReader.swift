import CByteSearch
import KMATickerModel

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
        // Not zeroed: only bytes a read filled are ever looked at (zeroing 256 KB cost each
        // small file more than reading it).
        buffer = [UInt8](unsafeUninitializedCapacity: bufferSize) { _, count in count = bufferSize }
    }

    /// Everything left in the stream, when it all fits in the buffer and is at most `limit`
    /// bytes: the buffer itself is handed over, so that a page is read with one read(2) and no
    /// copy. `nil`, with nothing consumed, otherwise. The reader is spent after a page is taken.
    func takeRestIfBuffered(atMost limit: Int) throws(PageError) -> [UInt8]? {
        while !sourceEnded, end < buffer.count {
            let count = try buffer.withUnsafeMutableBufferPointer { (bytes) throws(PageError) -> Int in
                try source.read(into: UnsafeMutableBufferPointer(rebasing: bytes[end...]))
            }
            if count == 0 { sourceEnded = true }
            end += count
        }
        guard sourceEnded, end - start <= limit else { return nil }
        var rest = buffer
        buffer = []
        rest.removeLast(rest.count - end)
        if start > 0 { rest.removeFirst(start) }
        position += end - start
        start = 0
        end = 0
        return rest
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

    /// Reads a block of `length` bytes, keeping at most `keep` of them. When `length` is `nil`
    /// the block runs to the next boundary (a blank line, then a line starting with `marker`)
    /// or the end.
    ///
    /// A declared length is trusted unless it is shown wrong: when what follows the block is no
    /// record (`marker` after at most two line ends) and a boundary lay inside the block, the
    /// length was too long: the block ends at that boundary and the bytes after it are read
    /// again. (A page that prints "WARC/1.0" after a blank line keeps its whole block.)
    func readBlock(length: Int?, keep: Int, marker: [UInt8], tailLimit: Int = 4 << 20) throws(PageError) -> Block {
        var block = Block(bytes: [], length: 0, truncated: false, endedAtBoundary: false)
        // "\n\nMARKER" or "\n\r\nMARKER": search for "\nMARKER" and look at the byte before.
        let needle = [0x0A] + marker
        var candidate: Int?
        var tail: [UInt8] = []
        var tailOverflowed = false
        while length.map({ block.length < $0 }) ?? true {
            try fill(minimum: needle.count + 2)
            let available = end - start
            if available == 0 { block.truncated = length != nil; break }
            let want = length.map { min($0 - block.length, available) } ?? available
            var boundary: Int?
            if candidate == nil {
                boundary = buffer.withUnsafeBufferPointer { bytes -> Int? in
                    let base = bytes.baseAddress! + start
                    var from = 0
                    while from < want,
                          let hit = kmaticker_memmem(base + from, min(available, want + needle.count) - from, needle, needle.count) {
                        let offset = hit - base
                        let blankBefore = (offset >= 1 && base[offset - 1] == 0x0A)
                            || (offset >= 2 && base[offset - 1] == 0x0D && base[offset - 2] == 0x0A)
                        // Inside the block: the record's own separator sits right at its end.
                        if blankBefore, offset + 1 < want, length.map({ block.length + offset + 1 < $0 }) ?? true {
                            return offset + 1
                        }
                        from = offset + 1
                    }
                    return nil
                }
            }
            if length == nil, let boundary {
                keepBytes(&block, count: boundary, keep: keep)
                block.length += boundary
                consume(boundary)
                break
            }
            if let boundary {
                candidate = block.length + boundary
                tail += buffer[(start + boundary)..<(start + want)]
            } else if candidate != nil, !tailOverflowed {
                tail += buffer[start..<(start + want)]
            }
            if tail.count > tailLimit { tailOverflowed = true; tail = [] }
            keepBytes(&block, count: want, keep: keep)
            block.length += want
            consume(want)
        }
        guard let candidate, !block.truncated, !tailOverflowed else { return block }
        // Is a record next, as the declared length says?
        let next = try peek(4 + marker.count)
        let afterLineEnds = next.drop { $0 == 0x0D || $0 == 0x0A }
        if next.isEmpty || afterLineEnds.starts(with: marker) { return block }
        // No: the length was too long. End at the boundary, and read the rest again.
        unread(tail)
        block.length = candidate
        if block.bytes.count > candidate { block.bytes.removeLast(block.bytes.count - candidate) }
        block.endedAtBoundary = true
        return block
    }

    private func keepBytes(_ block: inout Block, count: Int, keep: Int) {
        if block.bytes.count < keep {
            block.bytes += buffer[start..<(start + min(count, keep - block.bytes.count))]
        }
    }

    /// Puts `bytes` back in front of what is unread (they were read just before).
    func unread(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if start >= bytes.count {
            start -= bytes.count
            buffer.replaceSubrange(start..<(start + bytes.count), with: bytes)
        } else {
            let rest = Array(buffer[start..<end])
            buffer = bytes + rest + [UInt8](repeating: 0, count: max(0, buffer.count - bytes.count - rest.count))
            start = 0
            end = bytes.count + rest.count
        }
        position -= bytes.count
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
