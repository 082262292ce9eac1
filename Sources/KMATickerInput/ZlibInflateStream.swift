import CZlib

/// A zlib inflate stream that stays at one address for its whole life. zlib keeps a pointer
/// back to its `z_stream` (its state's `strm`) and refuses a stream that has moved; a Swift
/// `var` passed as `&stream` is only lent for the call and may be moved between calls. So the
/// `z_stream` lives on the heap, and this object is its one owner: init starts it, deinit ends
/// and frees it.
final class ZlibInflateStream {
    /// What the compressed bytes are framed as.
    enum Framing { case gzip, rawDeflate }

    /// The stream, for zlib's functions (`inflate(zlib.stream, …)`) and its fields
    /// (`zlib.stream.pointee.avail_in`).
    let stream: UnsafeMutablePointer<z_stream>
    private var started = false

    /// `nil` when zlib cannot start (out of memory).
    init?(_ framing: Framing) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = framing == .gzip ? kmaticker_inflate_init_gzip(stream) : kmaticker_inflate_init_raw(stream)
        guard status == Z_OK else { return nil }  // deinit frees the memory
        started = true
    }

    deinit {
        if started { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }
}
