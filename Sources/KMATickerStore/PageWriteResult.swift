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
    package var incoming: Observation
    package var storedCondition: String?
    package var storedTemperatureC: Double?
    /// The file the stored value came from.
    package var storedSource: String
}

/// What writing one page in a ``WriteSession`` came to. A fault of the store itself is not an
/// outcome but a thrown error: no later page could be written either.
package enum PageWriteOutcome: Sendable, Equatable {
    /// The page was written, all of it; the result says what was new.
    case written(PageWriteResult)
    /// The store refused the page (a constraint, a value too big or of the wrong type): nothing
    /// of it was written, and the session goes on. `reason` says why in words
    /// (``SQLiteFault/pageRefused(reason:)``); `error` is SQLite's.
    case refused(reason: String, error: SQLiteError)
}
