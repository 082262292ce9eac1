/// Where formatted output goes: a sink that can fail. Writers call ``write(_:)`` many times;
/// a sink may buffer, and keeps the first error it meets as ``failure`` (after which it takes
/// nothing more), so that a writer can stop.
public protocol TextOutput: AnyObject {
    func write(_ text: String)
    /// The first error writing met, or `nil` while all is well.
    var failure: OutputError? { get }
}

extension TextOutput {
    /// Throws ``failure``, if any: how writers stop at the first failed write.
    public func checkFailure() throws(OutputError) {
        if let failure { throw failure }
    }
}
