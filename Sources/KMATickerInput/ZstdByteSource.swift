import CZstd
import KMATickerModel

/// The decompressed bytes of a Zstandard file, frame after frame (libzstd's streaming decoder).
///
/// A `.warc.zst` is laid out as the IIPC warc-zstd specification says: an optional dictionary
/// in a leading skippable frame (magic 0x184D2A5D; the dictionary itself possibly
/// zstd-compressed), then one or more frames per record, each compressed with that
/// dictionary. The dictionary is loaded once and used for every frame; without one, frames are
/// read plain, so a whole-file `zstd` of a WARC or of a page is read too. Other skippable
/// frames are passed over (libzstd does). A damaged frame is not the end: the stream skips to
/// the next frame's magic number and records the skip in ``damage``, as ``GzipByteSource``
/// does for a gzip member, so that a WARC reader can tell which record it cost.
final class ZstdByteSource: MemberStream {
    let compressionName = "zstd"
    let memberName = "frame"

    /// A Zstandard frame's magic number, 0xFD2FB528, as it is written (little-endian).
    static let frameMagic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]
    /// The skippable frame 0x184D2A5D that holds a warc-zstd file's dictionary.
    static let dictionaryFrameMagic: [UInt8] = [0x5D, 0x2A, 0x4D, 0x18]
    /// The largest dictionary read, compressed or not: the warc-zstd specification asks readers
    /// for 8 MiB and lets them refuse more.
    static let dictionaryLimit = 1 << 23

    /// Whether a file's first bytes are Zstandard's: a frame, or a skippable frame
    /// (0x184D2A50–5F): the warc-zstd dictionary frame, or another tool's own (pzstd opens its
    /// files with one; the specification forbids it for a `.warc.zst`, but zstd reads them).
    static func isCompressed(_ bytes: ArraySlice<UInt8>) -> Bool {
        if bytes.starts(with: frameMagic) { return true }
        let start = bytes.startIndex
        return bytes.count >= 4 && bytes[start] & 0xF0 == 0x50 && bytes[start + 1] == 0x2A && bytes[start + 2] == 0x4D && bytes[start + 3] == 0x18
    }

    private let upstream: ByteSource
    /// libzstd's decompression context (owned here, freed in deinit).
    private let context: OpaquePointer
    /// The compressed input window.
    private var input: [UInt8]
    private var inputStart = 0
    private var inputEnd = 0
    /// Compressed bytes dropped before `input[0]`, for messages.
    private var compressedOffset = 0
    private var upstreamEnded = false
    private var finished = false
    /// Bytes handed out so far.
    private var outputPosition = 0
    /// A frame has been begun and not finished.
    private var inFrame = false
    /// Where the frame at hand starts: in the compressed file, and in the output.
    private var frameStartOffset = 0
    private var frameOutputStart = 0
    /// After damage, a blank line goes out first (a WARC reader finds the next record after one).
    private var pendingSeparator = false
    /// A frame decoded whole (``decodeWholeFrame()``), not yet all handed out.
    private var decoded: [UInt8] = []
    private var decodedStart = 0
    private var decodedEnd = 0
    /// The most one frame is decoded whole into (a larger one is streamed).
    private let wholeFrameLimit: Int
    /// The largest input window: a frame whose compressed bytes do not fit is streamed.
    private let windowLimit: Int
    /// Frames decoded whole (the rest were streamed): tests check which path ran.
    private(set) var framesDecodedWhole = 0
    /// The frame at hand is streamed (too large to decode whole, or found damaged).
    private var streamingFrame = false
    /// The frame at hand is being read again without its checksum checked (it was found wrong
    /// before any of its bytes went out): its bytes go out, and its damage is recorded at its end.
    private var rereadingWithoutChecksum = false

    private(set) var damage: [MemberDamage] = []
    private(set) var endedInsideMember = false
    /// The dictionary's ID, when the file opens with a dictionary frame.
    private(set) var dictionaryID: UInt32?

    /// - Parameters:
    ///   - window: the input window's first size; it grows to `windowLimit` for a frame that
    ///     does not fit, so that the frame can be decoded whole.
    ///   - wholeFrameLimit: the most one frame is decoded to at once (tests make it small).
    init(upstream: ByteSource, window: Int = 1 << 18, windowLimit: Int = 4 << 20, wholeFrameLimit: Int = 16 << 20) throws(PageError) {
        self.upstream = upstream
        self.wholeFrameLimit = wholeFrameLimit
        self.windowLimit = max(windowLimit, window)
        guard let context = ZSTD_createDCtx() else { throw .undecodable("libzstd could not start") }
        self.context = context
        input = [UInt8](repeating: 0, count: max(window, 1 << 12))
        try loadDictionaryFrame()
    }

    deinit { ZSTD_freeDCtx(context) }

    /// Reads the leading dictionary frame, when there is one, and loads its dictionary.
    private func loadDictionaryFrame() throws(PageError) {
        try fill(atLeast: 8)
        guard inputEnd >= 8, input[0..<4].elementsEqual(Self.dictionaryFrameMagic) else { return }
        let size = Int(input[4]) | Int(input[5]) << 8 | Int(input[6]) << 16 | Int(input[7]) << 24
        guard size <= Self.dictionaryLimit else {
            throw .undecodable("its dictionary frame holds \(size) bytes, more than the 8 MiB the warc-zstd specification asks readers to take")
        }
        if input.count < 8 + size { input += [UInt8](repeating: 0, count: 8 + size - input.count) }
        try fill(atLeast: 8 + size)
        guard inputEnd >= 8 + size else { throw .damagedRecord("the file ends inside its zstd dictionary frame") }
        var dictionary = Array(input[8..<(8 + size)])
        if dictionary.starts(with: Self.frameMagic) {
            dictionary = try Self.decompressDictionary(dictionary)
        }
        let loaded = dictionary.withUnsafeBytes { ZSTD_DCtx_loadDictionary(context, $0.baseAddress, $0.count) }
        guard ZSTD_isError(loaded) == 0 else {
            throw .undecodable("its zstd dictionary cannot be loaded (\(Self.errorName(loaded)))")
        }
        let id = dictionary.withUnsafeBytes { ZSTD_getDictID_fromDict($0.baseAddress, $0.count) }
        dictionaryID = id == 0 ? nil : id
        inputStart = 8 + size
    }

    /// A dictionary frame's compressed dictionary: one frame, without a dictionary, whose
    /// content size is given.
    private static func decompressDictionary(_ frame: [UInt8]) throws(PageError) -> [UInt8] {
        let size = frame.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
        guard size != ZSTD_CONTENTSIZE_ERROR, size != ZSTD_CONTENTSIZE_UNKNOWN else {
            throw .undecodable("its zstd dictionary frame is damaged (no content size)")
        }
        guard size <= UInt64(dictionaryLimit) else {
            throw .undecodable("its zstd dictionary is \(size) bytes, more than the 8 MiB the warc-zstd specification asks readers to take")
        }
        var dictionary = [UInt8](repeating: 0, count: Int(size))
        let produced = dictionary.withUnsafeMutableBytes { out in
            frame.withUnsafeBytes { ZSTD_decompress(out.baseAddress, out.count, $0.baseAddress, $0.count) }
        }
        guard ZSTD_isError(produced) == 0, produced == Int(size) else {
            throw .undecodable("its zstd dictionary frame is damaged (\(errorName(produced)))")
        }
        return dictionary
    }

    private static func errorName(_ code: Int) -> String {
        ZSTD_isError(code) != 0 ? String(cString: ZSTD_getErrorName(code)) : "a wrong size"
    }

    /// One read from upstream into the window's free end; at the input's end, `upstreamEnded`.
    private func readUpstream() throws(PageError) {
        let read = try input.withUnsafeMutableBufferPointer { (buffer) throws(PageError) -> Int in
            try upstream.read(into: UnsafeMutableBufferPointer(rebasing: buffer[inputEnd...]))
        }
        if read == 0 { upstreamEnded = true }
        inputEnd += read
    }

    /// Moves the window's bytes from `count` on to its front: the first `count` are done with.
    private func dropWindowFront(_ count: Int) {
        guard count > 0 else { return }
        let remaining = inputEnd - count
        input.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.update(from: buffer.baseAddress! + count, count: remaining)
        }
        compressedOffset += count
        inputStart -= count
        inputEnd = remaining
    }

    /// Reads upstream until the window holds `count` bytes from its start, or the input ends.
    private func fill(atLeast count: Int) throws(PageError) {
        while inputEnd < count, !upstreamEnded { try readUpstream() }
    }

    /// Moves the unread bytes to the window's front (with the frame at hand's first bytes
    /// while they fill at most half of it: damage found later is looked past from the frame's
    /// start) and reads on.
    private func refill() throws(PageError) {
        guard !upstreamEnded else { return }
        let frameStart = frameStartOffset - compressedOffset
        let keepFrom = inFrame && (0..<inputStart).contains(frameStart) && inputEnd - frameStart <= input.count / 2 ? frameStart : inputStart
        dropWindowFront(keepFrom)
        try readUpstream()
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
            if decodedStart < decodedEnd {
                let count = min(buffer.count, decodedEnd - decodedStart)
                decoded.withUnsafeBufferPointer { _ = buffer.baseAddress!.update(from: $0.baseAddress! + decodedStart, count: count) }
                decodedStart += count
                outputPosition += count
                return count
            }
            if !inFrame, !streamingFrame, !rereadingWithoutChecksum, try decodeWholeFrame() { continue }
            if inputStart == inputEnd {
                try refill()
                if inputStart == inputEnd {
                    endedInsideMember = inFrame
                    finished = true
                    return 0
                }
            }
            if !inFrame {
                inFrame = true
                frameStartOffset = compressedOffset + inputStart
                frameOutputStart = outputPosition
            }
            var produced = 0
            var status = 0
            input.withUnsafeBufferPointer { window in
                var source = ZSTD_inBuffer(src: window.baseAddress! + inputStart, size: inputEnd - inputStart, pos: 0)
                var target = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
                status = ZSTD_decompressStream(context, &target, &source)
                inputStart += source.pos
                produced = target.pos
            }
            outputPosition += produced
            if ZSTD_isError(status) != 0 {
                if kmaticker_zstd_is_checksum_error(status) != 0, !rereadingWithoutChecksum, outputPosition == frameOutputStart,
                   frameStartOffset >= compressedOffset {
                    // None of the frame went out (libzstd hands out nothing from a call that
                    // fails): read it again, unchecked, so that the record it holds is named.
                    rereadingWithoutChecksum = true
                    ZSTD_DCtx_reset(context, ZSTD_reset_session_only)
                    kmaticker_zstd_check_checksums(context, 0)
                    inputStart = frameStartOffset - compressedOffset
                    inFrame = false
                    continue
                }
                try skipToNextFrame()
            } else if status == 0 {
                // The frame is whole, its checksum checked, and all of it handed out.
                inFrame = false
                streamingFrame = false
                if rereadingWithoutChecksum {
                    // Its bytes went out; they are known to be wrong.
                    rereadingWithoutChecksum = false
                    kmaticker_zstd_check_checksums(context, 1)
                    damage.append(MemberDamage(compressedOffset: frameStartOffset, outputPosition: outputPosition,
                                               memberStart: frameOutputStart))
                }
            }
            if produced > 0 { return produced }
        }
        return 0
    }

    /// Decodes the frame at the window's start whole, in one call (faster than streaming it:
    /// no copy through libzstd's own window), when its content size is stated and at most
    /// `wholeFrameLimit`, and its compressed bytes fit the window. `false` leaves the frame to
    /// be streamed: so is one found damaged, which the streaming path then reports.
    private func decodeWholeFrame() throws(PageError) -> Bool {
        if inputEnd - inputStart < 18 { try compactAndRead() }
        guard inputEnd - inputStart >= 4, input[inputStart] == 0x28, input[inputStart + 1] == 0xB5 else { return false }
        while true {
            let (frameSize, contentSize) = input.withUnsafeBufferPointer { window -> (Int, UInt64) in
                let start = window.baseAddress! + inputStart
                let available = inputEnd - inputStart
                return (ZSTD_findFrameCompressedSize(start, available), ZSTD_getFrameContentSize(start, available))
            }
            guard contentSize != ZSTD_CONTENTSIZE_UNKNOWN, contentSize != ZSTD_CONTENTSIZE_ERROR,
                  contentSize <= UInt64(wholeFrameLimit) else { break }
            if ZSTD_isError(frameSize) != 0 {
                // Not all of the frame is in the window (or it is damaged): read on, while it may fit.
                let before = inputEnd - inputStart
                if inputEnd == input.count, inputStart == 0 {
                    guard input.count < windowLimit else { break }
                    input += [UInt8](repeating: 0, count: min(input.count, windowLimit - input.count))
                }
                try compactAndRead()
                if inputEnd - inputStart == before { break }
                continue
            }
            if decoded.count < Int(contentSize) {
                // Grown, never shrunk: a frame's output is its record (at most wholeFrameLimit).
                decoded = [UInt8](repeating: 0, count: max(Int(contentSize), 1 << 18))
            }
            let produced = decoded.withUnsafeMutableBufferPointer { out in
                input.withUnsafeBufferPointer { window in
                    ZSTD_decompressDCtx(context, out.baseAddress, Int(contentSize), window.baseAddress! + inputStart, frameSize)
                }
            }
            guard ZSTD_isError(produced) == 0, produced == Int(contentSize) else { break }
            decodedStart = 0
            decodedEnd = produced
            inputStart += frameSize
            framesDecodedWhole += 1
            return true
        }
        // Streamed from here: the same bytes, with damage found and reported as it is read.
        decodedStart = 0
        decodedEnd = 0
        streamingFrame = true
        return false
    }

    /// Moves the unread bytes to the window's front and reads into the rest.
    private func compactAndRead() throws(PageError) {
        dropWindowFront(inputStart)
        while inputEnd < input.count, !upstreamEnded { try readUpstream() }
    }

    /// After damage: records it, and drops bytes up to the next frame's magic number, looked for
    /// from the damaged frame's start when the window still holds it (damage to a block's size
    /// can make the decoder read on into the next frame before it fails).
    private func skipToNextFrame() throws(PageError) {
        damage.append(MemberDamage(compressedOffset: compressedOffset + inputStart, outputPosition: outputPosition,
                                   memberStart: frameOutputStart))
        pendingSeparator = true
        ZSTD_DCtx_reset(context, ZSTD_reset_session_only)  // the dictionary stays loaded
        if rereadingWithoutChecksum {
            rereadingWithoutChecksum = false
            kmaticker_zstd_check_checksums(context, 1)
        }
        inFrame = false
        streamingFrame = false
        let frameStart = frameStartOffset - compressedOffset
        if frameStart >= 0, frameStart < inputStart { inputStart = frameStart }
        inputStart += 1
        while true {
            while inputStart + 4 <= inputEnd {
                if input[inputStart] == 0x28, input[inputStart + 1] == 0xB5, input[inputStart + 2] == 0x2F, input[inputStart + 3] == 0xFD { return }
                inputStart += 1
            }
            let before = inputEnd - inputStart
            try refill()
            if inputEnd - inputStart == before {
                // No other frame: the rest of the file is lost.
                inputStart = inputEnd
                return
            }
        }
    }
}
