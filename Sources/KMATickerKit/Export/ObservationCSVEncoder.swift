/// Observation rows as CSV straight from SQLite's column bytes: the export path for the
/// observation report in CSV, which is most of what people export (a whole store, a station's
/// whole series).
///
/// It writes exactly the bytes ``CSVWriter`` writes for the same rows (a test compares the two
/// on random values), without a `String`, a ``Cell`` or an ``ObservationRecord`` per row:
/// text is copied from SQLite's buffer and quoted only when it holds `,` `"` CR or LF, the
/// formula guard is one look at the first byte, a row's time is formatted once for all the
/// rows that share it, and temperatures with one decimal are written digit by digit.
struct ObservationCSVEncoder {
    private let style: TimeStyle
    private var lastTime: Int64?
    private var lastTimeBytes: [UInt8] = []

    init(style: TimeStyle) {
        precondition(style != .minutes, "the terminal table is no CSV")
        self.style = style
    }

    /// Appends the row `statement` is on (columns in ``ObservationStore``'s record order:
    /// observed_at, station_id, station, condition, temperature_c, station_source, source,
    /// label, position, time_source), CRLF-ended.
    mutating func appendRow(_ statement: SQLiteStatement, to buffer: inout [UInt8]) {
        let time = statement.integer(at: 0) ?? 0
        if time != lastTime {
            lastTime = time
            lastTimeBytes = Array(style.text(KSTDateTime(unixSeconds: time)).utf8)
        }
        buffer.append(contentsOf: lastTimeBytes)
        buffer.append(Self.comma)
        if let id = statement.integer(at: 1) { Self.appendInteger(id, to: &buffer) }
        buffer.append(Self.comma)
        Self.appendText(statement.textBytes(at: 2), to: &buffer)
        buffer.append(Self.comma)
        Self.appendText(statement.textBytes(at: 3), to: &buffer)
        buffer.append(Self.comma)
        if let temperature = statement.real(at: 4) { Self.appendTemperature(temperature, to: &buffer) }
        buffer.append(Self.comma)
        Self.appendStationSource(statement.textBytes(at: 5), to: &buffer)
        buffer.append(Self.comma)
        Self.appendText(statement.textBytes(at: 6), to: &buffer)
        buffer.append(Self.comma)
        Self.appendText(statement.textBytes(at: 7), to: &buffer)
        buffer.append(Self.comma)
        Self.appendInteger(statement.integer(at: 8) ?? 0, to: &buffer)
        buffer.append(Self.comma)
        Self.appendText(statement.textBytes(at: 9), to: &buffer)
        buffer.append(0x0D)
        buffer.append(0x0A)
    }

    private static let comma = UInt8(ascii: ",")

    /// A text cell: `'` before what a spreadsheet would run (``SpreadsheetGuard``), then
    /// quoted as RFC 4180 asks (``CSV``). NULL is an empty cell.
    static func appendText(_ text: UnsafeBufferPointer<UInt8>?, to buffer: inout [UInt8]) {
        guard let text, let first = text.first else { return }
        let guarded = SpreadsheetGuard.runsAsFormula(startingWith: first)
        let needsQuotes = CSV.needsQuotes(text)
        if needsQuotes { buffer.append(0x22) }
        if guarded { buffer.append(UInt8(ascii: "'")) }
        if needsQuotes {
            for byte in text {
                if byte == 0x22 { buffer.append(0x22) }
                buffer.append(byte)
            }
            buffer.append(0x22)
        } else {
            buffer.append(contentsOf: text)
        }
    }

    /// As ``ObservationRecord`` reads it: a value it does not know is `unresolved`.
    private static func appendStationSource(_ text: UnsafeBufferPointer<UInt8>?, to buffer: inout [UInt8]) {
        if let text, knownStationSources.contains(where: { $0.elementsEqual(text) }) {
            buffer.append(contentsOf: text)
        } else {
            buffer.append(contentsOf: StationSource.unresolved.rawValue.utf8)
        }
    }

    private static let knownStationSources = StationSource.allCases.map { Array($0.rawValue.utf8) }

    static func appendInteger(_ value: Int64, to buffer: inout [UInt8]) {
        if value < 0 {
            buffer.append(UInt8(ascii: "-"))
            appendDigits(value.magnitude, to: &buffer)
        } else {
            appendDigits(UInt64(value), to: &buffer)
        }
    }

    private static func appendDigits(_ value: UInt64, to buffer: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { digitBytes in
            repeat {
                digitBytes[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            buffer.append(contentsOf: digitBytes[(20 - count)...])
        }
    }

    /// Swift's own text for the value (`27.8`, `30.0`, `-2.5`, `-0.0`), digit by digit when it
    /// has one decimal: `tenths / 10` is the double that `"I.D"` reads as (both are correctly
    /// rounded), so when it equals the value, `"I.D"` is the value's shortest form. Anything
    /// else is written by Swift.
    static func appendTemperature(_ value: Double, to buffer: inout [UInt8]) {
        let magnitude = value.magnitude
        let tenths = (magnitude * 10).rounded()
        guard tenths < 1e15, tenths / 10 == magnitude else {
            buffer.append(contentsOf: "\(value)".utf8)
            return
        }
        if value.sign == .minus { buffer.append(UInt8(ascii: "-")) }
        let whole = UInt64(tenths)
        appendDigits(whole / 10, to: &buffer)
        buffer.append(UInt8(ascii: "."))
        buffer.append(UInt8(ascii: "0") + UInt8(whole % 10))
    }
}
