import Testing
@testable import KMATickerModel

/// File names are bytes (``FileSystemPath``): any name survives the trip into a `String` and
/// back to the file system, a UTF-8 name is untouched, and messages show the rest as `\xB1`.
@Suite struct FileSystemPathTests {
    func bytesBack(_ path: String) -> [UInt8] {
        FileSystemPath.withCString(path) { pointer in
            var bytes: [UInt8] = []
            var cursor = pointer
            while cursor.pointee != 0 { bytes.append(UInt8(bitPattern: cursor.pointee)); cursor += 1 }
            return bytes
        }
    }

    @Test func anyBytesComeBackAsTheyWere() {
        var generator = SplitMix64(seed: 0x4E41_4D45)
        for _ in 0..<2000 {
            let length = Int(generator.next() % 24)
            // No NUL: no file name holds one.
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next() % 255 + 1) }
            #expect(bytesBack(FileSystemPath.string(fromBytes: bytes)) == bytes)
        }
    }

    @Test(arguments: ["page.html", "기사/날씨 1.txt", "a\u{00E9}b", "😀.mhtml", "/abs/path/x"])
    func aUTF8NameIsUnchanged(name: String) {
        #expect(FileSystemPath.string(fromBytes: Array(name.utf8)) == name)
        #expect(FileSystemPath.displayed(name) == name)
        #expect(bytesBack(name) == Array(name.utf8))
    }

    /// `김해.html` in CP949 (B1 E8 C7 D8), an overlong `/` (C0 AF), a surrogate (ED A0 80) and a
    /// cut sequence (E4 B8): each byte that is no UTF-8 is shown on its own.
    @Test func whatIsNoUTF8IsShownAsBytes() {
        let cp949 = FileSystemPath.string(fromBytes: [0xB1, 0xE8, 0xC7, 0xD8] + Array(".html".utf8))
        #expect(FileSystemPath.displayed(cp949) == "\\xB1\\xE8\\xC7\\xD8.html")
        #expect(FileSystemPath.displayed(FileSystemPath.string(fromBytes: [0x61, 0xC0, 0xAF])) == "a\\xC0\\xAF")
        #expect(FileSystemPath.displayed(FileSystemPath.string(fromBytes: [0xED, 0xA0, 0x80])) == "\\xED\\xA0\\x80")
        #expect(FileSystemPath.displayed(FileSystemPath.string(fromBytes: [0xE4, 0xB8, 0x41])) == "\\xE4\\xB8A")
        #expect(FileSystemPath.displayed(FileSystemPath.string(fromBytes: Array("기".utf8) + [0xFF])) == "기\\xFF")
    }
}
