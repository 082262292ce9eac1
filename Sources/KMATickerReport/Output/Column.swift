/// A report's column: its name (the same from SQL to CSV header) and how a table aligns it.
public struct Column: Sendable, Equatable {
    public var name: String
    /// The header a terminal table shows, when it differs from `name`.
    package var tableHeader: String?
    package var rightAligned: Bool
    /// Whether a terminal table shows it (detail columns are for files).
    package var inTable: Bool
    /// Decimals a workbook shows its numbers with (`0.0` for temperatures, which KMA gives to
    /// one decimal); `nil` shows them as they are.
    package var decimals: Int?

    package init(_ name: String, tableHeader: String? = nil, rightAligned: Bool = false, inTable: Bool = true,
                decimals: Int? = nil) {
        self.name = name
        self.decimals = decimals
        self.tableHeader = tableHeader
        self.rightAligned = rightAligned
        self.inTable = inTable
    }
}
