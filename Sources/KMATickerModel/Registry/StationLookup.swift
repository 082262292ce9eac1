/// What a station name typed by a person matches.
public enum StationMatch: Sendable, Equatable {
    case station(Station)
    /// Several stations fit; the person must say which.
    case ambiguous([Station])
    /// Nothing fits; the nearest names, for "did you mean".
    case unknown(suggestions: [Station])
}

/// A `--station` value that names no station, or several.
public struct StationLookupError: Error, Sendable, Equatable, CustomStringConvertible {
    public let query: String
    public let match: StationMatch

    public var description: String {
        func list(_ stations: [Station]) -> String {
            stations.map { "\($0.nameKorean) (\($0.id), \($0.nameEnglish))" }.joined(separator: ", ")
        }
        switch match {
        case .ambiguous(let candidates):
            return "station '\(query)' is ambiguous: \(list(candidates)); give the name or the number"
        case .unknown(let suggestions) where !suggestions.isEmpty:
            return "unknown station '\(query)'; did you mean \(list(suggestions))?"
        default:
            return "unknown station '\(query)'; `kmaticker stations` lists them all"
        }
    }
}

extension StationRegistry {
    /// The station a person means by `query`, tried in this order:
    /// 1. an ASOS number (`133`);
    /// 2. a Korean name or alias, NFC or NFD (`대전`, `홍성(예)`);
    /// 3. a name without its 시/군 where no station has that name itself (`김해` → 김해시,
    ///    while `고창` stays 172 and `고창군` is 251);
    /// 4. the English name in any case, spaces and hyphens ignored (`daejeon`, `jeongseon-gun`),
    ///    or without the `-si`, `-gun` or `-eup` its 시, 군 or 읍 stands for, as step 3 for the
    ///    Korean (`gimhae` → Gimhaesi, `jeongseon` → Jeongseon Gun, `jindo` → Jindogun, while
    ///    `gochang` stays 172);
    /// 5. initial consonants (`ㄷㅈ` → 대전; several stations can share them).
    public func find(_ query: String) -> StationMatch {
        let trimmed = HangulNormalization.nfc(query.trimmingWhitespace())
        if let id = Int(trimmed) {
            return station(id: id).map(StationMatch.station) ?? .unknown(suggestions: [])
        }
        if let station = station(named: trimmed) { return .station(station) }
        let byStem = stations.filter { stemWithoutSiGun($0.nameKorean) == trimmed }
        if byStem.count == 1 { return .station(byStem[0]) }
        if byStem.count > 1 { return .ambiguous(byStem) }
        let folded = Self.foldedEnglish(trimmed)
        if let station = stations.first(where: { Self.foldedEnglish($0.nameEnglish) == folded }) {
            return .station(station)
        }
        let byEnglishStem = stations.filter { englishStem(of: $0) == folded }
        if byEnglishStem.count == 1 { return .station(byEnglishStem[0]) }
        if byEnglishStem.count > 1 { return .ambiguous(byEnglishStem) }
        if let initials = Self.compatibilityInitials(of: trimmed) {
            let matches = stations.filter { Self.initials(of: $0.nameKorean) == initials }
            if matches.count == 1 { return .station(matches[0]) }
            if matches.count > 1 { return .ambiguous(matches) }
        }
        return .unknown(suggestions: suggestions(for: trimmed))
    }

    /// The station for `query`, or an error that lists candidates or suggestions.
    public func station(for query: String) throws(StationLookupError) -> Station {
        let match = find(query)
        guard case .station(let station) = match else { throw StationLookupError(query: query, match: match) }
        return station
    }

    /// `김해시` → `김해`; `고창군` → nil, because `고창` is a station of its own.
    func stemWithoutSiGun(_ name: String) -> String? {
        guard name.count > 2, name.hasSuffix("시") || name.hasSuffix("군") else { return nil }
        let stem = String(name.dropLast())
        return station(named: stem) == nil ? stem : nil
    }

    /// `Gimhaesi` → `gimhae`, `Jeongseon Gun` → `jeongseon`: the folded English name without
    /// the ending its Korean 시, 군 or 읍 stands for; `nil` when the Korean name has none, or
    /// when a station's English name is the stem itself (`Gochanggun` → `gochang` is 172's).
    func englishStem(of station: Station) -> String? {
        let korean = station.nameKorean
        guard korean.count > 2 else { return nil }
        let folded = Self.foldedEnglish(station.nameEnglish)
        let ending: String
        switch korean.last {
        case "시": ending = "si"
        case "군": ending = "gun"
        case "읍": ending = "eup"
        default: return nil
        }
        guard folded.hasSuffix(ending), folded.count > ending.count else { return nil }
        let stem = String(folded.dropLast(ending.count))
        return stations.contains { Self.foldedEnglish($0.nameEnglish) == stem } ? nil : stem
    }

    static func foldedEnglish(_ text: String) -> String {
        String(text.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" })
    }

    /// The 19 initial consonants, in the order Hangul syllables encode them.
    private static let choseong: [Character] = Array("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ")

    /// `대전` → `ㄷㅈ`.
    static func initials(of name: String) -> String {
        String(name.unicodeScalars.map { scalar -> Character in
            guard (0xAC00...0xD7A3).contains(scalar.value) else { return Character(scalar) }
            return choseong[Int(scalar.value - 0xAC00) / 588]
        })
    }

    /// The query as compatibility jamo initials if it is nothing but initial consonants
    /// (typed `ㄷㅈ`, or conjoining `ᄃᄌ` from an NFD source); otherwise nil.
    static func compatibilityInitials(of query: String) -> String? {
        var result = ""
        for scalar in query.unicodeScalars {
            if let index = choseong.firstIndex(of: Character(scalar)) {
                result.append(choseong[index])
            } else if (0x1100...0x1112).contains(scalar.value) {
                result.append(choseong[Int(scalar.value - 0x1100)])
            } else {
                return nil
            }
        }
        return result.count >= 2 ? result : nil
    }
}
