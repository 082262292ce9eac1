import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerKit

/// A page file is read with one read(2) into the reader's buffer (256 KB), which is then the
/// page itself: every size around the buffer's and the page limit's edges gives the file's
/// bytes exactly, or the too-large refusal, never a page cut short.
@Suite struct PageFileReadingTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    /// A page of `count` bytes: an HTML head, then filler that differs at every offset (so a
    /// byte lost or repeated anywhere changes the page).
    static func page(_ count: Int) -> [UInt8] {
        var bytes = Array("<!DOCTYPE html><html><body>\n".utf8)
        var index = 0
        while bytes.count < count {
            bytes += Array("<p>\(index)</p>\n".utf8)
            index += 1
        }
        return Array(bytes.prefix(count))
    }

    func read(_ bytes: [UInt8], limit: Int = PageReader.maximumPageBytes) throws -> [InputItem] {
        let path = directory.path("page-\(bytes.count).html")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var items: [InputItem] = []
        PageSource(pageLimit: limit).read(.file(path)) { items.append($0) }
        return items
    }

    @Test(arguments: [1, 8191, 8192, 8193, 65_536, 262_143, 262_144, 262_145, 600_001])
    func everySizeIsReadWhole(count: Int) throws {
        let bytes = Self.page(count)
        let items = try read(bytes)
        #expect(items.count == 1)
        guard case .page(let page)? = items.first else { Issue.record("expected a page, got \(items)"); return }
        #expect(page.bytes == bytes)
    }

    /// Below the buffer's size, a page over a (small) limit is refused, not taken whole.
    @Test(arguments: [(limit: 30_000, count: 30_000), (limit: 30_000, count: 30_001), (limit: 30_000, count: 200_000)])
    func theLimitHoldsInsideTheBuffer(limit: Int, count: Int) throws {
        let items = try read(Self.page(count), limit: limit)
        #expect(items.count == 1)
        switch items.first {
        case .page(let page)?: #expect(count <= limit && page.bytes.count == count)
        case .failed(_, .tooLarge)?: #expect(count > limit)
        default: Issue.record("expected a page or too large, got \(items)")
        }
    }
}
