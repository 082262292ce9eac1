/// The output formats every report shares (`query`, `export`, `stations`); each has its
/// ``ReportWriter``, made by ``writer(columns:to:spreadsheet:)``.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Columns aligned for a terminal (a Hangul syllable is two cells wide).
    case table
    /// RFC 4180: comma-separated, CRLF line ends, fields quoted where needed, header first.
    case csv
    /// Tab-separated, LF line ends, header first; tabs and line breaks inside a value become
    /// spaces.
    case tsv
    /// One JSON array of objects keyed by column name.
    case json
    /// One JSON object per line.
    case ndjson
}
