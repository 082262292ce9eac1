/// Something inside a page's ticker that could not be read as an observation: a malformed item
/// (`맑음서울 29.3℉`, `흐림속초27.8` with no unit) or text that is no item and no known
/// non-item. It is reported with its line and text, and not stored.
///
/// For every page, the items seen in its ticker = observations stored + rejected items.
public struct RejectedItem: Sendable, Equatable, CustomStringConvertible {
    /// 1-based line of the file the text starts on.
    public var line: Int
    /// The text as printed (NFC, whitespace folded).
    public var text: String
    /// Why it was not stored, in words for the user.
    public var reason: String

    public init(line: Int, text: String, reason: String) {
        self.line = line
        self.text = text
        self.reason = reason
    }

    public var description: String { "'\(text)' in the ticker \(reason); not stored" }
}
