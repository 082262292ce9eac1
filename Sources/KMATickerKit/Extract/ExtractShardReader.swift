import Foundation

/// Reads back what `kmaticker extract` wrote (NDJSON, recognized by its first key), so that
/// shards extracted on many machines load into one store: consecutive lines of one page
/// (same path, record, digest and time) become that page again, with its provenance, and go
/// through the store's usual identity and conflict rules. A page whose lines are not all there
/// (a shard cut short) or a line that is not a record is an error, named by its line.
enum ExtractShardReader {
    static func looksLikeShard(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.starts(with: ExtractRecord.signature)
    }

    static func read(path: String, from reader: ByteReader, emit: (InputItem) -> Void) throws(PageError) {
        let decoder = JSONDecoder()
        var lineNumber = 0
        var group: [ExtractRecord] = []
        var groupStart = 0

        func flush() {
            guard let first = group.first else { return }
            defer { group.removeAll() }
            let origin = PageOrigin(path: first.path, record: first.record, uri: first.uri)
            let shardOrigin = PageOrigin(path: path, record: "lines \(groupStart)–\(groupStart + group.count - 1)", uri: first.uri)
            guard group.count == first.page_items else {
                emit(.failed(shardOrigin, .damagedRecord("the shard holds \(group.count) of the page's \(first.page_items) observations (\(first.path) \(first.record ?? "")); nothing of it was stored")))
                return
            }
            guard let page = page(from: group) else {
                emit(.failed(shardOrigin, .damagedRecord("a time or a source in these lines is not one kmaticker writes")))
                return
            }
            let provenance = PageProvenance(source: first.source, path: first.path, record: first.record, uri: first.uri,
                                            sha256: first.page_sha256, byteCount: first.page_bytes)
            emit(.extracted(page, provenance, origin))
        }

        while let line = try reader.readLine(limit: 1 << 20) {
            lineNumber += 1
            if line.isEmpty { continue }
            guard let record = try? decoder.decode(ExtractRecord.self, from: Data(line)), record.kmaticker_extract == ExtractRecord.version else {
                flush()
                let text = String(decoding: line.prefix(120), as: UTF8.self)
                emit(.failed(PageOrigin(path: path, record: "line \(lineNumber)"),
                             .undecodable("not a kmaticker extract record of version \(ExtractRecord.version): '\(text)'")))
                continue
            }
            if let first = group.first, first.path != record.path || first.record != record.record
                || first.page_sha256 != record.page_sha256 || first.observed_at != record.observed_at {
                flush()
            }
            if group.isEmpty { groupStart = lineNumber }
            group.append(record)
        }
        flush()
    }

    /// The page the records came from, or `nil` when a value is not one kmaticker writes.
    private static func page(from records: [ExtractRecord]) -> TickerPage? {
        let first = records[0]
        guard let time = InternetDate.iso8601(first.observed_at), let source = TimeSource(rawValue: first.time_source),
              let format = PageFormat(rawValue: first.format) else { return nil }
        var captured: PageTime?
        if let text = first.captured_at {
            guard let capturedTime = InternetDate.iso8601(text), let captureSource = first.capture_source.flatMap(TimeSource.init(rawValue:))
            else { return nil }
            captured = PageTime(time: capturedTime, source: captureSource)
        }
        var printed: PrintedTime?
        if let text = first.printed_time {
            let isDateOnly = text.count == 10
            guard let printedTime = KSTDateTime(parsing: isDateOnly ? text + " 00:00" : text),
                  let printedSource = first.printed_time_source.flatMap(TimeSource.init(rawValue:)) else { return nil }
            printed = PrintedTime(time: printedTime, isDateOnly: isDateOnly, source: printedSource)
        }
        var observations: [Observation] = []
        for record in records {
            guard let stationSource = StationSource(rawValue: record.station_source) else { return nil }
            observations.append(Observation(
                position: record.position, stationID: record.station_id, station: record.station, label: record.label,
                stationSource: stationSource, condition: record.condition, conditionIsKnown: record.condition_known,
                temperatureC: record.temperature_c, line: 0))
        }
        return TickerPage(format: format, charset: first.charset, time: PageTime(time: time, source: source),
                          capturedAt: captured, printedTime: printed, observations: observations, diagnostics: [])
    }
}
