/// Bytes gathered for one write(2), stored with plain pointer writes: a caller makes room once
/// per field (``reserve(_:)``), not once per byte as `Array.append` does (a uniqueness and a
/// capacity check each, which were a third of a CSV export).
///
/// Not copyable: it owns its memory and frees it when it goes, so a copy (which would free the
/// same memory twice) is a compile error rather than a crash.
struct ByteBuffer: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        base = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    deinit { base.deallocate() }

    /// Makes room for `extra` more bytes.
    @inline(__always) mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    @inline(never) private mutating func grow(to needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    /// Appends a byte there is room for (``reserve(_:)``).
    @inline(__always) mutating func appendReserved(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// Appends bytes there is room for (``reserve(_:)``).
    @inline(__always) mutating func appendReserved(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        (base + count).update(from: start, count: bytes.count)
        count += bytes.count
    }

    /// Counts `written` bytes the caller stored at `base + count`, in room it reserved.
    @inline(__always) mutating func advance(by written: Int) {
        count += written
    }

    /// Appends a byte, making room first.
    @inline(__always) mutating func append(_ byte: UInt8) {
        reserve(1)
        appendReserved(byte)
    }

    /// Appends bytes, making room first.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        appendReserved(bytes)
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    mutating func removeAll() { count = 0 }

    /// What was gathered, valid until the next change.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}
