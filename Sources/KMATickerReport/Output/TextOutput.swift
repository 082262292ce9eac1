/// Where formatted output goes: a sink that can fail. Writers call ``write(_:)`` many times;
/// a sink may buffer, and keeps the first error it meets as ``failure`` (after which it takes
/// nothing more), so that a writer can stop.
public protocol TextOutput: AnyObject {
    func write(_ text: String)
    /// Writes UTF-8 bytes already formatted (the fast CSV path, extract's lines).
    func write(utf8 bytes: UnsafeRawBufferPointer)
    /// The first error writing met, or `nil` while all is well.
    var failure: OutputError? { get }
}

extension TextOutput {
    /// By default, as text.
    public func write(utf8 bytes: UnsafeRawBufferPointer) {
        write(String(decoding: bytes, as: UTF8.self))
    }

    /// Throws ``failure``, if any: how writers stop at the first failed write.
    public func checkFailure() throws(OutputError) {
        if let failure { throw failure }
    }
}
