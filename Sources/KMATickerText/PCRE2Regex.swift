import CPCRE2

/// A compiled PCRE2 pattern (UTF-8, Unicode properties, JIT when available).
///
/// This file owns every PCRE2 call in kmaticker. One instance owns its compiled code and its
/// match data, so it is not shareable across threads: give each parser its own.
package final class PCRE2Regex {
    private let code: OpaquePointer
    private let matchData: OpaquePointer
    /// The pattern, for error messages.
    let pattern: String
    private let utf: Bool

    /// Compiles `pattern`; a bad pattern is a programming error and throws.
    /// - Parameters:
    ///   - utf: match UTF-8 text by characters (the default); `false` matches raw bytes, for
    ///     bytes not yet known to be UTF-8 (charset sniffing).
    ///   - caseless: ignore ASCII case.
    package init(_ pattern: String, utf: Bool = true, caseless: Bool = false) throws {
        self.utf = utf
        self.pattern = pattern
        var errorCode: Int32 = 0
        var errorOffset = 0
        let compiled = pattern.utf8CString.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UInt8.self) { bytes in
                kmaticker_pcre2_compile(bytes.baseAddress, bytes.count - 1,
                                        (utf ? kmaticker_pcre2_utf() : 0) | (caseless ? kmaticker_pcre2_caseless() : 0),
                                        &errorCode, &errorOffset)
            }
        }
        guard let compiled else {
            var message = [UInt8](repeating: 0, count: 256)
            _ = kmaticker_pcre2_error_message(errorCode, &message, message.count)
            let text = String(decoding: message.prefix { $0 != 0 }, as: UTF8.self)
            throw PatternError(pattern: pattern, offset: errorOffset, message: text)
        }
        // JIT is an optimization: a platform without it still matches, only slower.
        _ = kmaticker_pcre2_jit_compile(compiled)
        code = compiled
        guard let data = kmaticker_pcre2_match_data_create(compiled) else {
            kmaticker_pcre2_code_free(compiled)
            throw PatternError(pattern: pattern, offset: 0, message: "out of memory for match data")
        }
        matchData = data
    }

    deinit {
        kmaticker_pcre2_match_data_free(matchData)
        kmaticker_pcre2_code_free(code)
    }

    /// The first match in `text`, as byte ranges of the whole match and of each group.
    /// `text` is a Swift string, hence valid UTF-8, so PCRE2 does not check it again.
    package func firstMatch(in text: Substring) -> Match? {
        var text = text
        return text.withUTF8 { firstMatch(inValidatedBytes: $0) }
    }

    /// The first match in raw bytes; only for a pattern compiled with `utf: false`, which has
    /// no UTF-8 to check.
    func firstMatch(inBytes bytes: UnsafeBufferPointer<UInt8>) -> Match? {
        precondition(!utf, "a UTF pattern must match a Swift string")
        return firstMatch(inValidatedBytes: bytes)
    }

    /// Where every match starts, left to right, in raw bytes (`utf: false` patterns only).
    func matchStarts(inBytes bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        precondition(!utf, "a UTF pattern must match a Swift string")
        var starts: [Int] = []
        var offset = 0
        while offset < bytes.count,
              kmaticker_pcre2_match(code, bytes.baseAddress, bytes.count, offset, matchData) > 0 {
            let ovector = kmaticker_pcre2_ovector(matchData)!
            starts.append(ovector[0])
            offset = max(ovector[1], ovector[0] + 1)
        }
        return starts
    }

    private func firstMatch(inValidatedBytes bytes: UnsafeBufferPointer<UInt8>) -> Match? {
        let result = kmaticker_pcre2_match(code, bytes.baseAddress, bytes.count, 0, matchData)
        guard result > 0 else { return nil }
        let ovector = kmaticker_pcre2_ovector(matchData)!
        let unset = kmaticker_pcre2_unset()
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(Int(result))
        for group in 0..<Int(result) {
            let start = ovector[2 * group], end = ovector[2 * group + 1]
            groups.append(start == unset ? nil : start..<end)
        }
        return Match(groupByteRanges: groups)
    }

    /// The number of the named group `name`; a missing name is a programming error.
    package func groupNumber(_ name: String) -> Int {
        let number = groupNumberIfPresent(name)
        precondition(number > 0, "no group named \(name) in \(pattern)")
        return number
    }

    /// The number of the named group `name`, or -1 when the pattern has none (for code shared
    /// by patterns with different groups).
    package func groupNumberIfPresent(_ name: String) -> Int {
        let number = name.withCString { pointer in
            pointer.withMemoryRebound(to: UInt8.self, capacity: name.utf8.count + 1) {
                kmaticker_pcre2_group_number(code, $0)
            }
        }
        return number > 0 ? Int(number) : -1
    }

    /// Byte ranges of a match, relative to the start of the subject.
    package struct Match {
        /// Index 0 is the whole match; a group that did not take part is `nil`.
        let groupByteRanges: [Range<Int>?]

        /// The bytes of group `number` within `subject` (the buffer that was matched).
        func group(_ number: Int, inBytes subject: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
            guard number < groupByteRanges.count, let range = groupByteRanges[number] else { return nil }
            return Array(subject[range])
        }

        /// The whole match within `subject` (the substring that was matched).
        package func range(in subject: Substring) -> Range<Substring.Index> {
            let utf8 = subject.utf8
            let whole = groupByteRanges[0]!
            return utf8.index(utf8.startIndex, offsetBy: whole.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: whole.upperBound)
        }

        /// The text of group `number` within `subject` (the substring that was matched).
        package func group(_ number: Int, in subject: Substring) -> Substring? {
            guard number < groupByteRanges.count, let range = groupByteRanges[number] else { return nil }
            let utf8 = subject.utf8
            let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            let end = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
            return subject[start..<end]
        }
    }

    /// A pattern PCRE2 rejected.
    struct PatternError: Error, CustomStringConvertible {
        let pattern: String
        let offset: Int
        let message: String
        var description: String { "bad pattern at offset \(offset): \(message): \(pattern)" }
    }
}
