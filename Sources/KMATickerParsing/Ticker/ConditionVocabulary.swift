/// The present-weather words KMA prints (`../shared/docs/ticker.md`). ``TickerTokenizer``
/// finds them in page text, longest first.
package enum ConditionVocabulary {
    /// Every known word, NFC. `-` means "no present-weather observation" and is stored as a
    /// missing condition.
    package static let knownWords: [String] = [
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
    package static let noObservation = "-"
}
