// Issue 10, item 4: random tickers printed in every markup and item form, with noise around
// them, read back exactly, or with every unreadable item reported.
//
// For each rendering, `TickerParser(registry: .asos, readsRegions: true)` and `(readsRegions: false)` must both
// return the generated ticker's observations (station, source, condition, °C, in order), its
// unreadable item in `rejectedItems`, `extraCopies >= 1` exactly when the page repeats the
// ticker, and the same page as each other.
//
// Half the renderings also carry weather prose (``WeatherProse``: `대전 -4.2도, 청주 -5도 등이다`,
// `▲ 강릉 : [흐림, 구름많음] (3∼12)`, a city widget…) in the article after the ticker and its
// credit, and some a headline-like prose line above the ticker; none of it may be read. The
// prose comes from its own random stream, so a seed's page is the same with or without it
// (`TickerRenderer.rendering(seed:prose: false)` makes it without).
//
// Environment (see `dev/fuzz/fuzz-renderings`):
// - `KMATICKER_RENDERINGS`: how many renderings (default 300).
// - `KMATICKER_RENDERING_SEED`: the run's seed, decimal or `0x…` (default below).
// - `KMATICKER_RENDERING_ONLY`: run only rendering number N of the run (to reproduce one).
// - `KMATICKER_RENDERING_FAILURES`: a folder to write each failing page and its expectation to.
//
// (Above the imports, so that Swift Testing does not repeat this under every issue it records.)

import Foundation
import Testing
@testable import KMATickerModel
@testable import KMATickerParsing

@Suite struct TickerRenderingPropertyTests {
    static let defaultRenderings = 300
    static let defaultSeed: UInt64 = 0x4B4D_4154_2025_0818
    static let renderingsPerMarkup = 8

    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    static var renderingCount: Int { environment["KMATICKER_RENDERINGS"].flatMap { Int($0) } ?? defaultRenderings }
    static var runSeed: UInt64 { environment["KMATICKER_RENDERING_SEED"].flatMap(parseSeed) ?? defaultSeed }
    static var onlyRendering: Int? { environment["KMATICKER_RENDERING_ONLY"].flatMap { Int($0) } }
    static var failureFolder: String? { environment["KMATICKER_RENDERING_FAILURES"].flatMap { $0.isEmpty ? nil : $0 } }

