#if canImport(Glibc)
import Glibc
#endif

/// File names are bytes. A folder unzipped from an archive made on Korean Windows holds CP949
/// names (`\xB1\xE8\xC7\xD8.html`), which are no UTF-8 and which a Swift `String` cannot hold
/// as they are. kmaticker keeps such a name in its `String` paths with each byte that is not
/// part of valid UTF-8 as a scalar of its own from the last private-use plane (U+10FF00 + the
/// byte, U+10FF80–U+10FFFF), gives the bytes back when the path is opened
/// (``withCString(_:_:)``), and prints them as `\xB1` (``displayed(_:)``): in messages and as a
/// page's stored `source`.
///
/// A name that is valid UTF-8 is unchanged by all three. (A valid name that itself holds
/// U+10FF80–U+10FFFF, which no font draws and no system writes, would be read as those bytes.)
package enum FileSystemPath {
    private static let escapeBase: UInt32 = 0x10FF00

    /// A path from the bytes of a name (`readdir`'s, `readlink`'s).
    package static func string<Bytes: Collection<UInt8>>(fromBytes bytes: Bytes) -> String where Bytes.Index == Int {
        var scalars = String.UnicodeScalarView()
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if let (scalar, length) = scalar(in: bytes, at: index) {
                scalars.append(scalar)
                index += length
            } else {
                scalars.append(Unicode.Scalar(escapeBase + UInt32(bytes[index]))!)
                index += 1
            }
        }
        return String(scalars)
    }

    /// Calls `body` with the path's bytes as the file system knows them.
    package static func withCString<Result>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        guard path.unicodeScalars.contains(where: isEscape) else { return try path.withCString(body) }
        var bytes: [UInt8] = []
        for scalar in path.unicodeScalars {
            if isEscape(scalar) { bytes.append(UInt8(scalar.value - escapeBase)) } else { bytes.append(contentsOf: String(scalar).utf8) }
        }
        bytes.append(0)
        return try bytes.withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// The path as messages print it: each byte that is no UTF-8 as `\xB1`.
    package static func displayed(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: isEscape) else { return path }
        var text = ""
        for scalar in path.unicodeScalars {
            if isEscape(scalar) {
                let byte = scalar.value - escapeBase
                text += "\\x" + String(byte, radix: 16, uppercase: true)
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    private static func isEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= escapeBase + 0x80 && scalar.value <= escapeBase + 0xFF
    }

    /// The scalar a valid UTF-8 sequence at `index` encodes, and its length; `nil` when the
    /// bytes there are no valid UTF-8 (overlong forms and surrogates included).
    private static func scalar<Bytes: Collection<UInt8>>(in bytes: Bytes, at index: Int) -> (Unicode.Scalar, Int)? where Bytes.Index == Int {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int, minimum: UInt32
        switch lead {
        case 0xC2...0xDF: (length, minimum) = (2, 0x80)
        case 0xE0...0xEF: (length, minimum) = (3, 0x800)
        case 0xF0...0xF4: (length, minimum) = (4, 0x10000)
        default: return nil
        }
        guard index + length <= bytes.endIndex else { return nil }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
