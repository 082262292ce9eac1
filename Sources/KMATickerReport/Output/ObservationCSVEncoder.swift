import KMATickerModel
import KMATickerStore

/// The observation report in CSV (`export`'s default, which is most of what people export: a
/// whole store, a station's whole series), written from SQLite's column bytes: exactly the
/// bytes ``CSVWriter`` writes for the same rows (a test compares the two on random values),
/// about five times faster. The header first, as ``CSVWriter`` writes it; rows gathered in a
/// ``ByteBuffer`` and written 32 KiB at a time, each time checking the sink, so that a reader
/// that has gone or a full disk stops the rows.
struct ObservationCSVWriter: ObservationWriter {
    let style: TimeStyle
    let output: TextOutput
    let spreadsheet: SpreadsheetOptions

    func write(_ rows: ObservationRows) throws -> Int {
        output.write(CSVWriter.header(ObservationRecord.columns(style).map(\.name), spreadsheet: spreadsheet))
        var encoder = ObservationCSVEncoder(style: style)
        var buffer = ByteBuffer(capacity: 1 << 16)
        var count = 0
        try rows { row in
            encoder.appendRow(row, to: &buffer)
            count += 1
            if buffer.count >= 1 << 15 {
                output.write(utf8: buffer.bytes)
                buffer.removeAll()
                try output.checkFailure()
            }
        }
        output.write(utf8: buffer.bytes)
        try output.checkFailure()
        return count
    }
}

/// Observation rows as CSV straight from SQLite's column bytes, for ``ObservationCSVWriter``:
/// no `String`, ``Cell`` or ``ObservationRecord`` per row. Text is copied from SQLite's buffer
/// and quoted only when it holds `,` `"` CR or LF, the formula guard is one look at the first
/// byte, a row's time is formatted once for all the rows that share it, and temperatures with
/// one decimal are written digit by digit. Rows come from ``ObservationRowReader`` (no join
/// per row) into a ``ByteBuffer`` (no check per byte).
struct ObservationCSVEncoder {
    private let style: TimeStyle
    private var lastTime: Int64?
    private var lastTimeBytes: [UInt8] = []

    init(style: TimeStyle) {
        precondition(style != .minutes, "the terminal table is no CSV")
        self.style = style
    }

    /// Appends `row` in ``ObservationRecord``'s CSV columns (observed_at, station_id, station,
    /// condition, temperature_c, station_source, source, label, position, time_source),
    /// CRLF-ended.
    mutating func appendRow(_ row: ObservationRow, to buffer: inout ByteBuffer) {
        let time = row.observedAt
        if time != lastTime {
            lastTime = time
            lastTimeBytes = Array(style.text(KSTDateTime(unixSeconds: time)).utf8)
        }
        buffer.append(lastTimeBytes)
        buffer.append(Self.comma)
        if let id = row.stationID { Self.appendInteger(id, to: &buffer) }
        buffer.append(Self.comma)
        // The station's name where the store knows the station, else the label as printed.
        if let name = row.stationName {
            name.withUnsafeBufferPointer { Self.appendText($0, to: &buffer) }
        } else {
            Self.appendText(row.label, to: &buffer)
        }
        buffer.append(Self.comma)
        Self.appendText(row.condition, to: &buffer)
        buffer.append(Self.comma)
        if let temperature = row.temperature { Self.appendTemperature(temperature, to: &buffer) }
        buffer.append(Self.comma)
        Self.appendStationSource(row.stationSource, to: &buffer)
        buffer.append(Self.comma)
        row.page.source.withUnsafeBufferPointer { Self.appendText($0, to: &buffer) }
        buffer.append(Self.comma)
        Self.appendText(row.label, to: &buffer)
        buffer.append(Self.comma)
        Self.appendInteger(row.position, to: &buffer)
        buffer.append(Self.comma)
        row.page.timeSource.withUnsafeBufferPointer { Self.appendText($0, to: &buffer) }
        buffer.append(0x0D)
        buffer.append(0x0A)
    }

    private static let comma = UInt8(ascii: ",")

    /// A text cell: `'` before what a spreadsheet would run (``SpreadsheetGuard``), then
    /// quoted as RFC 4180 asks (``CSV``). NULL is an empty cell.
    static func appendText(_ text: UnsafeBufferPointer<UInt8>?, to buffer: inout ByteBuffer) {
        guard let text, let first = text.first else { return }
        let guarded = SpreadsheetGuard.runsAsFormula(startingWith: first)
        let needsQuotes = CSV.needsQuotes(text)
        // At worst every byte a doubled quote, in quotes, after the guard.
        buffer.reserve(needsQuotes ? 2 * text.count + 3 : text.count + 1)
        if needsQuotes { buffer.appendReserved(0x22) }
        if guarded { buffer.appendReserved(UInt8(ascii: "'")) }
        if needsQuotes {
            for byte in text {
                if byte == 0x22 { buffer.appendReserved(0x22) }
                buffer.appendReserved(byte)
            }
            buffer.appendReserved(0x22)
        } else {
            buffer.appendReserved(text)
        }
    }

    /// As ``ObservationRecord`` reads it: a value it does not know is `unresolved`.
    private static func appendStationSource(_ text: UnsafeBufferPointer<UInt8>?, to buffer: inout ByteBuffer) {
        if let text, knownStationSources.contains(where: { $0.elementsEqual(text) }) {
            buffer.append(text)
        } else {
            buffer.append(unresolved)
        }
    }

    private static let knownStationSources = StationSource.allCases.map { Array($0.rawValue.utf8) }
    private static let unresolved = Array(StationSource.unresolved.rawValue.utf8)

    static func appendInteger(_ value: Int64, to buffer: inout ByteBuffer) {
        buffer.reserve(21)
        if value < 0 {
            buffer.appendReserved(UInt8(ascii: "-"))
            appendDigits(value.magnitude, to: &buffer)
        } else {
            appendDigits(UInt64(value), to: &buffer)
        }
    }

    /// Writes the digits from the last one back, in place (at most 20).
    private static func appendDigits(_ value: UInt64, to buffer: inout ByteBuffer) {
        var length = 1
        var probe = value
        while probe >= 10 {
            probe /= 10
            length += 1
        }
        buffer.reserve(length)
        var rest = value
        let end = buffer.base + buffer.count + length
        for offset in 1...length {
            end[-offset] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        buffer.advance(by: length)
    }

    /// Swift's own text for the value (`27.8`, `30.0`, `-2.5`, `-0.0`), digit by digit when it
    /// has one decimal: `tenths / 10` is the double that `"I.D"` reads as (both are correctly
    /// rounded), so when it equals the value, `"I.D"` is the value's shortest form. Anything
    /// else is written by Swift.
    static func appendTemperature(_ value: Double, to buffer: inout ByteBuffer) {
        let magnitude = value.magnitude
        let tenths = (magnitude * 10).rounded()
        guard tenths < 1e15, tenths / 10 == magnitude else {
            buffer.append(Array("\(value)".utf8))
            return
        }
        buffer.reserve(3)
        if value.sign == .minus { buffer.appendReserved(UInt8(ascii: "-")) }
        let whole = UInt64(tenths)
        appendDigits(whole / 10, to: &buffer)
        buffer.reserve(2)
        buffer.appendReserved(UInt8(ascii: "."))
        buffer.appendReserved(UInt8(ascii: "0") + UInt8(whole % 10))
    }
}