    static func parseSeed(_ text: String) -> UInt64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        if trimmed.lowercased().hasPrefix("0x") { return UInt64(trimmed.dropFirst(2), radix: 16) }
        return UInt64(trimmed)
    }

    // MARK: The property

    @Test func renderingsParseBackOrReportEveryItem() async {
        let indices = Self.onlyRendering.map { [$0] } ?? Array(0..<Self.renderingCount)
        let runSeed = Self.runSeed
        // One worker per processor, each with its own parsers (a parser is not shareable).
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, indices.count))
        let (failures, withProse) = await withTaskGroup(of: ([Failure], Int).self) { group in
            for worker in 0..<workers {
                let share = stride(from: worker, to: indices.count, by: workers).map { indices[$0] }
                group.addTask {
                    let readers = Readers()
                    var withProse = 0
                    let failures = share.compactMap { index -> Failure? in
                        let rendering = TickerRenderer.rendering(seed: TickerRenderer.seed(forRendering: index, runSeed: runSeed))
                        if rendering.form.prose { withProse += 1 }
                        let problems = Self.problems(reading: rendering, with: readers)
                        return problems.isEmpty ? nil : Failure(index: index, runSeed: runSeed, rendering: rendering, problems: problems)
                    }
                    return (failures, withProse)
                }
            }
            var all: [Failure] = []
            var withProse = 0
            for await part in group {
                all += part.0
                withProse += part.1
            }
            return (all.sorted { $0.index < $1.index }, withProse)
        }
        Self.report(failures, of: indices.count, label: "renderings", runSeed: runSeed, withProse: withProse)
    }

    /// A few renderings of each markup, so that a form that fails shows under its own name.
    @Test(arguments: Markup.allCases)
    func eachMarkupParsesBack(_ markup: Markup) {
        let runSeed = Self.defaultSeed &+ UInt64(Markup.allCases.firstIndex(of: markup)! + 1) << 32
        var failures: [Failure] = []
        let readers = Readers()
        for index in 0..<Self.renderingsPerMarkup {
            let seed = TickerRenderer.seed(forRendering: index, runSeed: runSeed)
            let rendering = TickerRenderer.rendering(seed: seed, markup: markup)
            let problems = Self.problems(reading: rendering, with: readers)
            if !problems.isEmpty { failures.append(Failure(index: index, runSeed: runSeed, rendering: rendering, problems: problems, markup: markup)) }
        }
        Self.report(failures, of: Self.renderingsPerMarkup, label: "\(markup.rawValue) renderings", runSeed: runSeed, writesFiles: false)
    }

    // MARK: The generator itself (independent of the parser)

    @Test func generatedTickersKeepTheRulesThatMakeThemUnambiguous() {
        var random = SplitMix64(seed: 0x5EED)
        for round in 0..<1000 {
            let ticker = GeneratedTicker.random(using: &random, order: round % 2 == 0 ? .conditionFirst : .nameFirst,
                                                noConditionPrintsPlaceholder: round % 3 == 0)
            let violations = ticker.ruleViolations()
            #expect(violations.isEmpty, "ticker \(round): \(violations)")
            #expect(ticker.expectedObservations().count + ticker.expectedRejections.count == ticker.items.count)
            if !violations.isEmpty { break }
        }
    }

    @Test func expectedStationsOfNamelessItemsFollowTheRegistry() throws {
        let registry = StationRegistry.asos
        func item(_ id: Int, named: Bool) throws -> GeneratedTicker.Item {
            let station = try #require(registry.station(id: id))
            return GeneratedTicker.Item(station: station, condition: .word("맑음"), printedName: named ? station.nameKorean : nil,
                                        temperature: .tenths(10), unreadable: nil)
        }
        func sources(_ items: [GeneratedTicker.Item]) -> [String] {
            GeneratedTicker(order: .conditionFirst, noConditionPrintsPlaceholder: false, items: items)
                .expectedObservations().map { "\($0.stationID.map(String.init) ?? "nil")/\($0.source.rawValue)" }
        }
        // 93 between 90 and 95: the one station between.
        #expect(try sources([item(90, named: true), item(93, named: false), item(95, named: true)])
                == ["90/ticker", "93/inferred", "95/ticker"])
        // First item, before 93: the registry's start stands in; 90 is the one station below 93.
        #expect(try sources([item(90, named: false), item(93, named: true), item(95, named: true)])
                == ["90/inferred", "93/ticker", "95/ticker"])
        // Last item after 295: 296 is the one station above.
        #expect(try sources([item(294, named: true), item(295, named: true), item(296, named: false)])
                == ["294/ticker", "295/ticker", "296/inferred"])
        // Two stations between 90 and 95 (93 and… no: 90 < 93 < 95 only); 90 and 98: 93, 95.
        #expect(try sources([item(90, named: true), item(93, named: false), item(98, named: true)])
                == ["90/ticker", "nil/unresolved", "98/ticker"])
        // A nameless neighbour: unresolved, whatever the gap.
        #expect(try sources([item(90, named: false), item(93, named: false), item(95, named: true)])
                == ["nil/unresolved", "nil/unresolved", "95/ticker"])
    }

    @Test func renderingsAreDeterministicAndCoverEveryForm() {
        var markups = Set<String>(), wrappers = Set<String>(), units = Set<String>(), signs = Set<String>()
        var copies = Set<String>(), bullets = Set<String>(), orders = Set<String>()
        var unreadable = 0, nameless = 0, missing = Set<String>(), fullWidth = 0, yeongha = 0, heavy = 0
        var prose = 0, proseAbove = 0
        for index in 0..<300 {
            let seed = TickerRenderer.seed(forRendering: index, runSeed: 1)
            let rendering = TickerRenderer.rendering(seed: seed)
            if index < 20 { #expect(TickerRenderer.rendering(seed: seed).page == rendering.page) }
            let form = rendering.form
            markups.insert(form.markup.rawValue)
            if form.markup.medium == .html { wrappers.insert(form.wrapper.rawValue) } else { bullets.insert(form.bullet.rawValue) }
            orders.insert(form.item.order.rawValue)
            form.item.units.forEach { units.insert($0.rawValue) }
            form.item.signs.forEach { signs.insert($0) }
            switch form.copy {
            case .none: copies.insert("none")
            case .marqueeWhole: copies.insert("whole")
            case .marqueePrefix: copies.insert("prefix")
            case .mobile: copies.insert("mobile")
            }
            unreadable += rendering.ticker.expectedRejections.count
            nameless += rendering.ticker.items.filter { !$0.printsName }.count
            for item in rendering.ticker.items { if case .missing(let form) = item.temperature { missing.insert(form.rawValue) } }
            if rendering.page.contains("\u{FF13}") || rendering.page.contains("\u{FF11}") { fullWidth += 1 }
            if rendering.page.contains("영하") { yeongha += 1 }
            if form.heavyAttributes { heavy += 1 }
            if form.prose { prose += 1 }
            if form.proseAbove { proseAbove += 1 }
        }
        #expect(markups.count == Markup.allCases.count)
        #expect(wrappers.count == Wrapper.allCases.count)
        #expect(units.count == TemperatureUnit.allCases.count)
        #expect(signs.count == 4)
        #expect(copies.count == 4)
        #expect(bullets.count == Bullet.allCases.count)
        #expect(orders.count == 2)
        #expect(missing.count == GeneratedTicker.MissingTemperature.allCases.count)
        #expect(unreadable > 0 && nameless > 0 && fullWidth > 0 && yeongha > 0 && heavy > 0)
        #expect(prose > 100 && prose < 200 && proseAbove > 20)
    }

    /// The prose only adds lines: without it, a seed prints the same page less those lines, so
    /// the expected reading is the same with and without it.
    @Test func proseOnlyAddsLinesToThePage() {
        var withProse = 0
        for index in 0..<100 {
            let seed = TickerRenderer.seed(forRendering: index, runSeed: 2)
            let rendering = TickerRenderer.rendering(seed: seed)
            let plain = TickerRenderer.rendering(seed: seed, prose: false)
            #expect(plain.ticker.expectedObservations() == rendering.ticker.expectedObservations())
            guard rendering.form.prose else {
                #expect(plain.page == rendering.page)
                continue
            }
            withProse += 1
            // The plain page's lines, in order, among the page's.
            var lines = rendering.page.split(separator: "\n", omittingEmptySubsequences: false)[...]
            for line in plain.page.split(separator: "\n", omittingEmptySubsequences: false) {
                guard let found = lines.firstIndex(of: line) else {
                    Issue.record("seed \(Self.hex(seed)): line '\(line)' of the page without prose is not in the page with it")
                    break
                }
                lines = lines[(found + 1)...]
            }
        }
        #expect(withProse > 30)
    }

    // MARK: Checking one rendering

    /// The two ways of reading a page that must agree; made once per worker (making a parser
    /// compiles its patterns and name tables).
    struct Readers {
        let regions = TickerParser(registry: .asos, readsRegions: true)
        let whole = TickerParser(registry: .asos, readsRegions: false)
    }

    /// Everything that differs from what the rendering must read back as; empty when it reads back.
    static func problems(reading rendering: Rendering, with readers: Readers) -> [Problem] {
        let bytes = Array(rendering.page.utf8)
        let regions = Result { () throws(PageError) -> TickerPage in
            try readers.regions.parse(bytes, file: rendering.fileName)
        }
        let whole = Result { () throws(PageError) -> TickerPage in
            try readers.whole.parse(bytes, file: rendering.fileName)
        }
        var problems: [Problem] = []
        for (label, result) in [("whole page", whole), ("regions", regions)] {
            switch result {
            case .failure(let error):
                problems.append(Problem(kind: "threw \(Self.caseName(of: error))", detail: "\(label): \(error)"))
            case .success(let page):
                problems += Self.problems(in: page, for: rendering).map { Problem(kind: $0.kind, detail: "\(label): \($0.detail)") }
            }
        }
        if case .success(let a) = regions, case .success(let b) = whole, a != b {
            problems.append(Problem(kind: "regions ≠ whole page", detail: Self.differences(a, b).joined(separator: "; ")))
        }
        // The same problem found by both reads is one kind; keep the first detail of each kind.
        var seen = Set<String>()
        return problems.filter { seen.insert($0.kind + "|" + $0.detail.drop { $0 != ":" }).inserted }
    }

    struct Problem {
        /// Short and without numbers, for counting (`missing observations`, `condition differs`).
        var kind: String
        var detail: String
    }

    static func problems(in page: TickerPage, for rendering: Rendering) -> [Problem] {
        var problems: [Problem] = []
        let expected = rendering.expectedObservations
        let read = page.observations.map(Self.describe)
        let wanted = expected.map(\.description)
        if read.count != wanted.count {
            let first = zip(read, wanted).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(read.count, wanted.count)
            problems.append(Problem(
                kind: read.count < wanted.count ? "missing observations" : "extra observations",
                detail: "\(read.count) observations, expected \(wanted.count); first difference at \(first): "
                    + "read \(read.dropFirst(first).prefix(3)), expected \(wanted.dropFirst(first).prefix(3))"))
        } else {
            // The first three items that differ (one missing item shifts all the rest).
            let differing = zip(page.observations, expected).enumerated().filter { describe($0.element.0) != $0.element.1.description }
            for (index, (observation, want)) in differing.prefix(3) {
                var kinds: [String] = []
                if observation.stationID != want.stationID { kinds.append("station differs") }
                if observation.stationSource != want.source { kinds.append("source differs") }
                if observation.condition != want.condition { kinds.append("condition differs") }
                if observation.temperatureC != want.temperatureC { kinds.append("temperature differs") }
                for kind in kinds {
                    problems.append(Problem(kind: kind, detail: "item \(index): read \(describe(observation)), expected \(want)"))
                }
            }
        }
        let rejections = rendering.expectedRejections
        if page.rejectedItems.count != rejections.count {
            problems.append(Problem(
                kind: page.rejectedItems.count < rejections.count ? "unreadable item not reported" : "extra rejected items",
                detail: "rejected \(page.rejectedItems.map(\.text)), expected items containing \(rejections)"))
        } else {
            for (rejected, bit) in zip(page.rejectedItems, rejections) where !rejected.text.contains(bit) {
                problems.append(Problem(kind: "rejected item text", detail: "rejected '\(rejected.text)', expected it to contain '\(bit)'"))
            }
        }
        if rendering.expectsCopies, page.extraCopies < 1 {
            problems.append(Problem(kind: "copy not counted", detail: "extraCopies \(page.extraCopies) for \(rendering.form.copy)"))
        } else if !rendering.expectsCopies, page.extraCopies != 0 {
            problems.append(Problem(kind: "copies where there are none", detail: "extraCopies \(page.extraCopies)"))
        }
        return problems
    }

    static func describe(_ observation: Observation) -> String {
        GeneratedTicker.ExpectedObservation(stationID: observation.stationID, source: observation.stationSource,
                                            condition: observation.condition, temperatureC: observation.temperatureC).description
    }

    /// `noTicker`, `malformedTicker`, …: the error's case, for counting.
    static func caseName(of error: PageError) -> String {
        if let label = Mirror(reflecting: error).children.first?.label { return label }
        switch error {
        case .empty: return "empty"
        case .blank: return "blank"
        case .binary: return "binary"
        case .noTicker: return "noTicker"
        case .noTime: return "noTime"
        default: return "\(error)"
        }
    }

    static func differences(_ a: TickerPage, _ b: TickerPage) -> [String] {
        var differences: [String] = []
        if a.observations != b.observations { differences.append("observations (\(a.observations.count) vs \(b.observations.count))") }
        if a.rejectedItems != b.rejectedItems { differences.append("rejected items (\(a.rejectedItems.count) vs \(b.rejectedItems.count))") }
        if a.extraCopies != b.extraCopies { differences.append("extraCopies (\(a.extraCopies) vs \(b.extraCopies))") }
        if a.time != b.time { differences.append("time") }
        if a.diagnostics != b.diagnostics { differences.append("diagnostics (\(a.diagnostics.count) vs \(b.diagnostics.count))") }
        if a.format != b.format || a.charset != b.charset { differences.append("format or charset") }
        return differences
    }

    // MARK: Reporting

    /// One rendering that did not read back, with what it takes to make it again.
    struct Failure {
        var index: Int
        var runSeed: UInt64
        var rendering: Rendering
        var problems: [Problem]
        var markup: Markup? = nil

        var reproduction: String {
            markup == nil
                ? "KMATICKER_RENDERING_SEED=\(hex(runSeed)) KMATICKER_RENDERING_ONLY=\(index)"
                : "TickerRenderer.rendering(seed: \(hex(rendering.seed)), markup: .\(markup!.rawValue))"
        }

        /// The same page without its weather prose, when it has some (to tell whether the prose
        /// is what fails).
        var withoutProse: String? {
            guard rendering.form.prose else { return nil }
            return markup == nil
                ? "TickerRenderer.rendering(seed: \(hex(rendering.seed)), prose: false)"
                : "TickerRenderer.rendering(seed: \(hex(rendering.seed)), markup: .\(markup!.rawValue), prose: false)"
        }

        var report: String {
            let ticker = rendering.ticker
            let page = rendering.page
            let shown = page.count > 3000 ? String(page.prefix(3000)) + "\n… (\(page.count) characters in all)" : page
            return """
            rendering \(index) (seed \(hex(rendering.seed))); reproduce: \(reproduction)\(withoutProse.map { "; without prose: " + $0 } ?? "")
            form: \(rendering.form)
            ticker: \(ticker.items.count) items, \(ticker.items.filter { !$0.printsName }.count) nameless, \
            \(ticker.expectedRejections.count) unreadable \(ticker.expectedRejections)
            problems:
            \(problems.map { "  [\($0.kind)] \($0.detail)" }.joined(separator: "\n"))
            page:
            \(shown)
            """
        }

        var expectation: String {
            """
            \(report.components(separatedBy: "\npage:\n")[0])
            expected observations (station/source/condition/°C):
            \(rendering.expectedObservations.map(\.description).joined(separator: "\n"))
            expected rejected items containing: \(rendering.expectedRejections)
            """
        }
    }

    static func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

    /// Records a summary (failures by kind and by markup) and the first few failures in full;
    /// writes every failing page to `KMATICKER_RENDERING_FAILURES` when set.
    static func report(_ failures: [Failure], of total: Int, label: String, runSeed: UInt64, writesFiles: Bool = true,
                       withProse: Int? = nil) {
        var summary = "\(total - failures.count) of \(total) \(label) read back, \(failures.count) failed (run seed \(hex(runSeed)))"
        if let withProse {
            summary += "; \(withProse) with weather prose, \(failures.filter(\.rendering.form.prose).count) of them failed"
        }
        print("TickerRenderingPropertyTests: \(summary)")
        guard !failures.isEmpty else { return }
        var byKind: [String: Int] = [:]
        var byMarkup: [String: Int] = [:]
        for failure in failures {
            for kind in Set(failure.problems.map(\.kind)) { byKind[kind, default: 0] += 1 }
            byMarkup[failure.rendering.form.markup.rawValue, default: 0] += 1
        }
        func table(_ counts: [String: Int]) -> String {
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "  \($0.value)\t\($0.key)" }.joined(separator: "\n")
        }
        let text = "\(summary)\nfailures by kind:\n\(table(byKind))\nfailures by markup:\n\(table(byMarkup))"
        print(text)
        if writesFiles, let folder = failureFolder {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for failure in failures {
                let base = "\(folder)/\(failure.index)-\(failure.rendering.form.markup.rawValue)"
                let ext = failure.rendering.form.markup.medium == .html ? "html" : "txt"
                try? failure.rendering.page.write(toFile: "\(base).\(ext)", atomically: true, encoding: .utf8)
                try? failure.expectation.write(toFile: "\(base).expected.txt", atomically: true, encoding: .utf8)
            }
            print("failing pages written to \(folder)")
        }
        Issue.record(Comment(rawValue: text))
        for failure in failures.prefix(3) { Issue.record(Comment(rawValue: failure.report)) }
    }
}
