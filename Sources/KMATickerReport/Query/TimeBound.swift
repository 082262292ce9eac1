import FoundationEssentials
import KMATickerModel

/// A `--since` or `--until` value that is not a time.
public struct TimeBoundError: Error, Sendable, Equatable, CustomStringConvertible {
    public let option: String
    public let value: String
    /// Why, when it is not the value's form.
    public var reason: String?

    public init(option: String, value: String, reason: String? = nil) {
        self.option = option
        self.value = value
        self.reason = reason
    }

    public var description: String {
        if let reason { return "\(option) '\(value)': \(reason)" }
        return "\(option) takes \(TypedTime.forms); got '\(value)'"
    }
}

/// A `--since` or `--until` value, read when the command line is (``TypedTime``: the rule
/// `--at` follows too). Ages too long to count are refused here, so a bad value is a usage
/// error before the store is opened.
///
/// Both bounds are inclusive, and a bound covers what it names: `--since 2025-08-18` starts at
/// its 00:00, `--until 2025-08-18` ends at its 23:59:59, `--until "2025-08-18 10:45"` at
/// 10:45:59.
public struct TimeBound: Sendable, Equatable {
    public let value: TypedTime
    /// `--since` or `--until`: which end of the window.
    public let option: String
    /// The value as typed, for messages.
    public let text: String

    /// `--since`: the window's first second.
    public static func since(_ text: String) throws(TimeBoundError) -> TimeBound {
        try TimeBound(text, option: "--since")
    }

    /// `--until`: the window's last second.
    public static func until(_ text: String) throws(TimeBoundError) -> TimeBound {
        try TimeBound(text, option: "--until")
    }

    private init(_ typed: String, option: String) throws(TimeBoundError) {
        self.option = option
        self.text = typed
        switch TypedTime.parse(typed) {
        case .success(let value)?: self.value = value
        case .failure(let refusal)?: throw TimeBoundError(option: option, value: typed, reason: refusal.reason)
        case nil: throw TimeBoundError(option: option, value: typed)
        }
    }

    /// The Unix second this bound stands for, `now` being now: `--since` the first second of
    /// what it names, `--until` the last.
    package func resolve(now: Date) throws(TimeBoundError) -> Int64 {
        guard let span = value.span(now: KSTDateTime(unixSeconds: Int64(now.timeIntervalSince1970))) else {
            throw TimeBoundError(option: option, value: text, reason: "that is longer ago than any time kmaticker stores")
        }
        return option == "--until" ? span.last : span.first
    }
}
