/// What the tokenizer recognizes in a line of page text: the three parts of a ticker item and
/// the things that look like parts but cannot be read.
enum TickerToken: Equatable {
    /// A condition word from ``ConditionVocabulary`` (`흐림`, `비 또는 눈`), NFC as printed.
    case condition(String)
    /// The placeholder `-` a site prints for "no present-weather observation" (`-동두천 8.8℃`).
    case noCondition
    /// A registry name or alias (`북강릉`, `홍성(예)`), as printed, and its station's number.
    case station(id: Int, printed: String)
    /// A temperature in °C: `27.8℃`, `-2.3 °C`, `영하 3.2도`; `nil` for a unit printed with no
    /// number (`맑음고창 ℃`, `-℃`, `--℃`), a missing value.
    case celsius(Double?)
    /// A temperature in a unit that is not Celsius (`84.7℉`, `84.7°F`): reported, not converted.
    case foreignUnit(String)
    /// A number with no unit (`흐림속초27.8`: a capture cut off mid-item, or a list number).
    case bareNumber(String)

    /// The part of an item the token fills.
    var part: TickerPart {
        switch self {
        case .condition, .noCondition: return .condition
        case .station: return .name
        case .celsius, .foreignUnit, .bareNumber: return .temperature
        }
    }
}

/// The three parts of a ticker item.
enum TickerPart: Int, Comparable {
    case condition, name, temperature

    static func < (lhs: TickerPart, rhs: TickerPart) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The parts an item has so far, and the last one it took (a plain value: items are made for
/// every line of a page).
struct TickerParts: Equatable {
    private var mask: UInt8 = 0
    private(set) var last: TickerPart?

    func contains(_ part: TickerPart) -> Bool { mask & (1 << part.rawValue) != 0 }

    /// Whether `part` is the only one.
    func isOnly(_ part: TickerPart) -> Bool { mask == 1 << part.rawValue }

    /// How many of the three parts there are.
    var count: Int { mask.nonzeroBitCount }

    mutating func append(_ part: TickerPart) {
        mask |= 1 << part.rawValue
        last = part
    }
}

/// One piece of a line: a token, text the tokenizer does not know (a word, a list number, a
/// date), or a known non-item (`광고`, `기상청 제공`, `|`-like separators are not pieces at all).
struct TickerPiece: Equatable {
    enum Kind: Equatable {
        case token(TickerToken)
        /// Unknown text (its scalars are the piece's range of the line). `isWord`: Hangul (and
        /// the parentheses of `홍성(예)`), ten syllables at most, which can be an unknown
        /// condition or station name in the right place. `hasDigits`: a digit or a unit in it
        /// (`3O.3℃`): a temperature that could not be read.
        case unknown(isWord: Bool, hasDigits: Bool)
        /// Words that stand inside tickers and are no item: ads, the credit, slider buttons.
        case nonItem
    }

    var kind: Kind
    /// Folded scalars of the line (see ``TickerText``).
    var range: Range<Int>
    /// Whether whitespace (or a separator) stands right before / right after the piece.
    var spaceBefore: Bool
    var spaceAfter: Bool

    var token: TickerToken? {
        if case .token(let token) = kind { return token }
        return nil
    }
}
