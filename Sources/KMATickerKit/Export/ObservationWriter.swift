import Foundation

/// The output formats `query` and `export` share.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Columns aligned for a terminal (a Hangul syllable is two cells wide).
    case table
    /// RFC 4180: comma-separated, CRLF line ends, fields quoted where needed, header first.
    case csv
    /// One JSON array of objects keyed by column name.
    case json
}

/// Writes observation records in one ``OutputFormat``, row by row: call ``append(_:)`` per
/// record, then ``finish()``. CSV and JSON stream; a table waits for all rows to size columns.
public final class ObservationWriter {
    private let format: OutputFormat
    private let output: TextOutput
    private var rowCount = 0
    private var tableRows: [[String]] = []

    /// The columns a table shows: the export contract's seven.
    private static let tableColumnCount = 7

    public init(format: OutputFormat, output: TextOutput) {
        self.format = format
        self.output = output
    }

    /// The number of records appended so far.
    public var count: Int { rowCount }

    public func append(_ record: ObservationRecord) {
        switch format {
        case .csv:
            if rowCount == 0 { output.write(CSV.line(ObservationRecord.columnNames)) }
            output.write(CSV.line(Self.fields(of: record, time: record.observedAt.iso8601)))
        case .json:
            output.write(rowCount == 0 ? "[\n" : ",\n")
            output.write(Self.jsonObject(record))
        case .table:
            tableRows.append(Array(Self.fields(of: record, time: record.observedAt.minuteText)
                .prefix(Self.tableColumnCount)))
        }
        rowCount += 1
    }

    /// Ends the output (closes the JSON array, lays out the table).
    public func finish() {
        switch format {
        case .csv:
            if rowCount == 0 { output.write(CSV.line(ObservationRecord.columnNames)) }
        case .json:
            output.write(rowCount == 0 ? "[]\n" : "\n]\n")
        case .table:
            var header = Array(ObservationRecord.columnNames.prefix(Self.tableColumnCount))
            header[0] = "observed_at (KST)"
            output.write(TableLayout.render(header: header, rows: tableRows, rightAligned: [1, 4]))
        }
    }

    /// A record's fields in column order, empty where a value is missing.
    static func fields(of record: ObservationRecord, time: String) -> [String] {
        [
            time,
            record.stationID.map(String.init) ?? "",
            record.station ?? "",
            record.condition ?? "",
            record.temperatureC.map { "\($0)" } ?? "",
            record.stationSource.rawValue,
            record.source,
            record.label ?? "",
            String(record.position),
            record.timeSource,
        ]
    }

    private static func jsonObject(_ record: ObservationRecord) -> String {
        let values: [String] = [
            JSON.string(record.observedAt.iso8601),
            record.stationID.map(String.init) ?? "null",
            record.station.map(JSON.string) ?? "null",
            record.condition.map(JSON.string) ?? "null",
            record.temperatureC.map { "\($0)" } ?? "null",
            JSON.string(record.stationSource.rawValue),
            JSON.string(record.source),
            record.label.map(JSON.string) ?? "null",
            String(record.position),
            JSON.string(record.timeSource),
        ]
        let members = zip(ObservationRecord.columnNames, values).map { "\(JSON.string($0)):\($1)" }
        return "  {" + members.joined(separator: ",") + "}"
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
