/// The formula-injection guard of CSV and TSV: a text cell that a spreadsheet would run as a
/// formula (it starts with `=`, `+`, `@`, a tab or a CR) is prefixed with `'`. Numbers,
/// negative temperatures included, are never altered, and `-` at the start of text is left
/// alone: it is KMA's "no observation" word, and a spreadsheet does not run it.
public enum SpreadsheetGuard {
    /// The cell's text for a spreadsheet, guarded where needed.
    public static func text(_ cell: Cell) -> String {
        guard case .text(let text) = cell, let first = text.unicodeScalars.first,
              first == "=" || first == "+" || first == "@" || first == "\t" || first == "\r" else {
            return cell.plainText
        }
        return "'" + text
    }
}
