import KMATickerModel

/// RFC 4180 CSV lines (reports and `extract` alike).
public enum CSV {
    /// One record: fields joined by commas, quoted when they hold `,` `"` CR or LF (quotes
    /// doubled), ended by CRLF.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String) -> String {
        guard needsQuotes(value.utf8) else { return value }
        return "\"" + value.replacingEvery("\"", with: "\"\"") + "\""
    }

    /// Whether a field must be quoted: it holds `,` `"` CR or LF (RFC 4180). The one rule for
    /// ``field(_:)`` and the byte-level export (``ObservationCSVEncoder``).
    static func needsQuotes<Bytes: Sequence<UInt8>>(_ utf8: Bytes) -> Bool {
        utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
    }
}
