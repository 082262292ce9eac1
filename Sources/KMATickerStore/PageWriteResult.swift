import KMATickerModel

/// What storing one page did.
public struct PageWriteResult: Sendable, Equatable {
    /// Observations that were not in the store before.
    public var new = 0
    /// Observations the store already held with the same values.
    public var alreadyStored = 0
    /// Observations whose identity the store holds with different values; the stored values
    /// were kept.
    public var conflicts: [ObservationConflict] = []

    public init() {}
}

/// A page says something different from the store about one identity.
public struct ObservationConflict: Sendable, Equatable {
    /// What the page says.
    public var incoming: Observation
    public var storedCondition: String?
    public var storedTemperatureC: Double?
    /// The file the stored value came from.
    public var storedSource: String
}
