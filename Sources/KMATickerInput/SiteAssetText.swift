/// Text files a saved site holds beside its pages: a browser's "Save page, complete" keeps the
/// style sheets and scripts, `wget -r` and HTTrack keep `robots.txt` and their logs, pywb and
/// ArchiveBox keep CDX indexes and JSON. Told by their content (a mirror names them anything:
/// `style.css?v=3`, `index.cdxj`), so that a folder of such a site passes them over, counted as
/// skipped, and fails only a file that could be a page and holds no ticker.
///
/// Only the first bytes are looked at, and an opening is no proof: a text capture can open as
/// one does (`[1보] …` as JSON, `var 이란 …` as a script). So a file that opens so is still
/// read, and passed over only when it holds no ticker (``CapturedPage/siteAssetKind``): a page
/// is never lost to its first line.
enum SiteAssetText {
    /// What the file opens as (`a style sheet (CSS)`), or `nil` when it opens as none of them.
    static func kind(of bytes: ArraySlice<UInt8>) -> String? {
        var text = Substring(String(decoding: bytes.prefix(4096), as: UTF8.self))
        if text.first == "\u{FEFF}" { text = text.dropFirst() }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        // Logs: their producer's own first line.
        if firstLine.hasPrefix("HTTrack") && firstLine.contains("launched on") { return "a mirror's log (HTTrack)" }
        if isWgetLogLine(firstLine) { return "a download log (wget)" }
        // The index page HTTrack writes at a mirror's top, which links the mirrored sites.
        if text.contains("<!-- Mirror and index made by HTTrack Website Copier") { return "HTTrack's index of the mirror" }
        // CDX indexes: the CDX header, pywb's CDXJ lines (`com,example)/ 20250818104512 {…}`).
        if firstLine.hasPrefix(" CDX ") || firstLine.hasPrefix("CDX ") { return "a CDX index" }
        if isCDXLine(firstLine) { return "a CDX index" }
        let start = skippingSpacesAndComments(text)
        guard let first = start.first, first != "<" else { return nil }
        if first == "{" || first == "[" {
            return looksLikeJSON(start) ? "JSON data" : nil
        }
        if isRobotsLine(start.prefix { $0 != "\n" && $0 != "\r" }) { return "a robots.txt" }
        if looksLikeCSS(start) { return "a style sheet (CSS)" }
        if looksLikeJavaScript(start) { return "a script (JavaScript)" }
        return nil
    }

    /// `text` from its first byte that is neither whitespace nor inside a `/* … */` or `//`
    /// comment (CSS and JavaScript open with licence comments).
    private static func skippingSpacesAndComments(_ text: Substring) -> Substring {
        var rest = text
        while true {
            rest = rest.drop { $0.isWhitespace }
            if rest.hasPrefix("/*") {
                guard let end = rest.firstRange(of: "*/") else { return rest[rest.endIndex...] }
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("//") {
                rest = rest.drop { $0 != "\n" }
            } else {
                return rest
            }
        }
    }

    /// `{` or `[` first, then JSON's tokens only up to where the first 4 KB end: a text capture
    /// that opens with `[속보]` has a word where JSON has a string, number or bracket.
    private static func looksLikeJSON(_ text: Substring) -> Bool {
        var rest = text.dropFirst().drop { $0.isWhitespace }
        guard let next = rest.first else { return true }
        if text.first == "{" { return next == "\"" || next == "}" }
        rest = rest.prefix(64)
        return next == "\"" || next == "{" || next == "[" || next == "]" || next == "-" || next.isASCII && next.isNumber
            || rest.hasPrefix("true") || rest.hasPrefix("false") || rest.hasPrefix("null")
    }

    private static func isRobotsLine(_ line: Substring) -> Bool {
        let lower = line.lowercased()
        return ["user-agent:", "disallow:", "allow:", "sitemap:", "crawl-delay:"].contains { lower.hasPrefix($0) }
    }

    /// A rule (`@charset`, `@import`, `@media`, `@font-face`, `:root {`), or a selector of
    /// selector characters and a `{` whose block opens with `property:`.
    private static func looksLikeCSS(_ text: Substring) -> Bool {
        let lower = text.prefix(16).lowercased()
        if ["@charset", "@import", "@media", "@font-face", "@keyframes", "@layer", "@supports", ":root"].contains(where: lower.hasPrefix) {
            return true
        }
        guard let brace = text.prefix(300).firstIndex(of: "{") else { return false }
        let selector = text[..<brace]
        guard !selector.isEmpty, selector.unicodeScalars.allSatisfy({ $0.isASCII && (isSelectorCharacter($0)) }) else { return false }
        let block = text[text.index(after: brace)...].drop { $0.isWhitespace }
        let property = block.prefix { $0.isASCII && ($0.isLetter || $0 == "-") }
        return !property.isEmpty && block[property.endIndex...].drop { $0 == " " }.first == ":"
    }

    private static func isSelectorCharacter(_ scalar: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(scalar.value) || (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
            || " \t\r\n-_.#:,>+~*[]=\"'()^$|".unicodeScalars.contains(scalar)
    }

    /// What scripts open with: a declaration, an immediately called function, `"use strict"`,
    /// a module statement, a bundler's or a library's call.
    private static func looksLikeJavaScript(_ text: Substring) -> Bool {
        let openings = ["(function", "!function", "function ", "function(", "var ", "let ", "const ", "\"use strict\"",
                        "'use strict'", "import ", "export ", "window.", "document.", ";(function", "(()", "(async",
                        "define(", "require(", "$(", "jQuery(", "self.", "this.", "if(typeof", "if (typeof",
                        "(self.webpackChunk", "(window.webpackJsonp", "try{", "try {"]
        return openings.contains { text.hasPrefix($0) }
    }

    /// `--2025-08-18 10:40:12--  https://…`: wget's first line of each download.
    private static func isWgetLogLine(_ line: Substring) -> Bool {
        guard line.hasPrefix("--"), line.count > 23 else { return false }
        let stamp = Array(line.dropFirst(2).prefix(21))
        let shape = Array("0000-00-00 00:00:00--")
        return zip(stamp, shape).allSatisfy { $1 == "0" ? $0.isASCII && $0.isNumber : $0 == $1 } && stamp.count == shape.count
    }

    /// `com,example)/path 20250818104512 …`: a SURT key without spaces, then a 14-digit time.
    private static func isCDXLine(_ line: Substring) -> Bool {
        let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].contains(")"), !fields[0].isEmpty else { return false }
        return fields[1].count == 14 && fields[1].allSatisfy { $0.isASCII && $0.isNumber }
    }
}
