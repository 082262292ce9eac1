import Foundation
@testable import KMATickerModel
@testable import KMATickerParsing

// A generator of random KMA tickers and a renderer that prints them the ways news pages do
// (issue 10, items 1, 2 and 4). The expected reading is computed here, from the generated
// ticker and the registry, never from kmaticker's own parser.
//
//   GeneratedTicker  what is printed and what must come back (observations, rejected items)
//   RenderingForm    how it is printed: markup, wrapper, item form, noise (weather prose
//                    among it: WeatherProse.swift), copies
//   TickerRenderer   prints a GeneratedTicker in a RenderingForm: one function per markup,
//                    one per item form, one per part
//   Rendering        the page, and everything needed to check and reproduce it

// MARK: - The generated ticker

/// The order of an item's parts, one per rendering: `흐림속초 27.8℃` or `서울 맑음 29.3℃`.
enum PartOrder: String, CaseIterable, Sendable {
    case conditionFirst = "condition-first"
    case nameFirst = "name-first"
}

/// A random ticker: a subset of the registry in ascending station number, each item with or
/// without its condition, name and temperature, and maybe one item that cannot be read.
///
/// `random(using:order:noConditionPrintsPlaceholder:)` keeps the rules that make any rendering
/// unambiguous; `ruleViolations()` checks them (a test runs it on thousands of tickers).
struct GeneratedTicker {
    enum Condition: Equatable {
        /// A word of ``ConditionVocabulary`` other than `-`.
        case word(String)
        /// `-`: no present-weather observation. Printed only right before a printed name
        /// (`-동두천 8.8℃`), where it cannot be taken for a minus sign.
        case placeholder
        case none
    }

    /// How an item without a temperature prints it.
    enum MissingTemperature: String, CaseIterable {
        case nothing          // 구름조금북창원
        case bareUnit         // 맑음고창 ℃
        case dashUnit         // 구름조금북창원-℃
        case doubleDashUnit   // 구름조금북창원--℃
    }

    enum Temperature: Equatable {
        /// Tenths of a degree: −250 … 399 (integers, so that no −0.0 is ever printed).
        case tenths(Int)
        case missing(MissingTemperature)
    }

    /// A value no reader may store: it must come back in `rejectedItems`.
    enum Unreadable: Equatable {
        /// `84.7℉`: not Celsius; never converted silently.
        case fahrenheit(tenths: Int)
        /// `3O.3℃`: a letter inside the number (the text of the number is kept here).
        case letterInNumber(String)

        /// The bit of the printed item that the rejected item's text must contain.
        var distinctive: String {
            switch self {
            case .fahrenheit(let tenths): return "\(tenths / 10).\(tenths % 10)℉"
            case .letterInNumber(let number): return number
            }
        }
    }

    struct Item {
        var station: Station
        var condition: Condition
        /// The name as printed (registry name or alias such as `홍성(예)`); `nil`: nameless.
        var printedName: String?
        var temperature: Temperature
        var unreadable: Unreadable?

        var printsName: Bool { printedName != nil }
        var hasConditionWord: Bool { if case .word = condition { return true } else { return false } }
        /// Prints a value (readable or not): the item ends with a unit.
        var printsValue: Bool {
            if unreadable != nil { return true }
            if case .tenths = temperature { return true }
            return false
        }
        /// Prints nothing in the value's place or only a unit: the item's end is not marked.
        var lacksTemperature: Bool { !printsValue }
    }

    /// What one item must read back as.
    struct ExpectedObservation: Equatable, CustomStringConvertible {
        var stationID: Int?
        var source: StationSource
        var condition: String?
        var temperatureC: Double?

        var description: String {
            "\(stationID.map(String.init) ?? "nil")/\(source.rawValue)/\(condition ?? "nil")/"
                + (temperatureC.map { String($0) } ?? "nil")
        }
    }

    let order: PartOrder
    /// Whether the markup prints a missing condition as `-` (the ND Soft skin's `iw00`).
    let noConditionPrintsPlaceholder: Bool
    var items: [Item]

