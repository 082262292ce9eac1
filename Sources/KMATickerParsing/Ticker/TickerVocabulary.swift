/// What a ticker item is written with, beyond ASCII digits and signs: its temperature units,
/// the forms they are printed in, and the script of its words. One table for Swift and C:
///
/// - the tokenizer reads it (``TickerTokenizer`` for the units, ``TickerText`` for the printed
///   forms and references it folds);
/// - the C scans read it through `Sources/CByteSearch/ticker_vocabulary.h`, which
///   `dev/fixtures/generate-ticker-vocabulary` writes from it: the scans that pass over pages no item
///   can be in (`kmaticker_may_hold_ticker_item`, `kmaticker_utf8_check`: a page they pass over
///   is "no ticker" without a word) and the one that finds where the ticker can be
///   (`kmaticker_unit_starts`).
///
/// `TickerVocabularyTests` fails when the header is not what this table gives, and when a C scan
/// misses anything the tokenizer reads (every unit, form, reference, condition word and station
/// name, in UTF-8 and in CP949). A new unit or form is one line here, then the script.
enum TickerVocabulary {
    /// What a unit says of the number before it.
    enum Meaning: Equatable {
        case celsius
        /// Foreign: read, so that the item is named, but not stored (kmaticker does not convert).
        case fahrenheit
        /// `°`, `˚`: Celsius alone or with `C`, Fahrenheit with `F` (``degreeLetters``).
        case degree
    }

    /// A unit's sign, as the tokenizer sees it (after ``TickerText``'s folding).
    struct Unit: Equatable {
        let sign: Unicode.Scalar
        let meaning: Meaning
        /// A Hangul syllable (`도`): a unit only right after a number (it is a syllable of 울릉도
        /// and countless words), and prose's unit rather than a ticker's.
        let isSyllable: Bool
        /// Whether the region scan looks for the ticker where these cluster (``PageRegions``).
        let marksRegions: Bool
    }

    static let units: [Unit] = [
        Unit(sign: "℃", meaning: .celsius, isSyllable: false, marksRegions: true),
        // KMA prints Celsius: a page of ℉ is some other site's weather.
        Unit(sign: "℉", meaning: .fahrenheit, isSyllable: false, marksRegions: false),
        Unit(sign: "°", meaning: .degree, isSyllable: false, marksRegions: true),
        Unit(sign: "˚", meaning: .degree, isSyllable: false, marksRegions: true),
        // Every Korean page is full of the syllable: as a marker it would make the whole page one region.
        Unit(sign: "도", meaning: .celsius, isSyllable: true, marksRegions: false),
    ]

    /// The letters after a degree sign (`°C`, `˚ F`; lower case too), and what they mean.
    static let degreeLetters: [(letter: Unicode.Scalar, meaning: Meaning)] = [
        ("C", .celsius), ("c", .celsius), ("F", .fahrenheit), ("f", .fahrenheit),
    ]

    /// Printed forms ``TickerText`` folds into a unit's sign or letter. None marks regions: a
    /// ticker printed only with them is read from the whole page.
    static let printedForms: [(printed: Unicode.Scalar, folded: Unicode.Scalar)] = [
        // Printed for ° by some keyboards.
        ("º", "°"),
        // Full-width letters of an IME (`３１．５°Ｃ`).
        ("Ｃ", "C"), ("Ｆ", "F"),
    ]

    /// Character references a text capture can hold undecoded (an HTML page's are decoded by
    /// libxml2), which ``TickerText`` decodes, in any case.
    static let references: [(spelling: String, scalar: Unicode.Scalar, marksRegions: Bool)] = [
        // How Korean sites write ℃ in their HTML: the region scan finds it in the page's bytes.
        ("&#8451;", "℃", true), ("&#x2103;", "℃", false),
        ("&deg;", "°", false), ("&#176;", "°", false), ("&#xb0;", "°", false),
        ("&nbsp;", " ", false),
    ]

    /// HTML's named references to a unit's sign or printed form, which an HTML page may hold for
    /// one (libxml2 decodes them; `&ring;` is HTML5's, which libxml2 2.9 leaves as printed).
    /// Numeric references are all above U+007F, as every sign and word scalar is.
    static let namedReferences: [(name: String, scalar: Unicode.Scalar)] = [
        ("deg", "°"), ("ordm", "º"), ("ring", "˚"),
    ]

    /// The scalars every word of an item is written in: condition words, station names,
    /// `영하`/`영상`, `도` are Hangul syllables.
    static let wordScalars: ClosedRange<UInt32> = 0xAC00...0xD7A3
    /// Conjoining jamo, which a page in NFD holds for syllables (NFC composes them).
    static let composingIntoWords: ClosedRange<UInt32> = 0x1100...0x11FF

    // MARK: The tokenizer's questions

    /// The unit whose sign is `scalar`.
    static func unit(_ scalar: Unicode.Scalar) -> Unit? {
        for unit in units where unit.sign == scalar { return unit }
        return nil
    }

    /// The signs that are a unit on their own (not after a number only), which start a
    /// temperature and make a word of unknown text hold one.
    static let standaloneSigns: [Unicode.Scalar] = units.filter { !$0.isSyllable }.map(\.sign)

    /// The values ``standaloneSigns`` span: the tokenizer asks at almost every scalar of a page,
    /// and ASCII and Hangul (nearly all of them) fall outside at once.
    static let standaloneSignValues: ClosedRange<UInt32> =
        (standaloneSigns.map(\.value).min() ?? 0)...(standaloneSigns.map(\.value).max() ?? 0)

    /// What `letter` after a degree sign means, if it is one of ``degreeLetters``.
    static func degreeLetter(_ letter: Unicode.Scalar) -> Meaning? {
        degreeLetters.first { $0.letter == letter }?.meaning
    }

    /// The sign or letter `scalar` is a printed form of.
    static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        printedForms.first { $0.printed == scalar }?.folded
    }
}
