import KMATickerInput
import KMATickerReport

/// A page-level problem `kmaticker extract` reports (on stderr, or in `--errors-to`'s file):
/// a page that failed, an item skipped, a warning, an unreadable ticker item.
public struct ExtractProblem: Sendable, Equatable {
    public enum Kind: String, Sendable { case failed, skipped, warning, unreadable }
    package var kind: Kind
    public var path: String
    public var record: String?
    public var uri: String?
    public var line: Int?
    package var message: String

    /// One NDJSON line, without its newline.
    package var jsonLine: String {
        var fields = ["\"kmaticker_extract\":\(ExtractRecord.version)", "\"problem\":" + JSON.string(kind.rawValue),
                      "\"path\":" + JSON.string(path)]
        fields.append("\"record\":" + (record.map(JSON.string) ?? "null"))
        fields.append("\"uri\":" + (uri.map(JSON.string) ?? "null"))
        fields.append("\"line\":" + (line.map(String.init) ?? "null"))
        fields.append("\"message\":" + JSON.string(message))
        return "{" + fields.joined(separator: ",") + "}"
    }
}
