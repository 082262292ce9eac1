import KMATickerInput
import KMATickerReport

extension ExtractRecord {
    /// One CSV record (RFC 4180), with its CRLF.
    var csvLine: String { CSV.line(values.map { $0.text ?? "" }) }
}
