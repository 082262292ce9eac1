/// A sink that keeps everything in memory (tests, small outputs); it never fails.
public final class StringTextOutput: TextOutput {
    public private(set) var text = ""
    public var failure: OutputError? { nil }
    package init() {}
    public func write(_ text: String) { self.text += text }
}
