import KMATickerModel

/// What the store holds for an observation's identity (station and time, or page and position).
public struct StoredValue: Sendable, Equatable {
    public var condition: String?
    public var temperatureC: Double?
    /// The file the stored value came from.
    public var source: String

    package init(condition: String?, temperatureC: Double?, source: String) {
        self.condition = condition
        self.temperatureC = temperatureC
        self.source = source
    }
}

/// Whether an incoming observation is new, already stored, or a conflict: the one place this
/// is decided, for pages new to the store and pages stored before alike.
///
/// The same condition and temperature (both missing counts as the same) is "already stored";
/// anything else is a conflict, and the stored value is kept: a page never overwrites what
/// the store holds.
public enum StoredValueComparison: Sendable, Equatable {
    case new
    case alreadyStored
    case conflict(ObservationConflict)

    public static func compare(_ incoming: Observation, with stored: StoredValue?) -> StoredValueComparison {
        guard let stored else { return .new }
        if stored.condition == incoming.condition && stored.temperatureC == incoming.temperatureC {
            return .alreadyStored
        }
        return .conflict(ObservationConflict(
            incoming: incoming, storedCondition: stored.condition,
            storedTemperatureC: stored.temperatureC, storedSource: stored.source))
    }

    /// Adds this outcome to a page's counts (a new observation is counted where it is inserted).
    func count(into result: inout PageWriteResult) {
        switch self {
        case .new: break
        case .alreadyStored: result.alreadyStored += 1
        case .conflict(let conflict): result.conflicts.append(conflict)
        }
    }
}
