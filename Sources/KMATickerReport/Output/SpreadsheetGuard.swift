/// The formula-injection guard of CSV and TSV: a text cell that a spreadsheet would run as a
/// formula (it starts with `=`, `+`, `@`, a tab or a CR) is prefixed with `'`. Numbers,
/// negative temperatures included, are never altered, and `-` at the start of text is left
/// alone: it is KMA's "no observation" word, and a spreadsheet does not run it.
public enum SpreadsheetGuard {
    /// The cell's text for a spreadsheet, guarded where needed.
    public static func text(_ cell: Cell) -> String {
        guard case .text(let text) = cell, let first = text.utf8.first, runsAsFormula(startingWith: first) else {
            return cell.plainText
        }
        return "'" + text
    }

    /// Whether text starting with this UTF-8 byte would run as a formula. Every such start is
    /// ASCII, so the first byte decides: the one rule for cells and the byte-level export
    /// (``ObservationCSVEncoder``).
    static func runsAsFormula(startingWith firstByte: UInt8) -> Bool {
        firstByte == UInt8(ascii: "=") || firstByte == UInt8(ascii: "+") || firstByte == UInt8(ascii: "@")
            || firstByte == 0x09 || firstByte == 0x0D
    }
}