    static let conditionWords = ConditionVocabulary.knownWords.filter { $0 != ConditionVocabulary.noObservation }
    /// The aliases KMA prints, by station number (`홍성(예)`, `서청주(예)`, `백령`).
    static let aliasesByID: [Int: String] = Dictionary(
        StationRegistry.aliases.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
    /// The stations every real ticker seen prints without a name (ticker.md).
    static let realNamelessIDs: Set<Int> = [93, 181, 239, 296]

    // MARK: Generating

    /// The 16 stations one ND Soft skin prints (ticker.md), in ASOS order.
    static let ndSoftStationIDs = [98, 105, 108, 133, 143, 152, 156, 159, 172, 184, 201, 226, 238, 259, 283, 294]

    /// A random ticker over a random subset of the registry (or over `stationIDs` when given).
    static func random(using random: inout SplitMix64, order: PartOrder, noConditionPrintsPlaceholder: Bool,
                       stationIDs: [Int]? = nil, registry: StationRegistry = .asos) -> GeneratedTicker {
        let all = registry.stations
        let size = random.chance(20) ? all.count : random.int(in: 3...all.count)
        let stations = stationIDs.map { $0.compactMap(registry.station(id:)) }
            ?? random.shuffled(Array(all.indices)).prefix(size).sorted().map { all[$0] }

        enum NamelessMode: CaseIterable { case never, realFour, rare, often }
        let namelessMode = random.element(of: NamelessMode.allCases)
        let aliasRate = random.chance(50) ? 0 : 60
        let missingTemperatureRate = random.element(of: [0, 5, 15, 40])
        let noConditionRate = random.element(of: [0, 10, 30])

        var items = stations.map { station -> Item in
            let nameless: Bool
            switch namelessMode {
            case .never: nameless = false
            case .realFour: nameless = realNamelessIDs.contains(station.id)
            case .rare: nameless = random.chance(8)
            case .often: nameless = random.chance(35)
            }
            let condition: Condition = random.chance(noConditionRate)
                ? (random.chance(50) ? .placeholder : .none)
                : .word(random.element(of: conditionWords))
            let temperature: Temperature = random.chance(missingTemperatureRate)
                ? .missing(random.element(of: MissingTemperature.allCases))
                : .tenths(random.int(in: -250...399))
            return Item(station: station, condition: condition,
                        printedName: nameless ? nil : printedName(of: station, aliasRate: aliasRate, using: &random),
                        temperature: temperature, unreadable: nil)
        }
        if random.chance(35) {
            let index = random.int(in: 0..<items.count)
            items[index].unreadable = random.chance(50)
                ? .fahrenheit(tenths: random.int(in: 320...1049))
                : .letterInNumber(numberWithALetter(using: &random))
        }
        var ticker = GeneratedTicker(order: order, noConditionPrintsPlaceholder: noConditionPrintsPlaceholder, items: items)
        ticker.enforceRules(using: &random, registry: registry)
        return ticker
    }

    static func printedName(of station: Station, aliasRate: Int, using random: inout SplitMix64) -> String {
        if let alias = aliasesByID[station.id], random.chance(aliasRate) { return alias }
        return station.nameKorean
    }

    /// `3O.3`, `2l.7`: a two-digit number with one digit replaced by a look-alike letter.
    static func numberWithALetter(using random: inout SplitMix64) -> String {
        var characters = Array(String(random.int(in: 10...39)))
        characters[random.int(in: 0...1)] = random.element(of: ["O", "o", "l", "I"])
        return String(characters) + "." + String(random.int(in: 0...9))
    }

    /// Repairs a random ticker until it keeps every rule of `ruleViolations()`. Each step only
    /// adds parts (a name, a condition word, a value), so no later step undoes an earlier one.
    mutating func enforceRules(using random: inout SplitMix64, registry: StationRegistry) {
        func printName(_ index: Int) {
            if items[index].printedName == nil { items[index].printedName = items[index].station.nameKorean }
        }
        func giveConditionWord(_ index: Int) {
            if !items[index].hasConditionWord {
                items[index].condition = .word(random.element(of: Self.conditionWords))
            }
        }
        // More than half of the items print a name (issue 21: a block that names half its
        // items or fewer is read as a table of values per city, not a ticker; real tickers
        // name 93 of 97).
        var nameless = items.indices.filter { !items[$0].printsName }
        while (items.count - nameless.count) * 2 <= items.count {
            printName(nameless.remove(at: random.int(in: 0..<nameless.count)))
        }
        for index in items.indices {
            // `-` is printed only in condition-first order, right before a printed name.
            if order == .nameFirst, items[index].condition == .placeholder { items[index].condition = .none }
            if items[index].unreadable != nil {
                // An unreadable item prints its condition and name (it then leads either order),
                // and its neighbours print their names.
                printName(index)
                giveConditionWord(index)
                if index > 0 { printName(index - 1) }
                if index + 1 < items.count { printName(index + 1) }
            }
            if printsPlaceholder(items[index]) { printName(index) }
            // At least one part: a condition word, a name or a value.
            if !items[index].hasConditionWord, !items[index].printsName, !items[index].printsValue { printName(index) }
        }
        // The last item ends the ticker with a value.
        if items[items.count - 1].lacksTemperature {
            items[items.count - 1].temperature = .tenths(random.int(in: -250...399))
        }
        // An item without a value is followed by an item that prints its leading part.
        for index in items.indices.dropLast() where items[index].lacksTemperature {
            switch order {
            case .conditionFirst: giveConditionWord(index + 1)
            case .nameFirst: printName(index + 1)
            }
        }
    }

    /// Whether the item prints `-` in the condition's place.
    func printsPlaceholder(_ item: Item) -> Bool {
        item.condition == .placeholder || (item.condition == .none && noConditionPrintsPlaceholder)
    }

    /// The rules every generated ticker keeps; empty when it keeps them all.
    func ruleViolations(registry: StationRegistry = .asos) -> [String] {
        var violations: [String] = []
        let ids = items.map(\.station.id)
        if items.count < 3 || items.count > registry.stations.count { violations.append("size \(items.count)") }
        if ids != ids.sorted() || Set(ids).count != ids.count { violations.append("stations not in ascending order") }
        if items.filter({ $0.unreadable != nil }).count > 1 { violations.append("more than one unreadable item") }
        if items.filter(\.printsName).count * 2 <= items.count { violations.append("half the items or more print no name") }
        for (index, item) in items.enumerated() {
            let here = "item \(index) (\(item.station.id))"
            if !item.hasConditionWord, !item.printsName, !item.printsValue { violations.append("\(here) prints no part") }
            if printsPlaceholder(item), !item.printsName { violations.append("\(here) prints '-' without a name") }
            if item.condition == .placeholder, order == .nameFirst { violations.append("\(here) prints '-' name-first") }
            if let name = item.printedName, registry.station(named: name)?.id != item.station.id {
                violations.append("\(here) prints the name '\(name)' of another station")
            }
            if item.unreadable != nil {
                if !item.printsName || !item.hasConditionWord { violations.append("\(here) unreadable without condition and name") }
                let neighbours = [index - 1, index + 1].filter(items.indices.contains)
                if neighbours.contains(where: { !items[$0].printsName }) { violations.append("\(here) unreadable next to a nameless item") }
            }
            if item.lacksTemperature {
                if index == items.count - 1 {
                    violations.append("the last item prints no value")
                } else {
                    let next = items[index + 1]
                    let leads = order == .conditionFirst ? next.hasConditionWord : next.printsName
                    if !leads { violations.append("\(here) lacks a value and the next item does not print its leading part") }
                }
            }
        }
        return violations
    }

    // MARK: What must come back

    /// The observations a correct reader returns, in ticker order: every item but the unreadable.
    func expectedObservations(registry: StationRegistry = .asos) -> [ExpectedObservation] {
        let registryIDs = registry.stations.map(\.id)
        return items.indices.compactMap { index -> ExpectedObservation? in
            let item = items[index]
            guard item.unreadable == nil else { return nil }
            let (stationID, source) = expectedStation(at: index, registryIDs: registryIDs)
            let condition: String? = if case .word(let word) = item.condition { word } else { nil }
            let temperature: Double? = if case .tenths(let tenths) = item.temperature { Double(tenths) / 10 } else { nil }
            return ExpectedObservation(stationID: stationID, source: source, condition: condition, temperatureC: temperature)
        }
    }

    /// The distinctive text of each item that must be rejected, in ticker order.
    var expectedRejections: [String] { items.compactMap { $0.unreadable?.distinctive } }

    /// A printed name is the station (`ticker`). A nameless item is `inferred` when both its
    /// immediate neighbours print a registry name (the registry's start or end standing in for
    /// a neighbour missing at the ticker's ends) and exactly one registry station lies strictly
    /// between them; else `unresolved`. Computed from the registry's list, not its helpers.
    func expectedStation(at index: Int, registryIDs: [Int]) -> (Int?, StationSource) {
        let item = items[index]
        if item.printsName { return (item.station.id, .ticker) }
        var lower = Int.min
        var upper = Int.max
        if index > 0 {
            guard items[index - 1].printsName else { return (nil, .unresolved) }
            lower = items[index - 1].station.id
        }
        if index + 1 < items.count {
            guard items[index + 1].printsName else { return (nil, .unresolved) }
            upper = items[index + 1].station.id
        }
        let between = registryIDs.filter { $0 > lower && $0 < upper }
        return between.count == 1 ? (between[0], .inferred) : (nil, .unresolved)
    }
}

// MARK: - How it is printed

/// Text capture or HTML: decides which characters and entities a part may use.
enum Medium: String { case text, html }

/// The container the ticker is printed in. One function per case in ``TickerRenderer``.
enum Markup: String, CaseIterable, Sendable {
    case textCapture        // lines with `  • `, `- ` or no bullets
    case unorderedList      // <ul><li>맑음서울 29.3℃</li>
    case divSpans           // <div><span>맑음</span><span>서울</span><span>29.3℃</span></div>
    case definitionList     // <dl><dt>서울</dt><dd>맑음 29.3℃</dd> (name-first)
    case tableRowPerItem    // <tr><td>맑음</td><td>서울</td><td>29.3℃</td></tr>
    case tableGrid          // <tr><td>맑음서울 29.3℃</td><td>…</td></tr>, several items per row
    case imageAltList       // <li><img alt="맑음">서울 29.3℃</li>
    case inlineSpans        // one line: <span>…</span><span>…</span>
    case inlineLinks        // one line: <a>…</a> | <a>…</a>
    case ndSoftSkin         // <li class="icon_w"><span class="iw08">비</span>서울 8.2℃</li>

