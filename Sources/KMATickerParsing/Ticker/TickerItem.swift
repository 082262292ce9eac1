import KMATickerModel

/// One ticker item split into its parts, before its position and any inference are known.
package struct TickerItem: Sendable, Equatable {
    /// The condition word; `nil` when the item has none or prints `-`.
    public var condition: String?
    /// Whether `condition` is in ``ConditionVocabulary`` (an unknown word is kept as printed).
    public var conditionIsKnown: Bool
    /// The station name as printed; `nil` for a nameless item such as `흐림26.8℃`.
    public var label: String?
    /// The registry station `label` names, if it names one.
    public var station: Station?
    /// °C, `nil` when not printed (`구름조금북창원`).
    public var temperatureC: Double?
    /// Line of the page (1-based).
    public var line: Int
    /// Things worth telling the user: unknown words, kept as printed.
    public var warnings: [String]

    package init(condition: String?, conditionIsKnown: Bool, label: String?, station: Station?,
                temperatureC: Double?, line: Int, warnings: [String] = []) {
        self.condition = condition
        self.conditionIsKnown = conditionIsKnown
        self.label = label
        self.station = station
        self.temperatureC = temperatureC
        self.line = line
        self.warnings = warnings
    }
}
