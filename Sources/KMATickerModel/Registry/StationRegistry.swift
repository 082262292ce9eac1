/// The KMA ASOS station registry: every station the ticker and the feed can name, in
/// ascending station number (the ticker's order), with the aliases KMA prints.
///
/// Name lookups are exact on NFC text: `북강릉` is 104 and never 105 강릉, `고창군` is 251 and
/// never 172 고창.
public struct StationRegistry: Sendable {
    /// The stations in ascending `id`.
    public let stations: [Station]
    private let stationsByID: [Int: Station]
    /// Korean names and aliases (NFC) to stations.
    private let stationsByName: [String: Station]
    /// The longest name or alias, in UTF-8 bytes: bounds the suffix search.
    private let longestNameByteCount: Int
    /// SHA-256 of the stations' every field, in a fixed form: which registry a store's
    /// station table was last brought in step with (its `registry_version` table). Made when
    /// asked (an ingest's first batch, `--version`), not at every start.
    public var digest: String {
        let canonical = stations.map { station in
            [String(station.id), station.nameKorean, station.nameEnglish, "\(station.latitude)", "\(station.longitude)",
             station.elevationMeters.map { "\($0)" } ?? "", station.province].joined(separator: ",")
        }.joined(separator: "\n")
        return SHA256Digest.hex(of: Array(canonical.utf8))
    }

    /// Spellings KMA prints besides the registry's names (`../shared/docs/ticker.md`).
    public static let aliases: [String: Int] = ["홍성(예)": 177, "서청주(예)": 181, "백령": 102]

    /// When `asos_stations.csv` was last cross-checked and compiled in (its sources:
    /// `../shared/data/SOURCES.md`). Change it with the file: a test pins the file's SHA-256
    /// next to this date.
    public static let asosDate = "2026-11-25"

    /// The registry compiled into kmaticker (97 stations, from `asos_stations.csv`).
    public static let asos: StationRegistry = {
        do {
            return try StationRegistry(csv: String(decoding: PackageResources.asos_stations_csv, as: UTF8.self))
        } catch {
            fatalError("the bundled station registry does not parse: \(error)")
        }
    }()

