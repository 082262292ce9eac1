/// Terminal cell width of text: East Asian wide characters (Hangul syllables and jamo, CJK,
/// full-width forms) take two cells, combining marks none, everything else one.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        switch value {
        case 0x1100...0x115F,   // Hangul Jamo initial consonants
             0x2E80...0x303E,   // CJK radicals, punctuation
             0x3041...0x33FF,   // kana, Hangul compatibility jamo, CJK symbols
             0x3400...0x4DBF, 0x4E00...0x9FFF,  // CJK ideographs
             0xA960...0xA97F,   // Hangul Jamo Extended-A
             0xAC00...0xD7A3,   // Hangul syllables
             0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6,  // full-width forms
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        case 0x1160...0x11FF:   // medial vowels and finals join the preceding initial
            return 0
        default:
            return 1
        }
    }

    /// `text` padded with spaces to `width` cells, on the right (`leading: false`) or the left.
    package static func pad(_ text: String, to width: Int, leading: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - of(text)))
        return leading ? padding + text : text + padding
    }
}
