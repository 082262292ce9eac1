extension Substring {
    /// The substring without leading and trailing whitespace (including U+00A0). Works on
    /// scalars with an ASCII fast path: it runs on every line of every page.
    func trimmingWhitespace() -> Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isFastWhitespace }) else { return self[endIndex...] }
        let last = scalars.lastIndex(where: { !$0.isFastWhitespace })!
        return self[first...last]
    }
}

extension Unicode.Scalar {
    /// `properties.isWhitespace`, answered without the Unicode tables for ASCII and Hangul.
    var isFastWhitespace: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        if (0xAC00...0xD7A3).contains(value) { return false }
        return properties.isWhitespace
    }
}
