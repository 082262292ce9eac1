import KMATickerModel

/// One line of `kmaticker extract`'s NDJSON: an observation with everything `export` has, and
/// the page it came from (file, record, URI, digest, times), so that shards extracted on many
/// machines load into one store with the usual identity rules (`kmaticker ingest` reads them).
///
/// The first key, `kmaticker_extract`, is the format's version: it is how a file is recognized
/// as a shard. Keys are written in a fixed order and values in one way, so the same input
/// always gives the same bytes.
package struct ExtractRecord: Sendable, Equatable, Codable {
    /// The format version this kmaticker writes and reads.
    public static let version = 1
    /// How every shard starts.
    static let signature = Array("{\"kmaticker_extract\":".utf8)

    // The properties are the JSON keys, in ``columns`` order; docs/GUIDE.md "kmaticker extract" says
    // what each holds. Times are ISO 8601 with +09:00.
    package var kmaticker_extract: Int
    public var observed_at: String
    public var station_id: Int?
    public var station: String?
    public var condition: String?
    public var condition_known: Bool
    public var temperature_c: Double?
    public var station_source: String
    public var label: String?
    public var position: Int
    public var time_source: String
    public var source: String
    public var path: String
    public var record: String?
    public var uri: String?
    package var page_sha256: String
    package var page_bytes: Int?
    public var charset: String
    public var format: String
    package var captured_at: String?
    package var capture_source: String?
    package var printed_time: String?
    package var printed_time_source: String?
    /// The page's observations, so a reader knows when it has all of them.
    package var page_items: Int

    /// The column order of CSV output, the same as the JSON keys'.
    public static let columns = [
        "kmaticker_extract", "observed_at", "station_id", "station", "condition", "condition_known", "temperature_c",
        "station_source", "label", "position", "time_source", "source", "path", "record", "uri", "page_sha256",
        "page_bytes", "charset", "format", "captured_at", "capture_source", "printed_time", "printed_time_source",
        "page_items",
    ]

    package init(_ observation: Observation, page: TickerPage, provenance: PageProvenance) {
        kmaticker_extract = Self.version
        observed_at = page.time.time.iso8601
        station_id = observation.stationID
        station = observation.station
        condition = observation.condition
        condition_known = observation.conditionIsKnown
        temperature_c = observation.temperatureC.flatMap { $0.isFinite ? $0 : nil }
        station_source = observation.stationSource.rawValue
        label = observation.label
        position = observation.position
        time_source = page.time.source.rawValue
        source = provenance.source
        path = provenance.path
        record = provenance.record
        uri = provenance.uri
        page_sha256 = provenance.sha256
        page_bytes = provenance.byteCount
        charset = page.charset
        format = page.format.rawValue
        captured_at = page.capturedAt?.time.iso8601
        capture_source = page.capturedAt?.source.rawValue
        printed_time = page.printedTime?.text
        printed_time_source = page.printedTime?.source.rawValue
        page_items = page.observations.count
    }

    /// The values as text, in ``columns`` order; `nil` for JSON's null.
    package var values: [(text: String?, isString: Bool)] {
        func number(_ value: Double?) -> String? { value.map { String($0) } }
        return [
            (String(kmaticker_extract), false), (observed_at, true), (station_id.map(String.init), false), (station, true),
            (condition, true), (String(condition_known), false), (number(temperature_c), false), (station_source, true),
            (label, true), (String(position), false), (time_source, true), (source, true), (path, true), (record, true),
            (uri, true), (page_sha256, true), (page_bytes.map(String.init), false), (charset, true), (format, true),
            (captured_at, true), (capture_source, true), (printed_time, true), (printed_time_source, true),
            (String(page_items), false),
        ]
    }

    /// One NDJSON line, without its newline.
    package var jsonLine: String {
        var bytes: [UInt8] = []
        appendJSON(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `"key":` for each column, with the comma before all but the first, as bytes.
    private static let keyPrefixes: [[UInt8]] = columns.enumerated().map { index, column in
        Array(((index == 0 ? "{" : ",") + "\"" + column + "\":").utf8)
    }

    /// Appends one NDJSON line and its newline, byte by byte: extract writes millions.
    package func appendJSON(to bytes: inout [UInt8]) {
        for (index, value) in values.enumerated() {
            bytes += Self.keyPrefixes[index]
            guard let text = value.text else { bytes += [0x6E, 0x75, 0x6C, 0x6C]; continue }  // null
            if value.isString { Self.appendJSONString(text, to: &bytes) } else { bytes += text.utf8 }
        }
        bytes.append(0x7D)  // }
        bytes.append(0x0A)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped; the rest
    /// (Hangul included) as UTF-8.
    static func appendJSONString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            case 0x09: bytes += [0x5C, 0x74]
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }
}
