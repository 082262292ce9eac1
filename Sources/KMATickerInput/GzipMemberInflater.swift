import CLibDeflate

/// One whole gzip member inflated at once with libdeflate, into an output buffer kept for the
/// next member. libdeflate inflates a member in memory two to three times as fast as zlib's
/// streaming inflate, and a `.warc.gz` is one member per record, small enough to hold.
///
/// It only ever says yes when the answer is certain: a member that inflates whole, its CRC-32
/// and length checked. Anything else (damage, a cut-off end, a member over the output bound, a
/// header libdeflate does not check as zlib does) it declines, and the caller inflates the
/// member with zlib, whose damage recovery and messages are the answer.
final class GzipMemberInflater {
    /// What became of one try.
    enum Outcome: Equatable {
        /// The member was whole: `consumed` input bytes gave `produced` bytes in ``output``.
        case inflated(consumed: Int, produced: Int)
        /// The member did not inflate from these bytes: either it goes on past them, or it is
        /// damaged (libdeflate does not tell which). More input may make it whole.
        case needsMoreInput
        /// Not for libdeflate: zlib inflates it.
        case declined
    }

    /// The shortest gzip member: a 10-byte header, an empty deflate block (2 bytes), the
    /// 8-byte trailer.
    static let shortestMember = 20
    /// A member's output is refused past this many bytes (zlib streams it in bounded memory).
    let outputLimit: Int
    private let decompressor: OpaquePointer
    /// The reused output buffer; it grows (up to ``outputLimit``) and stays grown.
    private(set) var output: UnsafeMutableBufferPointer<UInt8>

    /// - Parameters:
    ///   - outputLimit: the most one member may inflate to here.
    ///   - initialOutput: the output buffer's first size.
    init?(outputLimit: Int, initialOutput: Int = 1 << 18) {
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        self.decompressor = decompressor
        self.outputLimit = outputLimit
        output = .allocate(capacity: max(1, min(initialOutput, outputLimit)))
    }

    deinit {
        libdeflate_free_decompressor(decompressor)
        output.deallocate()
    }

    /// Inflates the gzip member at the start of `input`, growing the output buffer as needed.
    func inflate(_ input: UnsafeBufferPointer<UInt8>) -> Outcome {
        guard input.count >= Self.shortestMember else { return .needsMoreInput }
        // zlib checks a header CRC (flag FHCRC) and libdeflate skips it: such a member (rare) is
        // zlib's, so that a wrong one is still found. Not gzip (a zlib stream, stray bytes): zlib's too.
        guard input[0] == 0x1F, input[1] == 0x8B, input[2] == 0x08, input[3] & 0x02 == 0 else { return .declined }
        while true {
            var consumed = 0
            var produced = 0
            let result = libdeflate_gzip_decompress_ex(decompressor, input.baseAddress, input.count,
                                                       output.baseAddress, output.count, &consumed, &produced)
            switch result {
            case LIBDEFLATE_SUCCESS:
                return .inflated(consumed: consumed, produced: produced)
            case LIBDEFLATE_INSUFFICIENT_SPACE:
                guard output.count < outputLimit else { return .declined }
                // Four times: a member several times the buffer (a whole WARC gzipped as one)
                // is inflated again fewer times.
                let grown = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: min(output.count * 4, outputLimit))
                output.deallocate()
                output = grown
            default:
                return .needsMoreInput
            }
        }
    }

    /// All the members of a whole gzip buffer, inflated and joined; `nil` unless every byte
    /// belongs to a member that inflates whole and the output stays within `limit` (then zlib
    /// gives the answer: its error, or its bytes).
    static func inflateAll(_ input: UnsafeBufferPointer<UInt8>, limit: Int) -> [UInt8]? {
        guard !input.isEmpty, let inflater = GzipMemberInflater(outputLimit: limit, initialOutput: max(1 << 16, input.count * 4)) else { return nil }
        var result: [UInt8] = []
        var offset = 0
        while offset < input.count {
            guard case .inflated(let consumed, let produced) = inflater.inflate(UnsafeBufferPointer(rebasing: input[offset...])),
                  result.count + produced <= limit else { return nil }
            result.append(contentsOf: inflater.output[0..<produced])
            offset += consumed
        }
        return result
    }
}
