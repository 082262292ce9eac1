import FoundationEssentials
import KMATickerModel

/// Reads back what `kmaticker extract` wrote (NDJSON, recognized by its first key), so that
/// shards extracted on many machines load into one store: consecutive lines of one page
/// (same path, record, digest and time) become that page again, with its provenance, and go
/// through the store's usual identity and conflict rules. A page whose lines are not all there
/// (a shard cut short) or a line that is not a record is an error, named by its line.
enum ExtractShardReader {
    /// Whether `bytes` start like a shard (after a byte order mark or blank lines, which a
    /// tool may have added).
    static func looksLikeShard(_ bytes: ArraySlice<UInt8>) -> Bool {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.drop { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }.starts(with: ExtractRecord.signature)
    }

    /// A problem line `extract` wrote (`{"kmaticker_extract":1,"problem":…`): a message, no data.
    private static let problemSignature = Array("{\"kmaticker_extract\":1,\"problem\":".utf8)

    static func read(path: String, from reader: ByteReader, registry: StationRegistry,
                     now: KSTDateTime? = nil, emit: (InputItem) -> Void) throws(PageError) {
        let decoder = JSONDecoder()
        var lineNumber = 0
        var group: [ExtractRecord] = []
        var groupStart = 0
        var observationLines = 0
        var problemLines = 0

        func flush() {
            guard let first = group.first else { return }
            defer { group.removeAll() }
            // Messages name the shard's lines and the file the page was extracted from.
            let extractedFrom = first.record.map { "\(first.path) \($0)" } ?? first.path
            let shardOrigin = PageOrigin(path: path, record: "lines \(groupStart)–\(groupStart + group.count - 1) of \(extractedFrom)",
                                         uri: first.uri, isOneOfMany: true)
            guard group.count == first.page_items else {
                emit(.failed(shardOrigin, .badShardLines("the shard holds \(group.count) of the page's \(first.page_items) observations; nothing of it was stored")))
                return
            }
            // Each position once: a line duplicated in place of another must not pass for the page.
            guard group.map(\.position).sorted() == Array(1...group.count) else {
                emit(.failed(shardOrigin, .badShardLines("the page's lines do not hold positions 1 to \(group.count) once each; nothing of it was stored")))
                return
            }
            if let problem = implausibility(of: group, registry: registry, now: now) {
                emit(.failed(shardOrigin, .badShardLines(problem + "; nothing of the page was stored")))
                return
            }
            guard let page = page(from: group) else {
                emit(.failed(shardOrigin, .badShardLines("a time or a source in these lines is not one kmaticker writes")))
                return
            }
            var provenance = PageProvenance(source: first.source, path: first.path, record: first.record, uri: first.uri,
                                            sha256: first.page_sha256, byteCount: first.page_bytes)
            provenance.isFromShard = true
            emit(.extracted(page, provenance, shardOrigin))
        }

        while let line = try reader.readLine(limit: 1 << 20) {
            lineNumber += 1
            var line = line[...]
            if lineNumber == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
            if line.starts(with: problemSignature) { problemLines += 1; continue }
            observationLines += 1
            guard let record = try? decoder.decode(ExtractRecord.self, from: Data(line)), record.kmaticker_extract == ExtractRecord.version else {
                flush()
                let text = String(decoding: line.prefix(120), as: UTF8.self)
                emit(.failed(PageOrigin(path: path, record: "line \(lineNumber)"),
                             .undecodable("not a kmaticker extract record of version \(ExtractRecord.version): '\(text)'")))
                continue
            }
            // A page's lines end when another page's begin, or when it has all of them (the same
            // page twice in a row, as `extract p.txt p.txt` writes it, is two pages).
            if let first = group.first, first.path != record.path || first.record != record.record
                || first.page_sha256 != record.page_sha256 || first.observed_at != record.observed_at
                || group.count == first.page_items {
                flush()
            }
            if group.isEmpty { groupStart = lineNumber }
            group.append(record)
        }
        flush()
        if observationLines == 0, problemLines > 0 {
            emit(.skipped(PageOrigin(path: path), reason: "a file of kmaticker extract's problem lines: no observations"))
        }
    }

    /// Why the lines cannot be what kmaticker extracted: a station the registry lacks, a
    /// temperature no station reports, a time in the future. `nil` when they can be.
    private static func implausibility(of records: [ExtractRecord], registry: StationRegistry, now: KSTDateTime?) -> String? {
        for record in records {
            if let id = record.station_id, registry.station(id: id) == nil {
                return "station \(id) is not in the registry (line for position \(record.position))"
            }
            if let value = record.temperature_c, !value.isFinite || abs(value) > Observation.plausibleCelsius {
                return "\(value)℃ is no temperature a station reports (position \(record.position))"
            }
        }
        let now = now ?? .now
        if let time = InternetDate.iso8601(records[0].observed_at), time.unixSeconds > now.unixSeconds + PageTime.clockTolerance {
            return "the time \(records[0].observed_at) is in the future"
        }
        return nil
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