    var medium: Medium { self == .textCapture ? .text : .html }
}

/// Where an HTML ticker sits: in the page, or hidden in a container a browser does not render.
enum Wrapper: String, CaseIterable, Sendable { case none, noscript, template, iframeSrcdoc }

enum Bullet: String, CaseIterable {
    case dot = "  • "
    case dash = "- "
    case none = ""
}

enum TemperatureUnit: String, CaseIterable {
    case celsiusSign = "℃"
    case degreeC = "°C"
    case ringC = "˚C"
    case degree = "°"
    case korean = "도"
    case celsiusEntity = "&#8451;"
    case degEntityC = "&deg;C"

    var isEntity: Bool { self == .celsiusEntity || self == .degEntityC }
}

/// A second copy of the ticker on the page.
enum TickerCopy: Equatable, CustomStringConvertible {
    case none
    /// A marquee's repeat of the whole list, in the same container.
    case marqueeWhole
    /// A marquee's repeat of the first `count` items, in the same container.
    case marqueePrefix(Int)
    /// A mobile copy elsewhere on the page, in another markup.
    case mobile(Markup)

    var description: String {
        switch self {
        case .none: return "none"
        case .marqueeWhole: return "marquee repeat of the whole list"
        case .marqueePrefix(let count): return "marquee repeat of the first \(count) items"
        case .mobile(let markup): return "mobile copy (\(markup.rawValue))"
        }
    }
}

/// The per-item form of one rendering: how the parts of each item are spelled and spaced.
struct ItemForm: CustomStringConvertible {
    enum Spacing: String, CaseIterable { case tight, single, any }

    var order: PartOrder
    var spacing: Spacing
    /// One unit for the whole rendering, or several picked per item.
    var units: [TemperatureUnit]
    var spaceBeforeUnitPercent: Int
    /// Minus signs: `-`, `−` U+2212, `–` U+2013, `－` U+FF0D; one or several.
    var signs: [String]
    /// `영하 3.2도` for negative values printed with `도`.
    var yeonghaPercent: Int
    var fullWidthDigitsPercent: Int
    /// Zero-width things inserted between the characters of words and numbers.
    var invisibles: [String]
    var invisiblesPercent: Int
    /// No-break and thin spaces used between parts.
    var wideSpaces: [String]
    /// `<br>` between the parts of an item.
    var lineBreakPercent: Int

    var description: String {
        var parts = ["\(order.rawValue)", "spacing \(spacing.rawValue)",
                     "units \(units.map(\.rawValue).joined(separator: " "))"]
        if spaceBeforeUnitPercent > 0 { parts.append("space before unit \(spaceBeforeUnitPercent)%") }
        parts.append("signs \(signs.map { $0.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined() }.joined(separator: " "))")
        if yeonghaPercent > 0 { parts.append("영하 \(yeonghaPercent)%") }
        if fullWidthDigitsPercent > 0 { parts.append("full-width digits \(fullWidthDigitsPercent)%") }
        if invisiblesPercent > 0 { parts.append("invisibles \(invisibles.map(Self.visible).joined(separator: " ")) \(invisiblesPercent)%") }
        if !wideSpaces.isEmpty { parts.append("wide spaces \(wideSpaces.map(Self.visible).joined(separator: " "))") }
        if lineBreakPercent > 0 { parts.append("<br> in items \(lineBreakPercent)%") }
        return parts.joined(separator: ", ")
    }

    static func visible(_ text: String) -> String {
        text.hasPrefix("&") || text.hasPrefix("<") ? text
            : text.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined()
    }

    static func random(using random: inout SplitMix64, order: PartOrder, medium: Medium) -> ItemForm {
        let usable = TemperatureUnit.allCases.filter { medium == .html || !$0.isEntity }
        let units = random.chance(25) ? Array(random.shuffled(usable).prefix(3))
            : [random.chance(40) ? TemperatureUnit.celsiusSign : random.element(of: usable)]
        let allSigns = ["-", "\u{2212}", "\u{2013}", "\u{FF0D}"]
        let signs = random.chance(20) ? allSigns : [random.chance(50) ? "-" : random.element(of: allSigns)]
        let invisibleChoices = medium == .html
            ? ["\u{200B}", "&#8203;", "&shy;", "<wbr>"]
            : ["\u{200B}", "\u{00AD}"]
        let invisibles = Array(random.shuffled(invisibleChoices).prefix(random.int(in: 1...invisibleChoices.count)))
        let wideSpaceChoices = medium == .html
            ? ["\u{00A0}", "&nbsp;", "\u{2009}", "&thinsp;"]
            : ["\u{00A0}", "\u{2009}"]
        return ItemForm(
            order: order,
            spacing: random.element(of: Spacing.allCases),
            units: units,
            spaceBeforeUnitPercent: random.element(of: [0, 0, 30, 100]),
            signs: signs,
            yeonghaPercent: random.element(of: [0, 50, 100]),
            fullWidthDigitsPercent: random.chance(75) ? 0 : random.element(of: [30, 100]),
            invisibles: invisibles,
            invisiblesPercent: random.chance(65) ? 0 : random.element(of: [15, 50]),
            wideSpaces: random.chance(70) ? [] : Array(random.shuffled(wideSpaceChoices).prefix(2)),
            lineBreakPercent: medium == .html && random.chance(15) ? 30 : 0)
    }
}

/// Everything about how one rendering prints its ticker, for the failure report.
struct RenderingForm: CustomStringConvertible {
    var markup: Markup
    var wrapper: Wrapper
    var bullet: Bullet
    var item: ItemForm
    /// Items on one line (HTML); inline markups always are.
    var itemsOnOneLine: Bool
    /// ~300 bytes of attributes on every element of the ticker.
    var heavyAttributes: Bool
    var menu: Bool
    var scripts: Bool
    var articleList: Bool
    var credit: Credit
    var adInList: Bool
    var separatorInList: Bool
    var copy: TickerCopy = .none
    /// Weather prose (``WeatherProse``) in the article, after the ticker and its credit:
    /// paragraphs of every form, none of it a ticker.
    var prose = false
    /// A headline-like line of weather prose above the ticker (`[날씨] 서울 -11.2도…올겨울 최저`).
    var proseAbove = false

