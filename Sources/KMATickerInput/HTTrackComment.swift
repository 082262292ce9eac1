import CByteSearch
import KMATickerModel

/// The comment HTTrack writes into every page it mirrors, the time it saved it:
/// `<!-- Mirrored from www.example.com/news/a.html by HTTrack Website Copier/3.x
/// [XR&CO'2014], Mon, 18 Aug 2025 01:02:05 GMT -->` (after `<html>`, and again before
/// `</html>`, seconds later: the first is read).
struct HTTrackComment {
    private static let mark = Array("<!-- Mirrored from ".utf8)
    private static let producer = " by HTTrack Website Copier/"

    /// The address as HTTrack wrote it (host and path, no scheme).
    var address: String
    /// The date as written, and as a time (`nil` when it is no date kmaticker reads).
    var savedDateText: String
    var savedAt: KSTDateTime?

    init?(_ bytes: ArraySlice<UInt8>) {
        guard let start = bytes.withUnsafeBufferPointer({ haystack in
            Self.mark.withUnsafeBufferPointer { kmaticker_memmem(haystack.baseAddress, haystack.count, $0.baseAddress, $0.count) }
                .map { haystack.baseAddress!.distance(to: $0) }
        }) else { return nil }
        let rest = bytes.dropFirst(start + Self.mark.count).prefix(1024)
        let comment = String(decoding: rest.prefix { $0 != 0x0A }, as: UTF8.self)
        guard let producer = comment.firstRange(of: Self.producer),
              let end = comment.firstRange(of: "-->"),
              let dateStart = comment[producer.upperBound..<end.lowerBound].firstRange(of: "], ") else { return nil }
        address = String(comment[..<producer.lowerBound])
        savedDateText = String(comment[dateStart.upperBound..<end.lowerBound]).trimmingASCIISpaces()
        savedAt = InternetDate.rfc5322(savedDateText)
    }
}
