import CByteSearch
import KMATickerInput
import KMATickerModel

/// How a page's bytes were decided to be in a charset.
package enum CharsetEvidence: String, Sendable {
    /// A byte order mark.
    case byteOrderMark = "bom"
    /// The HTTP head or MIME part the page came in (`Content-Type: text/html; charset=euc-kr`),
    /// which browsers trust over the page's own declaration.
    case transport = "http-header"
    /// `<meta charset>`, `<meta http-equiv="Content-Type" content="…; charset=…">` or
    /// `<?xml … encoding="…"?>`.
    case declared
    /// No declaration, and every byte sequence is valid UTF-8.
    case validUTF8 = "valid-utf-8"
    /// No declaration and not valid UTF-8: of UTF-8 and CP949 (the Korean web's legacy
    /// charset), the one that decodes with fewer errors; CP949 on a tie.
    case fewestErrors = "fewest-errors"
    /// No BOM, but the bytes are laid out as UTF-16 text: NUL bytes beside the ASCII
    /// characters, Hangul syllables' high bytes, on one side (``UTF16Layout``).
    case detectedUTF16 = "detected-utf-16"
}

/// Decides a page's charset as browsers do: BOM, then a declaration near the top, then valid
/// UTF-8, then a guess between UTF-8 and CP949 (``CharsetEvidence/fewestErrors``); UTF-16
/// without a BOM is recognized by its bytes' layout first. Every EUC-KR label means CP949, as it does in browsers: strict EUC-KR
/// loses the syllables real pages use (똠, 뷁, …).
final class CharsetDetector {
    /// The charset kmaticker decodes with, as an iconv name, and the evidence for it.
    struct Decision: Equatable {
        let charset: String
        let evidence: CharsetEvidence
        /// Bytes of BOM to skip.
        let bomLength: Int
        /// For ``CharsetEvidence/validUTF8``: what the check that found the bytes valid also
        /// said, whether they can hold a ticker item (``kmaticker_utf8_check``), so that the
        /// page is not checked again to be decoded.
        var mayHoldItem: Bool?
    }

    /// Bytes searched for a declaration. Browsers look at the first 1,024; CMS skins put long
    /// comments and scripts before the meta tag, so look further.
    static let declarationWindow = 8192

    private let declaration: PCRE2Regex
    private let labelGroup: Int

    init() {
        do {
            declaration = try PCRE2Regex(
                #"<(?:meta\b[^>]*?\bcharset|\?xml\b[^>]*?\bencoding)\s*=\s*["']?\s*(?<label>[A-Za-z0-9_.:\-]+)"#,
                utf: false, caseless: true)
        } catch {
            fatalError("\(error)")
        }
        labelGroup = declaration.groupNumber("label")
    }

    /// `UTF-16LE` or `UTF-16BE` for UTF-16 text, by its BOM or else its bytes' layout; `nil`
    /// for anything else.
    static func utf16ByteOrder(of bytes: ArraySlice<UInt8>) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        return UTF16Layout.byteOrder(of: bytes)
    }

    /// - Parameter transportLabel: the charset the HTTP head or MIME part declares, if any.
    func decide(_ bytes: [UInt8], transportLabel: String? = nil) -> Decision {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Decision(charset: "UTF-8", evidence: .byteOrderMark, bomLength: 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return Decision(charset: "UTF-16LE", evidence: .byteOrderMark, bomLength: 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return Decision(charset: "UTF-16BE", evidence: .byteOrderMark, bomLength: 2) }
        // Before any label: UTF-16's NUL bytes make it no page in the charset a label names (a
        // server's default UTF-8, say), and a declaration inside it is not found by a byte search.
        if let order = UTF16Layout.byteOrder(of: bytes[...]) {
            return Decision(charset: order, evidence: .detectedUTF16, bomLength: 0)
        }
        if let transportLabel, let charset = Self.charset(forLabel: transportLabel) {
            return Decision(charset: charset, evidence: .transport, bomLength: 0)
        }
        if let label = declaredLabel(in: bytes), let charset = Self.charset(forLabel: label) {
            return Decision(charset: charset, evidence: .declared, bomLength: 0)
        }
        var mayHoldItem: Int32 = 0
        if bytes.withUnsafeBufferPointer({ kmaticker_utf8_check($0.baseAddress, $0.count, &mayHoldItem) }) != 0 {
            return Decision(charset: "UTF-8", evidence: .validUTF8, bomLength: 0, mayHoldItem: mayHoldItem != 0)
        }
        return Decision(charset: "CP949", evidence: .fewestErrors, bomLength: 0)
    }

    /// The label a page declares near its top, as written.
    func declaredLabel(in bytes: [UInt8]) -> String? {
        bytes.prefix(Self.declarationWindow).withUnsafeBufferPointer { window in
            guard let match = declaration.firstMatch(inBytes: window),
                  let label = match.group(labelGroup, inBytes: window) else { return nil }
            return String(decoding: label, as: UTF8.self)
        }
    }

    /// The iconv charset for a declared label; `nil` for a label kmaticker does not trust
    /// (then the bytes decide). UTF-16 declared inside the document is ignored, as browsers do.
    static func charset(forLabel label: String) -> String? {
        switch label.lowercased() {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
            return "UTF-8"
        case "euc-kr", "euckr", "cseuckr", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601",
             "csksc56011987", "iso-ir-149", "korean", "windows-949", "x-windows-949", "cp949", "ms949",
             "uhc", "x-uhc":
            return "CP949"
        case "iso-8859-1", "latin1", "us-ascii", "ascii", "windows-1252":
            // Browsers read all of these as windows-1252; a Korean page so labelled is
            // mislabelled, and its bytes decide.
            return nil
        default:
            return nil
        }
    }

    /// Whether `bytes` are well-formed UTF-8 (C, without making a String of them).
    static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { kmaticker_utf8_is_valid($0.baseAddress, $0.count) != 0 }
    }
}

extension PageSource {
    /// A page source that tells UTF-16 text without a byte order mark from binary data with
    /// this layer's ``UTF16Layout``.
    package convenience init(pageLimit: Int = PageBytes.maximumPageBytes, registry: StationRegistry) {
        self.init(pageLimit: pageLimit, registry: registry, isUTF16Text: CharsetDetector.isUTF16Text)
    }
}

extension CharsetDetector {
    /// Whether `bytes` start as UTF-16 text, with a byte order mark or without.
    package static func isUTF16Text(_ bytes: ArraySlice<UInt8>) -> Bool { utf16ByteOrder(of: bytes) != nil }
}