    enum Credit: String, CaseIterable { case absent, afterBlock, insideBlock }

    var description: String {
        var parts = [markup.rawValue]
        if markup == .textCapture { parts.append("bullet '\(bullet.rawValue)'") }
        if wrapper != .none { parts.append("in \(wrapper.rawValue)") }
        if itemsOnOneLine, markup.medium == .html { parts.append("one line") }
        if heavyAttributes { parts.append("heavy attributes") }
        parts.append(item.description)
        var noise: [String] = []
        if menu { noise.append("menu") }
        if scripts { noise.append("scripts") }
        if articleList { noise.append("article list") }
        if adInList { noise.append("ad in list") }
        if separatorInList { noise.append("| in list") }
        if prose { noise.append("prose") }
        if proseAbove { noise.append("prose above") }
        noise.append("credit \(credit.rawValue)")
        parts.append("noise: " + noise.joined(separator: " "))
        if copy != .none { parts.append("copy: \(copy)") }
        return parts.joined(separator: "; ")
    }

    static func random(using random: inout SplitMix64, markup forced: Markup? = nil) -> RenderingForm {
        let markup = forced ?? random.element(of: Markup.allCases)
        let order: PartOrder = switch markup {
        case .definitionList: .nameFirst
        case .ndSoftSkin: .conditionFirst
        default: random.chance(70) ? .conditionFirst : .nameFirst
        }
        return RenderingForm(
            markup: markup,
            wrapper: markup.medium == .text || random.chance(60) ? .none
                : random.element(of: [Wrapper.noscript, .template, .iframeSrcdoc]),
            bullet: random.element(of: Bullet.allCases),
            item: ItemForm.random(using: &random, order: order, medium: markup.medium),
            itemsOnOneLine: random.chance(25),
            heavyAttributes: markup.medium == .html && random.chance(15),
            menu: random.chance(70),
            scripts: random.chance(70),
            articleList: random.chance(70),
            credit: random.chance(15) ? .absent : (random.chance(30) ? .insideBlock : .afterBlock),
            adInList: random.chance(20),
            separatorInList: random.chance(15))
    }
}

/// One page to parse, and what parsing it must give.
struct Rendering {
    var seed: UInt64
    var form: RenderingForm
    var ticker: GeneratedTicker
    var page: String
    var fileName: String

    var expectedObservations: [GeneratedTicker.ExpectedObservation] { ticker.expectedObservations() }
    var expectedRejections: [String] { ticker.expectedRejections }
    var expectsCopies: Bool { form.copy != .none }
}

// MARK: - The renderer

/// Prints a ``GeneratedTicker`` in a ``RenderingForm``, with noise around it.
struct TickerRenderer {
    var random: SplitMix64
    let form: RenderingForm
    let ticker: GeneratedTicker
    /// The stream the weather prose is written from, apart from `random`: a seed's form,
    /// ticker and page are the same with or without prose, which is only added to them.
    var proseRandom = SplitMix64(seed: 0)

    /// Mixed into a rendering's seed to seed its prose stream.
    static let proseSalt: UInt64 = 0x5052_4F53_455F_4E4F

