import Foundation

/// The output formats every report shares (`query`, `export`, `stations`).
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

/// One value of a report, typed so each format can write it properly: text is quoted and
/// guarded, numbers are written as they are, missing values are empty (or `null`).
public enum Cell: Sendable, Equatable {
    case text(String)
    case number(String)
    case missing

    public static func number(_ value: Int) -> Cell { .number(String(value)) }
    public static func number(_ value: Double?) -> Cell { value.map { .number("\($0)") } ?? .missing }
    public static func text(_ value: String?) -> Cell { value.map { .text($0) } ?? .missing }
}

/// A report's column: its name (the same from SQL to CSV header) and how a table aligns it.
public struct Column: Sendable, Equatable {
    public var name: String
    /// The header a terminal table shows, when it differs from `name`.
    public var tableHeader: String?
    public var rightAligned: Bool
    /// Whether a terminal table shows it (detail columns are for files).
    public var inTable: Bool

    public init(_ name: String, tableHeader: String? = nil, rightAligned: Bool = false, inTable: Bool = true) {
        self.name = name
        self.tableHeader = tableHeader
        self.rightAligned = rightAligned
        self.inTable = inTable
    }
}

/// Options for files meant for spreadsheets.
public struct SpreadsheetOptions: Sendable, Equatable {
    /// `--excel`: a UTF-8 byte order mark first (Excel on Korean Windows reads a CSV without
    /// one as CP949) and CRLF line ends.
    public var byteOrderMark = false

    public init(byteOrderMark: Bool = false) { self.byteOrderMark = byteOrderMark }
}

/// Writes rows of cells in one ``OutputFormat``, row by row: ``append(_:)`` per row, then
/// ``finish()``. CSV, TSV and NDJSON stream; a table waits for all rows to size its columns.
///
/// In CSV and TSV, a text cell that a spreadsheet would run as a formula (it starts with `=`,
/// `+`, `@`, a tab or a CR) is prefixed with `'`. Numbers, negative temperatures included,
/// are never altered, and `-` at the start of text is left alone: KMA's "no observation" word.
public final class TabularWriter {
    private let format: OutputFormat
    private let columns: [Column]
    private let output: TextOutput
    private let spreadsheet: SpreadsheetOptions
    private var tableRows: [[String]] = []
    public private(set) var count = 0

    public init(format: OutputFormat, columns: [Column], output: TextOutput,
                spreadsheet: SpreadsheetOptions = SpreadsheetOptions()) {
        self.format = format
        self.columns = columns
        self.output = output
        self.spreadsheet = spreadsheet
    }

    public func append(_ cells: [Cell]) {
        precondition(cells.count == columns.count, "a row must have one cell per column")
        if count == 0 { writeHeader() }
        switch format {
        case .csv: output.write(CSV.line(cells.map(Self.guardedText)))
        case .tsv: output.write(cells.map { Self.tsvField(Self.guardedText($0)) }.joined(separator: "\t") + "\n")
        case .json: output.write((count == 0 ? "" : ",\n") + "  " + jsonObject(cells))
        case .ndjson: output.write(jsonObject(cells) + "\n")
        case .table: tableRows.append(zip(columns, cells).filter { $0.0.inTable }.map { Self.plainText($0.1) })
        }
        count += 1
    }

    /// Ends the output: the header of an empty CSV/TSV, the closing of a JSON array, the table.
    public func finish() {
        if count == 0, format != .json { writeHeader() }
        switch format {
        case .json: output.write(count == 0 ? "[]\n" : "\n]\n")
        case .table:
            let shown = columns.filter(\.inTable)
            let header = shown.map { $0.tableHeader ?? $0.name }
            let rightAligned = Set(shown.indices.filter { shown[$0].rightAligned })
            output.write(TableLayout.render(header: header, rows: tableRows, rightAligned: rightAligned))
        case .csv, .tsv, .ndjson: break
        }
    }

    private func writeHeader() {
        switch format {
        case .csv:
            if spreadsheet.byteOrderMark { output.write("\u{FEFF}") }
            output.write(CSV.line(columns.map(\.name)))
        case .tsv: output.write(columns.map(\.name).joined(separator: "\t") + "\n")
        case .json: output.write("[\n")
        case .ndjson, .table: break
        }
    }

    private func jsonObject(_ cells: [Cell]) -> String {
        let members = zip(columns, cells).map { column, cell -> String in
            let value: String
            switch cell {
            case .text(let text): value = JSON.string(text)
            case .number(let number): value = number
            case .missing: value = "null"
            }
            return JSON.string(column.name) + ":" + value
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func plainText(_ cell: Cell) -> String {
        switch cell {
        case .text(let text), .number(let text): return text
        case .missing: return ""
        }
    }

    /// Text for a spreadsheet cell, with the formula-injection guard; numbers untouched.
    static func guardedText(_ cell: Cell) -> String {
        guard case .text(let text) = cell, let first = text.unicodeScalars.first,
              first == "=" || first == "+" || first == "@" || first == "\t" || first == "\r" else {
            return plainText(cell)
        }
        return "'" + text
    }

    private static func tsvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "\t" || $0.isNewline }) else { return text }
        return String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }
}

/// RFC 4180 CSV lines.
public enum CSV {
    /// One record: fields joined by commas, quoted when they hold `,` `"` CR or LF (quotes
    /// doubled), ended by CRLF.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Minimal JSON text for the values kmaticker writes.
enum JSON {
    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func string(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// Lays out rows as aligned columns for a terminal.
enum TableLayout {
    static func render(header: [String], rows: [[String]], rightAligned: Set<Int>) -> String {
        var widths = header.map(DisplayWidth.of)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], DisplayWidth.of(cell)) }
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, cell in
                DisplayWidth.pad(cell, to: widths[column], leading: rightAligned.contains(column))
            }
            // Trailing spaces help nobody.
            var text = padded.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text + "\n"
        }
        return ([line(header)] + rows.map(line)).joined()
    }
}
