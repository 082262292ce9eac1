/// Options for files meant for spreadsheets.
public struct SpreadsheetOptions: Sendable, Equatable {
    /// `--excel`: a UTF-8 byte order mark first (Excel on Korean Windows reads a CSV without
    /// one as CP949) and CRLF line ends.
    package var byteOrderMark = false

    package init(byteOrderMark: Bool = false) { self.byteOrderMark = byteOrderMark }
}
