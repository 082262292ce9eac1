/// Drops the payload of `data:…;base64,` URIs from a page as it streams by, so that a page
/// saved with its images inline (SingleFile writes every image as a `data:` URI; such pages
/// are often tens of megabytes) reads in the memory of its text. The ticker and the page's
/// time are text; an image's bytes never hold either. `data:…;base64,` itself is kept, so
/// the markup stays well formed.
struct DataURIFilter {
    private static let marker = Array(";base64,".utf8)
    /// Bytes held back at a chunk's end that may be the start of the marker.
    private var carry: [UInt8] = []
    private var skipping = false
    /// Payload bytes dropped so far.
    private(set) var dropped = 0

    /// `chunk` without the base64 payloads in it (or continued from the chunk before).
    mutating func filter(_ chunk: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(chunk.count)
        var input = carry + chunk
        carry = []
        var index = 0
        while index < input.count {
            if skipping {
                let byte = input[index]
                if Self.isBase64(byte) { dropped += 1; index += 1; continue }
                skipping = false
            }
            // Copy up to the next marker.
            guard let hit = Self.find(Self.marker, in: input, from: index) else {
                // Keep a possible start of the marker for the next chunk.
                let keep = min(Self.marker.count - 1, input.count - index)
                output += input[index..<(input.count - keep)]
                carry = Array(input[(input.count - keep)...])
                input.removeAll()
                return output
            }
            output += input[index..<(hit + Self.marker.count)]
            index = hit + Self.marker.count
            skipping = true
        }
        return output
    }

    /// What is held back at the end of the stream.
    mutating func finish() -> [UInt8] {
        defer { carry = [] }
        return carry
    }

    private static func isBase64(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x2B || byte == 0x2F || byte == 0x3D || byte == 0x0A || byte == 0x0D
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count - start >= needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress,
                  let hit = kmaticker_memmem(base + start, buffer.count - start, needle, needle.count) else { return nil }
            return hit - base
        }
    }
}

import CByteSearch
