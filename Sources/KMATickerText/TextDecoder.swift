import CByteSearch
import Glibc
import KMATickerModel

/// Converts bytes in a charset to UTF-8 with glibc's iconv, substituting U+FFFD for each byte
/// that is not valid in that charset (iconv itself would stop at the first).
enum TextDecoder {
    /// The UTF-8 bytes of `bytes`, how many replacement characters were substituted, and, for
    /// valid UTF-8, whether the bytes can hold a ticker item (``kmaticker_utf8_check`` answers
    /// it in the same pass; `nil` when the bytes were converted).
    static func utf8(from bytes: ArraySlice<UInt8>, charset: String) throws(PageError)
        -> (bytes: [UInt8], replacements: Int, mayHoldItem: Bool?) {
        if charset == "UTF-8" {
            var mayHoldItem: Int32 = 0
            let valid = bytes.withUnsafeBufferPointer { kmaticker_utf8_check($0.baseAddress, $0.count, &mayHoldItem) != 0 }
            // A slice of a whole array becomes that array without a copy.
            if valid { return (Array(bytes), 0, mayHoldItem != 0) }
        }
        // The Korean web's legacy charset, by iconv's own table (three times as fast).
        if charset == "CP949", let table = CP949Table.shared {
            let converted = table.utf8(from: bytes)
            return (converted.bytes, converted.replacements, nil)
        }
        return try viaIconv(bytes, charset: charset)
    }

    /// `bytes` converted by calling iconv over them.
    static func viaIconv(_ bytes: ArraySlice<UInt8>, charset: String) throws(PageError)
        -> (bytes: [UInt8], replacements: Int, mayHoldItem: Bool?) {
        guard let converter = iconv_open("UTF-8", charset), converter != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw .undecodable("this system's iconv does not know the charset \(charset)")
        }
        defer { iconv_close(converter) }

        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 2)
        var replacements = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = Array(bytes)
        input.withUnsafeMutableBytes { inputBuffer in
            var inPointer = inputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
            var inLeft = inputBuffer.count
            while inLeft > 0 {
                let produced: Int
                let status: Int
                let failure: Int32
                (produced, status, failure) = chunk.withUnsafeMutableBytes { chunkBuffer in
                    var outPointer = chunkBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                    var outLeft = chunkBuffer.count
                    let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (chunkBuffer.count - outLeft, status, errno)
                }
                output.append(contentsOf: chunk[0..<produced])
                guard status == -1 else { continue }
                switch failure {
                case E2BIG:
                    continue  // the chunk is full: it was flushed above
                case EINVAL:
                    // A multibyte sequence cut off at the end of the file.
                    output.append(contentsOf: replacement)
                    replacements += 1
                    inLeft = 0
                default:
                    // EILSEQ: an invalid byte. Replace it and go on after it.
                    output.append(contentsOf: replacement)
                    replacements += 1
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                }
            }
        }
        return (output, replacements, nil)
    }
}
