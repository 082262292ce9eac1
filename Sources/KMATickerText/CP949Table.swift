import Glibc

/// CP949 to UTF-8 by table: every code's UTF-8, as glibc's iconv converts it, asked of iconv once
/// per process (about 24,000 codes) and then looked up. A page is converted three times as fast
/// as by calling iconv over it (`kmaticker-bench --scan` on CP949 pages; BENCHMARKS.md). What
/// iconv refuses becomes U+FFFD: a byte that starts no code, one replacement, and on after it;
/// a code iconv reads but has no character for (`A2 E8`: glibc consumes both bytes and reports
/// EILSEQ), one replacement for both bytes; a code cut off at the end, one. (Calling iconv over a
/// page and stepping one byte on at each refusal lost the byte after such a code.)
/// CP949TableTests holds the table to iconv's answer for every code, real pages and random bytes.
final class CP949Table: Sendable {
    /// What a byte or a two-byte code is: its UTF-8 (up to 3 bytes, packed low byte first, with
    /// the length in the top byte), or 0 when iconv refuses it.
    private let pairs: [UInt32]
    /// For each byte 0x80…0xFF on its own: its UTF-8 packed as in ``pairs``; 0 when it is
    /// refused; ``leadOnly`` when iconv asks for a second byte (a lead byte).
    private let singles: [UInt32]
    private static let leadOnly: UInt32 = 0xFFFF_FFFF
    /// A two-byte code iconv reads whole but has no character for.
    private static let unmapped: UInt32 = 0xFE00_0000

    /// The table, made on first use; `nil` when this system's iconv has no CP949.
    static let shared: CP949Table? = CP949Table()

    private init?() {
        guard let converter = iconv_open("UTF-8", "CP949"), converter != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        /// iconv's answer for `input`: the UTF-8 packed, 0 when refused, leadOnly when incomplete.
        func convert(_ input: [UInt8]) -> (packed: UInt32, consumed: Int) {
            var input = input
            var output = [UInt8](repeating: 0, count: 8)
            return input.withUnsafeMutableBytes { inputBuffer in
                output.withUnsafeMutableBytes { outputBuffer in
                    var inPointer = inputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                    var inLeft = inputBuffer.count
                    var outPointer = outputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                    var outLeft = outputBuffer.count
                    _ = iconv(converter, nil, nil, nil, nil)  // the initial state
                    let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    let failure = errno
                    let produced = outputBuffer.count - outLeft
                    let consumed = inputBuffer.count - inLeft
                    if status == -1, consumed == 0 { return (failure == EINVAL ? Self.leadOnly : 0, 0) }
                    guard produced >= 1, produced <= 3 else { return (0, consumed) }
                    var packed = UInt32(produced) << 24
                    for index in 0..<produced { packed |= UInt32(outputBuffer[index]) << (8 * index) }
                    return (packed, consumed)
                }
            }
        }
        var singles = [UInt32](repeating: 0, count: 128)
        for byte in 0x80...0xFF {
            let answer = convert([UInt8(byte)])
            singles[byte - 0x80] = answer.packed == Self.leadOnly || answer.consumed == 1 ? answer.packed : 0
        }
        var pairs = [UInt32](repeating: 0, count: 1 << 16)
        for lead in 0x80...0xFF where singles[lead - 0x80] == Self.leadOnly {
            for trail in 0...0xFF {
                let answer = convert([UInt8(lead), UInt8(trail)])
                // Only a code iconv reads whole is one (or an unmapped one); otherwise it refuses
                // the lead byte.
                guard answer.consumed == 2, answer.packed != Self.leadOnly else { continue }
                pairs[lead << 8 | trail] = answer.packed == 0 ? Self.unmapped : answer.packed
            }
        }
        self.singles = singles
        self.pairs = pairs
    }

    /// `bytes` in UTF-8, and how many replacement characters were substituted.
    func utf8(from bytes: ArraySlice<UInt8>) -> (bytes: [UInt8], replacements: Int) {
        var replacements = 0
        // At most 3 bytes out per byte in (a replacement for each): the capacity is reserved, and
        // only what is written is touched, so a short page costs no more memory than it fills.
        let output = [UInt8](unsafeUninitializedCapacity: bytes.count * 3 + 3) { out, written in
            written = 0
            bytes.withUnsafeBufferPointer { input in
                pairs.withUnsafeBufferPointer { pairs in
                    singles.withUnsafeBufferPointer { singles in
                        let count = input.count
                        var index = 0, end = 0
                        func emit(_ packed: UInt32) {
                            let length = Int(packed >> 24)
                            out[end] = UInt8(truncatingIfNeeded: packed)
                            if length > 1 { out[end + 1] = UInt8(truncatingIfNeeded: packed >> 8) }
                            if length > 2 { out[end + 2] = UInt8(truncatingIfNeeded: packed >> 16) }
                            end += length
                        }
                        let replacement: UInt32 = 3 << 24 | 0xBD << 16 | 0xBF << 8 | 0xEF
                        while index < count {
                            let byte = input[index]
                            if byte < 0x80 {
                                out[end] = byte
                                end += 1
                                index += 1
                                continue
                            }
                            let single = singles[Int(byte) - 0x80]
                            if single == Self.leadOnly {
                                guard index + 1 < count else {
                                    // Cut off at the end: one replacement, as iconv's EINVAL.
                                    emit(replacement)
                                    replacements += 1
                                    break
                                }
                                let packed = pairs[Int(byte) << 8 | Int(input[index + 1])]
                                if packed == Self.unmapped {
                                    emit(replacement)
                                    replacements += 1
                                    index += 2
                                    continue
                                }
                                if packed != 0 {
                                    emit(packed)
                                    index += 2
                                    continue
                                }
                            } else if single != 0 {
                                emit(single)
                                index += 1
                                continue
                            }
                            // Refused: one replacement for this byte, and on after it.
                            emit(replacement)
                            replacements += 1
                            index += 1
                        }
                        written = end
                    }
                }
            }
        }
        return (output, replacements)
    }
}