    /// The seed of rendering `index` of a run seeded with `seed`: each rendering can be made
    /// again on its own.
    static func seed(forRendering index: Int, runSeed: UInt64) -> UInt64 {
        var mixer = SplitMix64(seed: runSeed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        return mixer.next()
    }

    /// The rendering for `seed`: the form, the ticker and the page all come from it. `prose`
    /// turns the weather prose on or off (`nil`: as the seed has it); the rest is the same.
    static func rendering(seed: UInt64, markup: Markup? = nil, prose: Bool? = nil) -> Rendering {
        var random = SplitMix64(seed: seed)
        var form = RenderingForm.random(using: &random, markup: markup)
        let isSkin = form.markup == .ndSoftSkin
        let ticker = GeneratedTicker.random(using: &random, order: form.item.order, noConditionPrintsPlaceholder: isSkin,
                                            stationIDs: isSkin && random.chance(40) ? GeneratedTicker.ndSoftStationIDs : nil)
        form.copy = randomCopy(of: ticker, form: form, using: &random)
        // A list of fewer than ten items is a ticker only with KMA's credit (issue 21: articles
        // print such lists; real tickers print 16 or 97 stations and the credit).
        // (A definition list prints no credit inside its block.)
        let printsNoCredit = form.credit == .absent || (form.credit == .insideBlock && form.markup == .definitionList)
        if ticker.items.count < TickerRecognizer.shortList, printsNoCredit { form.credit = .afterBlock }
        var proseRandom = SplitMix64(seed: seed ^ proseSalt)
        form.prose = proseRandom.chance(50)
        form.proseAbove = form.prose && proseRandom.chance(40)
        if let prose { form.prose = prose }
        form.proseAbove = form.proseAbove && form.prose
        var renderer = TickerRenderer(random: random, form: form, ticker: ticker, proseRandom: proseRandom)
        let page = form.markup.medium == .html ? renderer.htmlPage() : renderer.textPage()
        return Rendering(seed: seed, form: form, ticker: ticker, page: page,
                         fileName: form.markup.medium == .html ? "rendering.html" : "rendering.txt")
    }

    /// Most pages print one ticker; some repeat it. A repeated prefix ends with a value and
    /// holds at least two names, so that it reads as a copy and not as stray items.
    static func randomCopy(of ticker: GeneratedTicker, form: RenderingForm, using random: inout SplitMix64) -> TickerCopy {
        guard random.chance(25) else { return .none }
        switch random.int(in: 0..<3) {
        case 0:
            return .marqueeWhole
        case 1:
            let items = ticker.items
            let candidates = items.count < 4 ? [] : (3...min(8, items.count - 1)).filter { count in
                items[count - 1].printsValue && items.prefix(count).filter(\.printsName).count >= 2
            }
            guard !candidates.isEmpty else { return .marqueeWhole }
            let count = random.element(of: candidates)
            return .marqueePrefix(count)
        default:
            let choices: [Markup] = switch form.markup.medium {
            case .text: [.textCapture]
            case .html: form.item.order == .nameFirst
                ? [.unorderedList, .divSpans, .inlineSpans, .definitionList]
                : [.unorderedList, .divSpans, .inlineSpans, .imageAltList]
            }
            return .mobile(random.element(of: choices))
        }
    }

    // MARK: Pages

    static let timeHeader = "최종편집: 2025-08-18 10:40"

    mutating func htmlPage() -> String {
        var page = "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n<title>한빛일보 - 폭염 속 전국 곳곳 소나기</title>\n"
        if form.scripts { page += tickerLikeScript() + "\n" }
        page += "</head>\n<body>\n<div id=\"header\">\n"
        page += "<div class=\"top_date\"><span>\(Self.timeHeader)</span></div>\n"
        if form.menu { page += htmlMenu() + "\n" }
        if form.proseAbove { page += "<div class=\"breaking\"><a href=\"/news/articleView.html?idxno=999\">\(proseLineAbove())</a></div>\n" }
        page += "<div class=\"weather_area\">\n" + wrapped(tickerBlock(markup: form.markup, copy: form.copy)) + "\n"
        if form.credit == .afterBlock, form.markup != .ndSoftSkin { page += "<p class=\"source\">기상청 제공</p>\n" }
        page += "</div>\n</div>\n<div id=\"content\">\n" + htmlArticle()
        if form.articleList { page += htmlArticleList() + "\n" }
        page += "<ul class=\"share\"><li><a href=\"#\">해당된 기사를 공유합니다</a></li></ul>\n"
        if form.scripts { page += "<script>document.write('<li>비북강릉29.0℃</li>'); var w = {\"108\": \"맑음서울 1.0℃\"};</script>\n" }
        page += "</div>\n"
        if case .mobile(let markup) = form.copy {
            page += "<div class=\"m_weather\">\n" + tickerBlock(markup: markup, copy: .none) + "\n</div>\n"
        }
        page += "<div id=\"footer\"><p>Copyright © 한빛일보. All rights reserved. 무단 전재 및 재배포 금지</p></div>\n</body>\n</html>\n"
        return page
    }

    mutating func textPage() -> String {
        var lines: [String] = []
        if form.menu { lines += textMenu() }
        lines += [Self.timeHeader, ""]
        if form.proseAbove { lines += [proseLineAbove(), ""] }
        lines.append(tickerBlock(markup: .textCapture, copy: form.copy))
        if form.credit == .afterBlock { lines.append("기상청 제공") }
        lines += ["  • 해당된 기사를 공유합니다", "", "폭염 속 전국 곳곳 소나기", "",
                  "18일 서울의 낮 최고기온은 33도, 대구는 35.2℃까지 오르겠다. 기상청은 "
                  + "\"당분간 무더위가 이어지겠다\"고 밝혔다.", ""]
        for paragraph in proseParagraphs(medium: .text) { lines += [paragraph, ""] }
        if form.articleList { lines += ["많이 본 뉴스"] + articleHeadlines().map { form.bullet.rawValue + $0 } + [""] }
        if case .mobile = form.copy {
            lines += ["모바일 날씨", tickerBlock(markup: .textCapture, copy: .none), ""]
        }
        lines.append("Copyright © 한빛일보. 무단 전재 및 재배포 금지")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Noise

    func htmlMenu() -> String {
        let sections = ["전체기사", "정치", "경제", "사회", "국제", "문화", "스포츠", "오피니언", "날씨"]
        return "<ul class=\"gnb\">" + sections.enumerated().map { "<li><a href=\"/news/section\($0.offset)\">\($0.element)</a></li>" }.joined() + "</ul>"
    }

    func textMenu() -> [String] {
        ["홈 | 전체기사 | 정치 | 경제 | 사회 | 국제 | 스포츠 | 날씨", ""]
    }

    /// A script holding strings shaped like ticker items, which are no ticker.
    mutating func tickerLikeScript() -> String {
        let samples = (0..<3).map { _ -> String in
            let station = random.element(of: StationRegistry.asos.stations)
            let word = random.element(of: GeneratedTicker.conditionWords)
            return "\"\(word)\(station.nameKorean)\(random.int(in: 0...35)).\(random.int(in: 0...9))℃\""
        }
        return "<script>window.weatherCache = [\(samples.joined(separator: ", "))]; /* 흐림속초27.8℃ */</script>"
    }

    mutating func htmlArticle() -> String {
        "<h1>폭염 속 전국 곳곳 소나기</h1>\n<p>18일 서울의 낮 최고기온은 33도, 대구는 35.2℃까지 오르겠다. "
            + "기상청은 \"당분간 무더위가 이어지겠다\"고 밝혔다.</p>\n"
            + proseParagraphs(medium: .html).map { $0 + "\n" }.joined()
    }

    /// One to four paragraphs of weather prose of random forms when the form asks for prose.
    mutating func proseParagraphs(medium: Medium) -> [String] {
        guard form.prose else { return [] }
        return (0..<proseRandom.int(in: 1...4)).map { _ in WeatherProse.paragraph(using: &proseRandom, medium: medium) }
    }

    /// A headline, or a sentence of a one-line form, for above the ticker.
    mutating func proseLineAbove() -> String {
        proseRandom.chance(60)
            ? WeatherProse.headline(using: &proseRandom)
            : WeatherProse.paragraph(proseRandom.element(of: WeatherProse.oneLineForms), using: &proseRandom, medium: .text)
    }

    /// Headlines with station names and values: `1. 서울 29.3℃ 폭염특보`.
    mutating func articleHeadlines() -> [String] {
        let endings = ["폭염특보", "올여름 최고", "열대야 계속", "한파주의보 발령", "체감온도 뚝"]
        return (1...random.int(in: 3...6)).map { number in
            let station = random.element(of: StationRegistry.asos.stations)
            let value = "\(random.int(in: 0...38)).\(random.int(in: 0...9))℃"
            let headline = "\(station.nameKorean) \(value) \(random.element(of: endings))"
            return random.chance(70) ? "\(number). \(headline)" : "[날씨] \(headline)"
        }
    }

    mutating func htmlArticleList() -> String {
        let bulleted = random.chance(50)
        return "<h3>많이 본 뉴스</h3>\n<ul class=\"rank_list\">\n"
            + articleHeadlines().enumerated().map { index, headline in
                "<li><a href=\"/news/articleView.html?idxno=\(1000 + index)\">\(bulleted ? "· " : "")\(headline)</a></li>"
            }.joined(separator: "\n") + "\n</ul>"
    }

    // MARK: The ticker block and its wrappers

    /// What a ticker's container holds, in order.
    enum Entry {
        case item(RenderedItem)
        case ad
        case separator
        case credit
    }

    /// The ticker's entries (items, with an ad, a `|` or the credit where the form has them),
    /// followed by a marquee's repeat, printed by the markup's function.
    mutating func tickerBlock(markup: Markup, copy: TickerCopy) -> String {
        let rendered = ticker.items.map { renderItem($0, medium: markup.medium) }
        var entries = rendered.map(Entry.item)
        if form.adInList, markup != .definitionList {
            entries.insert(.ad, at: random.int(in: 1..<entries.count))
        }
        if form.separatorInList, markup != .definitionList, markup != .inlineLinks {
            entries.insert(.separator, at: random.int(in: 1..<entries.count))
        }
        switch copy {
        case .marqueeWhole: entries += entries
        case .marqueePrefix(let count): entries += rendered.prefix(count).map(Entry.item)
        case .none, .mobile: break
        }
        if form.credit == .insideBlock, markup != .definitionList, markup != .ndSoftSkin { entries.append(.credit) }
        switch markup {
        case .textCapture: return textCapture(entries)
        case .unorderedList: return unorderedList(entries)
        case .divSpans: return divSpans(entries)
        case .definitionList: return definitionList(entries)
        case .tableRowPerItem: return tableRowPerItem(entries)
        case .tableGrid: return tableGrid(entries)
        case .imageAltList: return imageAltList(entries)
        case .inlineSpans: return inlineSpans(entries)
        case .inlineLinks: return inlineLinks(entries)
        case .ndSoftSkin: return ndSoftSkin(entries)
        }
    }

    /// The block in `<noscript>`, `<template>` or an `<iframe srcdoc>` (escaped), or as it is.
    func wrapped(_ block: String) -> String {
        switch form.wrapper {
        case .none: return block
        case .noscript: return "<noscript>\n\(block)\n</noscript>"
        case .template: return "<template id=\"weather-tpl\">\n\(block)\n</template>"
        case .iframeSrcdoc:
            let escaped = block.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            return "<iframe title=\"날씨\" width=\"100%\" height=\"30\" srcdoc=\"<!DOCTYPE html><html><body>\(escaped)</body></html>\"></iframe>"
        }
    }

    /// Between items: a newline, or nothing when the form puts them on one line.
    var itemBreak: String { form.itemsOnOneLine ? "" : "\n" }

    /// ~300 bytes of attributes when the form asks for heavy markup (they once made the
    /// partial-read shortcut lose items), else a short class or nothing.
    mutating func attributes(_ className: String) -> String {
        guard form.heavyAttributes else { return className.isEmpty ? "" : " class=\"\(className)\"" }
        let id = random.int(in: 100_000...999_999)
        return " class=\"\(className) swiper-slide is-visible js-track\" id=\"w\(id)\""
            + " data-analytics=\"{&quot;category&quot;:&quot;header&quot;,&quot;action&quot;:&quot;weather&quot;,&quot;label&quot;:&quot;\(id)&quot;}\""
            + " style=\"display:inline-block;margin:0 4px 0 0;padding:0 2px;color:#333;font-size:13px;line-height:20px;vertical-align:middle;white-space:nowrap\""
            + " data-swiper-slide-index=\"\(id % 97)\" aria-hidden=\"false\" role=\"listitem\" tabindex=\"-1\""
    }

    // MARK: Markups (one function each)

    /// `  • 흐림속초27.8℃`, `- 흐림속초27.8℃` or bare lines.
    func textCapture(_ entries: [Entry]) -> String {
        entries.map { entry -> String in
            switch entry {
            case .item(let item): return form.bullet.rawValue + item.joined
            case .ad: return form.bullet.rawValue + "광고"
            case .separator: return form.bullet.rawValue + "|"
            case .credit: return "기상청 제공"
            }
        }.joined(separator: "\n")
    }

    /// `<ul><li>맑음서울 29.3℃</li>…</ul>`
    mutating func unorderedList(_ entries: [Entry]) -> String {
        var html = "<ul\(attributes("weather_list"))>" + itemBreak
        for entry in entries {
            switch entry {
            case .item(let item): html += "<li\(attributes("item"))>\(item.joined)</li>"
            case .ad: html += "<li\(attributes("ad"))>\(Self.adLink)</li>"
            case .separator: html += "<li class=\"bar\">|</li>"
            case .credit: html += "<li class=\"credit\"><a href=\"https://www.weather.go.kr\">기상청 제공</a></li>"
            }
            html += itemBreak
        }
        return html + "</ul>"
    }

    /// `<div><div><span>맑음</span><span>서울</span><span>29.3℃</span></div>…</div>`
    mutating func divSpans(_ entries: [Entry]) -> String {
        var html = "<div\(attributes("weather_box"))>" + itemBreak
        for entry in entries {
            switch entry {
            case .item(let item):
                let inner = item.joined { part in "<span\(attributes("w_" + part.kind.rawValue))>\(part.markup)</span>" }
                html += "<div\(attributes("w_item"))>\(inner)</div>"
            case .ad: html += "<div\(attributes("w_item ad"))>\(Self.adLink)</div>"
            case .separator: html += "<span class=\"bar\">|</span>"
            case .credit: html += "<div class=\"w_credit\">기상청 제공</div>"
            }
            html += itemBreak
        }
        return html + "</div>"
    }

    /// `<dl><dt>서울</dt><dd>맑음 29.3℃</dd>…</dl>`; a nameless item has an empty `<dt>`.
    mutating func definitionList(_ entries: [Entry]) -> String {
        var html = "<dl\(attributes("weather"))>" + itemBreak
        for case .item(let item) in entries {
            let name = item.part(.name)?.markup ?? ""
            let rest = item.joined(without: .name)
            html += "<dt\(attributes("area"))>\(name)</dt><dd\(attributes("info"))>\(rest)</dd>" + itemBreak
        }
        return html + "</dl>"
    }

    /// One row per item, one cell per part in the item's order; a missing part is an empty cell.
    mutating func tableRowPerItem(_ entries: [Entry]) -> String {
        let kinds: [RenderedItem.PartKind] = form.item.order == .conditionFirst
            ? [.condition, .name, .value] : [.name, .condition, .value]
        var html = "<table\(attributes("weather_table"))><tbody>" + itemBreak
        for entry in entries {
            switch entry {
            case .item(let item):
                var row = "<tr\(attributes("row"))>"
                for kind in kinds { row += "<td\(attributes("c_" + kind.rawValue))>\(item.part(kind)?.markup ?? "")</td>" }
                html += row + "</tr>"
            case .ad: html += "<tr><td colspan=\"3\">\(Self.adLink)</td></tr>"
            case .separator: html += "<tr><td colspan=\"3\">|</td></tr>"
            case .credit: html += "<tr><td colspan=\"3\">기상청 제공</td></tr>"
            }
            html += itemBreak
        }
        return html + "</tbody></table>"
    }

    /// Several items per row, one item per cell.
    mutating func tableGrid(_ entries: [Entry]) -> String {
        let perRow = random.int(in: 2...6)
        let padsLastRow = random.chance(50)
        var html = "<table\(attributes("weather_grid"))>" + itemBreak
        var start = 0
        while start < entries.count {
            let row = entries[start..<min(start + perRow, entries.count)]
            var cells = row.map { entry -> String in
                switch entry {
                case .item(let item): return "<td>\(item.joined)</td>"
                case .ad: return "<td>\(Self.adLink)</td>"
                case .separator: return "<td>|</td>"
                case .credit: return "<td>기상청 제공</td>"
                }
            }
            if padsLastRow { cells += Array(repeating: "<td></td>", count: perRow - row.count) }
            html += "<tr\(attributes("row"))>" + cells.joined() + "</tr>" + itemBreak
            start += perRow
        }
        return html + "</table>"
    }

    /// `<li><img src="…" alt="맑음">서울 29.3℃</li>`: the condition only in the image's alt text.
    mutating func imageAltList(_ entries: [Entry]) -> String {
        var html = "<ul\(attributes("weather"))>" + itemBreak
        for entry in entries {
            switch entry {
            case .item(let item):
                let inner = item.joined { part in
                    part.kind == .condition
                        ? "<img src=\"/img/w/\(Self.iconNumber(part.plain)).png\" alt=\"\(part.plain)\"\(attributes("icon"))>"
                        : "<span\(attributes("w_" + part.kind.rawValue))>\(part.markup)</span>"
                }
                html += "<li\(attributes("item"))><a href=\"/weather\">\(inner)</a></li>"
            case .ad: html += "<li><a href=\"https://ad.example.com/click?id=42\"><img src=\"/ad.png\" alt=\"광고\"></a></li>"
            case .separator: html += "<li class=\"bar\">|</li>"
            case .credit: html += "<li class=\"credit\">기상청 제공</li>"
            }
            html += itemBreak
        }
        return html + "</ul>"
    }

    /// One line: `<p><span>맑음서울 29.3℃</span> <span>…</span></p>`.
    mutating func inlineSpans(_ entries: [Entry]) -> String {
        let separator = random.element(of: ["", " ", "&nbsp;&nbsp;", "  "])
        let spans = entries.map { entry -> String in
            switch entry {
            case .item(let item): return "<span\(attributes("w"))>\(item.joined)</span>"
            case .ad: return "<span class=\"ad\">\(Self.adLink)</span>"
            case .separator: return "<span class=\"bar\">|</span>"
            case .credit: return "<span class=\"credit\">기상청 제공</span>"
            }
        }
        return "<p\(attributes("weather_line"))>" + spans.joined(separator: separator) + "</p>"
    }

    /// One line of links: `<a href="…">맑음서울 29.3℃</a> | <a …>…</a>`.
    mutating func inlineLinks(_ entries: [Entry]) -> String {
        var links: [String] = []
        for entry in entries {
            switch entry {
            case .item(let item):
                links.append("<a href=\"/weather?stn=\(random.int(in: 1...999))\"\(attributes("w"))>\(item.joined)</a>")
            case .ad: links.append(Self.adLink)
            case .separator: links.append("|")
            case .credit: links.append("<a href=\"https://www.weather.go.kr\">기상청 제공</a>")
            }
        }
        return "<div\(attributes("weather_links"))>" + links.joined(separator: " | ") + "</div>"
    }

    /// The ND Soft skin: `<li class="icon_w"><span class="iw08">비</span>서울 8.2℃</li>`, with
    /// `<span class="iw00">-</span>` for no condition, a slider script and its own credit link.
    mutating func ndSoftSkin(_ entries: [Entry]) -> String {
        var html = "<div class=\"weather_wrap\">\n<ul class=\"weather_slide\">" + itemBreak
        for entry in entries {
            switch entry {
            case .item(let item):
                let inner = item.joined { part in
                    part.kind == .condition ? "<span class=\"iw\(Self.iconNumber(part.plain))\">\(part.markup)</span>" : part.markup
                }
                html += "<li\(attributes("icon_w"))>\(inner)</li>"
            case .ad: html += "<li class=\"icon_w\">\(Self.adLink)</li>"
            case .separator: html += "<li class=\"bar\">|</li>"
            case .credit: break
            }
            html += itemBreak
        }
        html += "</ul>\n<script>$('.weather_slide').bxSlider({mode: 'vertical', auto: true, pager: false});</script>\n"
        if form.credit != .absent { html += "<a href=\"https://www.weather.go.kr\" target=\"_blank\" class=\"wc\">기상청 제공</a>\n" }
        return html + "</div>"
    }

    /// KMA's icon numbers as the ND Soft skin prints them in `iwNN` (`00` for no condition).
    static func iconNumber(_ condition: String) -> String {
        ["맑음": "01", "구름조금": "02", "구름많음": "03", "흐림": "04", "비": "08", "눈": "11", "연무": "18",
         "-": "00"][condition] ?? "05"
    }

    // MARK: Item forms (one function each)

    /// An item's parts in print order, with the gap printed between each two.
    struct RenderedItem {
        enum PartKind: String { case condition, name, value }
        struct Part {
            var kind: PartKind
            /// As printed in the medium (entities, invisibles, full-width digits).
            var markup: String
            /// The plain text (a condition word for `alt` and `iwNN`).
            var plain: String
        }
        var parts: [Part]
        /// `parts.count - 1` gaps.
        var gaps: [String]

        var joined: String { joined(without: nil) }

        func joined(without skipped: PartKind?) -> String {
            let kept = parts.indices.filter { parts[$0].kind != skipped }
            var text = ""
            for (position, index) in kept.enumerated() {
                // The gap before a part is the one the item printed right before it.
                if position > 0 { text += gaps[index - 1] }
                text += parts[index].markup
            }
            return text
        }

        func part(_ kind: PartKind) -> Part? { parts.first { $0.kind == kind } }

        /// The parts, each as `render` marks it up, with the item's own gaps between them.
        func joined(_ render: (Part) -> String) -> String {
            var text = ""
            for (index, part) in parts.enumerated() {
                if index > 0 { text += gaps[index - 1] }
                text += render(part)
            }
            return text
        }
    }

    /// The ad every markup prints inside its ticker (a link whose text is `광고`).
    static let adLink = "<a href=\"https://ad.example.com/click?id=42\">광고</a>"

    mutating func renderItem(_ item: GeneratedTicker.Item, medium: Medium) -> RenderedItem {
        let condition = conditionPart(item, medium: medium)
        let name = item.printedName.map { RenderedItem.Part(kind: .name, markup: decorated($0, medium: medium), plain: $0) }
        let value = valuePart(item, medium: medium)
        let parts = switch form.item.order {
        case .conditionFirst: conditionFirstItem(condition: condition, name: name, value: value)
        case .nameFirst: nameFirstItem(name: name, condition: condition, value: value)
        }
        var gaps: [String] = []
        for index in parts.indices.dropFirst() {
            // `-` before the name: no gap in the ND Soft skin, any elsewhere.
            let afterPlaceholder = parts[index - 1].plain == ConditionVocabulary.noObservation
            gaps.append(afterPlaceholder && form.markup == .ndSoftSkin ? "" : gap(medium: medium))
        }
        return RenderedItem(parts: parts, gaps: gaps)
    }

    /// `흐림속초27.8℃`: condition, name, value.
    func conditionFirstItem(condition: RenderedItem.Part?, name: RenderedItem.Part?, value: RenderedItem.Part?) -> [RenderedItem.Part] {
        [condition, name, value].compactMap { $0 }
    }

    /// `서울 맑음 29.3℃`: name, condition, value.
    func nameFirstItem(name: RenderedItem.Part?, condition: RenderedItem.Part?, value: RenderedItem.Part?) -> [RenderedItem.Part] {
        [name, condition, value].compactMap { $0 }
    }

    // MARK: Parts

    mutating func conditionPart(_ item: GeneratedTicker.Item, medium: Medium) -> RenderedItem.Part? {
        if ticker.printsPlaceholder(item) {
            return RenderedItem.Part(kind: .condition, markup: ConditionVocabulary.noObservation, plain: ConditionVocabulary.noObservation)
        }
        guard case .word(let word) = item.condition else { return nil }
        return RenderedItem.Part(kind: .condition, markup: item.unreadable == nil ? decorated(word, medium: medium) : word, plain: word)
    }

    mutating func valuePart(_ item: GeneratedTicker.Item, medium: Medium) -> RenderedItem.Part? {
        let unit = random.element(of: form.item.units)
        let text: String
        if let unreadable = item.unreadable {
            text = unreadableValue(unreadable, unit: unit)
        } else {
            switch item.temperature {
            case .tenths(let tenths): text = temperatureValue(tenths: tenths, unit: unit, medium: medium)
            case .missing(let form): guard let printed = missingValue(form, unit: unit) else { return nil }
                text = printed
            }
        }
        return RenderedItem.Part(kind: .value, markup: text, plain: text)
    }

    /// `27.8℃`, `-1.2 °C`, `－３.５˚C`, `영하 3.2도`, with invisibles inside the number.
    mutating func temperatureValue(tenths: Int, unit: TemperatureUnit, medium: Medium) -> String {
        var digits = "\(abs(tenths) / 10).\(abs(tenths) % 10)"
        if random.chance(form.item.fullWidthDigitsPercent) { digits = Self.fullWidth(digits) }
        let spaceBeforeUnit = random.chance(form.item.spaceBeforeUnitPercent) ? " " : ""
        if tenths < 0, unit == .korean, random.chance(form.item.yeonghaPercent) {
            return "영하" + (random.chance(50) ? " " : "") + decorated(digits, medium: medium) + spaceBeforeUnit + unit.rawValue
        }
        let sign = tenths < 0 ? random.element(of: form.item.signs) : ""
        return decorated(sign + digits, medium: medium) + spaceBeforeUnit + unit.rawValue
    }

    /// Nothing, `℃`, `-℃` or `--℃`. A bare `도` would read as part of a name (`맑음백령도`),
    /// so that unit prints `℃` when the number is missing.
    func missingValue(_ missing: GeneratedTicker.MissingTemperature, unit: TemperatureUnit) -> String? {
        let printed = unit == .korean ? TemperatureUnit.celsiusSign.rawValue : unit.rawValue
        switch missing {
        case .nothing: return nil
        case .bareUnit: return printed
        case .dashUnit: return "-" + printed
        case .doubleDashUnit: return "--" + printed
        }
    }

    /// `84.7℉` or `3O.3℃`, printed plainly so that its text is found in the rejected item.
    func unreadableValue(_ unreadable: GeneratedTicker.Unreadable, unit: TemperatureUnit) -> String {
        switch unreadable {
        case .fahrenheit: return unreadable.distinctive
        case .letterInNumber(let number): return number + unit.rawValue
        }
    }

    static func fullWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar {
            case "0"..."9": return Unicode.Scalar(scalar.value - 0x30 + 0xFF10)!
            case ".": return "\u{FF0E}"
            default: return scalar
            }
        }))
    }

    /// `text` with zero-width spaces, soft hyphens or `<wbr>` between some of its characters.
    mutating func decorated(_ text: String, medium: Medium) -> String {
        guard form.item.invisiblesPercent > 0, text.count > 1 else { return text }
        var result = ""
        for (index, character) in text.enumerated() {
            if index > 0, character != " ", result.last != " ", random.chance(form.item.invisiblesPercent) {
                result += random.element(of: form.item.invisibles)
            }
            result.append(character)
        }
        return result
    }

    /// The space between two parts of an item: none, spaces, a no-break or thin space, a
    /// newline with indentation (HTML source), or `<br>`.
    mutating func gap(medium: Medium) -> String {
        if random.chance(form.item.lineBreakPercent) { return "<br>" }
        if !form.item.wideSpaces.isEmpty, random.chance(30) { return random.element(of: form.item.wideSpaces) }
        switch form.item.spacing {
        case .tight: return ""
        case .single: return " "
        case .any:
            let choices = medium == .html ? ["", " ", "  ", "\n    "] : ["", " ", "  "]
            return random.element(of: choices)
        }
    }
}

/// Plain (non-generic) draws: the standard library's generic `random(in:using:)` is slow in
/// debug builds, where the tests run.
extension SplitMix64 {
    /// True `percent` times in a hundred.
    mutating func chance(_ percent: Int) -> Bool {
        percent > 0 && Int(next() % 100) < percent
    }

    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func int(in range: Range<Int>) -> Int { int(in: range.lowerBound...(range.upperBound - 1)) }

    mutating func element<T>(of array: [T]) -> T { array[int(in: 0..<array.count)] }

        /// Fisher–Yates.
    mutating func shuffled<T>(_ array: [T]) -> [T] {
        var result = array
        for index in result.indices.dropLast() { result.swapAt(index, int(in: index...(result.count - 1))) }
        return result
    }
}
