#if canImport(Glibc)
import Glibc
#endif

// The few things kmaticker took from full Foundation's string API, which FoundationEssentials
// lacks: with them, no target of the binary links FoundationInternationalization and its ICU
// data (34 MB of the packaged binary). Each gives Foundation's result on the text kmaticker
// handles; `FoundationFreeTextTests` compares them with Foundation's over every scalar or a
// list of hard cases.

extension String {
    /// Without leading and trailing white space: Foundation's `CharacterSet.whitespaces`
    /// (the space separators, tab, and the zero width space that older Unicode counted as one).
    package func trimmingWhitespace() -> String {
        trimming(where: Self.isWhitespace)
    }

    /// Without leading and trailing white space and line ends: Foundation's
    /// `CharacterSet.whitespacesAndNewlines`.
    package func trimmingWhitespaceAndNewlines() -> String {
        trimming { Self.isWhitespace($0) || Self.isNewline($0) }
    }

    private func trimming(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isTrimmed($0) })!
        return String(scalars[first...last])
    }

    /// General category Zs (stable since Unicode 6.3), tab and U+200B.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// LF, VT, FF, CR, NEL, and the line and paragraph separators.
    private static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Every `target` replaced by `replacement`. Scalar by scalar: unlike Foundation's
    /// `replacingOccurrences`, a target followed by a combining mark (`"` + U+0301) is replaced
    /// too, so that an escaped or quoted field is always well formed.
    package func replacingEvery(_ target: Unicode.Scalar, with replacement: String) -> String {
        guard unicodeScalars.contains(target) else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + replacement.utf8.count)
        for scalar in unicodeScalars {
            if scalar == target { result += replacement } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// `format` filled in by C's `vsnprintf` (`%.1f`, `%02d`, …), as Foundation's
    /// `String(format:)` does for these. The C locale's `.` is the decimal point: nothing in
    /// kmaticker or the libraries it loads calls `setlocale`.
    package init(cFormat format: String, _ arguments: any CVarArg...) {
        // vsnprintf consumes its list: the length is asked with one, the text written with another.
        // (A negative length is a bad format: the result is then empty.)
        let length = Swift.max(0, Int(withVaList(arguments) { vsnprintf(nil, 0, format, $0) }))
        var buffer = [CChar](repeating: 0, count: length + 1)
        _ = withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) }
        self.init(decoding: buffer.prefix(length).map(UInt8.init(bitPattern:)), as: UTF8.self)
    }
}

/// A path's last component and its folder, as Foundation's `NSString` path methods give them:
/// runs of `/` count as one and a trailing `/` is dropped first; nothing is resolved. (This
/// Foundation's `deletingLastPathComponent` traps on a one-character relative path, `x` or
/// `.`, and takes `//` for an empty path.)
package enum PathComponents {
    /// `a/b.txt` → `b.txt`, `/a/b/` → `b`, `/` → `/`, `` → ``.
    package static func last(of path: String) -> String {
        let fixed = fixingSlashes(path)
        guard fixed.count > 1, let slash = fixed.lastIndex(of: "/") else { return fixed }
        return String(fixed[fixed.index(after: slash)...])
    }

    /// `a/b.txt` → `a`, `/a` → `/`, `b.txt` → ``, `/` → `/`.
    package static func deletingLast(of path: String) -> String {
        let fixed = fixingSlashes(path)
        guard let slash = fixed.lastIndex(of: "/") else { return "" }
        return slash == fixed.startIndex ? "/" : String(fixed[..<slash])
    }

    /// `folder/name`, with one slash between.
    package static func joined(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// Runs of `/` as one; no trailing `/` except the root's.
    private static func fixingSlashes(_ path: String) -> String {
        var fixed = ""
        for character in path where !(character == "/" && fixed.last == "/") { fixed.append(character) }
        if fixed.count > 1, fixed.last == "/" { fixed.removeLast() }
        return fixed
    }
}
