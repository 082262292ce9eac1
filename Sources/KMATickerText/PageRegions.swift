import CByteSearch

/// Where in a page's bytes the ticker and the page time can be, found by byte search so that
/// only those regions are parsed (a saved page is mostly article, menus and scripts).
///
/// The ticker sits where temperature units cluster: `℃`, `°`, `˚`, `&#8451;`. The time sits
/// by its keyword: `최종편집`, `UPDATE`, `article:modified_time`, `article:published_time`,
/// `og:updated_time`, `dateModified`. (A page whose best time in the regions is of a kind
/// trusted less, an article's `입력` line say, is read whole: a better one may be elsewhere.)
/// Markers inside comments and elements whose content is no page text (`<script>`, `<style>`,
/// `<head>`, …: ``HTMLElementKind``, the table the HTML extractor reads) do not count. When the parser
/// finds no ticker or no time in the regions, or a ticker that reaches a region's edge, its
/// ``RegionVerdict`` has ``PageReader/read(_:regionsFirst:regions:wholePage:)`` read the whole
/// page instead, so the regions are a shortcut, never a different answer. A page with
/// `<iframe srcdoc>` (a document inside an attribute) has no regions.
struct PageRegions {
    /// Bytes kept on each side of a cluster of units: more than any one ticker item.
    static let tickerMargin = 2048
    /// Units closer than this belong to the same cluster (items without a temperature sit
    /// between them).
    static let clusterGap = 4096
    /// Bytes kept around a time keyword.
    static let timeBefore = 256, timeAfter = 768
    /// Time keywords are looked for from the top of the page to this far past the ticker: the
    /// site header and the `<head>`'s metas are there. (A page whose time is elsewhere is read
    /// whole; this bounds only the search, not the answer.)
    static let timeSearchPastTicker = 8192

    /// One pass of PCRE2's JIT over raw bytes (glibc's memmem, once per needle, cost more:
    /// Korean text is full of the lead bytes these needles start with). The units are found by
    /// ``unitStarts(in:)`` instead.
    private let timeKeywords: PCRE2Regex

    init() {
        do {
            timeKeywords = try PCRE2Regex("최종|(?i:update)|article:(?:modified|published)_time|og:updated_time|dateModified", utf: false)
        } catch {
            fatalError("\(error)")
        }
    }

    /// The regions of an HTML page to parse, in order and disjoint, each starting at a `<`;
    /// `nil` when the page has no temperature unit outside scripts (then read it whole).
    func html(_ bytes: [UInt8]) -> [Range<Int>]? {
        bytes.withUnsafeBufferPointer { buffer -> [Range<Int>]? in
            // A document inside an attribute (`<iframe srcdoc>`) cannot be cut at its tags.
            if Self.find(Self.frameDocument, from: 0, in: buffer) != nil { return nil }
            let hidden = Self.hiddenRanges(buffer)
            let units = Self.unitStarts(in: buffer).filter { !Self.contains(hidden, $0) }
            guard !units.isEmpty else { return nil }
            var windows = Self.clusters(units).map { max(0, $0.lowerBound - Self.tickerMargin)..<min(buffer.count, $0.upperBound + Self.tickerMargin) }
            windows += timeWindows(in: buffer, before: windows.map(\.upperBound).max() ?? 0)
            return Self.merged(windows).compactMap { Self.tagAligned($0, in: buffer, hidden: hidden) }
        }
    }

    /// The regions of a text capture to read, as whole lines; `nil` when it has no unit.
    func text(_ bytes: [UInt8]) -> [Range<Int>]? {
        bytes.withUnsafeBufferPointer { buffer -> [Range<Int>]? in
            let units = Self.unitStarts(in: buffer)
            guard !units.isEmpty else { return nil }
            var windows = Self.clusters(units).map { max(0, $0.lowerBound - Self.tickerMargin)..<min(buffer.count, $0.upperBound + Self.tickerMargin) }
            windows += timeWindows(in: buffer, before: windows.map(\.upperBound).max() ?? 0)
            return Self.merged(windows.map { Self.lineAligned($0, in: buffer) })
        }
    }

    /// Where `℃`, `&#8451;`, `°` and `˚` start, in order (``kmaticker_unit_starts``: one
    /// SSE2 pass, about four times PCRE2's speed on Korean text).
    static func unitStarts(in buffer: UnsafeBufferPointer<UInt8>) -> [Int] {
        var capacity = 256
        while true {
            var starts = [Int](repeating: 0, count: capacity)
            let found = starts.withUnsafeMutableBufferPointer { room in
                kmaticker_unit_starts(buffer.baseAddress, buffer.count, room.baseAddress, capacity)
            }
            if found <= capacity { return Array(starts.prefix(found)) }
            // More units than room: count them all once more, with room for every one.
            capacity = found
        }
    }

    /// Windows around the time keywords in the page's first `before + timeSearchPastTicker` bytes.
    private func timeWindows(in buffer: UnsafeBufferPointer<UInt8>, before end: Int) -> [Range<Int>] {
        let searched = UnsafeBufferPointer(rebasing: buffer[0..<min(buffer.count, end + Self.timeSearchPastTicker)])
        return timeKeywords.matchStarts(inBytes: searched).map { max(0, $0 - Self.timeBefore)..<min(buffer.count, $0 + Self.timeAfter) }
    }