    /// Reads a registry in the shape of `asos_stations.csv`:
    /// `id,name_ko,name_en,lat,lon,elevation_m,province`, no quoted fields.
    public init(csv: String) throws {
        var stations: [Station] = []
        // Split as bytes: every separator is ASCII, and splitting Characters (grapheme by
        // grapheme) was 7 % of every start of the command line, which reads the compiled-in
        // registry. Lines end in LF or CRLF.
        let lines = csv.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, bytes) in lines.enumerated() where index > 0 {
            let line = bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes
            if line.isEmpty { continue }
            let fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            guard fields.count == 7, let id = Int(fields[0]), let lat = Double(fields[3]),
                  let lon = Double(fields[4]) else {
                throw RegistryError(line: index + 1, text: String(decoding: line, as: UTF8.self))
            }
            stations.append(Station(
                id: id, nameKorean: HangulNormalization.nfc(fields[1]), nameEnglish: fields[2],
                latitude: lat, longitude: lon, elevationMeters: Double(fields[5]), province: fields[6]))
        }
        try self.init(stations: stations)
    }

    /// Builds a registry from stations in any order; names must be unique.
    public init(stations: [Station]) throws {
        self.stations = stations.sorted { $0.id < $1.id }
        stationsByID = Dictionary(uniqueKeysWithValues: self.stations.map { ($0.id, $0) })
        var byName: [String: Station] = [:]
        for station in self.stations {
            guard byName.updateValue(station, forKey: station.nameKorean) == nil else {
                throw RegistryError(line: 0, text: "duplicate station name \(station.nameKorean)")
            }
        }
        for (alias, id) in Self.aliases {
            if let station = stationsByID[id] { byName[alias] = station }
        }
        stationsByName = byName
        longestNameByteCount = byName.keys.map(\.utf8.count).max() ?? 0
    }

    /// Every spelling a ticker can print for a station: registry names and aliases (NFC).
    public var printedNames: [(name: String, station: Station)] {
        stationsByName.map { ($0.key, $0.value) }.sorted { $0.name < $1.name }
    }

    /// Names printed without their 시/군 where no station has that name itself (`김해` for
    /// 253 김해시, `경주` for 283 경주시; never `고창`, which is 172): tickers print them so.
    public var namesWithoutSiGun: [(name: String, station: Station)] {
        stations.compactMap { station in stemWithoutSiGun(station.nameKorean).map { ($0, station) } }
    }

    /// The station with this ASOS number.
    public func station(id: Int) -> Station? { stationsByID[id] }

    /// The station printed as `name`: a registry name or an alias, NFC, exact.
    /// `station(named: "홍성(예)")` is 177 홍성.
    public func station(named name: String) -> Station? { stationsByName[name] }

    /// The longest registry name or alias that `text` ends with, and the text before it.
    /// `구름조금북창원` → (255 북창원, `구름조금`), never 155 창원.
    public func longestNameSuffix(of text: Substring) -> (station: Station, prefix: Substring)? {
        // Try every suffix that starts on a character boundary, longest first.
        var start = text.startIndex
        while start < text.endIndex {
            let suffix = text[start...]
            if suffix.utf8.count <= longestNameByteCount, let station = stationsByName[String(suffix)] {
                return (station, text[..<start])
            }
            start = text.index(after: start)
        }
        return nil
    }

    /// The stations whose numbers lie strictly between two others; `nil` bounds mean the start
    /// or the end of the registry. Used to infer a nameless item from its named neighbours.
    public func stations(strictlyBetween lower: Int?, and upper: Int?) -> [Station] {
        stations.filter { station in
            (lower.map { station.id > $0 } ?? true) && (upper.map { station.id < $0 } ?? true)
        }
    }

    /// Up to `limit` station names closest to a mistyped `query`, nearest first, for an
    /// error message: `대젼` → `대전`, …
    public func suggestions(for query: String, limit: Int = 3) -> [Station] {
        let needle = Array(HangulNormalization.nfc(query).lowercased())
        let foldedNeedle = Array(Self.foldedEnglish(String(needle)))
        func commonPrefix(_ a: [Character], _ b: [Character]) -> Int { zip(a, b).prefix { $0 == $1 }.count }
        let scored = stations.map { station -> (station: Station, distance: Int, prefix: Int) in
            // Against the names without 시/군/읍 and -si/-gun/-eup too, as they are typed.
            let koreanNames = [station.nameKorean] + (stemWithoutSiGun(station.nameKorean).map { [$0] } ?? [])
            let englishNames = [Self.foldedEnglish(station.nameEnglish)] + (englishStem(of: station).map { [$0] } ?? [])
            let distance = min(koreanNames.map { EditDistance.between(needle, Array($0)) }.min()!,
                               englishNames.map { EditDistance.between(foldedNeedle, Array($0)) }.min()!)
            // Ties go to the name that starts as typed (`jeongsun`: 정선군 before 성산).
            let prefix = max(koreanNames.map { commonPrefix(needle, Array($0)) }.max()!,
                             englishNames.map { commonPrefix(foldedNeedle, Array($0)) }.max()!)
            return (station, distance, prefix)
        }
        let threshold = max(1, needle.count / 2)
        return scored.filter { $0.distance <= threshold }
            .sorted { ($0.distance, -$0.prefix, $0.station.id) < ($1.distance, -$1.prefix, $1.station.id) }
            .prefix(limit).map(\.station)
    }
}

/// A line of the registry file that does not have the expected seven fields.
public struct RegistryError: Error, CustomStringConvertible {
    public let line: Int
    public let text: String
    public var description: String { "station registry line \(line) is malformed: \(text)" }
}
