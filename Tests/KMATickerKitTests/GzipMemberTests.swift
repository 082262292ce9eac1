import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerInput
@testable import KMATickerModel

/// Whole gzip members inflated with libdeflate give what zlib gives, byte for byte, damage and
/// errors included. The compressed data is made by the `gzip` program and Python's gzip and zlib
/// (independent producers); the expected bytes are the data before compression, or Python's.
@Suite struct GzipMemberTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    /// Text-like bytes (compresses as pages do), different for each seed.
    static func text(_ count: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        let words = ["날씨", "weather", "서울", "rain", "council", "기온", "report", "28.1℃", "\n", "<p>"].map { Array($0.utf8) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 16)
        while bytes.count < count {
            bytes += words[Int(random.next() % UInt64(words.count))]
            bytes.append(0x20)
        }
        return Array(bytes.prefix(count))
    }

    /// Bytes that do not compress.
    static func noise(_ count: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    /// One gzip member of `bytes`, made by the gzip program.
    func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let file = try directory.write("plain-\(UUID().uuidString)", bytes: bytes)
        return [UInt8](try ProcessRunner.run("/usr/bin/env", ["gzip", "-c", "-n", file]).stdout)
    }

    /// What Python's zlib inflates of `bytes` (a gzip member, perhaps cut off): all it can.
    func pythonInflate(_ bytes: [UInt8]) throws -> [UInt8] {
        let file = try directory.write("member-\(UUID().uuidString)", bytes: bytes)
        return [UInt8](try ProcessRunner.run("/usr/bin/env", ["python3", "-c",
            "import sys, zlib; sys.stdout.buffer.write(zlib.decompressobj(31).decompress(open(sys.argv[1], 'rb').read()))", file]).stdout)
    }

    /// Everything a ``GzipByteSource`` gives, read through a small buffer, and what it found.
    struct Inflated {
        var bytes: [UInt8] = []
        var damage: [Int] = []
        var endedInsideMember = false
        var wholeMembers = 0
    }

    func inflate(_ compressed: [UInt8], readSize: Int? = nil, outputLimit: Int = 16 << 20, inputLimit: Int = 4 << 20,
                 window: Int = 1 << 20, wholeMembers: Bool = true) throws -> Inflated {
        let upstream: ByteSource = readSize.map { ChunkedByteSource(compressed, readSize: $0) } ?? MemoryByteSource(compressed)
        let source = try GzipByteSource(upstream: upstream, memberOutputLimit: outputLimit, memberInputLimit: inputLimit,
                                        initialWindow: window, wholeMembers: wholeMembers)
        var result = Inflated()
        var buffer = [UInt8](repeating: 0, count: 5000)
        while true {
            let count = try buffer.withUnsafeMutableBufferPointer { try source.read(into: $0) }
            if count == 0 { break }
            result.bytes += buffer[0..<count]
        }
        result.damage = source.damage.map(\.compressedOffset)
        result.endedInsideMember = source.endedInsideMember
        result.wholeMembers = source.membersInflatedWhole
        return result
    }

    /// The same through zlib alone: what the answer was before libdeflate.
    func expectSameAsZlib(_ compressed: [UInt8], _ inflated: Inflated, readSize: Int? = nil) throws {
        let zlib = try inflate(compressed, readSize: readSize, wholeMembers: false)
        #expect(zlib.wholeMembers == 0)
        #expect(inflated.bytes == zlib.bytes)
        #expect(inflated.damage == zlib.damage)
        #expect(inflated.endedInsideMember == zlib.endedInsideMember)
    }

    @Test func manySmallMembersAreEachInflatedWhole() throws {
        let parts = (0..<60).map { Self.text(200 + $0 * 37, seed: UInt64($0)) }
        let compressed = try parts.map(gzip).reduce([], +)
        let inflated = try inflate(compressed)
        #expect(inflated.bytes == parts.reduce([], +))
        #expect(inflated.wholeMembers == 60)
        #expect(inflated.damage.isEmpty && !inflated.endedInsideMember)
    }

    /// A member larger than the first output buffer (256 KiB): the buffer grows, the member is
    /// inflated again, and the next members use the grown buffer.
    @Test func aMemberLargerThanTheOutputBufferGrowsIt() throws {
        let parts = [Self.text(1000, seed: 1), Self.text(900_000, seed: 2), Self.text(3000, seed: 3)]
        let compressed = try parts.map(gzip).reduce([], +)
        let inflated = try inflate(compressed)
        #expect(inflated.bytes == parts.reduce([], +))
        #expect(inflated.wholeMembers == 3)
    }

    /// Members over either bound are streamed through zlib, and the members after them are
    /// libdeflate's again.
    @Test func aMemberOverTheBoundsIsStreamed() throws {
        let overOutput = [Self.text(2000, seed: 4), Self.text(300_000, seed: 5), Self.text(2000, seed: 6)]
        let compressedOutput = try overOutput.map(gzip).reduce([], +)
        let outputBound = try inflate(compressedOutput, outputLimit: 100_000)
        #expect(outputBound.bytes == overOutput.reduce([], +))
        #expect(outputBound.wholeMembers == 2)
        // Incompressible: 200 KB in, over a 64 KiB window that may not grow.
        let overInput = [Self.text(2000, seed: 7), Self.noise(200_000, seed: 8), Self.text(2000, seed: 9)]
        let compressedInput = try overInput.map(gzip).reduce([], +)
        let inputBound = try inflate(compressedInput, inputLimit: 1 << 16, window: 1 << 16)
        #expect(inputBound.bytes == overInput.reduce([], +))
        #expect(inputBound.wholeMembers == 2)
        try expectSameAsZlib(compressedInput, inputBound)
    }

    /// A file that is one gzip member (gzip of a whole WARC): zlib streams it when it is over
    /// the bound, libdeflate inflates it when it is not.
    @Test func oneBigMemberForTheWholeFile() throws {
        let plain = Self.text(3_000_000, seed: 10)
        let compressed = try gzip(plain)
        let streamed = try inflate(compressed, outputLimit: 1 << 20)
        #expect(streamed.bytes == plain)
        #expect(streamed.wholeMembers == 0)
        let whole = try inflate(compressed, window: 1 << 16)
        #expect(whole.bytes == plain)
        #expect(whole.wholeMembers == 1)
    }

    @Test func aTruncatedLastMemberGivesWhatZlibCouldInflate() throws {
        let parts = (0..<5).map { Self.text(20_000, seed: 20 + UInt64($0)) }
        let members = try parts.map(gzip)
        let cut = Array(members[4].prefix(members[4].count / 2))
        let compressed = members[0..<4].reduce([], +) + cut
        let inflated = try inflate(compressed)
        let partial = try pythonInflate(cut)
        #expect(!partial.isEmpty && partial.count < parts[4].count)
        #expect(inflated.bytes == parts[0..<4].reduce([], +) + partial)
        #expect(inflated.endedInsideMember)
        #expect(inflated.damage.isEmpty)
        #expect(inflated.wholeMembers == 4)
        try expectSameAsZlib(compressed, inflated)
    }

    /// A damaged member in the middle costs that member only: zlib finds the damage where it
    /// always did, and the members after it are read (through libdeflate again).
    @Test func aDamagedMemberInTheMiddleIsZlibsToRecoverFrom() throws {
        let parts = (0..<5).map { Self.text(20_000, seed: 30 + UInt64($0)) }
        let members = try parts.map(gzip)
        // A wrong CRC-32 (the trailer's first 4 bytes): zlib gives the member's bytes, then
        // finds the damage at its end; the reader goes on after a blank line.
        var crc = members
        let tail = crc[2].count - 8
        for offset in tail..<(tail + 4) { crc[2][offset] ^= 0x5A }
        let compressed = crc.reduce([], +)
        let inflated = try inflate(compressed)
        #expect(inflated.bytes == parts[0..<3].reduce([], +) + Array("\n\n".utf8) + parts[3...].reduce([], +))
        #expect(inflated.damage.count == 1)
        #expect(inflated.wholeMembers == 4)
        try expectSameAsZlib(compressed, inflated)
        // Damaged deflate data: what zlib made of the member before it failed is zlib's.
        var data = members
        for offset in 40..<80 { data[2][offset] ^= 0x5A }
        let damagedData = data.reduce([], +)
        let inflatedData = try inflate(damagedData)
        let before = parts[0..<2].reduce([], +)
        let after = Array("\n\n".utf8) + parts[3...].reduce([], +)
        #expect(inflatedData.bytes.starts(with: before) && inflatedData.bytes.suffix(after.count).elementsEqual(after))
        #expect(inflatedData.damage.count == 1)
        #expect(inflatedData.wholeMembers == 4)
        try expectSameAsZlib(damagedData, inflatedData)
    }

    /// A wrong header CRC (flag FHCRC), which zlib checks and libdeflate does not: still damage.
    @Test func aWrongHeaderChecksumIsStillDamage() throws {
        let parts = (0..<3).map { Self.text(5000, seed: 40 + UInt64($0)) }
        var members = try parts.map(gzip)
        // Python's zlib gives the raw deflate data; the member is put together by hand.
        let file = try directory.write("flagged", bytes: parts[1])
        let flagged = [UInt8](try ProcessRunner.run("/usr/bin/env", ["python3", "-c", """
            import sys, zlib, struct
            data = open(sys.argv[1], 'rb').read()
            header = bytes([0x1f, 0x8b, 8, 2, 0, 0, 0, 0, 0, 255])
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            body = c.compress(data) + c.flush()
            check = (zlib.crc32(header) & 0xffff) ^ 0x5a5a
            sys.stdout.buffer.write(header + struct.pack('<H', check) + body + struct.pack('<II', zlib.crc32(data), len(data)))
            """, file]).stdout)
        members[1] = flagged
        let compressed = members.reduce([], +)
        let inflated = try inflate(compressed)
        #expect(inflated.damage.count == 1)
        #expect(inflated.bytes.starts(with: parts[0]) && inflated.bytes.suffix(parts[2].count).elementsEqual(parts[2]))
        try expectSameAsZlib(compressed, inflated)
    }

    /// Members that straddle reads and the window's end (a 64 KiB window, reads of 1 to 997
    /// bytes): each is read on until it is whole.
    @Test func membersSplitAcrossReadsAndTheWindow() throws {
        let parts = (0..<40).map { Self.text(4000 + $0 * 500, seed: 50 + UInt64($0)) }
        let compressed = try parts.map(gzip).reduce([], +)
        #expect(compressed.count > 1 << 16)
        for readSize in [1, 7, 997] {
            let inflated = try inflate(compressed, readSize: readSize, window: 1 << 16)
            #expect(inflated.bytes == parts.reduce([], +), "reads of \(readSize)")
            #expect(inflated.wholeMembers == 40, "reads of \(readSize)")
        }
    }

    /// A whole `.gz` page: libdeflate's bytes when every member is whole, zlib's error when not.
    @Test func wholeBufferDecompressAgreesWithZlib() throws {
        let parts = (0..<3).map { Self.text(30_000, seed: 60 + UInt64($0)) }
        let members = try parts.map(gzip)
        let joined = members.reduce([], +)
        #expect(joined.withUnsafeBufferPointer { GzipMemberInflater.inflateAll($0, limit: 1 << 20) } == parts.reduce([], +))
        #expect(try Gzip.decompress(joined, limit: 1 << 20) == parts.reduce([], +))
        #expect(throws: PageError.tooLarge(limit: 50_000)) { try Gzip.decompress(joined, limit: 50_000) }
        #expect(throws: PageError.undecodable("the gzip data ends early")) { try Gzip.decompress(Array(joined.dropLast(5)), limit: 1 << 20) }
        var damaged = joined
        damaged[members[0].count + 50] ^= 0xFF
        #expect(throws: PageError.undecodable("the gzip data is damaged")) { try Gzip.decompress(damaged, limit: 1 << 20) }
        #expect(throws: PageError.undecodable("the gzip data is damaged")) { try Gzip.decompress(joined + [0, 0, 0, 0], limit: 1 << 20) }
    }
}

/// Bytes in memory handed out `readSize` at a time, as a pipe may.
final class ChunkedByteSource: ByteSource {
    private let bytes: [UInt8]
    private let readSize: Int
    private var offset = 0

    init(_ bytes: [UInt8], readSize: Int) {
        self.bytes = bytes
        self.readSize = readSize
    }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(PageError) -> Int {
        let count = min(buffer.count, readSize, bytes.count - offset)
        guard count > 0 else { return 0 }
        for index in 0..<count { buffer[index] = bytes[offset + index] }
        offset += count
        return count
    }
}
