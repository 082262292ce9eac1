import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerInput

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

    func read(_ bytes: [UInt8], limit: Int = PageBytes.maximumPageBytes) throws -> [InputItem] {
        let path = directory.path("page-\(bytes.count).html")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var items: [InputItem] = []
        PageSource(pageLimit: limit, registry: .asos).read(.file(path)) { items.append($0) }
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

    /// The binary check (C, SSE2) looks at the first 4 KiB: a NUL byte there, or control
    /// characters other than tab, LF, CR and form feed in more than 5 % of it, is no page.
    @Test func theBinaryCheckCountsTheTopOnly() {
        let text = [UInt8](repeating: UInt8(ascii: "a"), count: 8000)
        func with(_ byte: UInt8, at offsets: [Int]) -> [UInt8] {
            var bytes = text
            for offset in offsets { bytes[offset] = byte }
            return bytes
        }
        #expect(!PageBytes.looksBinary(text))
        #expect(PageBytes.looksBinary(with(0, at: [4095])))
        #expect(!PageBytes.looksBinary(with(0, at: [4096])))
        // 204 of 4,096 is 4.98 %, 205 is 5.005 %; spread over blocks and their edges.
        #expect(!PageBytes.looksBinary(with(0x01, at: (0..<204).map { $0 * 20 })))
        #expect(PageBytes.looksBinary(with(0x1F, at: (0..<205).map { $0 * 19 + 1 })))
        #expect(!PageBytes.looksBinary(with(0x09, at: Array(0..<4096))))
        #expect(!PageBytes.looksBinary(with(0x0C, at: Array(0..<4096))))
        #expect(PageBytes.looksBinary(with(0x1B, at: Array(0..<4096))))
        // A short page: the count is of its own length.
        #expect(PageBytes.looksBinary([0x41, 0x01, 0x41]))
        #expect(!PageBytes.looksBinary(Array("흐림속초27.8℃\r\n".utf8)))
    }
}
