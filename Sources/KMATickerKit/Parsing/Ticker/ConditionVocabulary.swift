/// The present-weather words KMA prints (`../shared/docs/ticker.md`), and the longest-match
/// lookup that splits them off the front of a ticker item.
public enum ConditionVocabulary {
    /// Every known word, NFC. `-` means "no present-weather observation" and is stored as a
    /// missing condition.
    public static let knownWords: [String] = [
        // Sky
        "맑음", "구름조금", "구름적음", "구름많음", "흐림",
        // Obscuration
        "박무", "연무", "안개", "황사", "연기",
        // Precipitation
        "비", "약한비", "이슬비", "소나기", "눈", "진눈깨비", "비 또는 눈", "눈 또는 비", "비/눈",
        "소낙눈", "싸락눈", "우박", "어는비", "빗방울", "눈날림",
        // Thunder
        "천둥번개", "뇌우", "번개",
        // Ended phenomena
        "비끝", "눈끝", "소나기끝", "안개끝",
        // No observation
        "-",
    ]

    /// The word printed for "no present-weather observation".
    public static let noObservation = "-"

    /// Known words keyed by their spelling without spaces, so that `비또는눈` and markup that
    /// puts whitespace inside (`비 또는  눈`) find `비 또는 눈`; longest first.
    private static let wordsBySpacelessSpelling: [(spaceless: [UInt8], word: String)] =
        knownWords.map { (Array($0.utf8.filter { $0 != 0x20 }), $0) }
            .sorted { $0.spaceless.count > $1.spaceless.count }

    /// The longest known word `text` starts with (spaces inside a word are allowed), and the
    /// rest of `text` after it. `구름조금북창원` → (`구름조금`, `북창원`), never `구름`.
    public static func longestKnownPrefix(of text: Substring) -> (word: String, rest: Substring)? {
        let bytes = Array(text.utf8)
        for candidate in wordsBySpacelessSpelling {
            // Walk the text, skipping spaces, while it agrees with the candidate.
            var textIndex = 0
            var wordIndex = 0
            while wordIndex < candidate.spaceless.count, textIndex < bytes.count {
                if bytes[textIndex] == 0x20, wordIndex > 0 { textIndex += 1; continue }
                guard bytes[textIndex] == candidate.spaceless[wordIndex] else { break }
                textIndex += 1
                wordIndex += 1
            }
            guard wordIndex == candidate.spaceless.count else { continue }
            let restStart = text.utf8.index(text.startIndex, offsetBy: textIndex)
            // A match must end on a character boundary (it always does for whole words).
            guard let rest = String.Index(restStart, within: text) else { continue }
            return (candidate.word, text[rest...])
        }
        return nil
    }
}
