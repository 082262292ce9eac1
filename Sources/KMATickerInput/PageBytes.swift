import CByteSearch

/// What the input layer can tell of a page from its bytes alone, before any decoding.
package enum PageBytes {
    /// The most bytes a page may have, as read and after decompression. Saved news pages are
    /// a few hundred KB; the cap keeps memory bounded whatever is thrown at kmaticker.
    package static let maximumPageBytes = 16 << 20

    /// NUL bytes or many control characters in the first 4 KiB: an image, an archive, an
    /// executable, not a page. (A text or HTML page has neither.)
    package static func looksBinary(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            let sample = min(buffer.count, 4096)
            // size_t comes to Swift as Int: the C function's (size_t)-1 for a NUL byte is -1.
            let controls = kmaticker_control_bytes(buffer.baseAddress, sample)
            return controls < 0 || controls * 20 > sample  // a NUL, or more than 5 %
        }
    }

}