    private static let commentOpen = Array("<!--".utf8), commentClose = Array("-->".utf8)
    private static let frameDocument = Array("srcdoc".utf8)
    /// The names of ``HTMLElementKind/namesHidingContent`` by their first byte.
    private static let hiddenElementsByFirstByte: [[[UInt8]]] = {
        var names = [[[UInt8]]](repeating: [], count: 256)
        for name in HTMLElementKind.namesHidingContent.map({ Array($0.utf8) }) { names[Int(name[0])].append(name) }
        return names
    }()

    /// `<!--…-->` and the elements whose content the HTML extractor does not read as page text
    /// (`<script>…</script>`, `<head>…</head>`, … ``HTMLElementKind/namesHidingContent``). One
    /// pass over the `<`s; most are rejected on the byte after them.
    static func hiddenRanges(_ buffer: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard let base = buffer.baseAddress else { return [] }
        var ranges: [Range<Int>] = []
        var offset = 0
        while offset < buffer.count, let hit = kmaticker_memchr(base + offset, 0x3C, buffer.count - offset) {
            let start = hit - base
            offset = start + 1
            guard start + 1 < buffer.count else { break }
            var end: Int?
            let next = buffer[start + 1] | 0x20
            if next == UInt8(ascii: "!") {
                if matches(commentOpen, at: start, in: buffer) {
                    end = find(commentClose, from: start + 4, in: buffer).map { $0 + 3 } ?? buffer.count
                }
            } else {
                for name in hiddenElementsByFirstByte[Int(next)] where matchesTag(name, at: start, in: buffer) {
                    end = findClosingTag(name, from: start + 1 + name.count, in: buffer)
                    break
                }
            }
            if let end {
                ranges.append(start..<end)
                offset = end
            }
        }
        return ranges
    }

    private static func clusters(_ sorted: [Int]) -> [ClosedRange<Int>] {
        var result: [ClosedRange<Int>] = []
        for position in sorted {
            if let last = result.last, position - last.upperBound <= clusterGap {
                result[result.count - 1] = last.lowerBound...position
            } else {
                result.append(position...position)
            }
        }
        return result
    }

    private static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// The window moved out of hidden ranges, starting at a `<` and ending before one, so no
    /// tag is cut in half.
    private static func tagAligned(_ window: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>, hidden: [Range<Int>]) -> Range<Int>? {
        var start = window.lowerBound, end = window.upperBound
        if let inside = hidden.first(where: { $0.contains(start) }) { start = inside.upperBound }
        if let inside = hidden.first(where: { $0.contains(end - 1) }) { end = inside.lowerBound }
        while start < end, buffer[start] != 0x3C { start += 1 }
        if end < buffer.count { while end > start, buffer[end - 1] != 0x3E { end -= 1 } }
        return start < end ? start..<end : nil
    }

    private static func lineAligned(_ window: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = window.lowerBound, end = window.upperBound
        while start > 0, buffer[start - 1] != 0x0A { start -= 1 }
        while end < buffer.count, buffer[end - 1] != 0x0A { end += 1 }
        return start..<end
    }

    private static func contains(_ ranges: [Range<Int>], _ position: Int) -> Bool {
        // Ranges are sorted and disjoint: binary search.
        var low = 0, high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound <= position { low = middle + 1 } else { high = middle }
        }
        return low < ranges.count && ranges[low].contains(position)
    }

    private static func matches(_ needle: [UInt8], at position: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard position + needle.count <= buffer.count else { return false }
        for index in needle.indices where buffer[position + index] != needle[index] { return false }
        return true
    }

    /// `<name` followed by `>`, whitespace or `/`, in any case.
    private static func matchesTag(_ name: [UInt8], at position: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let after = position + 1 + name.count
        guard after < buffer.count else { return false }
        for index in name.indices where buffer[position + 1 + index] | 0x20 != name[index] { return false }
        let next = buffer[after]
        return next == 0x3E || next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == 0x2F
    }

    private static func find(_ needle: [UInt8], from position: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = buffer.baseAddress, position < buffer.count,
              let hit = kmaticker_memmem(base + position, buffer.count - position, needle, needle.count) else { return nil }
        return hit - base
    }

    /// The end of `</name>` after `position`, in any case; the end of the page if it never closes.
    private static func findClosingTag(_ name: [UInt8], from position: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = buffer.baseAddress else { return buffer.count }
        var offset = position
        while offset < buffer.count, let hit = kmaticker_memchr(base + offset, 0x3C, buffer.count - offset) {
            let start = hit - base
            if start + 1 < buffer.count, buffer[start + 1] == 0x2F, matchesTag(name, at: start + 1, in: buffer) {
                return find([0x3E], from: start, in: buffer).map { $0 + 1 } ?? buffer.count
            }
            offset = start + 1
        }
        return buffer.count
    }
}
