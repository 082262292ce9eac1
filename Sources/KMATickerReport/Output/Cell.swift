import KMATickerModel

/// One value of a report, typed so each format can write it properly: text is quoted and
/// guarded, numbers are written as they are, missing values are empty (or `null`).
public enum Cell: Sendable, Equatable {
    case text(String)
    case number(String)
    /// A KST time, and the text a text format writes for it (ISO 8601, or the form `--excel`
    /// and the terminal use): a workbook stores the time itself, as a date-time cell.
    case time(KSTDateTime, text: String)
    case missing

    public static func number(_ value: Int) -> Cell { .number(String(value)) }
    public static func number(_ value: Double?) -> Cell { value.map { .number("\($0)") } ?? .missing }
    public static func text(_ value: String?) -> Cell { value.map { .text($0) } ?? .missing }

    /// The value as written where nothing needs guarding or quoting (a terminal table): text
    /// and numbers as they are, a missing value empty.
    var plainText: String {
        switch self {
        case .text(let text), .number(let text), .time(_, let text): return text
        case .missing: return ""
        }
    }
}
