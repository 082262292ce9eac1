import CZlib
import KMATickerModel

/// gzip-compressed files (`page.html.gz`), recognized by their magic bytes, not their name.
package enum Gzip {
    /// Whether `bytes` start with the gzip magic number 1F 8B.
    package static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The decompressed bytes of a gzip stream (concatenated members included), or of a raw
    /// deflate stream with `raw`.
    /// - Parameter limit: refuse to produce more than this many bytes (a "zip bomb").
    package static func decompress(_ bytes: [UInt8], limit: Int, raw: Bool = false) throws(PageError) -> [UInt8] {
        // libdeflate first, when every member inflates whole within the limit (faster); else
        // zlib from the start, whose bytes or error are the answer.
        if !raw, let whole = bytes.withUnsafeBufferPointer({ GzipMemberInflater.inflateAll($0, limit: limit) }) {
            return whole
        }
        guard let zlib = ZlibInflateStream(raw ? .rawDeflate : .gzip) else { throw .undecodable("zlib could not start") }
        let stream = zlib.stream
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = bytes
        var status: Int32 = Z_OK
        let total = input.count
        try input.withUnsafeMutableBufferPointer { (inputBuffer) throws(PageError) in
            stream.pointee.next_in = inputBuffer.baseAddress
            stream.pointee.avail_in = uInt(total)
            repeat {
                try chunk.withUnsafeMutableBufferPointer { (chunkBuffer) throws(PageError) in
                    stream.pointee.next_out = chunkBuffer.baseAddress
                    stream.pointee.avail_out = uInt(chunkBuffer.count)
                    status = inflate(stream, Z_NO_FLUSH)
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                        throw .undecodable("the gzip data is damaged")
                    }
                    output.append(contentsOf: chunkBuffer[0..<(chunkBuffer.count - Int(stream.pointee.avail_out))])
                }
                guard output.count <= limit else { throw .tooLarge(limit: limit) }
                // Another gzip member may follow (files made by `cat a.gz b.gz`).
                if status == Z_STREAM_END, stream.pointee.avail_in > 0 {
                    guard inflateReset(stream) == Z_OK else { throw .undecodable("the gzip data is damaged") }
                    status = Z_OK
                }
                if status == Z_BUF_ERROR, stream.pointee.avail_in == 0 { throw .undecodable("the gzip data ends early") }
            } while status != Z_STREAM_END
        }
        withExtendedLifetime(zlib) {}
        return output
    }

    /// The first `count` decompressed bytes of a gzip stream's start (fewer when they do not
    /// decompress): enough to tell what is inside without reading it all.
    static func decompressedPrefix(_ bytes: [UInt8], count: Int) -> [UInt8] {
        guard let zlib = ZlibInflateStream(.gzip) else { return [] }
        let stream = zlib.stream
        var input = bytes
        var output = [UInt8](repeating: 0, count: count)
        var produced = 0
        input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.pointee.next_in = inputBuffer.baseAddress
                stream.pointee.avail_in = uInt(inputBuffer.count)
                stream.pointee.next_out = outputBuffer.baseAddress
                stream.pointee.avail_out = uInt(count)
                _ = inflate(stream, Z_SYNC_FLUSH)
                produced = count - Int(stream.pointee.avail_out)
            }
        }
        withExtendedLifetime(zlib) {}
        return Array(output.prefix(produced))
    }
}
